//! A tiny real disk (tmpfs) to fill, for the tests of a full disk. Mounting needs root.

use std::path::{Path, PathBuf};

/// A 256 KiB tmpfs, unmounted on drop; `None` where this machine does not allow mounting.
pub struct TinyDisk(tempfile::TempDir);

impl TinyDisk {
    pub fn mount() -> Option<TinyDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(TinyDisk(dir))
    }

    /// Writes a filler file until the disk is full.
    pub fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.0.path().join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = [0u8; 4096];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
        filler
    }
}

impl TinyDisk {
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}
