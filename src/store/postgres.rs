//! The shared backend: a PostgreSQL database, for workers who follow one caseload from several
//! machines (the synchronous `postgres` crate; plain TCP, as on a loopback or a private
//! network; put TLS in front with a tunnel when the server is remote).
//!
//! Migrations run under a transaction-scoped advisory lock, so two workers opening a new
//! database at once do not both create it. Every write is one transaction; PostgreSQL's row
//! locks make concurrent writers wait for each other rather than fail.

use postgres::{Client, NoTls, Row, Transaction};

use super::{
    Added, CaseId, NewCase, NewEvent, RawCase, RawEvent, Store, StoreError, TrackedCase,
    decode_case, decode_event, format_key, iso, migrations,
};

/// The advisory-lock key that serialises migrations (« recours » in ASCII, folded).
const MIGRATION_LOCK: i64 = 0x0072_6563_6f75_7273;

/// Rows fetched at a time when listing the whole caseload.
const PAGE: i32 = 2_000;

/// A PostgreSQL caseload.
pub struct PgStore {
    client: Client,
    name: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgStore({})", self.name)
    }
}

impl PgStore {
    /// Connects and brings the schema to the latest version.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let name = super::Base::Postgres(url.to_string()).display();
        let fail = |message: String| StoreError::Backend {
            base: name.clone(),
            message,
        };
        let mut config: postgres::Config = url.parse().map_err(|_| StoreError::NotABase {
            base: name.clone(),
            message: "adresse PostgreSQL illisible".into(),
            conseil: "écrivez --base postgres://utilisateur:mot-de-passe@hôte:port/base (un \
                      caractère spécial du mot de passe s'écrit en %XX, par exemple @ en %40)",
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        config.application_name("recours suivi");
        let client = config
            .connect(NoTls)
            .map_err(|e| fail(format!("connexion impossible : {}", describe(&e))))?;
        let mut store = PgStore { client, name };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let e = backend(&self.name);
        let mut tx = self.client.transaction().map_err(e)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(e)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS recours_migrations (
                 version INTEGER PRIMARY KEY,
                 appliquee_le TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .map_err(e)?;
        let row = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM recours_migrations",
                &[],
            )
            .map_err(e)?;
        let done: i32 = row.get(0);
        for (i, sql) in migrations::POSTGRES.iter().enumerate() {
            let version = i32::try_from(i + 1).expect("few migrations");
            if version <= done {
                continue;
            }
            tx.batch_execute(sql).map_err(e)?;
            tx.execute(
                "INSERT INTO recours_migrations (version) VALUES ($1)",
                &[&version],
            )
            .map_err(e)?;
        }
        tx.commit().map_err(e)
    }
}

/// The error for a failure on the base `name`, in French.
fn backend(name: &str) -> impl Fn(postgres::Error) -> StoreError + Copy + '_ {
    move |e| StoreError::Backend {
        base: name.to_string(),
        message: describe(&e),
    }
}

/// Cancels an event of a case, inside the caller's transaction.
fn cancel(
    tx: &mut Transaction<'_>,
    name: &str,
    case: CaseId,
    event: i64,
) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE evenements SET annule = TRUE WHERE id = $1 AND dossier = $2",
            &[&event, &case.0],
        )
        .map_err(backend(name))?;
    if n == 0 {
        return Err(StoreError::NoEvent { case, event });
    }
    Ok(())
}

