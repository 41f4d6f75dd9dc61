//! From the raw file to a [`Case`]: every check that needs more than one key, once.
//!
//! Problems are collected rather than returned one by one, so `recours verifie` can list
//! everything wrong in a file at once. Facts a letter needs are errors when missing; facts
//! that only sharpen the letter are optional, and doubtful ones become warnings.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::dates::RawDate;
use super::model::*;
use super::problem::Problem;
use super::raw::*;
use crate::offices::{Offices, departement_from_postcode, normalise_departement};
use crate::suggest;

/// Longest name or first name we accept: longer is a mistake (a pasted paragraph).
pub const MAX_NAME_CHARS: usize = 100;
/// Longest address line, place or reference.
pub const MAX_SHORT_CHARS: usize = 200;
/// Longest free text (decision motif, the user's paragraphs).
pub const MAX_LONG_CHARS: usize = 4000;
/// Most paragraphs, address lines or enclosures in a list.
pub const MAX_LIST_ITEMS: usize = 20;

/// What the validation needs besides the file.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The tables.
    pub offices: &'a Offices,
    /// `--date`, which overrides `lettre.date`.
    pub date_override: Option<NaiveDate>,
    /// Today, for a letter with no date.
    pub today: NaiveDate,
}

/// Collects problems while building the case.
struct Checker<'a> {
    ctx: Context<'a>,
    problems: Vec<Problem>,
    warnings: Vec<String>,
}

impl Checker<'_> {
    fn error(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Trims, normalises to NFC (macOS types decomposed accents), refuses control characters
    /// and over-long values.
    fn text(&mut self, key: &str, value: &str, max: usize) -> String {
        let t: String = value.trim().nfc().collect();
        if is_placeholder(&t) {
            self.error(
                Problem::at(key, "valeur « à remplir » : le modèle n'est pas complété").conseil(
                    super::serde_fr::example_for(key).map_or_else(
                        || "remplacez-la par la vraie valeur".to_string(),
                        |ex| format!("par exemple {ex}"),
                    ),
                ),
            );
            // Keep the value: the problem is reported once, not again as « vide ».
            return t;
        }
        if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.error(
                Problem::at(key, "le texte contient un caractère de contrôle invisible")
                    .conseil("retapez la valeur sans copier-coller depuis un autre logiciel"),
            );
        }
        let n = t.chars().count();
        if n > max {
            self.error(
                Problem::at(
                    key,
                    format!("texte trop long ({n} caractères ; {max} au plus)"),
                )
                .conseil("raccourcissez la valeur"),
            );
        }
        t
    }

    fn required(&mut self, key: &str, value: &str, max: usize) -> String {
        let t = self.text(key, value, max);
        if t.is_empty() {
            let mut p = Problem::at(key, "la valeur est vide");
            if let Some(ex) = super::serde_fr::example_for(key) {
                p = p.conseil(format!("par exemple {ex}"));
            }
            self.error(p);
        }
        t
    }

    fn optional(&mut self, key: &str, value: Option<&String>, max: usize) -> Option<String> {
        value
            .map(|v| self.text(key, v, max))
            .filter(|v| !v.is_empty())
    }

    fn list(&mut self, key: &str, items: &[String], max: usize) -> Vec<String> {
        if items.len() > MAX_LIST_ITEMS {
            self.error(Problem::at(
                key,
                format!("{} éléments ; {MAX_LIST_ITEMS} au plus", items.len()),
            ));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, v)| self.text(&format!("{key}[{i}]"), v, max))
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn civilite(&mut self, key: &str, value: Option<&String>) -> Option<Civilite> {
        let v = value?.trim();
        match v.to_lowercase().as_str() {
            "madame" => Some(Civilite::Madame),
            "monsieur" => Some(Civilite::Monsieur),
            "" => None,
            other => {
                let hint = match other.trim_end_matches('.') {
                    "mme" | "mlle" | "mademoiselle" => {
                        "écrivez « Madame » en toutes lettres".to_string()
                    }
                    "m" | "mr" | "mister" => "écrivez « Monsieur » en toutes lettres".to_string(),
                    _ => "écrivez « Madame » ou « Monsieur », ou supprimez la clé".to_string(),
                };
                self.error(Problem::at(key, format!("civilité « {v} » inconnue")).conseil(hint));
                None
            }
        }
    }

    /// A date the file gave, or a problem saying why it is not one.
    /// A date of the file. Dates of the procedure are checked here against the same years the
    /// deadlines accept, so that `verifie` refuses what `lettre` would (issue 14, item 10).
    fn date(&mut self, key: &str, raw: &RawDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        let years = crate::deadlines::facts::PLAUSIBLE_YEARS;
        match &raw.0 {
            Ok(d) if !key.ends_with("date_naissance") && !years.contains(&d.year()) => {
                self.error(
                    Problem::at(
                        key,
                        format!(
                            "la date {d} n'est pas plausible (une procédure se date entre {} et {})",
                            years.start(),
                            years.end()
                        ),
                    )
                    .conseil("vérifiez l'année (format AAAA-MM-JJ, par exemple 2026-10-15)"),
                );
                None
            }
            Ok(d) => Some(*d),
            Err(why) => {
                self.error(
                    Problem::at(key, why.clone())
                        .conseil("écrivez la date AAAA-MM-JJ, par exemple 2026-10-15"),
                );
                None
            }
        }
    }

    fn opt_date(&mut self, key: &str, raw: &Option<RawDate>) -> Option<NaiveDate> {
        raw.as_ref().and_then(|r| self.date(key, r))
    }

    fn date_not_after(&mut self, key: &str, date: NaiveDate, limit: NaiveDate, what: &str) {
        if date > limit {
            // The letter's date may come from --date, not from the file: say where it is.
            let (source, conseil) = match (what, self.ctx.date_override) {
                ("la date de la lettre", Some(_)) => (
                    ", donnée par --date",
                    "vérifiez cette date, ou la valeur de --date (format AAAA-MM-JJ)",
                ),
                ("la date de la lettre", None) => (
                    ", lettre.date ou aujourd'hui",
                    "vérifiez cette date, ou lettre.date (format AAAA-MM-JJ)",
                ),
                _ => ("", "vérifiez la date (format AAAA-MM-JJ)"),
            };
            self.error(
                Problem::at(
                    key,
                    format!("la date {date} est postérieure à {what} ({limit}{source})"),
                )
                .conseil(conseil),
            );
        }
    }
}

