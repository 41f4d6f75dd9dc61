//! The stores the `recours suivi` suite runs on: a SQLite file in the test's folder, and a
//! fresh PostgreSQL database per test on the server `RECOURS_TEST_POSTGRES` names (`.ci/run`
//! starts one). Without that variable the PostgreSQL half is skipped locally, but fails under
//! `CI=true`: a CI that lost its server must not pass silently.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::harness::Workdir;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// One store for one test.
pub struct TestBase {
    /// « sqlite » or « postgres », for messages.
    pub kind: &'static str,
    /// The `--base` value.
    pub arg: String,
    /// The PostgreSQL server's URL and this test's database, dropped at the end.
    pg: Option<(String, String)>,
}

impl Drop for TestBase {
    fn drop(&mut self) {
        if let Some((admin, db)) = &self.pg
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)"));
        }
    }
}

impl TestBase {
    /// A connection to this test's PostgreSQL database, when it is one.
    pub fn pg_client(&self) -> Option<postgres::Client> {
        self.pg
            .as_ref()
            .map(|_| postgres::Client::connect(&self.arg, postgres::NoTls).expect("connect"))
    }
}

/// Every backend the suite runs on, each fresh for `test`.
pub fn bases(w: &Workdir, test: &str) -> Vec<TestBase> {
    let mut out = vec![TestBase {
        kind: "sqlite",
        arg: w.path().join("suivi.sqlite").display().to_string(),
        pg: None,
    }];
    match std::env::var("RECOURS_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            let db = format!(
                "recours_{}_{}_{}",
                test,
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            );
            let mut c = postgres::Client::connect(&admin, postgres::NoTls)
                .unwrap_or_else(|e| panic!("RECOURS_TEST_POSTGRES: connexion impossible: {e}"));
            c.batch_execute(&format!("CREATE DATABASE \"{db}\""))
                .expect("the test role may create databases (CREATEDB)");
            let (server, _) = admin.rsplit_once('/').expect("a URL ending in /database");
            out.push(TestBase {
                kind: "postgres",
                arg: format!("{server}/{db}"),
                pg: Some((admin, db)),
            });
        }
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!(
                "CI=true but RECOURS_TEST_POSTGRES is not set: the PostgreSQL block of .ci/run did not run"
            )
        }
        _ => eprintln!("RECOURS_TEST_POSTGRES not set: PostgreSQL half of the suivi suite skipped"),
    }
    out
}
