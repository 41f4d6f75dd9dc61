//! Fixture letters shared by the engine's tests and benchmarks: a realistic one-page appeal,
//! a three-page one, and pathological ones (an unbreakable word, a very long name, a
//! character the font lacks). Public but hidden from the docs, because benchmarks only see
//! public items.

use chrono::NaiveDate;

use crate::letter::{Block, Letter, Metadata, Span, Style, Text};

/// French typography for fixture text written with ASCII habits: `'` → `’`, no-break space
/// before `:` and after `n°`, narrow no-break space before `; ! ?` and inside « ».
pub fn typo(s: &str) -> String {
    s.replace('\'', "\u{2019}")
        .replace("n° ", "n°\u{A0}")
        .replace(" :", "\u{A0}:")
        .replace(" ;", "\u{202F};")
        .replace(" !", "\u{202F}!")
        .replace(" ?", "\u{202F}?")
        .replace("« ", "«\u{202F}")
        .replace(" »", "\u{202F}»")
}

fn t(s: &str) -> Text {
    Text::plain(typo(s))
}

fn p(s: &str) -> Block {
    Block::Paragraph(t(s))
}

fn labelled(label: &str, rest: &str) -> Text {
    Text {
        spans: vec![
            Span::styled(typo(label), Style::Bold),
            Span::plain(typo(&format!(" {rest}"))),
        ],
    }
}

fn sup(s: &str) -> Span {
    Span {
        text: s.to_string(),
        style: Style::Regular,
        superscript: true,
    }
}

fn metadata(title: &str) -> Metadata {
    Metadata {
        title: typo(title),
        author: "Jeanne Lefèvre-Nguyễn".to_string(),
        subject: typo("Recours gracieux contre un refus de carte nationale d'identité"),
        created: NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap_or_default(),
    }
}

/// A realistic recours gracieux against a refused identity card, on one page: accents, œ,
/// « », ’, French spaces, « 1er » with a superscript, a list and enclosures.
pub fn one_page() -> Letter {
    Letter {
        metadata: metadata("Recours gracieux – refus de carte nationale d'identité"),
        sender: vec![
            t("Jeanne Lefèvre-Nguyễn"),
            t("Appartement 12, bâtiment B"),
            t("14 rue de l'Œuvre"),
            t("84300 CAVAILLON"),
            t("jeanne.lefevre@exemple.fr – 06 12 34 56 78"),
        ],
        recipient: vec![
            t("Monsieur le Préfet de Vaucluse"),
            t("Centre d'expertise et de ressources titres"),
            t("Service des cartes nationales d'identité"),
            t("2 avenue de la Folie"),
            t("84000 AVIGNON"),
        ],
        place_date: Text {
            spans: vec![
                Span::plain("Cavaillon, le 1"),
                sup("er"),
                Span::plain(" décembre 2026"),
            ],
        },
        mentions: vec![t(
            "Lettre recommandée avec avis de réception n° 1A 234 567 8901 2",
        )],
        subject: vec![
            labelled(
                "Objet :",
                "recours gracieux contre le refus de délivrance d'une carte nationale d'identité",
            ),
            labelled(
                "Réf. :",
                "décision n° CNI-2026-084-00417 du 3 novembre 2026, notifiée le 10 novembre 2026",
            ),
        ],
        body: vec![
            p("Monsieur le Préfet,"),
            p(
                "Par une décision du 3 novembre 2026, notifiée le 10 novembre suivant, vous avez refusé de me délivrer une carte nationale d'identité, au motif que les pièces produites à l'appui de ma demande « ne permettraient pas d'établir la nationalité française du demandeur ».",
            ),
            p(
                "J'ai l'honneur de former, par la présente, un recours gracieux contre cette décision, dont je vous demande le retrait.",
            ),
            p(
                "En premier lieu, la décision est insuffisamment motivée : elle se borne à reprendre une formule générale, sans dire en quoi mes documents seraient insuffisants, alors que l'article L. 211-5 du code des relations entre le public et l'administration (CRPA) exige l'énoncé des considérations de droit et de fait qui en constituent le fondement.",
            ),
            Block::Paragraph(Text {
                spans: vec![
                    Span::plain(typo(
                        "En second lieu, elle repose sur une erreur d'appréciation. Je suis née le 14 juillet 1990 à Hué (Viêt Nam) d'un père français ; mon acte de naissance a été transcrit sur les registres de l'état civil consulaire, et j'ai produit une copie intégrale de cet acte ainsi que le certificat de nationalité française délivré le 1",
                    )),
                    sup("er"),
                    Span::plain(typo(
                        " mars 2012 par le tribunal judiciaire de Paris. Seul un doute suffisant sur l'identité ou la nationalité du demandeur peut justifier un refus (Conseil d'État, 3 mars 2003, n° 242515) ; aucun élément du dossier ne permet de le caractériser.",
                    )),
                ],
            }),
            p(
                "Je vous prie donc de bien vouloir retirer la décision du 3 novembre 2026 et faire procéder à la délivrance de ma carte nationale d'identité.",
            ),
            p("Je vous prie d'agréer, Monsieur le Préfet, l'expression de ma haute considération."),
        ],
        signature: vec![t("Jeanne Lefèvre-Nguyễn")],
        inventory: Vec::new(),
        enclosures: vec![
            p("Pièces jointes :"),
            Block::List(vec![
                t("copie de la décision du 3 novembre 2026 ;"),
                t("copie intégrale de mon acte de naissance transcrit ;"),
                t("certificat de nationalité française du 1er mars 2012."),
            ]),
        ],
        running_head: "Jeanne Lefèvre-Nguyễn".to_string(),
    }
}

