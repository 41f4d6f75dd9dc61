//! `recours nouveau`: the questionnaire in the terminal, one question at a time, then the
//! case file and the letter. Without a terminal (tests, scripts) the answers are read from
//! standard input or `--reponses`, one line per question asked, in the same order.

use std::io::{BufRead, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::explique::report;
use super::write_out;
use crate::case::Context;
use crate::error::{Error, ExitCode};
use crate::offices::Offices;
use crate::pipeline::Renderer;
use crate::plan::Plan;
use crate::questionnaire::{Answers, Kind, QUESTIONS, Question, Section, question_key, to_toml};

/// What `nouveau` was asked for.
#[derive(Debug)]
pub(super) struct Request<'a> {
    pub sortie: &'a Path,
    pub reponses: Option<&'a Path>,
    pub force: bool,
    pub date: Option<NaiveDate>,
    pub clock: crate::clock::Clock,
}

/// Sections asked only when the person says they apply.
fn gate(section: Section) -> Option<&'static str> {
    match section {
        Section::Titulaire => Some("Le document est-il pour un enfant (ou un majeur protégé) ?"),
        Section::Destinataire => Some(
            "Voulez-vous recopier l'autorité et l'adresse écrites sur la décision ? (conseillé)",
        ),
        Section::Contenu => Some("Voulez-vous choisir des arguments ou ajouter vos paragraphes ?"),
        _ => None,
    }
}

/// How answers are obtained: the terminal's prompts, or lines of text.
trait Asker {
    /// A text answer; `check` says why a value is refused.
    fn text(
        &mut self,
        q: &Question,
        current: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error>;
    /// One value among `choices` (value, label).
    fn choice(
        &mut self,
        q: &Question,
        choices: &[(String, String)],
        current: usize,
    ) -> Result<String, Error>;
    /// Several values among `choices`.
    fn several(&mut self, q: &Question, choices: &[(String, String)])
    -> Result<Vec<String>, Error>;
    /// Yes or no.
    fn yes_no(&mut self, prompt: &str, default: bool) -> Result<bool, Error>;
}

pub(super) fn run(
    req: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    use std::io::IsTerminal;
    let pdf_path = req.sortie.with_extension("pdf");
    for p in [req.sortie, pdf_path.as_path()] {
        if p.exists() && !req.force {
            return Err(Error::usage(
                format!("« {} » existe déjà", p.display()),
                "choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer",
            ));
        }
    }
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: req.date,
        today: req.clock.today,
    };
    let answers = match req.reponses {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io("impossible de lire les réponses", path, e))?;
            ask_all(
                &mut Lines::new(text.lines().map(str::to_string).collect(), err),
                ctx,
            )?
        }
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            ask_all(&mut Terminal, ctx)?
        }
        None => {
            let lines: Vec<String> = std::io::stdin()
                .lock()
                .lines()
                .map_while(Result::ok)
                .collect();
            ask_all(&mut Lines::new(lines, err), ctx)?
        }
    };
    let case = answers.case(ctx)?;
    let plan = Plan::new(case, Offices::builtin())?;
    let rendered = Renderer::new(None)?.with_clock(&req.clock).render(&plan)?;
    crate::output::write_atomic(req.sortie, to_toml(&answers).as_bytes())
        .map_err(|e| Error::io("impossible d'écrire le dossier", req.sortie, e))?;
    crate::output::write_atomic(&pdf_path, &rendered.pdf)
        .map_err(|e| Error::io("impossible d'écrire la lettre", &pdf_path, e))?;
    let _ = writeln!(
        err,
        "dossier écrit : {} ; lettre écrite : {}",
        req.sortie.display(),
        pdf_path.display()
    );
    write_out(out, &report(&plan))?;
    Ok(ExitCode::Success)
}

/// The problem the case validation finds with `cle` once answered `value`.
fn problem_with(
    answers: &Answers,
    q: &Question,
    value: &str,
    ctx: Context<'_>,
) -> Result<(), String> {
    let mut a = answers.clone();
    if q.kind.is_list() {
        a.set_list(q.cle, value.split('|').map(str::to_string).collect());
    } else {
        a.set(q.cle, value);
    }
    match a.case(ctx) {
        Ok(_) => Ok(()),
        Err(e) => match e
            .problems
            .iter()
            .find(|p| p.cle.as_deref().map(question_key) == Some(q.cle))
        {
            Some(p) => Err(match &p.conseil {
                Some(c) => format!("{} ({c})", p.message),
                None => p.message.clone(),
            }),
            None => Ok(()),
        },
    }
}

