//! The background sender, and what a process holds in memory about delivery: states it could not
//! write to the outbox, and whether its last round failed.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::{LONGEST_WAIT, Server, Which, backoff, deliver};
use crate::store::outbox::{self, Entry, State};
use crate::words::Delivery;

/// Delivery states this process knows but could not write to the outbox (a full disk). They
/// stand over the outbox's files for the process's life, so a record delivered is never sent
/// again because its state could not be saved; they are written as soon as the disk has room.
#[derive(Debug, Clone, Default)]
pub struct Held(Arc<Mutex<HeldState>>);

#[derive(Debug, Default)]
struct HeldState {
    /// By key: the entry as it now stands, and whether the disk was full.
    entries: HashMap<String, (Entry, bool)>,
    /// Writes that failed in a row, for the wait before the next try.
    failures: u32,
    /// The background sender's last round ended in a panic; it is being restarted.
    sender_failed: bool,
}

impl Held {
    fn lock(&self) -> std::sync::MutexGuard<'_, HeldState> {
        // A round that panicked holding it left whole entries: they are still right.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes the held states the outbox takes now and lays the rest over `entries`; whether any
    /// is still held.
    pub(super) fn write_back(&self, out: &Path, entries: &mut [Entry]) -> bool {
        let mut held = self.lock();
        // Laid over first: the files were read before any of these is written.
        for entry in entries.iter_mut() {
            if let Some((now, _)) = held.entries.get(&entry.key) {
                entry.clone_from(now);
            }
        }
        held.entries
            .retain(|_, (entry, full)| match outbox::save(out, entry) {
                Ok(_) => false,
                Err(e) => {
                    *full = is_disk_full(&e);
                    true
                }
            });
        if held.entries.is_empty() {
            held.failures = 0;
            false
        } else {
            held.failures = held.failures.saturating_add(1);
            true
        }
    }

    pub(super) fn hold(&self, entry: &Entry, error: &std::io::Error) {
        let mut held = self.lock();
        held.entries
            .insert(entry.key.clone(), (entry.clone(), is_disk_full(error)));
        held.failures = held.failures.saturating_add(1);
    }

    /// How long to wait before trying to write the held states again; `None` when none is held.
    pub(super) fn wait(&self) -> Option<Duration> {
        let held = self.lock();
        (!held.entries.is_empty()).then(|| backoff(held.failures))
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(libc::EDQUOT)
}

/// How a record's delivery stands, from its outbox entry.
#[must_use]
pub fn delivery_of(state: State) -> Delivery {
    match state {
        State::Queued => Delivery::Queued,
        State::Delivered => Delivery::Delivered,
        State::NeedsAttention => Delivery::NeedsAttention,
        State::Superseded => Delivery::Superseded,
    }
}

/// The background sender: sends what is due, then sleeps until the next record is due or a new
/// one is queued. The intake never waits for it.
#[derive(Debug, Clone)]
pub struct Sender {
    wake: mpsc::Sender<()>,
    held: Held,
}

impl Sender {
    /// Starts sending `out`'s outbox to `server`; `clock` gives the time.
    #[must_use]
    pub fn start(out: PathBuf, server: Server, clock: fn() -> DateTime<FixedOffset>) -> Self {
        let (wake, woken) = mpsc::channel::<()>();
        let held = server.held.clone();
        std::thread::spawn(move || {
            keep_sending(&server.held, &woken, || send_round(&out, &server, clock));
        });
        Sender { wake, held }
    }

    /// Asks the sender to look at the outbox now (a record was queued).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }

    /// How each record's delivery stands, by key: the outbox's states, with what this process
    /// delivered but could not record, and a sender that failed.
    #[must_use]
    pub fn states(&self, out: &Path) -> HashMap<String, Delivery> {
        let (entries, _) = outbox::list(out).unwrap_or_default();
        let held = self.held.lock();
        entries
            .into_iter()
            .map(|e| {
                let shown = match held.entries.get(&e.key) {
                    Some((now, full)) if now.state == State::Delivered => {
                        Delivery::NotRecorded { disk_full: *full }
                    }
                    Some((now, _)) => delivery_of(now.state),
                    None if e.state == State::Queued && held.sender_failed => {
                        Delivery::SenderFailed
                    }
                    None => delivery_of(e.state),
                };
                (e.key, shown)
            })
            .collect()
    }
}

/// Runs `round` again and again, sleeping as long as it says or until woken, until every
/// [`Sender`] is dropped. A round that panics (a fault of this program) never ends delivery: the
/// list says so, and the round is tried again after a wait.
fn keep_sending(held: &Held, woken: &mpsc::Receiver<()>, mut round: impl FnMut() -> Duration) {
    let mut failed_rounds = 0u32;
    loop {
        let sleep = if let Ok(sleep) = std::panic::catch_unwind(AssertUnwindSafe(&mut round)) {
            failed_rounds = 0;
            held.lock().sender_failed = false;
            sleep
        } else {
            failed_rounds = failed_rounds.saturating_add(1);
            held.lock().sender_failed = true;
            backoff(failed_rounds)
        };
        match woken.recv_timeout(sleep) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// One round of the background sender: what is due is sent; how long to sleep after it.
fn send_round(out: &Path, server: &Server, clock: fn() -> DateTime<FixedOffset>) -> Duration {
    // A failure to read the outbox is tried again at the next wake.
    let _ = deliver(out, server, Which::Due, clock());
    if let Some(wait) = server.held.wait() {
        // States that cannot be written: back off before trying again.
        return wait;
    }
    let next = outbox::list(out)
        .map(|(entries, _)| {
            entries
                .iter()
                .filter(|e| e.state == State::Queued)
                .filter_map(|e| e.next_attempt_at)
                .min()
        })
        .ok()
        .flatten();
    // A record already due (its time passed while others were sent) is sent soon.
    next.map_or(LONGEST_WAIT, |at| {
        (at - clock()).to_std().unwrap_or_default()
    })
    .clamp(Duration::from_secs(1), LONGEST_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_that_panics_is_reported_and_the_sender_goes_on() {
        let held = Held::default();
        let (wake, woken) = mpsc::channel();
        for _ in 0..2 {
            wake.send(()).expect("queued");
        }
        drop(wake);
        let mut rounds = Vec::new();
        keep_sending(&held, &woken, || {
            rounds.push(held.lock().sender_failed);
            assert!(rounds.len() > 1, "a fault in a round");
            Duration::from_secs(1)
        });
        assert_eq!(rounds, [false, true, false], "reported, then tried again");
        assert!(!held.lock().sender_failed, "well again");
    }
}
