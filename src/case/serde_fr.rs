//! Turns serde's English messages about a case file into French problems.
//!
//! serde words its errors in a small, stable set of shapes (« unknown field `x`, expected one
//! of … », « missing field `x` », « invalid type: integer `84`, expected a string »). We match
//! those shapes and say the same thing in French, with the key, a suggestion for a misspelt
//! key and an example of the expected value. Messages our own deserializers produce are
//! already French and pass through.

use super::problem::Problem;
use crate::suggest;

/// A problem from serde's message `msg` about the value at `path` (dotted, as
/// `serde_path_to_error` prints it; `.` for the root).
pub fn translate(path: &str, msg: &str) -> Problem {
    let path = clean_path(path);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        return unknown_field(&path, rest);
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        let key = join(&path, field);
        let mut p = Problem::at(
            key.clone(),
            format!("la clé obligatoire « {field} » manque"),
        );
        p.manque = true;
        p.conseil = Some(example_for(&key).map_or_else(
            || format!("ajoutez {field} = … dans la table {}", table_of(&key)),
            |ex| format!("ajoutez {ex} dans la table {}", table_of(&key)),
        ));
        return p;
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Problem::at(
            join(&path, field),
            format!("la clé « {field} » apparaît deux fois"),
        )
        .conseil("gardez une seule fois la clé, avec la bonne valeur");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return invalid_type(&path, rest);
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return Problem::at(path, format!("valeur invalide ({})", english_value(rest)));
    }
    if msg.starts_with("invalid length") {
        return Problem::at(path, "nombre d'éléments incorrect dans la liste");
    }
    // Our own deserializers speak French already.
    Problem::at(path, msg.to_string())
}

