//! Writing output files so that nothing is ever half-written.
//!
//! A PDF or calendar file is first written under a hidden temporary name in the same folder,
//! then renamed over the final name, which is atomic on the same file system. An interrupted
//! run therefore leaves either the old file or the new one, never a truncated one that a
//! person might print and send.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The temporary name used while writing `path`: hidden, unique to this process and call.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(
        path,
        bytes,
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true),
    )
}

/// Like [`write_atomic`], but the file is readable and writable by its owner only, from its
/// creation: exports of the caseload hold personal data.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    write_with(path, bytes, &o)
}

fn write_with(path: &Path, bytes: &[u8], options: &fs::OpenOptions) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// True for the temporary files [`write_atomic`] leaves behind if the process is killed
/// mid-write, so a rerun can clean them up.
pub fn is_temp_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_renames_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lettre.pdf");
        write_atomic(&path, b"%PDF-1.3 one").unwrap();
        write_atomic(&path, b"%PDF-1.3 two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"%PDF-1.3 two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("lettre.pdf")]);
        assert!(is_temp_file(&temp_path(&path)));
        assert!(!is_temp_file(&path));
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent-folder").join("x.pdf");
        assert!(write_atomic(&path, b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