/// A long recours hiérarchique that runs onto three pages.
pub fn three_pages() -> Letter {
    let mut letter = one_page();
    letter.metadata = metadata("Recours hiérarchique – refus de carte nationale d'identité");
    letter.recipient = vec![
        t("Monsieur le Ministre de l'Intérieur"),
        t("Direction des libertés publiques"),
        t("et des affaires juridiques"),
        t("Place Beauvau"),
        t("75800 PARIS CEDEX 08"),
    ];
    letter.subject[0] = labelled(
        "Objet :",
        "recours hiérarchique contre le refus de délivrance d'une carte nationale d'identité",
    );
    letter.body[0] = p("Monsieur le Ministre,");
    let facts = [
        "Le 2 septembre 2026, j'ai déposé auprès de la mairie de Cavaillon une demande de carte nationale d'identité, accompagnée de la copie intégrale de mon acte de naissance transcrit, d'un justificatif de domicile et de deux photographies conformes aux normes. Le dossier a été transmis au centre d'expertise et de ressources titres de Vaucluse, qui l'a instruit.",
        "Le 3 novembre 2026, le préfet de Vaucluse a refusé de me délivrer ce titre, au motif que les pièces produites « ne permettraient pas d'établir la nationalité française du demandeur ». Cette décision m'a été notifiée le 10 novembre 2026 ; elle mentionnait les voies et délais de recours.",
        "Le 1er décembre 2026, j'ai formé un recours gracieux, reçu le 4 décembre par les services de la préfecture. Aucune réponse ne m'est parvenue : le silence gardé pendant deux mois a fait naître une décision implicite de rejet le 4 février 2027.",
        "Par la présente, je forme un recours hiérarchique contre la décision du 3 novembre 2026 et contre la décision implicite rejetant mon recours gracieux, et je vous demande d'ordonner la délivrance de ma carte nationale d'identité.",
    ];
    let grounds = [
        "La décision attaquée est insuffisamment motivée. L'article L. 211-2 du code des relations entre le public et l'administration impose de motiver les décisions qui refusent une autorisation, et l'article L. 211-5 exige que la motivation soit écrite et comporte l'énoncé des considérations de droit et de fait qui constituent le fondement de la décision. Une formule stéréotypée, qui pourrait s'appliquer à n'importe quel dossier, ne satisfait pas à cette exigence.",
        "La décision repose en outre sur une erreur d'appréciation. Seul un doute suffisant sur l'identité ou la nationalité du demandeur peut justifier le refus de délivrer une carte nationale d'identité (Conseil d'État, 3 mars 2003, n° 242515). Or un acte de naissance étranger transcrit sur les registres consulaires français est un acte de l'état civil français, dont la force probante ne peut être écartée qu'au vu d'éléments précis (Conseil d'État, 17 décembre 2024, n° 479074).",
        "Enfin, j'ai produit un certificat de nationalité française délivré le 1er mars 2012 par le directeur des services de greffe judiciaires du tribunal judiciaire de Paris. Ce certificat fait foi jusqu'à preuve contraire ; l'administration ne l'a ni contesté ni même mentionné.",
        "Le refus me prive depuis plusieurs mois de tout titre d'identité en cours de validité, ce qui m'empêche d'accomplir de nombreuses démarches de la vie courante : ouverture d'un compte, signature d'un bail, inscription à un concours de la fonction publique, voyages dans l'Union européenne.",
    ];
    let mut body = vec![letter.body[0].clone()];
    body.push(p("J'ai l'honneur de vous exposer les faits suivants."));
    body.extend(facts.iter().map(|s| p(s)));
    body.push(p(
        "Les pièces que j'ai produites établissent ma nationalité :",
    ));
    body.push(Block::List(vec![
        t("la copie intégrale de mon acte de naissance, transcrit le 12 février 1991 sur les registres de l'état civil consulaire de Hô Chi Minh-Ville ;"),
        t("le certificat de nationalité française du 1er mars 2012 ;"),
        t("mon passeport français, délivré le 20 juin 2015 et expiré le 19 juin 2025, dont l'authenticité n'a jamais été mise en cause."),
    ]));
    // The grounds are argued against each decision.
    for decision in [
        "la décision du 3 novembre 2026",
        "la décision implicite de rejet de mon recours gracieux",
        "l'instruction de ma demande par le centre d'expertise et de ressources titres",
    ] {
        body.push(p(&format!(
            "S'agissant de {decision}, je fais valoir les moyens suivants."
        )));
        body.extend(grounds.iter().map(|s| p(s)));
    }
    body.push(p("Pour ces motifs, je vous prie de bien vouloir annuler la décision du 3 novembre 2026 ainsi que la décision implicite de rejet de mon recours gracieux, et d'ordonner la délivrance de ma carte nationale d'identité. À défaut de réponse dans un délai de deux mois, je me réserve la possibilité de saisir le tribunal administratif de Nîmes."));
    body.push(p(
        "Je vous prie d'agréer, Monsieur le Ministre, l'expression de ma très haute considération.",
    ));
    letter.body = body;
    letter
}