/// Turns a parsed file into a case, or lists everything wrong with it.
pub fn validate(raw: RawCase, ctx: Context<'_>) -> Result<Case, Vec<Problem>> {
    let mut c = Checker {
        ctx,
        problems: Vec::new(),
        warnings: Vec::new(),
    };

    let recours = LetterKind::from_key(raw.recours.trim());
    if recours.is_none() {
        let keys = LetterKind::ALL.map(LetterKind::as_str);
        c.error(
            Problem::at(
                "recours",
                format!("type de lettre « {} » inconnu", raw.recours.trim()),
            )
            .conseil(suggest::hint(raw.recours.trim(), keys)),
        );
    }
    let lettre = letter_options(&mut c, raw.lettre.unwrap_or_default(), recours);
    let demande = application(&mut c, &raw.demande);
    let demandeur = person(&mut c, &raw.demandeur);
    let titulaire = raw
        .titulaire
        .as_ref()
        .and_then(|t| titulaire(&mut c, t, lettre.date));
    let decision = decision(&mut c, raw.decision.as_ref(), recours, lettre.date);
    let destinataire = raw.destinataire.as_ref().map(|d| destinataire(&mut c, d));
    let gracieux = raw
        .recours_gracieux
        .as_ref()
        .map(|r| earlier(&mut c, "recours_gracieux", r, &decision, lettre.date));
    let hierarchique = raw
        .recours_hierarchique
        .as_ref()
        .map(|r| earlier(&mut c, "recours_hierarchique", r, &decision, lettre.date));
    let faits = faits(&mut c, raw.faits.as_ref(), &lettre.arguments);
    let signalement = raw.signalement.as_ref().map(|s| Signalement {
        date: c.opt_date("signalement.date", &s.date),
        description: c.required("signalement.description", &s.description, MAX_LONG_CHARS),
    });
    if let Some(s) = &signalement
        && let Some(d) = s.date
    {
        c.date_not_after("signalement.date", d, lettre.date, "la date de la lettre");
    }
    let demande_motifs = raw
        .demande_motifs
        .as_ref()
        .and_then(|m| reasons_request(&mut c, m, lettre.date));
    let requete = court_request(&mut c, raw.requete.as_ref(), recours, &lettre);

    if let Some(kind) = recours {
        coherence(
            &mut c,
            kind,
            &lettre,
            titulaire.as_ref(),
            &gracieux,
            &hierarchique,
            &signalement,
            raw.demande.depot.trim(),
        );
        reasons_coherence(
            &mut c,
            kind,
            lettre.date,
            &gracieux,
            &hierarchique,
            demande_motifs.as_ref(),
        );
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let (Some(recours), Some(demande)) = (recours, demande) else {
        unreachable!("a missing recours or demande always records a problem")
    };
    Ok(Case {
        recours,
        lettre,
        demandeur,
        titulaire,
        demande,
        decision,
        destinataire,
        recours_gracieux: gracieux,
        recours_hierarchique: hierarchique,
        signalement,
        demande_motifs,
        faits,
        requete,
        avertissements: c.warnings,
    })
}

/// A whole number, written as a number or as text; an empty text is no value.
fn number(c: &mut Checker<'_>, key: &str, raw: &Option<RawNumber>) -> Option<i64> {
    match raw.as_ref()? {
        RawNumber::Number(n) => Some(*n),
        RawNumber::Text(t) if t.trim().is_empty() => None,
        RawNumber::Text(t) => match t.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                c.error(
                    Problem::at(key, format!("« {} » n'est pas un nombre entier", t.trim()))
                        .conseil("écrivez un nombre sans unité, par exemple 30"),
                );
                None
            }
        },
    }
}

/// Most days an injunction's time limit may be given (six months): beyond, the request
/// is almost certainly a typing error.
const MAX_INJONCTION_DAYS: i64 = 180;

