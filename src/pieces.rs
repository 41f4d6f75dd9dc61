//! `recours lettre --pieces DOSSIER`: a requête ready to file, as a folder.
//!
//! Télérecours citoyens wants each piece as a separate file whose title describes it (CJA
//! art. R. 414-5), and the paper route an inventory whose numbers match (R. 412-2). The folder
//! holds the requête (its inventory on its last page), then every piece the case file gives a
//! file for (`requete.fichiers`), copied under a name that starts with its inventory number:
//! « 01 - Décision attaquée du 1er septembre 2026 refusant la délivrance d'un passeport.pdf ».
//! With a référé-suspension, which is filed as a separate requête (R. 522-1), each requête
//! gets its own sub-folder and its own numbering. `inventaire.txt` lists what is there and
//! what is still to add.
//!
//! The folder is built under a temporary name beside it and renamed at the end: a failure
//! leaves nothing half-written. Files are read only inside the case file's folder, and each
//! is size-limited.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::case::Case;
use crate::compose::inventory::{self, Piece};
use crate::error::Error;
use crate::pipeline::Rendered;

/// Largest piece copied (50 MiB): a scan larger than that is almost certainly a mistake, and
/// the court's upload service would refuse it anyway.
pub const MAX_PIECE_BYTES: u64 = 50 * 1024 * 1024;

/// Longest label kept in a piece's file name, in bytes.
const MAX_LABEL_BYTES: usize = 200;

/// What was written, for the summary line and the warnings.
#[derive(Debug)]
pub struct Written {
    /// Pieces copied.
    pub copied: usize,
    /// Pieces still to add by hand: (number, label).
    pub missing: Vec<(String, String)>,
}

/// The pieces and their files, checked before anything is written.
#[derive(Debug)]
pub struct Prepared {
    annulation: Vec<Piece>,
    sources: std::collections::BTreeMap<String, PathBuf>,
}

/// Checks everything `--pieces` needs before the requête is rendered, so that a bad file name
/// leaves nothing written. `case_dir` is the folder of the case file, against which the file
/// names of `requete.fichiers` are read.
pub fn prepare(dest: &Path, case: &Case, case_dir: &Path) -> Result<Prepared, Error> {
    if case.recours != crate::case::LetterKind::Requete {
        return Err(Error::usage(
            "--pieces ne s'applique qu'à une requête au tribunal",
            "écrivez recours = \"requete\" dans le dossier, ou retirez --pieces",
        ));
    }
    refuse_non_empty(dest)?;
    let annulation = inventory::inventory(case);
    check_ids(case, &annulation)?;
    let sources = resolve(case, case_dir, &annulation)?;
    Ok(Prepared {
        annulation,
        sources,
    })
}

