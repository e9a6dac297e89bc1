//! Making writes durable off the caller's thread. A draft is written and renamed into place at
//! once (a killed process loses nothing confirmed), and its fsync, with the folder's, follows on
//! this thread within moments, as a database in `synchronous=NORMAL` mode does: against a power
//! cut the newest answer may lag by about a second. [`Syncer::wait`] waits for every fsync asked
//! for so far; leaving does.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;

/// Fsyncs files and their folders on a thread of its own.
#[derive(Debug)]
pub struct Syncer {
    requests: Option<Sender<PathBuf>>,
    state: Arc<(Mutex<State>, Condvar)>,
}

#[derive(Debug, Default)]
struct State {
    pending: usize,
    /// The first fsync that failed since the last wait, as a message.
    failed: Option<String>,
}

impl Syncer {
    /// Starts the thread; it ends when the syncer is dropped, after the fsyncs asked for.
    #[must_use]
    pub fn start() -> Self {
        let (requests, received) = mpsc::channel::<PathBuf>();
        let state = Arc::new((Mutex::new(State::default()), Condvar::new()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for path in received {
                let result = sync_file_and_folder(&path);
                let (lock, done) = &*shared;
                let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
                state.pending -= 1;
                if let Err(e) = result
                    && state.failed.is_none()
                {
                    state.failed = Some(format!("{}: {e}", path.display()));
                }
                done.notify_all();
            }
        });
        Syncer {
            requests: Some(requests),
            state,
        }
    }

    /// Asks for `path` and its folder to be fsynced soon.
    pub fn sync_later(&self, path: PathBuf) {
        let (lock, _) = &*self.state;
        lock.lock().unwrap_or_else(PoisonError::into_inner).pending += 1;
        let unsent = match &self.requests {
            Some(requests) => requests.send(path).err().map(|e| e.0),
            None => Some(path),
        };
        if let Some(path) = unsent {
            // The thread is gone: sync here rather than not at all.
            let result = sync_file_and_folder(&path);
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            state.pending -= 1;
            if let Err(e) = result {
                state
                    .failed
                    .get_or_insert(format!("{}: {e}", path.display()));
            }
        }
    }

    /// Waits until every fsync asked for so far is done.
    ///
    /// # Errors
    /// The first fsync that failed since the last wait (the file is written, but may not survive
    /// a power cut).
    pub fn wait(&self) -> io::Result<()> {
        let (lock, done) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while state.pending > 0 {
            state = done.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        match state.failed.take() {
            Some(message) => Err(io::Error::other(message)),
            None => Ok(()),
        }
    }
}

impl Drop for Syncer {
    fn drop(&mut self) {
        // Closing the channel ends the thread once it has done what was asked.
        self.requests = None;
        let _ = self.wait();
    }
}

fn sync_file_and_folder(path: &Path) -> io::Result<()> {
    match fs::File::open(path) {
        Ok(file) => file.sync_all()?,
        // Already replaced or removed: the folder's fsync below makes that durable.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if let Some(folder) = path.parent() {
        fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
}