impl Store for PgStore {
    fn add_cases(&mut self, cases: &[NewCase]) -> Result<Vec<Added>, StoreError> {
        let e = backend(&self.name);
        let mut tx = self.client.transaction().map_err(e)?;
        let insert = tx
            .prepare(
                "INSERT INTO dossiers
                     (nom, recours, source, format, cas, empreinte, faits, ajoute_le)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (empreinte) DO NOTHING RETURNING id",
            )
            .map_err(e)?;
        let existing = tx
            .prepare("SELECT id FROM dossiers WHERE empreinte = $1")
            .map_err(e)?;
        let mut ids = Vec::with_capacity(cases.len());
        for c in cases {
            let row = tx
                .query_opt(
                    &insert,
                    &[
                        &c.nom,
                        &c.recours.as_str(),
                        &c.source,
                        &format_key(c.format),
                        &c.cas,
                        &c.empreinte,
                        &c.faits,
                        &iso(c.ajoute_le),
                    ],
                )
                .map_err(e)?;
            ids.push(match row {
                Some(row) => Added {
                    id: CaseId(row.get(0)),
                    new: true,
                },
                // Already followed; a concurrent writer's row is visible once it committed,
                // and ON CONFLICT waited for that.
                None => Added {
                    id: CaseId(tx.query_one(&existing, &[&c.empreinte]).map_err(e)?.get(0)),
                    new: false,
                },
            });
        }
        tx.commit().map_err(e)?;
        Ok(ids)
    }

    fn add_event(&mut self, case: CaseId, ev: &NewEvent) -> Result<i64, StoreError> {
        let e = backend(&self.name);
        let mut tx = self.client.transaction().map_err(e)?;
        // Locks the case row: a deletion running at the same time waits for this event, or
        // this event sees the case gone.
        let exists = tx
            .query_opt(
                "SELECT 1 FROM dossiers WHERE id = $1 FOR UPDATE",
                &[&case.0],
            )
            .map_err(e)?;
        if exists.is_none() {
            return Err(StoreError::NoCase(case));
        }
        if let Some(old) = ev.remplace {
            cancel(&mut tx, &self.name, case, old)?;
        }
        let row = tx
            .query_one(
                "INSERT INTO evenements (dossier, type, recours, date, note, remplace, enregistre_le)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &case.0,
                    &ev.kind.as_str(),
                    &ev.recours.as_str(),
                    &iso(ev.date),
                    &ev.note,
                    &ev.remplace,
                    &iso(ev.enregistre_le),
                ],
            )
            .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(row.get(0))
    }

    fn cancel_event(&mut self, case: CaseId, event: i64) -> Result<(), StoreError> {
        let e = backend(&self.name);
        let mut tx = self.client.transaction().map_err(e)?;
        cancel(&mut tx, &self.name, case, event)?;
        tx.commit().map_err(e)
    }

    fn case(&mut self, id: CaseId) -> Result<Option<TrackedCase>, StoreError> {
        let e = backend(&self.name);
        let mut tx = snapshot(&mut self.client).map_err(e)?;
        let row = tx
            .query_opt(
                "SELECT id, nom, recours, source, format, cas, faits, ajoute_le
                 FROM dossiers WHERE id = $1",
                &[&id.0],
            )
            .map_err(e)?;
        let Some(row) = row else { return Ok(None) };
        let mut case = decode_case(&self.name, raw_case(&row, true))?;
        let rows = tx
            .query(
                &format!("{EVENT_COLUMNS} WHERE dossier = $1 ORDER BY id"),
                &[&id.0],
            )
            .map_err(e)?;
        for r in &rows {
            case.evenements
                .push(decode_event(&self.name, raw_event(r).1)?);
        }
        tx.commit().map_err(e)?;
        Ok(Some(case))
    }

    fn for_each_case(
        &mut self,
        f: &mut dyn FnMut(TrackedCase) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = backend(&self.name);
        // One snapshot for both lists, read through two portals a page at a time.
        let mut tx = snapshot(&mut self.client).map_err(e)?;
        let cases = tx
            .bind(
                "SELECT id, nom, recours, source, format, '' AS cas, faits, ajoute_le
                 FROM dossiers ORDER BY id",
                &[],
            )
            .map_err(e)?;
        let events = tx
            .bind(&format!("{EVENT_COLUMNS} ORDER BY dossier, id"), &[])
            .map_err(e)?;
        let mut pending: std::collections::VecDeque<(i64, RawEvent)> = Default::default();
        let mut events_done = false;
        loop {
            let page = tx.query_portal(&cases, PAGE).map_err(e)?;
            if page.is_empty() {
                break;
            }
            for row in &page {
                let mut case = decode_case(&self.name, raw_case(row, false))?;
                loop {
                    if pending.is_empty() && !events_done {
                        fill(&mut tx, &events, &mut pending, &mut events_done).map_err(e)?;
                    }
                    match pending.front() {
                        Some((d, _)) if *d <= case.id.0 => {
                            let (d, raw) = pending.pop_front().expect("front exists");
                            if d == case.id.0 {
                                case.evenements.push(decode_event(&self.name, raw)?);
                            }
                        }
                        _ => break,
                    }
                }
                f(case)?;
            }
        }
        tx.commit().map_err(e)
    }

    fn delete_case(&mut self, id: CaseId) -> Result<bool, StoreError> {
        let e = backend(&self.name);
        let mut tx = self.client.transaction().map_err(e)?;
        tx.execute("DELETE FROM evenements WHERE dossier = $1", &[&id.0])
            .map_err(e)?;
        let n = tx
            .execute("DELETE FROM dossiers WHERE id = $1", &[&id.0])
            .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(n > 0)
    }
}

