//! The embedded backend: one SQLite file (rusqlite with its bundled SQLite, so no system
//! library is needed).
//!
//! The file is created readable and writable by its owner only (SQLite gives its `-wal` and
//! `-shm` companions the same mode). It runs in WAL mode with `synchronous = FULL`, so a
//! committed event survives a crash and readers never block writers; writers take the write
//! lock at `BEGIN IMMEDIATE` and wait up to [`BUSY_TIMEOUT`] for another writer instead of
//! failing, so two people recording events at once both get them in. `secure_delete` zeroes
//! what a deletion frees, so a forgotten case does not linger in the file.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{
    Added, CaseId, NewCase, NewEvent, RawCase, RawEvent, Store, StoreError, TrackedCase,
    decode_case, decode_event, format_key, iso, migrations,
};

/// How long a writer waits for another one before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// A SQLite caseload.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    name: String,
}

impl SqliteStore {
    /// Opens the file, creating it (owner-only) and its folder when missing, and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let name = path.display().to_string();
        let fail = |message: String| StoreError::Backend {
            base: name.clone(),
            message,
        };
        create_private(path).map_err(|e| {
            fail(format!(
                "impossible de créer le fichier ({})",
                crate::error::io_reason(&e)
            ))
        })?;
        let conn = Connection::open(path).map_err(backend(&name))?;
        let mut store = SqliteStore {
            conn,
            name: name.clone(),
        };
        // The first statements read the file: a file that is not a base fails there.
        let opening = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotABase {
                base: name.clone(),
                message: describe(&e),
                conseil: "indiquez une base de suivi .sqlite, ou un fichier qui n'existe pas \
                          encore pour en créer une (--base chemin/suivi.sqlite)",
            },
            _ => backend(&name)(e),
        };
        store.configure().map_err(opening)?;
        store.migrate().map_err(opening)?;
        Ok(store)
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // journal_mode answers with a row, so it is read rather than executed.
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        Ok(())
    }

    fn migrate(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (version, sql) in (1i64..)
            .zip(migrations::SQLITE)
            .skip_while(|(v, _)| *v <= version)
        {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()
    }
}

impl Store for SqliteStore {
    fn add_cases(&mut self, cases: &[NewCase]) -> Result<Vec<Added>, StoreError> {
        let e = backend(&self.name);
        let tx = write(&mut self.conn).map_err(e)?;
        let mut ids = Vec::with_capacity(cases.len());
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO dossiers
                         (nom, recours, source, format, cas, empreinte, faits, ajoute_le)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (empreinte) DO NOTHING",
                )
                .map_err(e)?;
            let mut existing = tx
                .prepare("SELECT id FROM dossiers WHERE empreinte = ?1")
                .map_err(e)?;
            for c in cases {
                let n = insert
                    .execute(params![
                        c.nom,
                        c.recours.as_str(),
                        c.source,
                        format_key(c.format),
                        c.cas,
                        c.empreinte,
                        c.faits,
                        iso(c.ajoute_le)
                    ])
                    .map_err(e)?;
                ids.push(if n == 1 {
                    Added {
                        id: CaseId(tx.last_insert_rowid()),
                        new: true,
                    }
                } else {
                    let id = existing
                        .query_row([&c.empreinte], |r| r.get(0))
                        .map_err(e)?;
                    Added {
                        id: CaseId(id),
                        new: false,
                    }
                });
            }
        }
        tx.commit().map_err(e)?;
        Ok(ids)
    }

    fn add_event(&mut self, case: CaseId, ev: &NewEvent) -> Result<i64, StoreError> {
        let e = backend(&self.name);
        let tx = write(&mut self.conn).map_err(e)?;
        let exists = tx
            .query_row("SELECT 1 FROM dossiers WHERE id = ?1", [case.0], |_| Ok(()))
            .optional()
            .map_err(e)?;
        if exists.is_none() {
            return Err(StoreError::NoCase(case));
        }
        if let Some(old) = ev.remplace {
            cancel(&tx, &self.name, case, old)?;
        }
        tx.execute(
            "INSERT INTO evenements (dossier, type, recours, date, note, remplace, enregistre_le)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                case.0,
                ev.kind.as_str(),
                ev.recours.as_str(),
                iso(ev.date),
                ev.note,
                ev.remplace,
                iso(ev.enregistre_le)
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(e)?;
        Ok(id)
    }

    fn cancel_event(&mut self, case: CaseId, event: i64) -> Result<(), StoreError> {
        let e = backend(&self.name);
        let tx = write(&mut self.conn).map_err(e)?;
        cancel(&tx, &self.name, case, event)?;
        tx.commit().map_err(e)
    }

    fn case(&mut self, id: CaseId) -> Result<Option<TrackedCase>, StoreError> {
        let e = backend(&self.name);
        let tx = self.conn.transaction().map_err(e)?;
        let raw = tx
            .query_row(
                "SELECT id, nom, recours, source, format, cas, faits, ajoute_le
                 FROM dossiers WHERE id = ?1",
                [id.0],
                raw_case,
            )
            .optional()
            .map_err(e)?;
        let Some(raw) = raw else { return Ok(None) };
        let mut case = decode_case(&self.name, raw)?;
        let mut stmt = tx
            .prepare(&format!("{EVENT_COLUMNS} WHERE dossier = ?1 ORDER BY id"))
            .map_err(e)?;
        let rows = stmt.query_map([id.0], raw_event).map_err(e)?;
        for r in rows {
            let (_, raw) = r.map_err(e)?;
            case.evenements.push(decode_event(&self.name, raw)?);
        }
        Ok(Some(case))
    }

    fn for_each_case(
        &mut self,
        f: &mut dyn FnMut(TrackedCase) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = backend(&self.name);
        // One read transaction: the cases and the events are one consistent snapshot.
        let tx = self.conn.transaction().map_err(e)?;
        let mut cases = tx
            .prepare(
                "SELECT id, nom, recours, source, format, '' AS cas, faits, ajoute_le
                 FROM dossiers ORDER BY id",
            )
            .map_err(e)?;
        let mut events = tx
            .prepare(&format!("{EVENT_COLUMNS} ORDER BY dossier, id"))
            .map_err(e)?;
        let mut events = events.query_map([], raw_event).map_err(e)?.peekable();
        let cases = cases.query_map([], raw_case).map_err(e)?;
        for raw in cases {
            let mut case = decode_case(&self.name, raw.map_err(e)?)?;
            // Both lists are in case order: take this case's events off the front.
            while let Some(next) = events.peek() {
                let dossier = match next {
                    Ok((d, _)) => *d,
                    Err(_) => i64::MIN,
                };
                if dossier > case.id.0 {
                    break;
                }
                let (dossier, raw) = events.next().expect("peeked").map_err(e)?;
                if dossier == case.id.0 {
                    case.evenements.push(decode_event(&self.name, raw)?);
                }
            }
            f(case)?;
        }
        Ok(())
    }

    fn delete_case(&mut self, id: CaseId) -> Result<bool, StoreError> {
        let e = backend(&self.name);
        let tx = write(&mut self.conn).map_err(e)?;
        tx.execute("DELETE FROM evenements WHERE dossier = ?1", [id.0])
            .map_err(e)?;
        let n = tx
            .execute("DELETE FROM dossiers WHERE id = ?1", [id.0])
            .map_err(e)?;
        tx.commit().map_err(e)?;
        // The write-ahead log still holds the deleted pages until they are copied back into
        // the (zeroed, secure_delete) file: do it now. Best effort: a reader may hold them.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(n > 0)
    }
}