/// `[requete]`, checked; its defaults when absent. Only a requête reads it: for another letter
/// a present table is a warning, not an error, so a case file can be kept while it moves on.
fn court_request(
    c: &mut Checker<'_>,
    raw: Option<&RawRequete>,
    kind: Option<LetterKind>,
    lettre: &LetterOptions,
) -> CourtRequest {
    let mut out = CourtRequest::default();
    let Some(r) = raw else {
        return out;
    };
    if kind.is_some_and(|k| k != LetterKind::Requete) {
        c.warnings.push(
            "[requete] n'est utilisée que par une requête au tribunal (recours = \"requete\")"
                .to_string(),
        );
    }
    if let Some(v) = &r.injonction {
        match v.trim() {
            "delivrance" => out.injonction = Injonction::Delivrance,
            "reexamen" => out.injonction = Injonction::Reexamen,
            other => c.error(
                Problem::at(
                    "requete.injonction",
                    format!("injonction « {other} » inconnue"),
                )
                .conseil(suggest::hint(other, Injonction::KEYS)),
            ),
        }
    }
    if let Some(n) = number(
        c,
        "requete.delai_injonction_jours",
        &r.delai_injonction_jours,
    ) {
        if (1..=MAX_INJONCTION_DAYS).contains(&n) {
            out.delai_injonction_jours = n as u16;
        } else {
            c.error(
                Problem::at(
                    "requete.delai_injonction_jours",
                    format!("{n} jours : le délai demandé va de 1 à {MAX_INJONCTION_DAYS} jours"),
                )
                .conseil("écrivez un nombre de jours, par exemple 30"),
            );
        }
    }
    if let Some(n) = number(c, "requete.astreinte", &r.astreinte) {
        if (1..=10_000).contains(&n) {
            out.astreinte = Some(n as u32);
        } else {
            c.error(
                Problem::at(
                    "requete.astreinte",
                    format!("{n} euros par jour : le montant va de 1 à 10 000"),
                )
                .conseil("écrivez un montant en euros par jour de retard, par exemple 100, ou supprimez la clé"),
            );
        }
    }
    out.urgence = r.urgence.unwrap_or(false);
    out.urgence_date = c.opt_date("requete.urgence_date", &r.urgence_date);
    if out.urgence && lettre.urgence.is_none() {
        c.error(
            Problem::at(
                "lettre.urgence",
                "requete.urgence = true demande les faits qui rendent l'attente impossible",
            )
            .conseil(
                "décrivez-les dans lettre.urgence, par exemple « je dois me rendre au Sénégal le 15 janvier 2027 pour les obsèques de ma mère »",
            ),
        );
    }
    if out.urgence_date.is_some() && !out.urgence {
        c.warnings.push(
            "requete.urgence_date n'est utilisée qu'avec requete.urgence = true (référé-suspension)"
                .to_string(),
        );
    }
    if let Some(lines) = &r.adresse_tribunal {
        let lines = c.list("requete.adresse_tribunal", lines, MAX_SHORT_CHARS);
        if lines.is_empty() {
            c.error(
                Problem::at("requete.adresse_tribunal", "l'adresse est vide")
                    .conseil("recopiez l'adresse du tribunal indiquée par la décision, une ligne par élément, ou supprimez la clé"),
            );
        } else {
            out.adresse_tribunal = Some(lines);
        }
    }
    if r.fichiers.len() > MAX_LIST_ITEMS * 2 {
        c.error(Problem::at(
            "requete.fichiers",
            format!(
                "{} fichiers ; {} au plus",
                r.fichiers.len(),
                MAX_LIST_ITEMS * 2
            ),
        ));
    }
    for (id, path) in &r.fichiers {
        let key = format!("requete.fichiers.{id}");
        let path = c.required(&key, path, MAX_SHORT_CHARS);
        out.fichiers.insert(id.clone(), path);
    }
    out
}

fn letter_options(c: &mut Checker<'_>, l: RawLettre, kind: Option<LetterKind>) -> LetterOptions {
    let file_date = c.opt_date("lettre.date", &l.date);
    let date = c.ctx.date_override.or(file_date).unwrap_or(c.ctx.today);
    let mut arguments = Vec::new();
    for (i, a) in l.arguments.iter().enumerate() {
        match Argument::from_key(a.trim()) {
            Some(arg) if !arguments.contains(&arg) => arguments.push(arg),
            Some(_) => {}
            None => c.error(
                Problem::at(
                    format!("lettre.arguments[{i}]"),
                    format!("argument « {} » inconnu", a.trim()),
                )
                .conseil(suggest::hint(a.trim(), Argument::ALL.map(Argument::as_str))),
            ),
        }
    }
    LetterOptions {
        date,
        lieu: c.optional("lettre.lieu", l.lieu.as_ref(), MAX_SHORT_CHARS),
        // The Défenseur des droits' free « Libre réponse » address takes no registered mail.
        recommande: l.recommande.unwrap_or(kind != Some(LetterKind::Defenseur)),
        numero_recommande: c.optional(
            "lettre.numero_recommande",
            l.numero_recommande.as_ref(),
            MAX_SHORT_CHARS,
        ),
        arguments,
        paragraphes: c.list("lettre.paragraphes", &l.paragraphes, MAX_LONG_CHARS),
        demande: c.optional("lettre.demande", l.demande.as_ref(), MAX_LONG_CHARS),
        pieces_jointes: c.list("lettre.pieces_jointes", &l.pieces_jointes, MAX_SHORT_CHARS),
        pieces_jointes_par_defaut: l.pieces_jointes_par_defaut.unwrap_or(true),
        urgence: c.optional("lettre.urgence", l.urgence.as_ref(), MAX_LONG_CHARS),
    }
}

