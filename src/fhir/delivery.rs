//! Delivering records to the clinic's FHIR server through the outbox. A finished intake is queued
//! the moment its summary is written; a sender sends what is due, in the background or when
//! `push` asks. A first version is a conditional create (`If-None-Exist` on its identifier) and a
//! later one a conditional update on the same identifier, so sending again never makes a second
//! resource. Timeouts, 408, 429 and 5xx are tried again later (after `Retry-After` when the server
//! gives one); any other refusal marks the record "needs attention" with the server's words.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use super::auth::{Auth, AuthError};
use super::record::{self, Status};
use super::server::{DEFAULT_TIMEOUT, ServerConfig, UrlProblem, checked_base};
use super::{Canonical, ExportError, resource};
use crate::engine::summary::Summary;
use crate::model::questionnaire::Questionnaire;
use crate::store::outbox::{self, Entry, Method, State};

const FHIR_JSON: &str = "application/fhir+json";
/// The first wait after a failure that may pass; it doubles with each failure, up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(5);
const LONGEST_WAIT: Duration = Duration::from_mins(30);
/// A server's `Retry-After` is followed up to this long.
const LONGEST_RETRY_AFTER: Duration = Duration::from_hours(1);

/// Why the server cannot be used as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupError {
    Url { url: String, problem: UrlProblem },
    Timeout(u64),
    Auth(String),
}

/// A configured connection to the FHIR server.
#[derive(Debug)]
pub struct Server {
    base: String,
    agent: ureq::Agent,
    auth: Auth,
}

impl Server {
    /// # Errors
    /// When the URL is not HTTPS (or on this machine), the timeout is out of range, or the
    /// credentials cannot be read.
    pub fn new(config: &ServerConfig) -> Result<Self, SetupError> {
        let base = checked_base(&config.url).map_err(|problem| SetupError::Url {
            url: config.url.clone(),
            problem,
        })?;
        let timeout = match config.timeout_seconds {
            None => DEFAULT_TIMEOUT,
            Some(s @ 1..=600) => Duration::from_secs(s),
            Some(s) => return Err(SetupError::Timeout(s)),
        };
        let auth = Auth::from_config(&config.auth).map_err(|e| match e {
            AuthError::Config(m) | AuthError::Unavailable(m) => SetupError::Auth(m),
        })?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // Records never follow a redirect to somewhere else.
            .max_redirects(0)
            .build()
            .into();
        Ok(Server { base, agent, auth })
    }

    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// What one attempt to send a record came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server has it (`created` false: it had it already, or it was updated).
    Delivered {
        created: bool,
        location: Option<String>,
    },
    /// A failure that may pass: tried again, not before `after` when the server said so.
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    /// Refused for a reason that sending again will not change.
    Refused { reason: String },
}

/// Why a record could not be queued.
#[derive(Debug)]
pub enum EnqueueError {
    Export(ExportError),
    Io(std::io::Error),
}

impl std::fmt::Display for EnqueueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnqueueError::Export(ExportError::NoUrl) => {
                f.write_str("the questionnaire has no url to name it by")
            }
            EnqueueError::Export(ExportError::LinkIdTwice { link_id }) => {
                write!(f, "the questionnaire uses the linkId '{link_id}' twice")
            }
            EnqueueError::Io(e) => write!(f, "the outbox could not be written: {e}"),
        }
    }
}

/// Queues `summary` as a QuestionnaireResponse for the server, at `now`. Queuing it again
/// changes nothing.
///
/// # Errors
/// When it cannot be exported (no `url`) or written.
pub fn enqueue(
    out: &Path,
    summary: &Summary,
    questionnaire: &Questionnaire,
    now: DateTime<FixedOffset>,
) -> Result<PathBuf, EnqueueError> {
    let response = super::response::export(summary, questionnaire).map_err(EnqueueError::Export)?;
    let record = record::of(summary);
    let canonical = Canonical::of(questionnaire).map_err(EnqueueError::Export)?;
    let identifier = format!("{}|{}", canonical.intake_system(), record.intake_id);
    let method = match record.status {
        Status::Amended => Method::Update,
        Status::Completed | Status::InProgress => Method::Create,
    };
    let body = serde_json::to_value(&response).map_err(|e| EnqueueError::Io(e.into()))?;
    let entry = Entry::new(&record.version_id, &identifier, method, body, now);
    outbox::enqueue(out, &entry).map_err(EnqueueError::Io)
}

