//! The French words of the deadlines: what each date means, what it rests on, the warnings,
//! and the terminal rendering used by `recours explique`.
//!
//! Kept apart from the rules so that wording can be reviewed (and changed) by someone who
//! reads French law rather than Rust, and so that the rules are tested on typed values. Every
//! sentence goes through `typo`, which applies the house typography (reference `legal.md`
//! §5.1: U+00A0 before « : », U+202F before « ; ! ? » and inside guillemets, apostrophe ’).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::Calendar;
use super::facts::{NOTIFICATION_KEY, RecoursKind};
use super::model::{Certainty, Deadline, DeadlineKind, Deadlines, Trigger, Warning};
use crate::french::date::{date, long_date};

/// Shown with every set of dates.
pub const NOTICE: &str = "Ces dates sont des estimations calculées à partir des informations \
    de votre dossier, selon les textes et les décisions cités\u{202f}; elles ne constituent pas \
    un conseil juridique. En cas de doute, ou si une date est proche, faites-vous aider \
    (avocat, point-justice, association) et agissez avant la date conseillée.";

/// Maximum width of [`render`]'s lines, in characters.
pub const WIDTH: usize = 80;

/// House typography for a French sentence written with plain ASCII spaces and apostrophes.
pub(super) fn typo(s: &str) -> String {
    s.replace(" :", "\u{a0}:")
        .replace(" ;", "\u{202f};")
        .replace(" !", "\u{202f}!")
        .replace(" ?", "\u{202f}?")
        .replace("« ", "«\u{202f}")
        .replace(" »", "\u{202f}»")
        .replace("n° ", "n°\u{a0}")
        .replace('\'', "’")
}

// ---- Meanings and bases -------------------------------------------------------------------

pub(super) fn meaning_a() -> String {
    typo(
        "Dernier jour pour envoyer un recours gracieux ou hiérarchique qui interrompt le délai \
         pour saisir le tribunal administratif (le cachet de la poste fait foi). Un recours \
         envoyé après cette date n'interrompt rien. Il doit être rédigé en français.",
    )
}

pub(super) fn basis_a() -> String {
    typo(
        "CRPA art. L. 411-2 ; CJA art. R. 421-1 ; CE 19 sept. 2014, n° 362568 (délai franc, \
         report au premier jour ouvrable) ; CE 15 déc. 2023, n° 472836 (délai franc) ; \
         CE 30 juin 2025, n° 494573 (cachet de la poste)",
    )
}

pub(super) fn double_appeal_tip() -> String {
    typo(
        "Pour que le délai ne recommence à courir qu'après le rejet d'un recours gracieux et \
         d'un recours hiérarchique, envoyez les deux au plus tard à cette date (CRPA art. \
         L. 411-2, al. 2).",
    )
}

pub(super) fn no_distance_extension() -> String {
    typo(
        "Le délai supplémentaire accordé aux personnes qui résident à l'étranger (CJA art. \
         R. 421-7) vaut pour le tribunal, pas pour ce recours : visez cette date même depuis \
         l'étranger.",
    )
}

pub(super) fn meaning_b(kind: RecoursKind, reception: NaiveDate, past: bool) -> String {
    let then = if past {
        "aucun rejet explicite n'étant indiqué dans le dossier, le silence de l'administration \
         a valu rejet à cette date"
    } else {
        "si l'administration ne répond pas d'ici là, son silence vaudra rejet à cette date"
    };
    typo(&format!(
        "Votre {} a été reçu le {} ; {then}.",
        kind.name_fr(),
        date(reception)
    ))
}

pub(super) fn basis_b() -> String {
    typo("CRPA art. L. 231-4 ; CJA art. R. 421-2 (deux mois à compter de la réception)")
}

pub(super) fn implicit_on_any_day() -> String {
    typo(
        "Ce jour n'est pas reporté s'il tombe un samedi, un dimanche ou un jour férié : le \
         rejet implicite naît ce jour-là.",
    )
}

