//! From what a user writes (« 84 », « 2a », « 20250 ») to an INSEE département code.
//!
//! Postcodes mostly start with the département code, but not always: Corsica's postcodes
//! start with 20 for both départements, Saint-Barthélemy and Saint-Martin use Guadeloupe's
//! 971 prefix, and Monaco uses 980. A few communes near a border even carry a neighbour's
//! postcode, which is why a `departement` given in the case file wins over `code_postal`.

/// Cleans a département code as typed: trims, upper-cases « 2a », pads « 1 » to « 01 ».
/// Whether the code exists is checked against the table by the caller.
pub fn normalise_departement(input: &str) -> Result<String, String> {
    let code = input.trim().to_ascii_uppercase();
    if code == "20" {
        return Err(
            "la Corse compte deux départements : « 2A » (Corse-du-Sud) ou « 2B » \
                    (Haute-Corse)"
                .to_string(),
        );
    }
    if code.len() == 1 && code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(format!("0{code}"));
    }
    Ok(code)
}

/// The département a five-digit postcode belongs to.
pub fn departement_from_postcode(postcode: &str) -> Result<String, String> {
    let cp = postcode.trim();
    if cp.len() != 5 || !cp.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("« {cp} » n'est pas un code postal à cinq chiffres"));
    }
    let n: u32 = cp
        .parse()
        .map_err(|_| format!("« {cp} » n'est pas un code postal"))?;
    let code = match n {
        0..=999 => return Err(format!("« {cp} » n'est pas un code postal français")),
        // La Poste gives Corse-du-Sud 200xx–201xx and Haute-Corse 202xx and 206xx.
        20000..=20199 => "2A".to_string(),
        20200..=20299 | 20600..=20699 => "2B".to_string(),
        20300..=20599 | 20700..=20999 => {
            return Err(format!("le code postal « {cp} » n'existe pas en Corse"));
        }
        97133 => "977".to_string(),
        97150 => "978".to_string(),
        97100..=97699 => cp[..3].to_string(),
        98000..=98099 => {
            return Err(format!(
                "le code postal « {cp} » est celui de Monaco, qui n'est pas en France"
            ));
        }
        98600..=98899 => cp[..3].to_string(),
        96000..=97099 | 97700..=97999 | 98100..=98599 | 98900..=99999 => {
            return Err(format!("« {cp} » n'est pas un code postal français connu"));
        }
        _ => cp[..2].to_string(),
    };
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_postcodes_give_their_first_two_digits() {
        assert_eq!(departement_from_postcode("84300").unwrap(), "84");
        assert_eq!(departement_from_postcode("01000").unwrap(), "01");
        assert_eq!(departement_from_postcode("75015").unwrap(), "75");
        assert_eq!(departement_from_postcode("95000").unwrap(), "95");
    }

    #[test]
    fn corsica_splits_at_20200() {
        assert_eq!(departement_from_postcode("20000").unwrap(), "2A"); // Ajaccio
        assert_eq!(departement_from_postcode("20169").unwrap(), "2A"); // Bonifacio
        assert_eq!(departement_from_postcode("20200").unwrap(), "2B"); // Bastia
        assert_eq!(departement_from_postcode("20250").unwrap(), "2B"); // Corte
        assert_eq!(departement_from_postcode("20600").unwrap(), "2B"); // Bastia, Furiani
        assert!(departement_from_postcode("20400").is_err());
    }

    #[test]
    fn overseas_postcodes() {
        assert_eq!(departement_from_postcode("97100").unwrap(), "971");
        assert_eq!(departement_from_postcode("97200").unwrap(), "972");
        assert_eq!(departement_from_postcode("97300").unwrap(), "973");
        assert_eq!(departement_from_postcode("97400").unwrap(), "974");
        assert_eq!(departement_from_postcode("97500").unwrap(), "975");
        assert_eq!(departement_from_postcode("97600").unwrap(), "976");
        assert_eq!(departement_from_postcode("97133").unwrap(), "977");
        assert_eq!(departement_from_postcode("97150").unwrap(), "978");
        assert_eq!(departement_from_postcode("98800").unwrap(), "988");
        assert!(
            departement_from_postcode("98000")
                .unwrap_err()
                .contains("Monaco")
        );
    }

    #[test]
    fn bad_postcodes_are_refused() {
        assert!(departement_from_postcode("8430").is_err());
        assert!(departement_from_postcode("84 300").is_err());
        assert!(departement_from_postcode("00100").is_err());
        assert!(departement_from_postcode("abcde").is_err());
    }

    #[test]
    fn departement_codes_are_cleaned() {
        assert_eq!(normalise_departement(" 2a ").unwrap(), "2A");
        assert_eq!(normalise_departement("1").unwrap(), "01");
        assert_eq!(normalise_departement("974").unwrap(), "974");
        assert!(normalise_departement("20").unwrap_err().contains("2A"));
    }
}
