//! What comes after the letter: how to send it, what silence means, and the later steps
//! (recours hiérarchique, Défenseur des droits, tribunal administratif). The dates themselves
//! come from `deadlines`.

use crate::case::{Case, LetterKind};

pub(super) fn after(case: &Case) -> Vec<String> {
    let abroad = case.demande.depot.is_abroad();
    let superior = if abroad {
        "au Service des Français à l'étranger (ministère de l'Europe et des affaires étrangères)"
    } else {
        "au ministre de l'Intérieur (DLPAJ)"
    };
    let send = "Envoyez la lettre en recommandé avec accusé de réception, datez-la et signez-la, joignez une \
                copie de la décision, et gardez une copie de tout avec la preuve d'envoi et l'avis de réception : \
                c'est le cachet de la poste qui compte pour le délai (CE, 30 juin 2025, n° 494573)."
        .to_string();
    let silence = "Si l'administration ne répond pas dans les deux mois qui suivent la réception de votre lettre, \
                   son silence vaut rejet (CRPA art. L. 231-4)."
        .to_string();
    let ddd = "Vous pouvez aussi saisir le Défenseur des droits (gratuitement, en ligne ou par courrier sans \
               timbre), mais cette démarche n'interrompt ni ne suspend le délai pour saisir le tribunal."
        .to_string();
    let ta = "Après un rejet, explicite ou implicite, vous pouvez demander au tribunal administratif d'annuler \
              le refus (par Télérecours citoyens, par courrier ou au greffe), dans le délai indiqué plus haut : \
              recours = \"requete\" écrit la requête et l'inventaire des pièces."
        .to_string();
    match case.recours {
        LetterKind::Gracieux => vec![
            send,
            silence,
            format!(
                "Vous pouvez former en même temps un recours hiérarchique {superior} : s'il est envoyé dans le \
                 même délai initial de deux mois, le délai pour saisir le tribunal ne repart qu'une fois les deux \
                 recours rejetés (CRPA art. L. 411-2). Un recours formé après ce délai n'interrompt rien \
                 (recours = \"hierarchique\" l'écrit)."
            ),
            ta,
            ddd,
        ],
        LetterKind::Hierarchique => vec![send, silence, ta, ddd],
        LetterKind::Requete => super::court_steps::after(case),
        LetterKind::Motifs => vec![
            send,
            "Les motifs doivent vous être communiqués dans le mois qui suit votre demande (CRPA art. L. 232-4). \
             Notez la date d'envoi puis celle de la réponse dans [demande_motifs] (envoi, communication) : le \
             délai pour saisir le tribunal en dépend (voir les dates plus haut)."
                .to_string(),
            "Avec les motifs, ou sans réponse, vous pouvez demander au tribunal administratif d'annuler le refus \
             (par Télérecours citoyens, par courrier ou au greffe), dans le délai indiqué plus haut."
                .to_string(),
        ],
        LetterKind::Communication => vec![
            send,
            "Si l'administration refuse de vous communiquer les documents, ou ne répond pas, vous pourrez saisir \
             la Commission d'accès aux documents administratifs (CADA). Nos sources ne donnent pas les délais de \
             cette voie : on lit couramment que le silence gardé un mois vaut refus et que la CADA doit être \
             saisie avant le juge, mais vérifiez-le auprès de la CADA avant d'agir."
                .to_string(),
            "Rien dans nos sources n'indique que cette demande suspende le délai pour contester la décision \
             elle-même : formez le recours gracieux ou hiérarchique, ou saisissez le tribunal, dans les délais \
             indiqués plus haut."
                .to_string(),
            ta,
        ],
        LetterKind::Signalement => vec![
            "Envoyez la lettre par courrier (le recommandé avec accusé de réception garde une preuve) et gardez-en \
             une copie."
                .to_string(),
            "Ce signalement n'est pas un recours : il ne fait courir ni n'interrompt aucun délai. Si votre demande \
             est ensuite refusée par une décision, vous aurez deux mois à compter de sa notification pour former \
             un recours gracieux auprès du Cert ou un recours hiérarchique auprès du ministre de l'Intérieur \
             (DLPAJ)."
                .to_string(),
        ],
        LetterKind::Defenseur => vec![
            "Envoyez la réclamation par courrier (Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07, \
             sans timbre) ou par le formulaire en ligne https://formulaire.defenseurdesdroits.fr/defenseur/, en \
             joignant la décision et les courriers déjà échangés."
                .to_string(),
            "La saisine du Défenseur des droits n'interrompt ni ne suspend le délai pour saisir le tribunal \
             administratif : si vous voulez garder cette voie, saisissez le tribunal avant la date limite."
                .to_string(),
            ta,
        ],
    }
}