pub(super) fn meaning_c(trigger: Trigger, pending: bool) -> String {
    let s = match trigger {
        Trigger::Notification(n) | Trigger::Reception(_, n) => format!(
            "Dernier jour pour saisir le tribunal administratif contre la décision notifiée le \
             {} (le cachet de la poste ou l'horodatage de Télérecours citoyens fait foi).",
            date(n)
        ),
        Trigger::ExplicitRejection(kind, e) => format!(
            "Dernier jour pour saisir le tribunal administratif, le délai courant à nouveau \
             depuis le rejet de votre {} notifié le {} (le cachet de la poste ou l'horodatage \
             de Télérecours citoyens fait foi).",
            kind.name_fr(),
            date(e)
        ),
        Trigger::ImplicitRejection(kind, i) if pending => format!(
            "Si l'administration ne répond pas à votre {}, son silence vaudra rejet le {} ; \
             vous aurez alors jusqu'à cette date pour saisir le tribunal administratif.",
            kind.name_fr(),
            date(i)
        ),
        Trigger::ImplicitRejection(kind, i) => format!(
            "Votre {} a été implicitement rejeté le {} (silence de l'administration) : dernier \
             jour pour saisir le tribunal administratif.",
            kind.name_fr(),
            date(i)
        ),
        Trigger::ReasonsCommunicated(m) => format!(
            "Dernier jour pour saisir le tribunal administratif, le délai étant prorogé par \
             votre demande des motifs du rejet implicite, communiqués le {} (le cachet de la \
             poste ou l'horodatage de Télérecours citoyens fait foi).",
            date(m)
        ),
        Trigger::ReasonsRequested(e) => format!(
            "Dernier jour pour saisir le tribunal administratif, un an après votre demande des \
             motifs du rejet implicite envoyée le {}, les motifs ne vous ayant pas été \
             communiqués dans le mois.",
            date(e)
        ),
    };
    typo(&s)
}

pub(super) fn basis_c(trigger: Trigger, months: u32, double: bool) -> String {
    let mut parts = vec!["CJA art. R. 421-1"];
    let reasons = matches!(
        trigger,
        Trigger::ReasonsCommunicated(..) | Trigger::ReasonsRequested(..)
    );
    if reasons || matches!(trigger, Trigger::ImplicitRejection(..)) {
        parts.push("CJA art. R. 421-2 ; CRPA art. L. 231-4");
    }
    if reasons {
        parts.push("CRPA art. L. 232-4 ; CE, avis, 2 oct. 2025, n° 504677");
    }
    if reasons
        || matches!(
            trigger,
            Trigger::ImplicitRejection(..) | Trigger::ExplicitRejection(..)
        )
    {
        parts.push(if double {
            "CRPA art. L. 411-2, al. 2"
        } else {
            "CRPA art. L. 411-2"
        });
    }
    if months == 4 {
        parts.push("CJA art. R. 421-7 (délai de distance)");
    }
    parts.push("CE 15 déc. 2023, n° 472836 (délai franc)");
    parts.push("CE Sect. 13 mai 2024, n° 466541 (cachet de la poste)");
    typo(&parts.join(" ; "))
}

pub(super) fn abroad_four_months() -> String {
    typo(
        "Vous résidez à l'étranger : le délai est de quatre mois au lieu de deux (CJA art. \
         R. 421-7), devant un tribunal administratif qui siège en métropole.",
    )
}

pub(super) fn implicit_of_late_recours(kind: RecoursKind) -> String {
    typo(&format!(
        "Ce {} n'ayant pas interrompu le délai, son rejet implicite n'ouvre pas de nouveau \
         délai pour saisir le tribunal.",
        kind.name_fr()
    ))
}

pub(super) fn abroad_after_implicit(four_months: NaiveDate) -> String {
    typo(&format!(
        "Vous résidez à l'étranger : le délai de distance de deux mois (CJA art. R. 421-7) \
         s'applique peut-être aussi contre un rejet implicite, ce qui porterait la limite \
         {}. Ce point n'est pas tranché : retenez la date ci-dessus.",
        long_date(four_months).replacen("le ", "au ", 1)
    ))
}

