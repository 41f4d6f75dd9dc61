//! A hermetic way to run the real `recours` binary: a temporary folder, a cleared environment
//! (no `LANG`, `TZ` or user variables), and a fixed `SOURCE_DATE_EPOCH` (27 November 2026,
//! noon UTC) so that « today » is the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Command;

/// 2026-11-27T12:00:00Z.
pub const EPOCH_2026_11_27: &str = "1795780800";

/// One run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing the outputs when it differs.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A temporary working folder with files in it.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Copies a fixture from `tests/fixtures/` into the folder.
    pub fn fixture(&self, rel: &str) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel);
        let name = Path::new(rel)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        self.file(
            &name,
            std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display())),
        )
    }

    /// Runs `recours` with `args` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs `recours` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recours"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_27);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run recours");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        }
    }
}

/// The contract's example case (Cavaillon, renewal of a CNI refused by the Cert).
pub fn base_case() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases/cavaillon.toml"),
    )
    .unwrap()
}
