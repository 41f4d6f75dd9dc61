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

    /// Runs `recours` with extra environment variables. A run that has not ended after
    /// [`RUN_LIMIT`] is killed and reported with code -1, so that a hang fails its test
    /// instead of stalling the suite.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        use std::io::Read;
        let mut cmd = Command::new(binary());
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_27)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("run recours");
        let drain = |mut r: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut v = Vec::new();
                let _ = r.read_to_end(&mut v);
                v
            })
        };
        let out = drain(Box::new(child.stdout.take().unwrap()));
        let err = drain(Box::new(child.stderr.take().unwrap()));
        let started = std::time::Instant::now();
        let code = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status.code().unwrap_or(-1);
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                break -1;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        Run {
            code,
            // Lossy: `-o -` writes a PDF on standard output.
            stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
            stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        }
    }
}

/// Longest a single run may take (the slowest, a template stopped by its 2 s budget).
pub const RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The binary under test: this build's, or `RECOURS_BINAIRE_TESTE` to run the suite against
/// another build (an older one, to see each regression test fail without its fix).
pub fn binary() -> PathBuf {
    std::env::var_os("RECOURS_BINAIRE_TESTE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_recours")))
}

impl Workdir {
    /// Runs `recours` with its standard input, output and error on a pseudo-terminal, as in
    /// a person's terminal (progress bars are drawn), and kills it after `limit`. The terminal
    /// output comes back in `stdout` (both streams share the terminal); `code` is -1 when
    /// the run had to be killed.
    #[cfg(unix)]
    pub fn run_in_terminal(&self, args: &[&str], limit: std::time::Duration) -> Run {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use std::io::Read;
        use std::process::Stdio;

        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().expect("pty name"))
            .expect("open the terminal's slave side");
        let mut cmd = Command::new(binary());
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_27)
            .env("TERM", "xterm")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        let mut child = cmd.spawn().expect("run recours");
        drop(cmd); // closes the parent's copies of the slave side
        // Drain the terminal so the program never blocks on a full buffer.
        let mut master = std::fs::File::from(master);
        let reader = std::thread::spawn(move || {
            let mut all = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                all.extend_from_slice(&buf[..n]);
            }
            all
        });
        let started = std::time::Instant::now();
        let code = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status.code().unwrap_or(-1);
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                break -1;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        // The read ends with EIO once the child (the slave's last holder) is gone.
        let output = reader.join().unwrap_or_default();
        Run {
            code,
            stdout: String::from_utf8_lossy(&output).into_owned(),
            stderr: String::new(),
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