pub(super) fn implicit_without_ar_notice() -> String {
    typo(
        "Si l'accusé de réception de votre recours ne mentionnait pas les voies et délais de \
         recours, ce délai ne vous est pas opposable (CRPA art. L. 112-6) et un délai \
         raisonnable d'un an s'applique (CE 18 mars 2019, n° 417270). Visez tout de même \
         cette date.",
    )
}

pub(super) fn ask_for_reasons() -> String {
    typo(
        "Vous pouvez demander les motifs de ce rejet implicite, à condition de le faire avant \
         cette date (CRPA art. L. 232-4) : ils doivent vous être communiqués dans le mois, et le \
         délai est alors prolongé jusqu'à deux mois après leur communication, sans pouvoir \
         dépasser, dans tous les cas, un an après votre demande (CE, avis, 2 oct. 2025, \
         n° 504677).",
    )
}

/// The note on the limit while a `motifs` letter is being written: what sending it in time
/// will change.
pub(super) fn reasons_letter_effect(limit: NaiveDate, one_year: NaiveDate) -> String {
    typo(&format!(
        "Si cette demande de motifs est envoyée au plus tard le {} (CRPA art. L. 232-4), le \
         délai sera prorogé jusqu'à deux mois après la communication des motifs, sans pouvoir \
         dépasser un an après la demande, soit le {} pour une demande envoyée à la date de la \
         lettre (CE, avis, 2 oct. 2025, n° 504677). Notez la date d'envoi et celle de la \
         réponse dans [demande_motifs] (envoi, communication).",
        date(limit),
        date(one_year)
    ))
}

/// What the limit means while the reasons asked for are awaited: the earliest it can be.
pub(super) fn meaning_reasons_awaited(envoi: NaiveDate) -> String {
    typo(&format!(
        "Dernier jour pour saisir le tribunal administratif au plus tôt, votre demande des \
         motifs du rejet implicite envoyée le {} prolongeant le délai (le cachet de la poste ou \
         l'horodatage de Télérecours citoyens fait foi).",
        date(envoi)
    ))
}

/// The note while the reasons asked for have not been recorded as received.
pub(super) fn reasons_awaited(envoi: NaiveDate, month: NaiveDate, one_year: NaiveDate) -> String {
    typo(&format!(
        "Motifs demandés le {} et pas encore indiqués comme reçus : s'ils vous sont \
         communiqués, le délai expire deux mois après leur communication (indiquez-en la date \
         dans demande_motifs.communication) ; s'ils ne vous sont pas communiqués d'ici le {}, \
         vous disposez d'un an à compter de votre demande, soit jusqu'au {} (CE, avis, \
         2 oct. 2025, n° 504677). La date ci-dessus est la plus proche possible : visez-la.",
        date(envoi),
        date(month),
        date(one_year)
    ))
}

/// The note when the month passed without the reasons being recorded as received.
pub(super) fn reasons_never_came(envoi: NaiveDate) -> String {
    typo(&format!(
        "Les motifs demandés le {} ne sont pas indiqués comme communiqués dans le mois : vous \
         disposez alors d'un an à compter de votre demande (CE, avis, 2 oct. 2025, n° 504677), \
         compté ici sans jour supplémentaire ni report, par prudence. S'ils vous ont été \
         communiqués, indiquez-en la date dans demande_motifs.communication : le délai \
         expirerait deux mois après.",
        date(envoi)
    ))
}

/// The note when the reasons came: two months after them, capped at one year after the
/// request.
pub(super) fn reasons_came(envoi: NaiveDate, capped: bool) -> String {
    let s = if capped {
        format!(
            "Délai prorogé par votre demande de motifs du {}, mais limité à un an après cette \
             demande (CE, avis, 2 oct. 2025, n° 504677).",
            date(envoi)
        )
    } else {
        format!(
            "Délai prorogé par votre demande de motifs du {} : il expire deux mois après leur \
             communication (CRPA art. L. 232-4), sans pouvoir dépasser un an après la demande \
             (CE, avis, 2 oct. 2025, n° 504677).",
            date(envoi)
        )
    };
    typo(&s)
}

