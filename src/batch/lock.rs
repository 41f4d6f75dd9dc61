//! One batch at a time per output folder.
//!
//! Two `recours lot` writing into one folder deleted each other's temporary files and mixed
//! their reports (issue 14, item 7). The folder itself is locked (an advisory lock on the
//! open folder, released by the system when the process ends, even by `kill -9`), so nothing
//! is left behind that could look like a stale lock.

use std::fs::File;
use std::path::Path;

use crate::error::Error;

/// Held for the whole batch; dropping it releases the folder.
#[derive(Debug)]
pub struct FolderLock {
    _folder: File,
}

impl FolderLock {
    /// Locks `dir`, or says that another batch is writing there.
    pub fn take(dir: &Path) -> Result<FolderLock, Error> {
        let folder =
            File::open(dir).map_err(|e| Error::io("impossible d'ouvrir le dossier", dir, e))?;
        match folder.try_lock() {
            Ok(()) => Ok(FolderLock { _folder: folder }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::usage(
                format!(
                    "un autre « recours lot » écrit déjà dans le dossier « {} »",
                    dir.display()
                ),
                "attendez qu'il se termine, ou choisissez un autre dossier avec -o",
            )),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(Error::io("impossible de verrouiller le dossier", dir, e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_batch_into_the_same_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path()).unwrap();
        let e = FolderLock::take(dir.path()).unwrap_err();
        assert_eq!(e.exit_code(), crate::error::ExitCode::Input);
        assert!(e.to_string().contains("écrit déjà dans le dossier"), "{e}");
        drop(first);
        FolderLock::take(dir.path()).unwrap();
    }
}
