//! What is wrong with a case file, said so that a person can fix it: the file, the line when
//! the format gives one, the key, what was expected, and a `conseil`.

use std::fmt;

/// One thing wrong in a case file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted key path: `demande.departement`.
    pub cle: Option<String>,
    /// 1-based line in the file, when known.
    pub ligne: Option<usize>,
    /// What is wrong, in French.
    pub message: String,
    /// How to fix it, in French.
    pub conseil: Option<String>,
    /// The key is required and absent: a batch can word the fix for its own format (a CSV
    /// column rather than a TOML line).
    pub manque: bool,
}

impl Problem {
    /// A problem about a key.
    pub fn at(cle: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            cle: Some(cle.into()),
            ligne: None,
            message: message.into(),
            conseil: None,
            manque: false,
        }
    }

    /// A problem about the whole file.
    pub fn file(message: impl Into<String>) -> Self {
        Problem {
            cle: None,
            ligne: None,
            message: message.into(),
            conseil: None,
            manque: false,
        }
    }

    /// Adds the fix.
    pub fn conseil(mut self, conseil: impl Into<String>) -> Self {
        self.conseil = Some(conseil.into());
        self
    }

    /// Sets the line.
    pub fn ligne(mut self, ligne: Option<usize>) -> Self {
        self.ligne = ligne;
        self
    }

    /// `fichier, ligne 12, clé demande.departement : message`, without the conseil.
    pub fn headline(&self, fichier: &str) -> String {
        let mut s = fichier.to_string();
        if let Some(l) = self.ligne {
            s.push_str(&format!(", ligne {l}"));
        }
        if let Some(c) = &self.cle {
            s.push_str(&format!(", clé {c}"));
        }
        s.push_str(" : ");
        s.push_str(&self.message);
        s
    }

    /// The problem on one line, conseil included, as `recours verifie` prints it.
    pub fn one_line(&self, fichier: &str) -> String {
        match &self.conseil {
            Some(c) => format!("{} (conseil : {c})", self.headline(fichier)),
            None => self.headline(fichier),
        }
    }
}

/// A case file that cannot be used, with everything wrong in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseError {
    /// How the file is named to the user (its path, or « ligne 4 » in a batch).
    pub fichier: String,
    /// At least one problem.
    pub problems: Vec<Problem>,
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", p.headline(&self.fichier))?;
            if let Some(c) = &p.conseil {
                write!(f, "\n  conseil : {c}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for CaseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_names_file_line_and_key() {
        let p = Problem::at("demande.departement", "le département « 99 » n'existe pas")
            .ligne(Some(12))
            .conseil("écrivez par exemple departement = \"84\"");
        assert_eq!(
            p.headline("dossier.toml"),
            "dossier.toml, ligne 12, clé demande.departement : le département « 99 » n'existe pas"
        );
        assert!(
            p.one_line("dossier.toml")
                .ends_with("(conseil : écrivez par exemple departement = \"84\")")
        );
        let e = CaseError {
            fichier: "d.toml".into(),
            problems: vec![p.clone(), Problem::file("x")],
        };
        let shown = e.to_string();
        assert!(shown.contains("\n  conseil : écrivez"));
        assert!(shown.ends_with("d.toml : x"));
    }
}