pub(super) fn explicit_after_implicit(implicit: NaiveDate, explicit: NaiveDate) -> String {
    typo(&format!(
        "Votre recours avait été implicitement rejeté le {} ; le rejet explicite notifié le \
         {}, pendant le délai de recours, a fait courir un nouveau délai (CJA art. R. 421-2).",
        date(implicit),
        date(explicit)
    ))
}

pub(super) fn letter_will_interrupt(kind: RecoursKind, a: NaiveDate) -> String {
    typo(&format!(
        "Si vous envoyez ce {} au plus tard {}, il interrompt ce délai : un nouveau délai \
         courra à compter de son rejet (explicite, ou implicite deux mois après sa \
         réception). Gardez la preuve de l'envoi et de la réception.",
        kind.name_fr(),
        long_date(a)
    ))
}

pub(super) fn letter_double_appeal(kind: RecoursKind, a: NaiveDate) -> String {
    typo(&format!(
        "Si vous envoyez ce {} au plus tard {}, le délai ne recommencera à courir qu'après le \
         rejet de vos deux recours (CRPA art. L. 411-2, al. 2) ; la date ci-dessus ne tient pas \
         encore compte de cette lettre.",
        kind.name_fr(),
        long_date(a)
    ))
}

pub(super) fn meaning_czabaj() -> String {
    typo(
        "La décision ne mentionne pas les voies et délais de recours : le délai de deux mois \
         ne peut pas vous être opposé (CJA art. R. 421-5), mais vous ne pouvez pas saisir le \
         tribunal plus d'un an après sa notification. Agissez si possible dans les deux mois.",
    )
}

pub(super) fn basis_czabaj() -> String {
    typo("CJA art. R. 421-5 ; CE Ass. 13 juill. 2016, Czabaj, n° 387763")
}

pub(super) fn czabaj_interrupted_by_recours() -> String {
    typo(
        "Date comptée sans jour supplémentaire ni report, par prudence. Un recours gracieux ou \
         hiérarchique envoyé dans ce délai d'un an l'interrompt ; un nouveau délai court alors \
         à compter de son rejet : deux mois, ou un nouveau délai raisonnable si le rejet ne \
         mentionne pas les voies et délais (CE, avis, 12 juill. 2023, n° 474865).",
    )
}

pub(super) fn rolled_over(unrolled: NaiveDate, last: NaiveDate, cal: &Calendar) -> String {
    let why = match (unrolled.weekday(), cal.holiday(unrolled)) {
        (Weekday::Sat, _) => "un samedi".to_string(),
        (Weekday::Sun, _) => "un dimanche".to_string(),
        (_, Some(h)) => format!("un jour férié ({})", h.name_fr()),
        _ => "un jour non ouvrable".to_string(),
    };
    // Holidays skipped after the first day, so that the reader can check the count.
    let skipped: Vec<String> = unrolled
        .iter_days()
        .skip(1)
        .take_while(|d| *d < last)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .filter_map(|d| {
            cal.holiday(d)
                .map(|h| format!("{} est férié : {}", long_date(d), h.name_fr()))
        })
        .collect();
    let skipped = if skipped.is_empty() {
        String::new()
    } else {
        format!(" ({})", skipped.join(" ; "))
    };
    typo(&format!(
        "Le délai expirait normalement {} ; comme c'est {why}, il est prolongé jusqu'au \
         premier jour ouvrable suivant, {}{skipped}.",
        long_date(unrolled),
        long_date(last)
    ))
}

// ---- Warnings -----------------------------------------------------------------------------

fn action(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::RecoursAdministratif => {
            "envoyer votre recours (le cachet de la poste fait foi)"
        }
        DeadlineKind::RejetImplicite => "attendre la réponse de l'administration",
        DeadlineKind::Tribunal => "saisir le tribunal administratif",
        DeadlineKind::Czabaj => "saisir le tribunal administratif (délai d'un an)",
    }
}