/// A read-only transaction that sees one state of the whole base.
fn snapshot(client: &mut Client) -> Result<Transaction<'_>, postgres::Error> {
    client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
}

fn fill(
    tx: &mut Transaction<'_>,
    portal: &postgres::Portal,
    pending: &mut std::collections::VecDeque<(i64, RawEvent)>,
    done: &mut bool,
) -> Result<(), postgres::Error> {
    let rows = tx.query_portal(portal, PAGE)?;
    if rows.len() < PAGE as usize {
        *done = true;
    }
    pending.extend(rows.iter().map(raw_event));
    Ok(())
}

const EVENT_COLUMNS: &str = "SELECT dossier, id, type, recours, date, note, remplace, annule, \
                             enregistre_le FROM evenements";

fn raw_case(r: &Row, with_text: bool) -> RawCase {
    RawCase {
        id: r.get(0),
        nom: r.get(1),
        recours: r.get(2),
        source: r.get(3),
        format: r.get(4),
        cas: if with_text { r.get(5) } else { String::new() },
        faits: r.get(6),
        ajoute_le: r.get(7),
    }
}

fn raw_event(r: &Row) -> (i64, RawEvent) {
    (
        r.get(0),
        RawEvent {
            id: r.get(1),
            kind: r.get(2),
            recours: r.get(3),
            date: r.get(4),
            note: r.get(5),
            remplace: r.get(6),
            annule: r.get(7),
            enregistre_le: r.get(8),
        },
    )
}

/// What failed, in French; the server's own message (in the server's language) and the
/// client's cause follow as details.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let what = match db.code().code() {
            "28P01" | "28000" => "identifiant ou mot de passe refusé",
            "3D000" => "cette base n'existe pas sur le serveur",
            "42501" => "droits insuffisants sur la base",
            "40001" | "40P01" => "conflit avec une autre écriture, réessayez",
            "53300" => "le serveur a trop de connexions",
            _ => "erreur du serveur PostgreSQL",
        };
        return format!(
            "{what} (serveur : {}, code {})",
            db.message(),
            db.code().code()
        );
    }
    let mut detail = String::new();
    let mut io_kind = None;
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        detail = s.to_string();
        source = s.source();
    }
    let what = match io_kind {
        Some(std::io::ErrorKind::ConnectionRefused) => {
            "le serveur refuse la connexion (vérifiez l'hôte, le port et qu'il est démarré)"
        }
        Some(std::io::ErrorKind::TimedOut) => "le serveur ne répond pas (délai dépassé)",
        _ if e.is_closed() => "la connexion au serveur a été coupée",
        _ if detail.contains("lookup") => "hôte introuvable (vérifiez l'adresse)",
        _ => "erreur de connexion à PostgreSQL",
    };
    if detail.is_empty() {
        detail = e.to_string();
    }
    format!("{what} ({detail})")
}