fn ask_all(asker: &mut dyn Asker, ctx: Context<'_>) -> Result<Answers, Error> {
    let mut a = Answers::new();
    let mut round = 0;
    let mut only: Option<Vec<&'static str>> = None;
    loop {
        let mut section = None;
        let mut skipping = false;
        for q in QUESTIONS {
            if !a.asks(q) || only.as_ref().is_some_and(|o| !o.contains(&q.cle)) {
                continue;
            }
            if section != Some(q.section) {
                section = Some(q.section);
                eprintln!("\n== {} ==", q.section.titre());
                skipping = match (gate(q.section), &only) {
                    (Some(prompt), None) => !asker.yes_no(prompt, false)?,
                    _ => false,
                };
            }
            if skipping {
                continue;
            }
            ask_one(asker, &mut a, q, ctx)?;
        }
        eprintln!("\n== Résumé ==");
        for q in QUESTIONS
            .iter()
            .filter(|q| a.asks(q) && !a.get(q.cle).is_empty())
        {
            eprintln!("  {} : {}", q.libelle, a.get(q.cle).join(" | "));
        }
        match a.case(ctx) {
            Ok(_) if asker.yes_no("Écrire le dossier et la lettre ?", true)? => return Ok(a),
            Ok(_) => {
                return Err(Error::usage(
                    "rien n'a été écrit",
                    "relancez recours nouveau pour recommencer",
                ));
            }
            Err(e) if round < 3 => {
                eprintln!("\nÀ corriger :");
                for p in &e.problems {
                    eprintln!("  {}", p.one_line("questionnaire"));
                }
                let keys: Vec<&'static str> = e
                    .problems
                    .iter()
                    .filter_map(|p| p.cle.as_deref())
                    .filter_map(|k| QUESTIONS.iter().find(|q| q.cle == question_key(k)))
                    .map(|q| q.cle)
                    .collect();
                if keys.is_empty() {
                    return Err(e.into());
                }
                only = Some(keys);
                round += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn ask_one(
    asker: &mut dyn Asker,
    a: &mut Answers,
    q: &'static Question,
    ctx: Context<'_>,
) -> Result<(), Error> {
    match q.kind {
        Kind::Texte | Kind::Long | Kind::Date | Kind::Lignes => {
            let current = if q.kind == Kind::Lignes {
                a.items(q.cle).join(" | ")
            } else {
                a.first(q.cle).unwrap_or_default().to_string()
            };
            let snapshot = a.clone();
            let check = |v: &str| problem_with(&snapshot, q, v, ctx);
            let v = asker.text(q, &current, &check)?;
            if q.kind == Kind::Lignes {
                a.set_list(q.cle, v.split('|').map(str::to_string).collect());
            } else {
                a.set(q.cle, &v);
            }
        }
        Kind::Arguments => {
            let choices = owned(q.kind.choices());
            let v = asker.several(q, &choices)?;
            a.set_list(q.cle, v);
        }
        _ => {
            let mut choices = match q.kind {
                Kind::OuiNon => vec![
                    ("oui".to_string(), "Oui".to_string()),
                    ("non".to_string(), "Non".to_string()),
                ],
                k => owned(k.choices()),
            };
            if !q.requis {
                choices.push((String::new(), "Je ne sais pas / sans objet".to_string()));
            }
            let eff = a.effective(q.cle);
            let current = choices
                .iter()
                .position(|(v, _)| *v == eff)
                .unwrap_or(choices.len() - 1);
            let v = asker.choice(q, &choices, current)?;
            a.set(q.cle, &v);
        }
    }
    Ok(())
}

fn owned(c: Vec<(&str, &str)>) -> Vec<(String, String)> {
    c.into_iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

/// Answers read from lines, for scripts and tests: an empty line keeps the proposed answer;
/// a choice may be given by its number or its value; a list by `|`-separated items.
struct Lines<'w> {
    lines: std::vec::IntoIter<String>,
    read: usize,
    err: &'w mut dyn Write,
}

impl<'w> Lines<'w> {
    fn new(lines: Vec<String>, err: &'w mut dyn Write) -> Self {
        Lines {
            lines: lines.into_iter(),
            read: 0,
            err,
        }
    }

    fn next(&mut self, prompt: &str) -> String {
        self.read += 1;
        let line = self.lines.next().unwrap_or_default();
        let _ = writeln!(self.err, "{prompt} {line}");
        line.trim().to_string()
    }

    fn refuse(&self, q: &Question, value: &str, why: &str) -> Error {
        Error::Input {
            message: format!(
                "réponse {} (« {value} ») refusée pour « {} » ({}) : {why}",
                self.read, q.libelle, q.cle
            ),
            conseil: Some("corrigez cette ligne des réponses".to_string()),
        }
    }

    fn pick(&self, q: &Question, choices: &[(String, String)], v: &str) -> Result<String, Error> {
        if let Ok(n) = v.parse::<usize>() {
            return choices
                .get(n.wrapping_sub(1))
                .map(|(v, _)| v.clone())
                .ok_or_else(|| {
                    self.refuse(
                        q,
                        v,
                        &format!("choisissez un numéro de 1 à {}", choices.len()),
                    )
                });
        }
        let folded = crate::suggest::fold(v);
        choices
            .iter()
            .find(|(c, l)| crate::suggest::fold(c) == folded || crate::suggest::fold(l) == folded)
            .map(|(c, _)| c.clone())
            .ok_or_else(|| {
                let list: Vec<String> = choices
                    .iter()
                    .enumerate()
                    .map(|(i, (c, _))| format!("{} ({c})", i + 1))
                    .collect();
                self.refuse(q, v, &format!("valeurs possibles : {}", list.join(", ")))
            })
    }
}

impl Asker for Lines<'_> {
    fn text(
        &mut self,
        q: &Question,
        current: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error> {
        let line = self.next(&format!("{} :", q.libelle));
        let v = if line.is_empty() {
            current.to_string()
        } else {
            line
        };
        check(&v).map_err(|why| self.refuse(q, &v, &why))?;
        Ok(v)
    }

    fn choice(
        &mut self,
        q: &Question,
        choices: &[(String, String)],
        current: usize,
    ) -> Result<String, Error> {
        let line = self.next(&format!("{} :", q.libelle));
        if line.is_empty() {
            return Ok(choices[current].0.clone());
        }
        self.pick(q, choices, &line)
    }

    fn several(
        &mut self,
        q: &Question,
        choices: &[(String, String)],
    ) -> Result<Vec<String>, Error> {
        let line = self.next(&format!("{} :", q.libelle));
        line.split(['|', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|v| self.pick(q, choices, v))
            .collect()
    }

    fn yes_no(&mut self, prompt: &str, default: bool) -> Result<bool, Error> {
        let line = self.next(prompt);
        if line.is_empty() {
            return Ok(default);
        }
        crate::questionnaire::parse_bool(&line).ok_or_else(|| Error::Input {
            message: format!(
                "réponse {} (« {line} ») refusée pour « {prompt} » : ni oui ni non",
                self.read
            ),
            conseil: Some("répondez oui ou non sur cette ligne des réponses".to_string()),
        })
    }
}

/// The terminal: dialoguer's prompts on standard error (standard output keeps the report).
struct Terminal;

fn term_error(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    Error::io("impossible de lire", Path::new("le terminal"), e)
}

impl Asker for Terminal {
    fn text(
        &mut self,
        q: &Question,
        current: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error> {
        use dialoguer::Input;
        if !q.aide.is_empty() {
            eprintln!("  ({})", q.aide);
        }
        let hint = match q.kind {
            Kind::Date => " [AAAA-MM-JJ]",
            Kind::Lignes => " [séparez les lignes par |]",
            _ => "",
        };
        let mut input = Input::<String>::new()
            .with_prompt(format!("{}{hint}", q.libelle))
            .allow_empty(true)
            .validate_with(|v: &String| check(v.trim()));
        if !current.is_empty() {
            input = input.with_initial_text(current.to_string());
        } else if !q.exemple.is_empty() {
            eprintln!("  (exemple : {})", q.exemple.replace('\n', " | "));
        }
        input
            .interact_text()
            .map(|v| v.trim().to_string())
            .map_err(term_error)
    }

    fn choice(
        &mut self,
        q: &Question,
        choices: &[(String, String)],
        current: usize,
    ) -> Result<String, Error> {
        if !q.aide.is_empty() {
            eprintln!("  ({})", q.aide);
        }
        let items: Vec<String> = choices
            .iter()
            .enumerate()
            .map(|(i, (_, l))| format!("{}. {l}", i + 1))
            .collect();
        dialoguer::FuzzySelect::new()
            .with_prompt(format!("{} (flèches, ou tapez le numéro)", q.libelle))
            .items(&items)
            .default(current)
            .interact()
            .map(|i| choices[i].0.clone())
            .map_err(term_error)
    }

    fn several(
        &mut self,
        q: &Question,
        choices: &[(String, String)],
    ) -> Result<Vec<String>, Error> {
        let items: Vec<&str> = choices.iter().map(|(_, l)| l.as_str()).collect();
        dialoguer::MultiSelect::new()
            .with_prompt(format!(
                "{} (espace pour cocher, Entrée pour valider)",
                q.libelle
            ))
            .items(&items)
            .interact()
            .map(|picked| picked.into_iter().map(|i| choices[i].0.clone()).collect())
            .map_err(term_error)
    }

    fn yes_no(&mut self, prompt: &str, default: bool) -> Result<bool, Error> {
        // dialoguer's Confirm answers to y/n: a French choice instead.
        dialoguer::Select::new()
            .with_prompt(prompt)
            .items(["Oui", "Non"])
            .default(if default { 0 } else { 1 })
            .interact()
            .map(|i| i == 0)
            .map_err(term_error)
    }
}