/// `[faits]`, and a ground named in `lettre.arguments` without the fact it rests on.
fn faits(c: &mut Checker<'_>, f: Option<&RawFaits>, arguments: &[Argument]) -> Faits {
    let faits = f.map_or_else(Faits::default, |f| Faits {
        acte_etranger: c.optional(
            "faits.acte_etranger",
            f.acte_etranger.as_ref(),
            MAX_SHORT_CHARS,
        ),
        certificat_nationalite: c
            .opt_date("faits.certificat_nationalite", &f.certificat_nationalite),
        titre_anterieur: c.optional(
            "faits.titre_anterieur",
            f.titre_anterieur.as_ref(),
            MAX_SHORT_CHARS,
        ),
        possession_etat: c.optional(
            "faits.possession_etat",
            f.possession_etat.as_ref(),
            MAX_LONG_CHARS,
        ),
    });
    for a in arguments {
        let (missing, key, example) = match a {
            Argument::ActeEtranger => (
                faits.acte_etranger.is_none(),
                "acte_etranger",
                "acte_etranger = \"acte de naissance dressé à Dakar (Sénégal)\"",
            ),
            Argument::CertificatNationalite => (
                faits.certificat_nationalite.is_none(),
                "certificat_nationalite",
                "certificat_nationalite = 2019-05-03",
            ),
            Argument::TitreAnterieur => (
                faits.titre_anterieur.is_none(),
                "titre_anterieur",
                "titre_anterieur = \"passeport délivré le 3 mars 2015\"",
            ),
            Argument::PossessionEtat => (
                faits.possession_etat.is_none(),
                "possession_etat",
                "possession_etat = \"cartes d'identité depuis 1998, service national accompli\"",
            ),
            _ => (false, "", ""),
        };
        if missing {
            c.error(
                Problem::at(
                    format!("faits.{key}"),
                    format!(
                        "l'argument « {} » repose sur un fait que le dossier ne donne pas",
                        a.as_str()
                    ),
                )
                .conseil(format!("ajoutez dans [faits] : {example}")),
            );
        }
    }
    faits
}

fn person(c: &mut Checker<'_>, p: &RawDemandeur) -> Person {
    let adresse = c.list("demandeur.adresse", &p.adresse, MAX_SHORT_CHARS);
    if adresse.is_empty() {
        c.error(
            Problem::at("demandeur.adresse", "l'adresse est vide")
                .conseil("adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]"),
        );
    } else if adresse.len() < 2 {
        c.error(
            Problem::at(
                "demandeur.adresse",
                "l'adresse n'a qu'une ligne : il faut au moins la rue et la ville",
            )
            .conseil("adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]"),
        );
    }
    let mut block = vec![format!("{} {}", p.prenom.trim(), p.nom.trim())];
    block.extend(adresse.iter().cloned());
    for problem in crate::postal::problems(&block) {
        c.warnings
            .push(format!("votre adresse (demandeur.adresse) : {problem}"));
    }
    let reside_a_l_etranger = residence(c, p.reside_a_l_etranger, &adresse);
    let date_naissance = c.opt_date("demandeur.date_naissance", &p.date_naissance);
    if let Some(d) = date_naissance {
        let today = c.ctx.today;
        c.date_not_after("demandeur.date_naissance", d, today, "aujourd'hui");
    }
    Person {
        civilite: c.civilite("demandeur.civilite", p.civilite.as_ref()),
        prenom: c.required("demandeur.prenom", &p.prenom, MAX_NAME_CHARS),
        nom: c.required("demandeur.nom", &p.nom, MAX_NAME_CHARS),
        adresse,
        reside_a_l_etranger,
        date_naissance,
        lieu_naissance: c.optional(
            "demandeur.lieu_naissance",
            p.lieu_naissance.as_ref(),
            MAX_SHORT_CHARS,
        ),
        telephone: c.optional("demandeur.telephone", p.telephone.as_ref(), MAX_SHORT_CHARS),
        courriel: c.optional("demandeur.courriel", p.courriel.as_ref(), MAX_SHORT_CHARS),
    }
}

/// Whether the writer lives abroad, which gives two more months before the court (R. 421-7
/// CJA). Where the application was filed says nothing about it: a person living in France
/// may apply at a consulate while travelling. The case's key wins; otherwise the address's
/// last line tells (a country, or a French postcode line). When neither tells, the shorter
/// French deadline is kept, so that no one relies on two months they may not have.
fn residence(c: &mut Checker<'_>, stated: Option<bool>, adresse: &[String]) -> bool {
    let by_address = residence_from_address(adresse, c.ctx.offices);
    match (stated, by_address) {
        (Some(s), Some(a)) if s != a => {
            c.warnings.push(format!(
                "demandeur.reside_a_l_etranger = {s}, mais votre adresse (demandeur.adresse) \
                 semble {} : le délai devant le tribunal est calculé avec la valeur indiquée \
                 ({}) ; vérifiez-la",
                if a {
                    "être à l'étranger"
                } else {
                    "être en France"
                },
                if s {
                    "4 mois, art. R. 421-7 CJA"
                } else {
                    "2 mois"
                },
            ));
            s
        }
        (Some(s), _) => s,
        (None, Some(a)) => a,
        (None, None) => {
            c.warnings.push(
                "impossible de savoir d'après votre adresse (demandeur.adresse) si vous résidez \
                 à l'étranger : le délai devant le tribunal est calculé à 2 mois ; si vous vivez \
                 hors de France, ajoutez reside_a_l_etranger = true dans [demandeur] \
                 (4 mois, art. R. 421-7 CJA)"
                    .to_string(),
            );
            false
        }
    }
}