/// Writes the folder from what [`prepare`] checked.
pub fn write_folder(
    dest: &Path,
    case: &Case,
    prepared: Prepared,
    rendered: &Rendered,
) -> Result<Written, Error> {
    refuse_non_empty(dest)?;
    let Prepared {
        annulation,
        sources,
    } = prepared;

    let tmp = temp_sibling(dest);
    let _ = fs::remove_dir_all(&tmp);
    let build = || -> Result<Written, Error> {
        fs::create_dir_all(&tmp).map_err(|e| Error::io("impossible de créer", &tmp, e))?;
        let mut written = Written {
            copied: 0,
            missing: Vec::new(),
        };
        let mut listing = String::new();
        match &rendered.separate {
            None => {
                write(&tmp.join("requete-annulation.pdf"), &rendered.pdf)?;
                listing.push_str("Requête en annulation : requete-annulation.pdf\n\n");
                fill(&tmp, &annulation, &sources, &mut written, &mut listing, "")?;
            }
            Some(sep) => {
                let a = tmp.join("1-annulation");
                let r = tmp.join("2-refere-suspension");
                for d in [&a, &r] {
                    fs::create_dir(d).map_err(|e| Error::io("impossible de créer", d, e))?;
                }
                write(&a.join("requete-annulation.pdf"), &sep.requete)?;
                write(&r.join("refere-suspension.pdf"), &sep.refere)?;
                listing.push_str(
                    "Deux requêtes distinctes, à déposer séparément (CJA art. R. 522-1).\n\n\
                     1-annulation/requete-annulation.pdf : requête en annulation\n",
                );
                fill(
                    &a,
                    &annulation,
                    &sources,
                    &mut written,
                    &mut listing,
                    "1-annulation/",
                )?;
                listing.push_str(
                    "\n2-refere-suspension/refere-suspension.pdf : requête en référé-suspension\n",
                );
                let refere = inventory::refere(case);
                let copy = refere[0].clone();
                let name = file_name(&copy, "pdf");
                write(&r.join(&name), &sep.requete)?;
                listing.push_str(&format!(
                    "  Pièce n° {} : {} : 2-refere-suspension/{name}\n",
                    copy.numero, copy.intitule
                ));
                let mut again = Written {
                    copied: 0,
                    missing: Vec::new(),
                };
                fill(
                    &r,
                    &refere[1..],
                    &sources,
                    &mut again,
                    &mut listing,
                    "2-refere-suspension/",
                )?;
            }
        }
        listing.push_str(
            "\nPar Télérecours citoyens : déposez la requête, puis chaque pièce dans un fichier \
             distinct, sous le nom donné ici (CJA art. R. 414-5).\nPar courrier ou au greffe : \
             imprimez la requête (l'inventaire est sa dernière page), signez-la, joignez les \
             pièces dans l'ordre de l'inventaire, et une copie de l'ensemble (art. R. 411-3 et \
             R. 412-1).\n",
        );
        write(&tmp.join("inventaire.txt"), listing.as_bytes())?;
        Ok(written)
    };
    match build() {
        Ok(w) => {
            // An empty folder the user made beforehand is replaced.
            let _ = fs::remove_dir(dest);
            fs::rename(&tmp, dest).map_err(|e| {
                let _ = fs::remove_dir_all(&tmp);
                Error::io("impossible de créer", dest, e)
            })?;
            Ok(w)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// Copies each piece that has a file; notes the others.
fn fill(
    dir: &Path,
    pieces: &[Piece],
    sources: &std::collections::BTreeMap<String, PathBuf>,
    written: &mut Written,
    listing: &mut String,
    prefix: &str,
) -> Result<(), Error> {
    for p in pieces {
        match sources.get(&p.id) {
            Some(src) => {
                let ext = src
                    .extension()
                    .and_then(|e| e.to_str())
                    .map_or_else(|| "pdf".to_string(), str::to_lowercase);
                let name = file_name(p, &ext);
                let target = dir.join(&name);
                fs::copy(src, &target).map_err(|e| Error::io("impossible de copier", src, e))?;
                written.copied += 1;
                listing.push_str(&format!(
                    "  Pièce n° {} : {} : {prefix}{name}\n",
                    p.numero, p.intitule
                ));
            }
            None => {
                written
                    .missing
                    .push((p.numero.to_string(), p.intitule.clone()));
                listing.push_str(&format!(
                    "  Pièce n° {} : {} : À AJOUTER (requete.fichiers.{} dans le dossier)\n",
                    p.numero, p.intitule, p.id
                ));
            }
        }
    }
    Ok(())
}

/// « 01 - Décision attaquée du 1er septembre 2026….pdf »: the number first, as R. 414-5
/// asks, then the label without the characters a file name cannot hold anywhere.
pub fn file_name(p: &Piece, ext: &str) -> String {
    let mut label: String = p
        .intitule
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let label = label.trim_end_matches(['.', ' ']);
    // A file name holds 255 bytes on common file systems; the number, the extension and a
    // margin leave 200 for the label.
    let mut short = String::new();
    for c in label.chars() {
        if short.len() + c.len_utf8() > MAX_LABEL_BYTES {
            short = short.trim_end().to_string() + "…";
            break;
        }
        short.push(c);
    }
    format!("{:02} - {short}.{ext}", p.numero)
}

/// Every id of `requete.fichiers` must name a piece of the inventory.
fn check_ids(case: &Case, pieces: &[Piece]) -> Result<(), Error> {
    let ids: Vec<&str> = pieces.iter().map(|p| p.id.as_str()).collect();
    for id in case.requete.fichiers.keys() {
        if !ids.contains(&id.as_str()) {
            let known = if inventory::FIXED_IDS.contains(&id.as_str()) {
                "cette pièce ne figure pas à l'inventaire de ce dossier".to_string()
            } else {
                "aucune pièce n'a cet identifiant".to_string()
            };
            return Err(Error::Input {
                message: format!("requete.fichiers.{id} : {known}"),
                conseil: Some(format!(
                    "identifiants des pièces de ce dossier : {}{}",
                    ids.join(", "),
                    crate::suggest::closest(id, ids.iter().copied())
                        .map_or(String::new(), |k| format!(" ; vouliez-vous dire « {k} » ?"))
                )),
            });
        }
    }
    Ok(())
}

/// The files of `requete.fichiers`, checked: relative, inside the case file's folder, regular
/// files of reasonable size.
fn resolve(
    case: &Case,
    case_dir: &Path,
    pieces: &[Piece],
) -> Result<std::collections::BTreeMap<String, PathBuf>, Error> {
    let base = fs::canonicalize(if case_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        case_dir
    })
    .map_err(|e| Error::io("impossible de lire", case_dir, e))?;
    let mut out = std::collections::BTreeMap::new();
    for p in pieces {
        let Some(name) = case.requete.fichiers.get(&p.id) else {
            continue;
        };
        let key = format!("requete.fichiers.{}", p.id);
        let rel = Path::new(name);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(Error::Input {
                message: format!(
                    "{key} : « {name} » sort du dossier où se trouve le dossier de l'affaire"
                ),
                conseil: Some(
                    "placez la pièce à côté du dossier (ou dans un sous-dossier) et donnez son nom \
                     relatif, par exemple \"pieces/decision.pdf\""
                        .into(),
                ),
            });
        }
        let path = base.join(rel);
        let real = fs::canonicalize(&path).map_err(|e| Error::Input {
            message: format!("{key} : « {name} » : {}", crate::error::io_reason(&e)),
            conseil: Some("vérifiez le nom du fichier, relatif au dossier de l'affaire".into()),
        })?;
        let meta = fs::metadata(&real).map_err(|e| Error::io("impossible de lire", &real, e))?;
        if !real.starts_with(&base) || !meta.is_file() {
            return Err(Error::Input {
                message: format!("{key} : « {name} » n'est pas un fichier du dossier de l'affaire"),
                conseil: Some("donnez un fichier ordinaire placé à côté du dossier".into()),
            });
        }
        if meta.len() > MAX_PIECE_BYTES {
            return Err(Error::Input {
                message: format!(
                    "{key} : « {name} » fait {} Mo ; {} Mo au plus",
                    meta.len() / (1024 * 1024),
                    MAX_PIECE_BYTES / (1024 * 1024)
                ),
                conseil: Some("numérisez la pièce en plus basse résolution".into()),
            });
        }
        out.insert(p.id.clone(), real);
    }
    Ok(out)
}

fn refuse_non_empty(dest: &Path) -> Result<(), Error> {
    match fs::read_dir(dest) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::usage(
                    format!("le dossier « {} » existe et n'est pas vide", dest.display()),
                    "donnez un dossier nouveau (il sera créé) ou videz celui-ci",
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(Error::usage(
            format!("« {} » est un fichier, pas un dossier", dest.display()),
            "donnez le nom d'un dossier à créer",
        )),
        Err(e) => Err(Error::io("impossible de lire", dest, e)),
    }
}

fn temp_sibling(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "pieces".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    fs::write(path, bytes).map_err(|e| Error::io("impossible d'écrire", path, e))
}