/// `demande.departement` from serde_path_to_error's `demande.departement`, and `?` or `.`
/// (the root) as the empty path.
fn clean_path(path: &str) -> String {
    if path == "." || path == "?" {
        String::new()
    } else {
        path.to_string()
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `[demande]` for `demande.departement`; « la racine du fichier » for `recours`.
fn table_of(key: &str) -> String {
    match key.rsplit_once('.') {
        Some((table, _)) => format!("[{table}]"),
        None => "principale (en tête du fichier)".to_string(),
    }
}

fn unknown_field(path: &str, rest: &str) -> Problem {
    // rest: "x`, expected one of `a`, `b`" | "x`, expected `a`" | "x`, there are no fields"
    let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    // serde_path_to_error records the unknown key itself as the last path segment.
    let key = if path.ends_with(field) {
        path.to_string()
    } else {
        join(path, field)
    };
    let table = table_of(&key);
    let mut p = Problem::at(
        key,
        format!("clé inconnue « {field} » dans la table {table}"),
    );
    if !expected.is_empty() {
        p.conseil = Some(match suggest::closest(field, expected.iter().copied()) {
            Some(k) => format!("vouliez-vous dire « {k} » ?"),
            None => format!(
                "clés possibles : {}",
                expected
                    .iter()
                    .map(|k| format!("« {k} »"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    p
}

/// « de du texte » → « de texte », « de une table » → « d'une table ».
fn de(what: &str) -> String {
    if let Some(rest) = what.strip_prefix("du ") {
        return format!("de {rest}");
    }
    match what.chars().next() {
        Some(c) if "aeiouyéèêàâîôûh".contains(c.to_ascii_lowercase()) => {
            format!("d'{what}")
        }
        _ => format!("de {what}"),
    }
}

/// The tables of a case file: a JSON list in their place is read by serde as a tuple of
/// fields, and its message (« clé demandeur[0] : le nombre 1 au lieu de texte ») would be
/// nonsense; this says it as it is.
pub fn json_shape(v: &serde_json::Value) -> Option<Problem> {
    use serde_json::Value;
    let Value::Object(root) = v else {
        let what = match v {
            Value::Array(_) => "une liste [ … ]",
            Value::Null => "null",
            _ => "une valeur seule",
        };
        return Some(
            Problem::file(format!("le dossier JSON est {what}, pas un objet {{ … }}"))
                .conseil("un dossier JSON est un seul objet : { \"recours\": \"gracieux\", \"demandeur\": { … }, … }"),
        );
    };
    const TABLES: [&str; 9] = [
        "lettre",
        "demandeur",
        "titulaire",
        "demande",
        "decision",
        "destinataire",
        "recours_gracieux",
        "recours_hierarchique",
        "signalement",
    ];
    for table in TABLES {
        match root.get(table) {
            Some(Value::Array(_)) => {
                return Some(
                    Problem::at(table, "une liste [ … ] au lieu d'une table { … }")
                        .conseil(format!("écrivez \"{table}\": {{ \"clé\": \"valeur\", … }}")),
                );
            }
            // serde's own message would advise a TOML table « [demandeur] » to a JSON writer.
            Some(Value::Null) => {
                return Some(
                    Problem::at(table, "null au lieu d'un objet { … }").conseil(format!(
                        "écrivez \"{table}\": {{ \"clé\": \"valeur\", … }}, ou retirez la clé si elle est facultative"
                    )),
                );
            }
            _ => {}
        }
    }
    None
}

fn invalid_type(path: &str, rest: &str) -> Problem {
    // rest: "integer `84`, expected a string"
    let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
    let found_fr = english_value(found);
    let expected_fr = english_expected(expected);
    let mut p = Problem::at(
        path.to_string(),
        format!("{found_fr} au lieu {}", de(&expected_fr)),
    );
    let key = path.rsplit('.').next().unwrap_or(path);
    p.conseil = match (found.split_whitespace().next(), expected) {
        (Some("integer") | Some("floating") | Some("boolean"), "a string") => {
            let raw = found.split('`').nth(1).unwrap_or("…");
            Some(format!(
                "mettez la valeur entre guillemets : {key} = \"{raw}\""
            ))
        }
        (Some("string"), "a sequence") => Some(format!(
            "écrivez une liste entre crochets : {key} = [\"…\", \"…\"]"
        )),
        (Some("string"), "a boolean") => Some(format!(
            "écrivez {key} = true ou {key} = false, sans guillemets"
        )),
        _ => example_for(path).map(|ex| format!("par exemple {ex}")),
    };
    p
}

/// « integer `84` » → « le nombre 84 ».
fn english_value(v: &str) -> String {
    let quoted = v.split('`').nth(1).or_else(|| v.split('"').nth(1));
    let kind = v.split_whitespace().next().unwrap_or("");
    match (kind, quoted) {
        ("integer", Some(q)) | ("floating", Some(q)) => format!("le nombre {q}"),
        ("boolean", Some(q)) => format!("la valeur {q}"),
        ("string", Some(q)) => format!("le texte « {q} »"),
        ("sequence", _) => "une liste".to_string(),
        ("map", _) => "une table".to_string(),
        ("unit", _) | ("null", _) => "une valeur vide".to_string(),
        _ => v.to_string(),
    }
}

/// « a string » → « du texte entre guillemets ».
fn english_expected(e: &str) -> String {
    match e {
        "a string" => "du texte entre guillemets".to_string(),
        "a boolean" => "true ou false".to_string(),
        "a sequence" => "une liste entre crochets".to_string(),
        "a map" => "une table".to_string(),
        "" => "la valeur attendue".to_string(),
        other if other.starts_with("struct ") => "une table".to_string(),
        other => other.to_string(),
    }
}

/// An example line for a key, to show the expected shape of its value.
pub fn example_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "recours" => {
            "recours = \"gracieux\" (gracieux, hierarchique, signalement, defenseur, motifs ou communication)"
        }
        "demandeur" => "une table [demandeur] avec prenom, nom et adresse",
        "demandeur.prenom" => "prenom = \"Camille\"",
        "demandeur.nom" => "nom = \"Martin\"",
        "demandeur.adresse" => "adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]",
        "demandeur.civilite" | "titulaire.civilite" | "destinataire.civilite" => {
            "civilite = \"Madame\""
        }
        "titulaire.prenom" => "prenom = \"Léa\"",
        "titulaire.nom" => "nom = \"Martin\"",
        "titulaire.date_naissance" => "date_naissance = 2014-03-02",
        "titulaire.qualite" => "qualite = \"mère\"",
        "demande" => "une table [demande] avec document, motif et depot",
        "demande.document" => "document = \"carte-identite\" (ou \"passeport\")",
        "demande.motif" => {
            "motif = \"renouvellement\" (premiere-demande, renouvellement, perte ou vol)"
        }
        "demande.depot" => "depot = \"mairie\" (mairie, consulat ou ambassade)",
        "demande.departement" => "departement = \"84\"",
        "demande.code_postal" => "code_postal = \"84300\"",
        "decision.date" => "date = 2026-10-15",
        "decision.motif" => "motif = \"le motif écrit sur la décision\"",
        "destinataire.adresse" => "adresse = [\"…\", \"84000 Avignon\"]",
        "signalement.description" => "description = \"ce qui s'est passé en mairie\"",
        k if k.ends_with("date")
            || k.ends_with("envoi")
            || k.ends_with("reception")
            || k.ends_with("rejet") =>
        {
            "une date AAAA-MM-JJ, par exemple 2026-10-15"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_closest_key() {
        let p = translate(
            "demande.departemnt",
            "unknown field `departemnt`, expected one of `document`, `motif`, `depot`, `departement`",
        );
        assert_eq!(p.cle.as_deref(), Some("demande.departemnt"));
        assert_eq!(
            p.message,
            "clé inconnue « departemnt » dans la table [demande]"
        );
        assert_eq!(
            p.conseil.as_deref(),
            Some("vouliez-vous dire « departement » ?")
        );
    }

    #[test]
    fn wrong_type_says_what_to_write() {
        let p = translate(
            "demande.departement",
            "invalid type: integer `84`, expected a string",
        );
        assert_eq!(p.message, "le nombre 84 au lieu de texte entre guillemets");
        assert_eq!(
            p.conseil.as_deref(),
            Some("mettez la valeur entre guillemets : departement = \"84\"")
        );
    }

    #[test]
    fn missing_field_gives_an_example() {
        let p = translate("demande", "missing field `motif`");
        assert_eq!(p.cle.as_deref(), Some("demande.motif"));
        assert!(p.conseil.unwrap().contains("motif = \"renouvellement\""));
        let root = translate(".", "missing field `recours`");
        assert_eq!(root.cle.as_deref(), Some("recours"));
    }
}