/// `Some(true)` when the last line names a foreign country, `Some(false)` when it says
/// France or is a French postcode line, `None` otherwise.
pub(crate) fn residence_from_address(adresse: &[String], offices: &Offices) -> Option<bool> {
    let last = adresse.iter().rev().find(|l| !l.trim().is_empty())?;
    if suggest::fold(last) == "france" {
        return Some(false);
    }
    if offices.pays(last.trim()).is_some() {
        return Some(true);
    }
    crate::postal::is_postcode_line(last).then_some(false)
}

fn titulaire(c: &mut Checker<'_>, t: &RawTitulaire, letter_date: NaiveDate) -> Option<Titulaire> {
    let date_naissance = c.date("titulaire.date_naissance", &t.date_naissance);
    let qualite = c.required("titulaire.qualite", &t.qualite, MAX_SHORT_CHARS);
    let civilite = c.civilite("titulaire.civilite", t.civilite.as_ref());
    let prenom = c.required("titulaire.prenom", &t.prenom, MAX_NAME_CHARS);
    let nom = c.required("titulaire.nom", &t.nom, MAX_NAME_CHARS);
    let lieu_naissance = c.optional(
        "titulaire.lieu_naissance",
        t.lieu_naissance.as_ref(),
        MAX_SHORT_CHARS,
    );
    let date_naissance = date_naissance?;
    c.date_not_after(
        "titulaire.date_naissance",
        date_naissance,
        letter_date,
        "la date de la lettre",
    );
    let age = years_between(date_naissance, letter_date);
    let parent = matches!(suggest::fold(&qualite).as_str(), "mere" | "pere" | "parent");
    if parent && age >= 18 {
        c.warnings.push(format!(
            "le titulaire a {age} ans à la date de la lettre : un majeur écrit lui-même son recours, \
             sauf s'il est sous tutelle (titulaire.qualite = \"tuteur\" ou \"tutrice\")"
        ));
    }
    Some(Titulaire {
        civilite,
        prenom,
        nom,
        date_naissance,
        lieu_naissance,
        qualite,
    })
}

/// The « à remplir » of `recours modele`.
fn is_placeholder(s: &str) -> bool {
    suggest::fold(s) == "a remplir"
}

/// Whole years from `from` to `to`.
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

fn application(c: &mut Checker<'_>, d: &RawDemande) -> Option<Application> {
    let document = match d.document.trim() {
        "carte-identite" => Some(Document::CarteIdentite),
        "passeport" => Some(Document::Passeport),
        other => {
            c.error(
                Problem::at("demande.document", format!("document « {other} » inconnu"))
                    .conseil(suggest::hint(other, Document::KEYS)),
            );
            None
        }
    };
    let motif = match d.motif.trim() {
        "premiere-demande" => Some(Motif::PremiereDemande),
        "renouvellement" => Some(Motif::Renouvellement),
        "perte" => Some(Motif::Perte),
        "vol" => Some(Motif::Vol),
        other => {
            c.error(
                Problem::at(
                    "demande.motif",
                    format!("motif de demande « {other} » inconnu"),
                )
                .conseil(suggest::hint(other, Motif::KEYS)),
            );
            None
        }
    };
    let depot = depot(c, d);
    let numero = c.optional("demande.numero", d.numero.as_ref(), MAX_SHORT_CHARS);
    let date = c.opt_date("demande.date", &d.date);
    Some(Application {
        document: document?,
        motif: motif?,
        depot: depot?,
        numero,
        date,
    })
}