/// « qu'un jour » / « que 4 jours », after « il ne reste ».
fn days(n: i64) -> String {
    if n == 1 {
        "qu'un jour".to_string()
    } else {
        format!("que {n} jours")
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match *self {
            Warning::Missing { key, .. } if key == NOTIFICATION_KEY => {
                format!(
                    "Information manquante : {key} (date à laquelle vous avez reçu la décision ; \
                     à défaut, decision.date). Sans elle, aucun délai ne peut être calculé."
                )
            }
            Warning::Missing { key, earliest, .. } => {
                let mut s = format!(
                    "Information manquante : {key} (date de réception indiquée sur l'accusé \
                     de réception). Sans elle, la date du rejet implicite et la limite pour \
                     saisir le tribunal ne peuvent pas être calculées."
                );
                if let Some(e) = earliest {
                    s.push_str(&format!(
                        " D'après la date d'envoi, le rejet implicite est né au plus tôt le {}.",
                        date(e)
                    ));
                }
                s
            }
            Warning::EnvoiUnknown { recours, deadline } => format!(
                "Information manquante : {}.envoi (date du cachet de la poste). Sans elle, on ne \
                 sait pas si votre {} a été envoyé à temps (au plus tard {}) : par prudence, \
                 on considère qu'il n'a pas interrompu le délai.",
                recours.case_key(),
                recours.name_fr(),
                long_date(deadline)
            ),
            Warning::Passed { kind, date: d } => match kind {
                DeadlineKind::Tribunal => format!(
                    "Le délai pour saisir le tribunal administratif a expiré {}. Un recours \
                     déposé maintenant serait probablement jugé tardif : faites-vous conseiller \
                     rapidement.",
                    long_date(d)
                ),
                DeadlineKind::Czabaj => format!(
                    "Le délai d'un an à compter de la notification a expiré {} : le tribunal \
                     jugerait probablement un recours tardif. Faites-vous conseiller.",
                    long_date(d)
                ),
                _ => format!("La date limite a expiré {}.", long_date(d)),
            },
            Warning::PassedNotEnforceable {
                date: d, czabaj, ..
            } => format!(
                "Le délai de deux mois a expiré {}, mais il ne vous est pas opposable car la \
                 décision ne mentionne pas les voies et délais de recours : vous pouvez encore \
                 saisir le tribunal administratif, au plus tard {}.",
                long_date(d),
                long_date(czabaj)
            ),
            Warning::Soon {
                kind,
                date: d,
                days: 0,
            } => format!(
                "Attention : c'est aujourd'hui, {}, le dernier jour pour {}.",
                long_date(d).trim_start_matches("le "),
                action(kind)
            ),
            Warning::Soon {
                kind,
                date: d,
                days: n,
            } => format!(
                "Attention : il ne reste {} pour {}, au plus tard {}.",
                days(n),
                action(kind),
                long_date(d)
            ),
            Warning::LetterTooLate {
                recours,
                deadline,
                gracieux_counts,
            } => {
                let mut s = format!(
                    "Ce {} part après {}, dernier jour pour interrompre le délai : il \
                     n'interrompra pas le délai pour saisir le tribunal administratif. Vous \
                     pouvez quand même l'envoyer, mais il ne vous donnera pas plus de temps.",
                    recours.name_fr(),
                    long_date(deadline)
                );
                if gracieux_counts && recours == RecoursKind::Hierarchique {
                    s.push_str(" Le délai court depuis le rejet de votre recours gracieux.");
                }
                s
            }
            Warning::LetterLateButCzabaj {
                recours,
                deadline,
                czabaj,
            } => format!(
                "Ce {} part après {}, mais la décision ne mentionne pas les voies et délais de \
                 recours : envoyé au plus tard {}, il devrait encore interrompre le délai d'un \
                 an (CE, avis, 12 juill. 2023, n° 474865).",
                recours.name_fr(),
                long_date(deadline),
                long_date(czabaj)
            ),
            Warning::EarlierTooLate {
                recours,
                envoi,
                deadline,
            } => format!(
                "Votre {} envoyé le {} l'a été après {}, dernier jour pour interrompre le \
                 délai : il ne l'a pas interrompu, et son rejet ne fait pas courir de nouveau \
                 délai.",
                recours.name_fr(),
                date(envoi),
                long_date(deadline)
            ),
            Warning::EarlierLateButCzabaj {
                recours, deadline, ..
            } => format!(
                "Votre {} a été envoyé après {} ; comme la décision ne mentionne pas les voies \
                 et délais, il est compté comme ayant interrompu le délai d'un an (CE, avis, \
                 12 juill. 2023, n° 474865). C'est une estimation.",
                recours.name_fr(),
                long_date(deadline)
            ),
            Warning::SecondRecours { recours } => format!(
                "Vous avez déjà envoyé un {} : un second recours de même nature ne fait pas \
                 repartir le délai (seul le premier compte). Les dates ne tiennent pas compte \
                 de cette lettre.",
                recours.name_fr()
            ),
            Warning::CommunicationStopsNothing => "Demander la communication du dossier ne \
                figure pas parmi les recours qui interrompent le délai (CRPA art. L. 411-2) et \
                nos sources n'indiquent pas qu'elle le prolonge : les délais pour contester la \
                décision continuent de courir."
                .to_string(),
            Warning::ReasonsTooLate { envoi, deadline } => format!(
                "La demande de motifs du {} vient après le dernier jour pour saisir le tribunal \
                 ({}) : elle doit être formée dans ce délai pour le prolonger (CRPA art. \
                 L. 232-4), et ne le prolonge donc pas.",
                date(envoi),
                date(deadline)
            ),
            Warning::DefenseurStopsNothing => "Saisir le Défenseur des droits n'interrompt ni \
                ne suspend aucun délai : les délais continuent de courir. Pour \
                contester la décision devant le juge, respectez-les."
                .to_string(),
            Warning::SignalementNoDeadline => "Un signalement n'est pas un recours : il \
                n'ouvre ni n'interrompt aucun délai. Si un refus vous est notifié, vous aurez \
                deux mois pour le contester."
                .to_string(),
            Warning::NoVoiesMention => "La décision ne mentionne pas les voies et délais de \
                recours : le délai de deux mois ne vous est pas opposable (CJA art. R. 421-5), \
                mais un délai d'un an s'applique (CE Ass. 13 juill. 2016, Czabaj). Par \
                prudence, agissez dans les deux mois."
                .to_string(),
            Warning::NotYetRunning { starts, tribunal } => format!(
                "Le délai pour saisir le tribunal administratif n'a pas encore commencé : si \
                 l'administration ne répond pas, il commencera avec le rejet implicite du {} \
                 et finira {}. Si un rejet explicite vous est notifié avant, le délai courra à \
                 partir de sa notification.",
                date(starts),
                long_date(tribunal)
            ),
            Warning::BeforeNotification { recours } => format!(
                "Votre {} porte une date antérieure à la notification de la décision \
                 ({NOTIFICATION_KEY}) : vérifiez ces dates.",
                recours.name_fr()
            ),
            Warning::LateExplicitRejection {
                recours,
                rejet,
                deadline,
            } => format!(
                "Le rejet explicite de votre {}, notifié le {}, est arrivé après la fin du délai \
                 ouvert par son rejet implicite ({}) : il ne rouvre probablement pas le délai. \
                 Faites-vous conseiller.",
                recours.name_fr(),
                date(rejet),
                long_date(deadline).trim_start_matches("le ")
            ),
        };
        f.write_str(&typo(&s))
    }
}

