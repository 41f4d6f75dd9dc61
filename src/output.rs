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

/// Writes `bytes` to `path` so that nothing is ever half-written, and nothing but a regular
/// file is ever replaced.
///
/// A regular file (or a new name) is written under a temporary name and renamed over; a
/// symbolic link to a regular file has its target replaced, the link kept. A character device
/// (`/dev/null`, a terminal) or a pipe is written to directly: renaming over it would replace
/// the device node itself. A folder is refused with [`io::ErrorKind::IsADirectory`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::create(path)?;
    sink.write_all(bytes)?;
    sink.commit()
}

/// Like [`write_atomic`], but the file is readable and writable by its owner only, from its
/// creation: exports of the caseload hold personal data.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::create_private(path)?;
    sink.write_all(bytes)?;
    sink.commit()
}

/// An output being written: a temporary file renamed over the final name by
/// [`Sink::commit`] (and removed if dropped before), or a device or pipe written directly.
#[derive(Debug)]
pub struct Sink {
    file: io::BufWriter<fs::File>,
    /// The temporary file and the name it takes when committed; `None` for a device.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Sink {
    /// Opens `path` for writing as [`write_atomic`] describes.
    pub fn create(path: &Path) -> io::Result<Sink> {
        Sink::open(path, false)
    }

    /// Like [`Sink::create`], but a new file is owner-only (mode 0600) from its creation.
    pub fn create_private(path: &Path) -> io::Result<Sink> {
        Sink::open(path, true)
    }

    fn open(path: &Path, private: bool) -> io::Result<Sink> {
        let final_path = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
            Err(e) => return Err(e),
            Ok(meta) => {
                // Follows a symbolic link to what it names.
                let target = if meta.file_type().is_symlink() {
                    fs::metadata(path)?
                } else {
                    meta
                };
                let kind = target.file_type();
                if kind.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        "the output is a folder",
                    ));
                }
                if !kind.is_file() {
                    let f = fs::OpenOptions::new().write(true).open(path)?;
                    return Ok(Sink {
                        file: io::BufWriter::new(f),
                        rename: None,
                    });
                }
                fs::canonicalize(path)?
            }
        };
        let tmp = temp_path(&final_path);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let f = options.open(&tmp)?;
        Ok(Sink {
            file: io::BufWriter::new(f),
            rename: Some((tmp, final_path)),
        })
    }

    /// Flushes and puts the file in place.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        if let Some((tmp, final_path)) = self.rename.take()
            && let Err(e) = fs::rename(&tmp, &final_path)
        {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.rename.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// True when `a` and `b` name the same file, existing or not: the same inode, or the same
/// name in the same folder.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let resolved = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = fs::canonicalize(p) {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        match fs::canonicalize(parent) {
            Ok(dir) => Some(dir.join(p.file_name()?)),
            // A folder still to be made: compare the names as written.
            Err(_) => std::path::absolute(p)
                .ok()
                .map(|a| a.components().collect()),
        }
    };
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
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

    /// Issue 14, item 1: the rename replaced a symbolic link to a folder (and, as root, a
    /// device node) with a regular file.
    #[test]
    fn a_folder_or_a_link_to_one_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("lettres");
        fs::create_dir(&sub).unwrap();
        let e = write_atomic(&sub, b"%PDF").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
        let link = dir.path().join("lien");
        std::os::unix::fs::symlink(&sub, &link).unwrap();
        let e = write_atomic(&link, b"%PDF").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_link_to_a_file_keeps_the_link_and_replaces_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("vrai.pdf");
        fs::write(&target, b"old").unwrap();
        let link = dir.path().join("lien.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("tube");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"%PDF-1.7 x").unwrap();
        assert_eq!(reader.join().unwrap(), b"%PDF-1.7 x");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn same_file_sees_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("t.csv");
        fs::write(&a, b"x").unwrap();
        std::os::unix::fs::symlink(&a, dir.path().join("l.csv")).unwrap();
        assert!(same_file(&a, &dir.path().join("l.csv")));
        assert!(same_file(&a, &dir.path().join(".").join("t.csv")));
        assert!(same_file(
            &dir.path().join("new.pdf"),
            &dir.path().join("./new.pdf")
        ));
        assert!(!same_file(&a, &dir.path().join("new.pdf")));
        assert!(same_file(
            &dir.path().join("absent/rapport.csv"),
            &dir.path().join("./absent/rapport.csv")
        ));
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent-folder").join("x.pdf");
        assert!(write_atomic(&path, b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