/// Sends one QuestionnaireResponse: a conditional create, or a conditional update.
#[must_use]
pub fn send(server: &Server, method: Method, identifier: &str, body: &Value) -> Outcome {
    let search = format!(
        "identifier={}",
        utf8_percent_encode(identifier, NON_ALPHANUMERIC)
    );
    let bytes = resource::to_json(body);
    attempt(server, |auth| {
        let request = match method {
            Method::Create => server
                .agent
                .post(format!("{}/QuestionnaireResponse", server.base))
                .header("If-None-Exist", &search),
            Method::Update => server
                .agent
                .put(format!("{}/QuestionnaireResponse?{search}", server.base)),
        };
        let request = request
            .header("Content-Type", FHIR_JSON)
            .header("Accept", FHIR_JSON);
        match auth {
            Some(value) => request
                .header("Authorization", value)
                .send(bytes.as_bytes()),
            None => request.send(bytes.as_bytes()),
        }
    })
}

/// Puts the Questionnaire on the server unless it has it (a conditional create on its URL and
/// version), so that responses name a questionnaire it knows.
#[must_use]
pub fn send_questionnaire(server: &Server, questionnaire: &resource::Questionnaire) -> Outcome {
    let search = format!(
        "url={}&version={}",
        utf8_percent_encode(&questionnaire.url, NON_ALPHANUMERIC),
        utf8_percent_encode(&questionnaire.version, NON_ALPHANUMERIC)
    );
    let bytes = resource::to_json(questionnaire);
    attempt(server, |auth| {
        let request = server
            .agent
            .post(format!("{}/Questionnaire", server.base))
            .header("If-None-Exist", &search)
            .header("Content-Type", FHIR_JSON)
            .header("Accept", FHIR_JSON);
        match auth {
            Some(value) => request
                .header("Authorization", value)
                .send(bytes.as_bytes()),
            None => request.send(bytes.as_bytes()),
        }
    })
}

type Sent = Result<ureq::http::Response<ureq::Body>, ureq::Error>;

/// One request with credentials; a refused token is fetched again once.
fn attempt(server: &Server, request: impl Fn(Option<&str>) -> Sent) -> Outcome {
    for fresh_token in [false, true] {
        let auth = match server.auth.header(&server.agent, &server.base) {
            Ok(auth) => auth,
            Err(AuthError::Config(reason)) => return Outcome::Refused { reason },
            Err(AuthError::Unavailable(reason)) => {
                return Outcome::Retry {
                    reason,
                    after: None,
                };
            }
        };
        return match request(auth.as_deref()) {
            // A SMART token the server no longer takes: fetch a new one and try once more.
            Ok(response)
                if response.status() == 401
                    && !fresh_token
                    && matches!(server.auth, Auth::Smart(_)) =>
            {
                server.auth.forget();
                continue;
            }
            Ok(response) => judge(response),
            Err(e) => Outcome::Retry {
                reason: format!("could not reach {}: {e}", server.base),
                after: None,
            },
        };
    }
    unreachable!("the second attempt always returns")
}

/// What the server's answer means for the record.
fn judge(mut response: ureq::http::Response<ureq::Body>) -> Outcome {
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let location = header("Location").or_else(|| header("Content-Location"));
    let retry_after = header("Retry-After").and_then(|v| retry_after(&v));
    let body = response
        .body_mut()
        .with_config()
        .limit(1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let code = status.as_u16();
    if status.is_success() {
        return Outcome::Delivered {
            created: code == 201,
            location,
        };
    }
    let reason = format!(
        "{} {}: {}",
        code,
        status.canonical_reason().unwrap_or(""),
        outcome_text(&body)
    );
    match code {
        408 | 429 | 500..=599 => Outcome::Retry {
            reason,
            after: retry_after,
        },
        _ => Outcome::Refused { reason },
    }
}

/// The text of an OperationOutcome's issues, or the start of whatever else the body is.
fn outcome_text(body: &str) -> String {
    let issues: Vec<String> = serde_json::from_str::<Value>(body)
        .ok()
        .filter(|v| v["resourceType"] == "OperationOutcome")
        .and_then(|v| v["issue"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|issue| {
            let text = issue["details"]["text"]
                .as_str()
                .or_else(|| issue["diagnostics"].as_str())?;
            let place = issue["expression"][0]
                .as_str()
                .map_or_else(String::new, |e| format!(" (at {e})"));
            Some(format!("{text}{place}"))
        })
        .collect();
    if issues.is_empty() {
        body.chars().take(300).collect::<String>().trim().to_owned()
    } else {
        issues.join("; ")
    }
}

/// `Retry-After` as seconds (an HTTP date counts from now).
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let at = DateTime::parse_from_rfc2822(value).ok()?;
        (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
            .to_std()
            .unwrap_or_default()
    };
    Some(wait.min(LONGEST_RETRY_AFTER))
}

/// How long to wait after the `attempts`-th failure in a row.
#[must_use]
pub fn backoff(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT)
}

