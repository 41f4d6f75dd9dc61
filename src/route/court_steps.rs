//! What comes with and after a requête: how to file it, what it costs, the urgent procedures.
//!
//! Every rule here was read in the code de justice administrative (copy cited in
//! `docs/contentieux-sources.md`), except the legal-aid rule, read only in a secondary copy
//! of décret n° 2020-1717 and so phrased as something to confirm.

use crate::case::Case;

pub(super) fn after(case: &Case) -> Vec<String> {
    let mut steps = vec![
        "Déposez la requête par Télérecours citoyens (https://citoyens.telerecours.fr), chaque pièce dans un \
         fichier distinct dont le nom dit le contenu (CJA art. R. 414-2 et R. 414-5), ou envoyez-la en \
         recommandé avec accusé de réception (ou déposez-la au greffe) avec une copie de la requête et des \
         pièces (art. R. 411-3 et R. 412-1). Elle doit être signée (art. R. 431-4) et partir avant la date \
         limite indiquée plus haut : le cachet de la poste fait foi (CE, 13 mai 2024, n° 466541)."
            .to_string(),
        "L'avocat n'est pas obligatoire pour demander l'annulation d'un refus de titre : il ne l'est devant \
         le tribunal administratif que si l'on demande de l'argent ou dans un litige de contrat (CJA \
         art. R. 431-2). N'ajoutez pas de demande d'indemnité sans conseil, elle rendrait l'avocat obligatoire."
            .to_string(),
        "Si vos ressources sont modestes, vous pouvez demander l'aide juridictionnelle au bureau d'aide \
         juridictionnelle du tribunal. Déposée avant la date limite, cette demande peut préserver le délai \
         (décret n° 2020-1717 du 28 décembre 2020, art. 43) : faites-vous confirmer par le bureau le nouveau \
         délai qui court alors, et dans le doute déposez la requête avant la date limite."
            .to_string(),
    ];
    if case.requete.urgence {
        steps.push(
            "La requête en référé-suspension est une requête distincte : déposez-la en même temps que la \
             requête en annulation, accompagnée d'une copie de celle-ci (CJA art. R. 522-1). Le juge des \
             référés peut suspendre le refus si l'urgence le justifie et si un moyen crée un doute sérieux \
             sur sa légalité (art. L. 521-1) ; la suspension prend fin au plus tard au jugement."
                .to_string(),
        );
    } else {
        steps.push(
            "Si vous ne pouvez pas attendre le jugement (voyage, examen, emploi), vous pouvez demander en plus \
             au juge des référés de suspendre le refus (CJA art. L. 521-1) : ajoutez requete.urgence = true \
             et décrivez les faits dans lettre.urgence ; recours écrit alors aussi la requête en \
             référé-suspension."
                .to_string(),
        );
    }
    steps.push(
        "Dans les cas extrêmes, quand le refus porte une atteinte grave et manifestement illégale à une \
         liberté fondamentale comme la liberté d'aller et venir (CE, juge des référés, 30 décembre 2003, \
         n° 263121), le juge du référé-liberté statue en quarante-huit heures (CJA art. L. 521-2). recours \
         n'écrit pas cette requête : faites-vous aider (point-justice, avocat, association)."
            .to_string(),
    );
    steps.push(
        "La saisine du Défenseur des droits (recours = \"defenseur\") reste possible en parallèle, mais elle \
         n'interrompt ni ne suspend le délai pour saisir le tribunal."
            .to_string(),
    );
    steps
}