fn depot(c: &mut Checker<'_>, d: &RawDemande) -> Option<Depot> {
    let offices = c.ctx.offices;
    match d.depot.trim() {
        "mairie" => {
            for (key, v) in [("demande.pays", &d.pays), ("demande.ville", &d.ville)] {
                if v.is_some() {
                    c.error(
                        Problem::at(
                            key,
                            "cette clé ne sert que pour un dépôt au consulat ou à l'ambassade",
                        )
                        .conseil("supprimez-la, ou écrivez depot = \"consulat\" ou \"ambassade\""),
                    );
                }
            }
            let commune = c.optional("demande.commune", d.commune.as_ref(), MAX_SHORT_CHARS);
            let from_postcode = match d.code_postal.as_deref().map(departement_from_postcode) {
                None => None,
                Some(Ok(code)) => Some(code),
                Some(Err(e)) => {
                    c.error(
                        Problem::at("demande.code_postal", e).conseil("code_postal = \"84300\""),
                    );
                    None
                }
            };
            let departement = match d.departement.as_deref() {
                Some(raw) if is_placeholder(raw) => {
                    c.text("demande.departement", raw, MAX_SHORT_CHARS);
                    None
                }
                Some(raw) => {
                    match normalise_departement(raw) {
                        Ok(code) if offices.departement(&code).is_some() => Some(code),
                        Ok(code) => {
                            let codes: Vec<&str> = offices
                                .departements
                                .iter()
                                .map(|d| d.code.as_str())
                                .collect();
                            let hint = match suggest::closest(&code, codes.iter().copied()) {
                            Some(k) => format!("vouliez-vous dire « {k} » ? (codes INSEE : \"01\" à \"95\", \"2A\", \"2B\", \"971\" à \"976\")"),
                            None => "codes INSEE : \"01\" à \"95\", \"2A\", \"2B\", \"971\" à \"976\"".to_string(),
                        };
                            c.error(
                                Problem::at(
                                    "demande.departement",
                                    format!("le département « {code} » n'existe pas"),
                                )
                                .conseil(hint),
                            );
                            None
                        }
                        Err(e) => {
                            c.error(Problem::at("demande.departement", e));
                            None
                        }
                    }
                }
                None => None,
            };
            if let (Some(dep), Some(cp_dep)) = (&departement, &from_postcode)
                && dep != cp_dep
            {
                c.warnings.push(format!(
                    "le code postal {} correspond au département {cp_dep}, mais departement = \"{dep}\" : \
                     c'est departement qui est retenu",
                    d.code_postal.as_deref().unwrap_or_default().trim()
                ));
            }
            let deduced = departement.is_none() && from_postcode.is_some();
            match departement.or(from_postcode) {
                Some(code) => Some(Depot::Mairie {
                    departement: code,
                    commune,
                    deduit_du_code_postal: deduced,
                }),
                None => {
                    if d.departement.is_none() && d.code_postal.is_none() {
                        c.error(Problem::at("demande.departement", "pour un dépôt en mairie, le département est nécessaire")
                            .conseil("ajoutez departement = \"84\" (ou code_postal = \"84300\") dans [demande]"));
                    }
                    None
                }
            }
        }
        kind @ ("consulat" | "ambassade") => {
            for (key, v) in [
                ("demande.departement", &d.departement),
                ("demande.code_postal", &d.code_postal),
            ] {
                if v.is_some() {
                    c.error(
                        Problem::at(
                            key,
                            format!("cette clé ne sert que pour un dépôt en mairie, pas au {kind}"),
                        )
                        .conseil("supprimez-la (le pays et la ville désignent le poste)"),
                    );
                }
            }
            let pays = match d.pays.as_deref().map(str::trim) {
                None | Some("") => {
                    c.error(
                        Problem::at(
                            "demande.pays",
                            format!("pour un dépôt au {kind}, le pays est nécessaire"),
                        )
                        .conseil("ajoutez pays = \"Maroc\" dans [demande]"),
                    );
                    None
                }
                Some(name) => {
                    match offices.pays(name) {
                        Some(p) => Some(p.clone()),
                        None => {
                            let hint = suggest::closest(name, offices.pays.iter().map(|p| p.nom.as_str()))
                            .map_or_else(|| "écrivez le nom du pays en français, par exemple pays = \"Maroc\"".to_string(),
                                |k| format!("vouliez-vous dire « {k} » ?"));
                            c.error(
                                Problem::at("demande.pays", format!("pays « {name} » inconnu"))
                                    .conseil(hint),
                            );
                            None
                        }
                    }
                }
            };
            let ville = c.optional("demande.ville", d.ville.as_ref(), MAX_SHORT_CHARS);
            if kind == "consulat" && ville.is_none() {
                c.error(
                    Problem::at(
                        "demande.ville",
                        "pour un dépôt au consulat, la ville du consulat est nécessaire",
                    )
                    .conseil("ajoutez ville = \"Casablanca\" dans [demande]"),
                );
            }
            let pays = pays?;
            if kind == "consulat" {
                Some(Depot::Consulat {
                    pays,
                    ville: ville?,
                })
            } else {
                Some(Depot::Ambassade { pays, ville })
            }
        }
        other => {
            c.error(
                Problem::at(
                    "demande.depot",
                    format!("lieu de dépôt « {other} » inconnu"),
                )
                .conseil(suggest::hint(other, ["mairie", "consulat", "ambassade"])),
            );
            None
        }
    }
}

fn decision(
    c: &mut Checker<'_>,
    d: Option<&RawDecision>,
    recours: Option<LetterKind>,
    letter_date: NaiveDate,
) -> Option<Decision> {
    let Some(d) = d else {
        if recours.is_some_and(LetterKind::contests_decision) {
            c.error(Problem::at("decision", "la table [decision] manque : la lettre conteste une décision")
                .conseil("ajoutez [decision] avec date = 2026-10-15 et motif = \"…\" (le motif écrit sur la décision)"));
        }
        return None;
    };
    if recours == Some(LetterKind::Signalement) {
        c.warnings.push(
            "un signalement ne conteste pas de décision : [decision] n'est pas utilisée ; \
             si un refus vous a été notifié, écrivez plutôt recours = \"gracieux\""
                .to_string(),
        );
    }
    let date = c.date("decision.date", &d.date);
    let notification = c.opt_date("decision.notification", &d.notification);
    let reference = c.optional("decision.reference", d.reference.as_ref(), MAX_SHORT_CHARS);
    let motif = c.required("decision.motif", &d.motif, MAX_LONG_CHARS);
    let tribunal = c.optional("decision.tribunal", d.tribunal.as_ref(), MAX_SHORT_CHARS);
    let date = date?;
    let notification = notification.unwrap_or(date);
    if notification < date {
        c.error(
            Problem::at(
                "decision.notification",
                format!("la notification ({notification}) précède la décision ({date})"),
            )
            .conseil("la notification est le jour où vous avez reçu la décision : elle ne peut pas la précéder"),
        );
    }
    c.date_not_after("decision.date", date, letter_date, "la date de la lettre");
    c.date_not_after(
        "decision.notification",
        notification,
        letter_date,
        "la date de la lettre",
    );
    Some(Decision {
        date,
        notification,
        reference,
        sujet: super::motif::read(&motif),
        motif,
        mentionne_voies_recours: d.mentionne_voies_recours.unwrap_or(true),
        tribunal,
    })
}