// ---- Terminal rendering -------------------------------------------------------------------

fn title(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::RecoursAdministratif => {
            "Dernier jour pour envoyer un recours gracieux ou hiérarchique"
        }
        DeadlineKind::RejetImplicite => "Rejet implicite de votre recours",
        DeadlineKind::Tribunal => "Dernier jour pour saisir le tribunal administratif",
        DeadlineKind::Czabaj => "Limite d'un an (décision sans les voies et délais de recours)",
    }
}

fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::Computed => "date calculée selon les règles citées",
        Certainty::Uncertain => "estimation : un point de droit ou un fait reste incertain",
        Certainty::NotEnforceable => {
            "date à viser, mais non opposable (décision sans les voies et délais)"
        }
    }
}

fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    // No hyphen splitting: « faites-vous » must not become « faites- / vous ».
    let opts = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, opts) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn render_one(out: &mut String, d: &Deadline, today: NaiveDate) {
    wrap_into(out, &typo(title(d.kind)), "", "");
    wrap_into(out, &long_date(d.date), "  ", "  ");
    if let Some(s) = d.starts_on {
        let text = format!(
            "Délai pas encore ouvert : il partira du rejet implicite du {}, si \
             l'administration ne répond pas d'ici là.",
            date(s)
        );
        wrap_into(out, &typo(&text), "  ", "  ");
    }
    if let Some(safe) = d.safe {
        let mut text = format!("Date conseillée : {}", long_date(safe));
        if safe < today && d.date >= today {
            text.push_str(" (déjà passée : agissez sans attendre)");
        }
        wrap_into(out, &typo(&text), "  ", "  ");
    }
    wrap_into(out, &d.meaning, "  ", "  ");
    wrap_into(out, &typo(&format!("Fondement : {}", d.basis)), "  ", "  ");
    wrap_into(
        out,
        &typo(&format!("Fiabilité : {}", certainty(d.certainty))),
        "  ",
        "  ",
    );
    for note in &d.notes {
        wrap_into(out, note, "  – ", "    ");
    }
    out.push('\n');
}

