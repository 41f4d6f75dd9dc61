//! Elision and articles for names in running text: « d'Awa », « la mère », « la mairie du
//! 11e arrondissement de Paris ». Templates cannot tell a vowel from a consonant, so the
//! context hands them the finished phrase.

/// True when French elides « de » or « le » before `word`: a vowel, or a mute h we cannot
/// tell from an aspirated one (most first names and towns with « h » elide: « d'Hélène »).
fn elides(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'à' | 'â' | 'é' | 'è' | 'ê' | 'î' | 'ô' | 'û'
        )
    })
}

/// « de Léa », « d'Awa », « d'Yves ».
pub fn de(name: &str) -> String {
    if elides(name) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// A capacity with its article: « la mère », « le père », « la tutrice », « l'oncle ».
pub fn with_article(qualite: &str) -> String {
    let q = qualite.trim();
    if elides(q) {
        return format!("l'{q}");
    }
    let folded = crate::suggest::fold(q);
    let feminine = matches!(
        folded.as_str(),
        "mere" | "tutrice" | "grand-mere" | "grand mere" | "tante" | "representante legale"
    ) || folded.ends_with("trice");
    if feminine {
        format!("la {q}")
    } else {
        format!("le {q}")
    }
}

/// « la mairie de Cavaillon », « la mairie d'Avignon », « la mairie du Mans », « la mairie
/// du 11e arrondissement de Paris » (from « Paris 11e », « Paris 11 » or « Paris 11e
/// arrondissement »).
pub fn mairie(commune: &str) -> String {
    let c = commune.trim();
    for city in ["Paris", "Lyon", "Marseille"] {
        if let Some(rest) = c.strip_prefix(city) {
            let rest = rest.trim().trim_end_matches("arrondissement").trim();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let suffix = rest[digits.len()..].trim();
            let ordinal_ok = matches!(suffix, "" | "e" | "ème" | "eme" | "er");
            if let (Ok(n), true) = (digits.parse::<u32>(), ordinal_ok) {
                let ord = if n == 1 {
                    "1er".to_string()
                } else {
                    format!("{n}e")
                };
                return format!("la mairie du {ord} arrondissement de {city}");
            }
        }
    }
    if let Some(rest) = c.strip_prefix("Le ") {
        format!("la mairie du {rest}")
    } else if let Some(rest) = c.strip_prefix("Les ") {
        format!("la mairie des {rest}")
    } else {
        format!("la mairie {}", de(c))
    }
}

/// « certificat de nationalité » → « Certificat de nationalité »: a label that opens a line.
pub fn first_upper(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// « Tribunal administratif de Nîmes » → « tribunal administratif de Nîmes »: a name that
/// heads a block, set in running text.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_elides_before_a_vowel() {
        assert_eq!(de("Awa Diallo"), "d'Awa Diallo");
        assert_eq!(de("Léa Martin"), "de Léa Martin");
        assert_eq!(de("Élodie"), "d'Élodie");
    }

    #[test]
    fn capacity_takes_its_article() {
        assert_eq!(with_article("mère"), "la mère");
        assert_eq!(with_article("père"), "le père");
        assert_eq!(with_article("tutrice"), "la tutrice");
        assert_eq!(with_article("tuteur"), "le tuteur");
        assert_eq!(with_article("oncle"), "l'oncle");
    }

    #[test]
    fn mairie_names_the_arrondissement_and_elides() {
        assert_eq!(
            mairie("Paris 11e"),
            "la mairie du 11e arrondissement de Paris"
        );
        assert_eq!(
            mairie("Paris 11e arrondissement"),
            "la mairie du 11e arrondissement de Paris"
        );
        assert_eq!(mairie("Lyon 1"), "la mairie du 1er arrondissement de Lyon");
        assert_eq!(mairie("Avignon"), "la mairie d'Avignon");
        assert_eq!(mairie("Le Mans"), "la mairie du Mans");
        assert_eq!(mairie("Cavaillon"), "la mairie de Cavaillon");
        assert_eq!(mairie("Paris"), "la mairie de Paris");
    }
}
