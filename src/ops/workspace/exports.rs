//! The encrypted backup of the whole journal.

use super::{BackupReport, Result, Workspace};
use crate::vault::Passphrase;
use std::path::Path;

impl Workspace {
    /// Writes an encrypted backup of the whole journal to `path`, protected by `passphrase`.
    pub fn export_backup(&self, path: &Path, passphrase: &str) -> Result<BackupReport> {
        crate::files::check_new_file(path)?;
        crate::limits::check_export_path(path, &self.data_dir)?;
        crate::limits::check_passphrase(passphrase)?;
        let verified = self
            .store
            .export_backup(path, &Passphrase::new(passphrase))?;
        Ok(BackupReport {
            path: path.display().to_string(),
            entries: verified.entries,
            head_hash: verified.head_hash_hex,
        })
    }
}