fn destinataire(c: &mut Checker<'_>, d: &RawDestinataire) -> AddresseeOverride {
    let nom = c.optional("destinataire.nom", d.nom.as_ref(), MAX_SHORT_CHARS);
    let adresse = d
        .adresse
        .as_ref()
        .map(|a| c.list("destinataire.adresse", a, MAX_SHORT_CHARS));
    match (&nom, &adresse) {
        (Some(_), None) => c.error(
            Problem::at(
                "destinataire.adresse",
                "le destinataire a un nom mais pas d'adresse",
            )
            .conseil("recopiez l'adresse de la décision : adresse = [\"…\", \"84000 Avignon\"]"),
        ),
        (None, Some(_)) => c.error(
            Problem::at(
                "destinataire.nom",
                "le destinataire a une adresse mais pas de nom",
            )
            .conseil("recopiez le nom de l'autorité tel qu'il figure sur la décision"),
        ),
        (Some(_), Some(a)) if a.is_empty() => {
            c.error(Problem::at("destinataire.adresse", "l'adresse est vide"))
        }
        _ => {}
    }
    let id =
        d.id.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
    if let Some(id) = &id {
        let mut known: Vec<&str> = c.ctx.offices.office_ids().collect();
        known.extend(["consul-general", "ambassadeur"]);
        if !known.contains(&id.as_str()) {
            c.error(
                Problem::at(
                    "destinataire.id",
                    format!("identifiant de bureau « {id} » inconnu"),
                )
                .conseil(format!(
                    "{} (liste : recours bureaux)",
                    suggest::hint(id, known.iter().copied())
                )),
            );
        }
    }
    if let Some(a) = &adresse
        && let Some(n) = &nom
    {
        let mut block = vec![n.clone()];
        block.extend(a.iter().cloned());
        for problem in crate::postal::problems(&block) {
            c.warnings
                .push(format!("adresse du destinataire : {problem}"));
        }
    }
    AddresseeOverride {
        id,
        nom,
        adresse,
        civilite: c.civilite("destinataire.civilite", d.civilite.as_ref()),
    }
}

fn earlier(
    c: &mut Checker<'_>,
    table: &str,
    raw: &RawRecours,
    decision: &Option<Decision>,
    letter_date: NaiveDate,
) -> EarlierRecours {
    let key = |k: &str| format!("{table}.{k}");
    let envoi = c.opt_date(&key("envoi"), &raw.envoi);
    let reception = c.opt_date(&key("reception"), &raw.reception);
    let rejet = c.opt_date(&key("rejet"), &raw.rejet);
    let r = EarlierRecours {
        envoi,
        reception,
        rejet,
        numero_recommande: None,
    };
    let numero_recommande = c.optional(
        &key("numero_recommande"),
        raw.numero_recommande.as_ref(),
        MAX_SHORT_CHARS,
    );
    if let (Some(e), Some(rc)) = (r.envoi, r.reception)
        && rc < e
    {
        c.error(
            Problem::at(
                key("reception"),
                format!("la réception ({rc}) précède l'envoi ({e})"),
            )
            .conseil(
                "reception est la date de l'avis de réception, envoi celle du cachet de la poste",
            ),
        );
    }
    let before_rejet = r.reception.or(r.envoi);
    if let (Some(b), Some(rj)) = (before_rejet, r.rejet)
        && rj < b
    {
        c.error(
            Problem::at(
                key("rejet"),
                format!("le rejet ({rj}) précède l'envoi ou la réception du recours ({b})"),
            )
            .conseil("rejet est la date où vous avez reçu la réponse négative"),
        );
    }
    if let (Some(d), Some(e)) = (decision, r.envoi.or(r.reception))
        && e < d.date
    {
        c.error(Problem::at(
            key(if r.envoi.is_some() {
                "envoi"
            } else {
                "reception"
            }),
            format!(
                "le recours ({e}) précède la décision qu'il conteste ({})",
                d.date
            ),
        ));
    }
    for (k, v) in [
        ("envoi", r.envoi),
        ("reception", r.reception),
        ("rejet", r.rejet),
    ] {
        if let Some(v) = v {
            c.date_not_after(&key(k), v, letter_date, "la date de la lettre");
        }
    }
    if r.envoi.is_none() && r.reception.is_none() {
        c.warnings.push(format!(
            "[{table}] n'indique ni envoi ni reception : les délais qui en dépendent ne peuvent pas être calculés"
        ));
    }
    EarlierRecours {
        numero_recommande,
        ..r
    }
}

/// Rules between tables: what each kind of letter needs and what it cannot have.
fn reasons_request(
    c: &mut Checker<'_>,
    raw: &RawDemandeMotifs,
    letter_date: NaiveDate,
) -> Option<ReasonsRequest> {
    let envoi = c.date("demande_motifs.envoi", &raw.envoi)?;
    let communication = c.opt_date("demande_motifs.communication", &raw.communication);
    c.date_not_after(
        "demande_motifs.envoi",
        envoi,
        letter_date,
        "la date de la lettre",
    );
    if let Some(m) = communication {
        c.date_not_after(
            "demande_motifs.communication",
            m,
            letter_date,
            "la date de la lettre",
        );
        if m < envoi {
            c.error(
                Problem::at(
                    "demande_motifs.communication",
                    format!("les motifs ({m}) ne peuvent avoir été communiqués avant d'être demandés ({envoi})"),
                )
                .conseil("vérifiez demande_motifs.envoi et demande_motifs.communication (format AAAA-MM-JJ)"),
            );
        }
    }
    Some(ReasonsRequest {
        envoi,
        communication,
    })
}

