//! Private folders, atomic writes, and reading files that may be hostile: only regular files, up
//! to a size cap, opened without blocking.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::model::text::DEFAULT_LANGUAGE;
use crate::words::{self, FileKind, Label, Say, Words};

/// The most any input file may hold: far above a real questionnaire, answers file or draft, far
/// below what would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Temporary files of an atomic write start with this; a killed process may leave one behind.
pub(super) const TEMPORARY_PREFIX: &str = ".skin-intake-";

/// Why a file could not be read: data, worded by [`ReadError::message`].
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, device, socket or folder: reading it could block forever or never end.
    NotRegular(FileKind),
    /// Larger than this many bytes, the most that is read.
    TooLarge(u64),
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> Self {
        ReadError::Io(error)
    }
}

impl ReadError {
    /// What is wrong, in `words`' language (the system's own words for an I/O error).
    #[must_use]
    pub fn message(&self, words: &dyn Words) -> String {
        match self {
            ReadError::NotRegular(kind) => words.say(&Say::NotRegular { kind: *kind }),
            ReadError::TooLarge(cap) => words.say(&Say::TooLarge { cap: *cap }),
            ReadError::Io(error) => error.to_string(),
        }
    }
}

/// In English, as the command line's messages are.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(words::for_language(DEFAULT_LANGUAGE)))
    }
}

impl std::error::Error for ReadError {}

/// Reads a regular file of at most `cap` bytes. The file is opened without blocking (a FIFO would
/// otherwise wait for a writer) and its type is checked on the open file, so it cannot be swapped
/// between the check and the read. With `follow` false a symbolic link is refused too.
///
/// # Errors
/// [`ReadError`]: not a regular file, larger than `cap`, or the I/O error.
pub fn read_regular(path: &Path, cap: u64, follow: bool) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_regular_into(path, cap, follow, &mut bytes)?;
    Ok(bytes)
}

/// [`read_regular`] into `bytes` (cleared first), so that one buffer serves many files.
///
/// # Errors
/// As [`read_regular`].
pub fn read_regular_into(
    path: &Path,
    cap: u64,
    follow: bool,
    bytes: &mut Vec<u8>,
) -> Result<(), ReadError> {
    bytes.clear();
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = options.open(path).map_err(|e| {
        // ELOOP: the last part of the path is a symbolic link and links are refused.
        if !follow && e.raw_os_error() == Some(libc::ELOOP) {
            ReadError::NotRegular(FileKind::SymbolicLink)
        } else {
            ReadError::Io(e)
        }
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(cap));
    }
    // Room for the whole file at once (growing by doubling copies it over and over), and one
    // byte more so that the end is seen without growing. The size can grow between the check
    // and the read: never read more than the cap.
    bytes.reserve(usize::try_from(meta.len()).map_or(0, |n| n + 1));
    file.take(cap + 1).read_to_end(bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(())
}

/// What kind of thing a non-regular file is, for a message.
fn kind_of(meta: &fs::Metadata) -> FileKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return FileKind::Fifo;
        }
        if kind.is_char_device() || kind.is_block_device() {
            return FileKind::Device;
        }
        if kind.is_socket() {
            return FileKind::Socket;
        }
    }
    if meta.is_dir() {
        FileKind::Folder
    } else {
        FileKind::Other
    }
}

/// Creates `dir` (and its parents) if missing; a folder this creates is private (0700).
///
/// # Errors
/// The I/O error, for example when a parent is not writable.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The permission bits of `dir` when others than its owner may enter or read it (a folder made
/// elsewhere, before skin-intake); `None` when it is private or cannot be read.
#[must_use]
pub fn open_to_others(dir: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Writes `bytes` to `dir/name` atomically. With `replace` false an existing file is never
/// overwritten (the write fails with `AlreadyExists`).
///
/// # Errors
/// The I/O error; nothing is left behind at `dir/name` when it fails.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8], replace: bool) -> io::Result<PathBuf> {
    write_atomic_steps(dir, name, bytes, replace, true, &mut |_| Ok(()))
}

/// Where an atomic write has got to, for tests that stop it half way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// The temporary file is written and flushed, not yet in place.
    Flushed,
    /// The file is in place; its folder is not flushed yet.
    Placed,
}

/// [`write_atomic`], calling `step` at each point where a crash could stop it; an error from
/// `step` stops the write there, as a crash would. Without `sync` nothing is fsynced: the file is
/// whole in place when this returns, and the caller makes it durable (see
/// [`super::durability`]).
pub(super) fn write_atomic_steps(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    replace: bool,
    sync: bool,
    step: &mut dyn FnMut(WriteStep) -> io::Result<()>,
) -> io::Result<PathBuf> {
    ensure_private_dir(dir)?;
    let path = dir.join(name);
    // tempfile creates the file with mode 0600. Its errors name the temporary file; the caller
    // names the folder, so only the cause is kept.
    let mut file = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| io::Error::from(e.kind()))?;
    file.as_file_mut().write_all(bytes)?;
    if sync {
        file.as_file().sync_all()?;
    }
    if let Err(e) = step(WriteStep::Flushed) {
        // A crash would leave the temporary file; the sweep at the next start removes it.
        let _ = file.keep();
        return Err(e);
    }
    if replace {
        file.persist(&path).map_err(|e| e.error)?;
    } else {
        file.persist_noclobber(&path).map_err(|e| e.error)?;
    }
    step(WriteStep::Placed)?;
    if sync {
        sync_dir(dir)?;
    }
    Ok(path)
}

/// Flushes a folder, so that a rename or removal in it survives a power cut.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Deletes a file; one already gone is fine.
///
/// # Errors
/// The I/O error.
pub fn discard(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Renames `path` to the first free name of `<path><suffix>`, `<path>.2<suffix>`, … and returns
/// it; an existing file is never replaced (the new name is linked first, then the old removed).
///
/// # Errors
/// The I/O error; `path` is then left where it was.
pub fn move_aside(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    for n in 1..=1000 {
        let mut name = path.as_os_str().to_owned();
        if n > 1 {
            name.push(format!(".{n}"));
        }
        name.push(suffix);
        let target = PathBuf::from(name);
        match fs::hard_link(path, &target) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        words::for_language(DEFAULT_LANGUAGE).label(Label::NoFreeName),
    ))
}