/// A 70-character word with no hyphenation point, in the body and in the subject.
pub fn unbreakable_word() -> Letter {
    let word = "ABCDEFGHIJ".repeat(7);
    let mut letter = one_page();
    letter.subject[1] = labelled("Réf. :", &format!("dossier {word}"));
    letter.body[2] = p(&format!(
        "Référence du dossier à rappeler : {word}, telle qu'elle figure sur la décision."
    ));
    letter
}

/// A 200-character name in the sender block, the signature and the running head.
pub fn long_name() -> Letter {
    let name = "Maria-Magdalena Wolfeschlegelsteinhausenbergerdorff Nguyễn Thị Minh Khai de la Fontaine-Saint-Exupéry y Montoya Álvarez Bermúdez Castillo de Carvalho e Silva Ólafsdóttir-Papadopoulou Kowalczyk";
    let name: String = name.chars().take(200).collect();
    let mut letter = three_pages();
    letter.sender[0] = Text::plain(name.clone());
    letter.signature = vec![
        Text::plain(name.clone()),
        t("en qualité de représentante légale de sa fille mineure"),
    ];
    letter.running_head = name;
    letter
}

/// A letter with a character Charis SIL does not have.
pub fn missing_glyph() -> Letter {
    let mut letter = one_page();
    letter.body[2] = p("Il neigeait ☃ ce jour-là.");
    letter
}