/// Cancels an event of a case, inside the caller's transaction.
fn cancel(
    tx: &rusqlite::Transaction<'_>,
    name: &str,
    case: CaseId,
    event: i64,
) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE evenements SET annule = 1 WHERE id = ?1 AND dossier = ?2",
            params![event, case.0],
        )
        .map_err(backend(name))?;
    if n == 0 {
        return Err(StoreError::NoEvent { case, event });
    }
    Ok(())
}

/// Writers take the write lock at once, so that they queue on the busy timeout instead of
/// failing when they upgrade a read lock.
fn write(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

/// The error for a failure on the base `name`, in French.
fn backend(name: &str) -> impl Fn(rusqlite::Error) -> StoreError + Copy + '_ {
    move |e| StoreError::Backend {
        base: name.to_string(),
        message: describe(&e),
    }
}

const EVENT_COLUMNS: &str = "SELECT dossier, id, type, recours, date, note, remplace, annule, \
                             enregistre_le FROM evenements";

/// A `dossiers` row selected as `id, nom, recours, source, format, cas, faits, ajoute_le`.
fn raw_case(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawCase> {
    Ok(RawCase {
        id: r.get(0)?,
        nom: r.get(1)?,
        recours: r.get(2)?,
        source: r.get(3)?,
        format: r.get(4)?,
        cas: r.get(5)?,
        faits: r.get(6)?,
        ajoute_le: r.get(7)?,
    })
}

fn raw_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, RawEvent)> {
    Ok((
        r.get(0)?,
        RawEvent {
            id: r.get(1)?,
            kind: r.get(2)?,
            recours: r.get(3)?,
            date: r.get(4)?,
            note: r.get(5)?,
            remplace: r.get(6)?,
            annule: r.get(7)?,
            enregistre_le: r.get(8)?,
        },
    ))
}

/// SQLite's messages are English and technical: the common cases in French.
fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => format!(
            "la base est occupée par un autre programme depuis plus de {} s",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(NotADatabase) => "ce fichier n'est pas une base de suivi SQLite".into(),
        Some(ReadOnly) => "la base est en lecture seule".into(),
        Some(CannotOpen) => "impossible d'ouvrir le fichier".into(),
        Some(DiskFull) => "disque plein".into(),
        Some(PermissionDenied) => "permission refusée".into(),
        _ => format!("erreur SQLite ({e})"),
    }
}

/// Creates the file, owner-only, and its folder (owner-only too) when they do not exist.
fn create_private(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = super::base::parent_of(path) {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        // Another process created it meanwhile: theirs is as good.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