/// The deadlines as French text for a terminal, each line at most [`WIDTH`] characters: the
/// dates with their meaning, basis and safe date, then the warnings, then [`NOTICE`].
pub fn render(d: &Deadlines) -> String {
    let mut out = String::new();
    wrap_into(
        &mut out,
        &typo(&format!(
            "Délais au {} (date de la lettre)",
            date(d.letter_date)
        )),
        "",
        "",
    );
    out.push('\n');
    for deadline in d.all() {
        render_one(&mut out, deadline, d.letter_date);
    }
    if !d.warnings.is_empty() {
        out.push_str("Avertissements\n");
        for w in &d.warnings {
            wrap_into(&mut out, &w.to_string(), "  ! ", "    ");
        }
        out.push('\n');
    }
    wrap_into(&mut out, NOTICE, "", "");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn typography_follows_the_house_rules() {
        assert_eq!(
            typo("Fondement : art. 1 ; n° 42 ! « oui » l'an ?"),
            "Fondement\u{a0}: art. 1\u{202f}; n°\u{a0}42\u{202f}! «\u{202f}oui\u{202f}» l’an\u{202f}?"
        );
        // Idempotent, so text can be typeset twice without damage.
        let once = typo("a : b ; c");
        assert_eq!(typo(&once), once);
    }

    #[test]
    fn soon_says_one_day_in_the_singular() {
        let w = |days| Warning::Soon {
            kind: DeadlineKind::Tribunal,
            date: d(2026, 12, 21),
            days,
        };
        assert!(
            w(1).to_string().contains("il ne reste qu’un jour"),
            "{}",
            w(1)
        );
        assert!(
            w(4).to_string().contains("il ne reste que 4 jours"),
            "{}",
            w(4)
        );
        assert!(
            w(4).to_string()
                .contains("au plus tard le lundi 21 décembre 2026")
        );
    }

    #[test]
    fn roll_over_names_the_reason_and_the_skipped_holiday() {
        let cal = Calendar::NATIONAL;
        // Saturday 4 April 2026 → Tuesday 7 April, Easter Monday skipped.
        let s = rolled_over(d(2026, 4, 4), d(2026, 4, 7), &cal);
        assert!(s.contains("comme c’est un samedi"), "{s}");
        assert!(
            s.contains("le lundi 6 avril 2026 est férié\u{a0}: le lundi de Pâques"),
            "{s}"
        );
        // A holiday on a weekday.
        let s = rolled_over(d(2026, 7, 14), d(2026, 7, 15), &cal);
        assert!(s.contains("un jour férié (la fête nationale)"), "{s}");
    }

    #[test]
    fn warnings_name_the_case_file_keys() {
        let w = Warning::EnvoiUnknown {
            recours: RecoursKind::Hierarchique,
            deadline: d(2026, 12, 21),
        };
        assert!(w.to_string().contains("recours_hierarchique.envoi"));
        let w = Warning::BeforeNotification {
            recours: RecoursKind::Gracieux,
        };
        assert!(w.to_string().contains("decision.notification"));
    }
}