/// A `motifs` letter asks about an implicit rejection: one must have arisen (two months of
/// silence after a recours was received, CRPA L. 231-4), or the letter would ask for
/// reasons of a decision that does not exist yet.
fn reasons_coherence(
    c: &mut Checker<'_>,
    kind: LetterKind,
    letter_date: NaiveDate,
    gracieux: &Option<EarlierRecours>,
    hierarchique: &Option<EarlierRecours>,
    demande_motifs: Option<&ReasonsRequest>,
) {
    if kind != LetterKind::Motifs {
        return;
    }
    if let Some(m) = demande_motifs {
        c.warnings.push(format!(
            "une demande de motifs a déjà été envoyée le {} ([demande_motifs]) : une seconde \
             demande ne prolonge pas davantage le délai",
            crate::french::date::date(m.envoi)
        ));
    }
    let latest = [gracieux, hierarchique]
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().map(|r| (i, r)))
        .filter(|(_, r)| r.reception.is_some())
        .max_by_key(|(i, r)| (r.reception, *i));
    let Some((i, r)) = latest else {
        c.error(
            Problem::at(
                "recours",
                "une demande de motifs porte sur le rejet implicite d'un recours : aucun recours reçu n'est indiqué",
            )
            .conseil("indiquez [recours_gracieux] (ou [recours_hierarchique]) avec sa date de reception"),
        );
        return;
    };
    let table = if i == 0 {
        "recours_gracieux"
    } else {
        "recours_hierarchique"
    };
    if r.rejet.is_some() {
        c.error(
            Problem::at(
                "recours",
                format!("le recours ({table}) a été rejeté explicitement : la décision doit alors être motivée, il n'y a pas de rejet implicite dont demander les motifs"),
            )
            .conseil("pour ce rejet explicite, formez un recours ou saisissez le tribunal ; retirez rejet si aucune réponse n'est venue"),
        );
        return;
    }
    let reception = r.reception.expect("filtered on reception");
    let implicit = crate::deadlines::add_months(reception, 2);
    if implicit > letter_date {
        c.error(
            Problem::at(
                "recours",
                format!(
                    "le rejet implicite du recours ({table}) ne naîtra que le {} : les motifs ne peuvent être demandés qu'à partir de cette date",
                    crate::french::date::date(implicit)
                ),
            )
            .conseil("attendez cette date, ou vérifiez la date de reception du recours"),
        );
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call site; the parts are already validated"
)]
fn coherence(
    c: &mut Checker<'_>,
    kind: LetterKind,
    lettre: &LetterOptions,
    titulaire: Option<&Titulaire>,
    gracieux: &Option<EarlierRecours>,
    hierarchique: &Option<EarlierRecours>,
    signalement: &Option<Signalement>,
    depot: &str,
) {
    match kind {
        LetterKind::Signalement => {
            if depot != "mairie" {
                c.error(Problem::at("recours", "un signalement concerne une difficulté rencontrée en mairie")
                    .conseil("à l'étranger, écrivez un recours gracieux au consul général ou à l'ambassadeur : recours = \"gracieux\""));
            }
            if signalement.is_none() {
                c.warnings.push(
                    "ajoutez [signalement] avec description = \"…\" pour que la lettre décrive la difficulté rencontrée en mairie"
                        .to_string(),
                );
            }
        }
        LetterKind::Gracieux => {
            if gracieux.is_some() {
                c.warnings.push(
                    "un recours gracieux a déjà été formé : un second recours gracieux n'interrompt pas le délai \
                     du recours contentieux (CE, 16 mai 1980, n° 14022)"
                        .to_string(),
                );
            }
        }
        LetterKind::Hierarchique => {
            if hierarchique.is_some() {
                c.warnings.push(
                    "un recours hiérarchique a déjà été formé : un second recours n'interrompt pas le délai \
                     du recours contentieux"
                        .to_string(),
                );
            }
        }
        LetterKind::Motifs | LetterKind::Communication | LetterKind::Requete => {}
        LetterKind::Defenseur => {
            if gracieux.is_none() && hierarchique.is_none() {
                c.warnings.push(
                    "le Défenseur des droits demande la preuve des démarches déjà faites auprès de l'administration \
                     (décret n° 2011-904, art. 1er) : indiquez [recours_gracieux] ou [recours_hierarchique] si vous en avez formé"
                        .to_string(),
                );
            }
        }
    }
    if signalement.is_some() && kind != LetterKind::Signalement {
        c.warnings
            .push("[signalement] n'est utilisée que par une lettre de signalement".to_string());
    }
    if lettre.arguments.contains(&Argument::AutoriteParentale) && titulaire.is_none() {
        c.error(
            Problem::at(
                "lettre.arguments",
                "l'argument « autorite-parentale » suppose un titulaire mineur",
            )
            .conseil("ajoutez [titulaire] (l'enfant) ou retirez cet argument"),
        );
    }
}