/// One record's delivery, as `push` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub key: String,
    pub outcome: Outcome,
    /// The record's state afterwards.
    pub state: State,
}

/// Which queued records to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Those due at `now` (a record waiting after a failure waits on).
    Due,
    /// Every queued record, now.
    AllQueued,
}

/// Sends the outbox's queued records and records what came of each, at `now`.
///
/// # Errors
/// When the outbox cannot be read; a record whose new state cannot be saved is sent again
/// later, which the server recognises.
pub fn deliver(
    out: &Path,
    server: &Server,
    which: Which,
    now: DateTime<FixedOffset>,
) -> std::io::Result<Vec<Report>> {
    // One sender at a time: a scheduled push waits for a sender at work to finish its round; the
    // background sender leaves the round to the one at work and tries again at its next wake.
    let Some(_sending) = outbox::lock_for_sending(out, which == Which::AllQueued)? else {
        return Ok(Vec::new());
    };
    let (entries, _unreadable) = outbox::list(out)?;
    let mut reports = Vec::new();
    for mut entry in entries {
        let send_now = match which {
            Which::Due => entry.due(now),
            Which::AllQueued => entry.state == State::Queued,
        };
        if !send_now {
            continue;
        }
        let outcome = send(server, entry.method, &entry.identifier, &entry.body);
        entry.attempts += 1;
        entry.updated_at = now;
        match &outcome {
            Outcome::Delivered { location, .. } => {
                entry.state = State::Delivered;
                entry.location.clone_from(location);
                entry.next_attempt_at = None;
                entry.last_outcome = None;
            }
            Outcome::Retry { reason, after } => {
                let wait = after.unwrap_or_default().max(backoff(entry.attempts));
                entry.next_attempt_at = chrono::Duration::from_std(wait)
                    .ok()
                    .and_then(|w| now.checked_add_signed(w));
                entry.last_outcome = Some(reason.clone());
            }
            Outcome::Refused { reason } => {
                entry.state = State::NeedsAttention;
                entry.next_attempt_at = None;
                entry.last_outcome = Some(reason.clone());
            }
        }
        outbox::save(out, &entry)?;
        reports.push(Report {
            key: entry.key.clone(),
            outcome,
            state: entry.state,
        });
    }
    Ok(reports)
}

/// The background sender: sends what is due, then sleeps until the next record is due or a new
/// one is queued. The intake never waits for it.
#[derive(Debug, Clone)]
pub struct Sender {
    wake: mpsc::Sender<()>,
}

impl Sender {
    /// Starts sending `out`'s outbox to `server`; `clock` gives the time.
    #[must_use]
    pub fn start(out: PathBuf, server: Server, clock: fn() -> DateTime<FixedOffset>) -> Self {
        let (wake, woken) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            loop {
                let now = clock();
                // A failure to read the outbox is tried again at the next wake.
                let _ = deliver(&out, &server, Which::Due, now);
                let next = outbox::list(&out)
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
                let sleep = next
                    .map_or(LONGEST_WAIT, |at| {
                        (at - clock()).to_std().unwrap_or_default()
                    })
                    .clamp(Duration::from_secs(1), LONGEST_WAIT);
                match woken.recv_timeout(sleep) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        });
        Sender { wake }
    }

    /// Asks the sender to look at the outbox now (a record was queued).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_half_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(5));
        assert_eq!(backoff(2), Duration::from_secs(10));
        assert_eq!(backoff(5), Duration::from_secs(80));
        assert_eq!(backoff(40), LONGEST_WAIT);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after("120"), Some(Duration::from_mins(2)));
        assert_eq!(retry_after("999999"), Some(LONGEST_RETRY_AFTER));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn operation_outcome_text() {
        let body = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invariant",
            "details":{"text":"Nested item can't be beneath both item and answer"},
            "expression":["QuestionnaireResponse.item[0]"]}]}"#;
        assert_eq!(
            outcome_text(body),
            "Nested item can't be beneath both item and answer (at QuestionnaireResponse.item[0])"
        );
        assert_eq!(
            outcome_text("<html>Bad gateway</html>"),
            "<html>Bad gateway</html>"
        );
    }
}
