//! Delivering records to the clinic's FHIR server through the outbox. A finished intake is queued
//! the moment its summary is written; a sender sends what is due, in the background or when
//! `push` asks. A first version is a conditional create (`If-None-Exist` on its identifier) and a
//! later one a conditional update on the same identifier, so sending again never makes a second
//! resource. The versions of one record go in version order, each only once the one before it is
//! delivered, so the server's current resource is always the newest; a queued version older than
//! one already delivered is superseded, never sent. Timeouts, 408, 429 and 5xx are tried again
//! later (after `Retry-After` when the server gives one); any other refusal, or a success whose
//! body is not the resource sent, marks the record "needs attention" with the server's words.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
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

mod sender;

use sender::Held;
pub use sender::{Sender, delivery_of};

const FHIR_JSON: &str = "application/fhir+json";
/// The first wait after a failure that may pass; it doubles with each failure, up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(5);
const LONGEST_WAIT: Duration = Duration::from_mins(30);
/// A server's `Retry-After` is followed up to this long.
const LONGEST_RETRY_AFTER: Duration = Duration::from_hours(1);
/// How long `push` waits for another process's round to end before it gives up.
const LOCK_WAIT: Duration = Duration::from_mins(2);
/// The most of a server's answer that is read.
const MAX_ANSWER_BYTES: u64 = 1024 * 1024;

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
    held: Held,
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
        Ok(Server {
            base,
            agent,
            auth,
            held: Held::default(),
        })
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
    /// Not sent: the newer version `newer` of the record was delivered first.
    Superseded { newer: String },
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
    attempt(
        server,
        || match method {
            Method::Create => server
                .agent
                .post(format!("{}/QuestionnaireResponse", server.base))
                .header("If-None-Exist", &search),
            Method::Update => server
                .agent
                .put(format!("{}/QuestionnaireResponse?{search}", server.base)),
        },
        bytes.as_bytes(),
        &|answer| is_response_of(answer, body),
    )
}

/// Whether the server's current QuestionnaireResponse with `identifier` is `body`: every field
/// sent has the value sent (the server adds its own `id`, `meta` and `text`). Anything that
/// cannot be read says no, and the record is sent.
fn holds_already(server: &Server, identifier: &str, body: &Value) -> bool {
    let Ok(auth) = server.auth.header(&server.agent, &server.base) else {
        return false;
    };
    let request = server
        .agent
        .get(format!(
            "{}/QuestionnaireResponse?identifier={}",
            server.base,
            utf8_percent_encode(identifier, NON_ALPHANUMERIC)
        ))
        .header("Accept", FHIR_JSON);
    let request = match &auth {
        Some(value) => request.header("Authorization", value),
        None => request,
    };
    let Ok(mut response) = request.call() else {
        return false;
    };
    if !response.status().is_success() {
        return false;
    }
    let Some(bundle) = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_string()
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
    else {
        return false;
    };
    let found = bundle["entry"].as_array().map_or(&[][..], Vec::as_slice);
    let [only] = found else {
        return false;
    };
    let current = &only["resource"];
    body.as_object().is_some_and(|sent| {
        sent.iter()
            .filter(|(field, _)| !matches!(field.as_str(), "id" | "meta" | "text"))
            .all(|(field, value)| &current[field] == value)
    })
}

/// Whether a server's answer to a QuestionnaireResponse sent is that resource: its type and its
/// identifier.
fn is_response_of(answer: &Value, sent: &Value) -> bool {
    answer["resourceType"] == "QuestionnaireResponse"
        && answer["identifier"]["system"] == sent["identifier"]["system"]
        && answer["identifier"]["value"] == sent["identifier"]["value"]
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
    attempt(
        server,
        || {
            server
                .agent
                .post(format!("{}/Questionnaire", server.base))
                .header("If-None-Exist", &search)
        },
        bytes.as_bytes(),
        &|answer| {
            answer["resourceType"] == "Questionnaire"
                && answer["url"] == questionnaire.url.as_str()
                && answer["version"] == questionnaire.version.as_str()
        },
    )
}

/// One request of FHIR JSON, `body`, with credentials; a refused token is fetched again once.
/// `is_sent` says whether a success's body is the resource that was sent.
fn attempt(
    server: &Server,
    request: impl Fn() -> ureq::RequestBuilder<ureq::typestate::WithBody>,
    body: &[u8],
    is_sent: &dyn Fn(&Value) -> bool,
) -> Outcome {
    for fresh_token in [false, true] {
        let auth = match server.auth.header(&server.agent, &server.base) {
            Ok(auth) => auth,
            Err(AuthError::Config(reason)) => {
                return Outcome::Refused {
                    reason: clean_text(&reason),
                };
            }
            Err(AuthError::Unavailable(reason)) => {
                return Outcome::Retry {
                    reason: clean_text(&reason),
                    after: None,
                };
            }
        };
        let request = request()
            .header("Content-Type", FHIR_JSON)
            .header("Accept", FHIR_JSON)
            .header("Prefer", "return=representation");
        let sent = match auth.as_deref() {
            Some(value) => request.header("Authorization", value).send(body),
            None => request.send(body),
        };
        return match sent {
            // A SMART token the server no longer takes: fetch a new one and try once more.
            Ok(response)
                if response.status() == 401
                    && !fresh_token
                    && matches!(server.auth, Auth::Smart(_)) =>
            {
                server.auth.forget();
                continue;
            }
            Ok(response) => judge(response, is_sent),
            Err(e) => Outcome::Retry {
                reason: clean_text(&format!("could not reach {}: {e}", server.base)),
                after: None,
            },
        };
    }
    unreachable!("the second attempt always returns")
}

/// What the server's answer means for the record.
fn judge(
    mut response: ureq::http::Response<ureq::Body>,
    is_sent: &dyn Fn(&Value) -> bool,
) -> Outcome {
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let location = header("Location")
        .or_else(|| header("Content-Location"))
        .map(|l| clean_text(&l));
    let retry_after = header("Retry-After").and_then(|v| retry_after(&v));
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_string()
        .unwrap_or_default();
    let code = status.as_u16();
    if status.is_success() {
        // An empty body (a server that returns nothing) says nothing against it; any other body
        // must be the resource sent, or the server did something else with it.
        let answered = serde_json::from_str::<Value>(&body).ok();
        if body.trim().is_empty() || answered.as_ref().is_some_and(is_sent) {
            return Outcome::Delivered {
                created: code == 201,
                location,
            };
        }
        let what = answered
            .as_ref()
            .and_then(|v| v["resourceType"].as_str())
            .map_or_else(|| "something else".to_owned(), |t| format!("a {t}"));
        return Outcome::Refused {
            reason: clean_text(&format!(
                "{code} {}, but the server answered with {what}, not the resource sent; check \
                 the server's URL and what it did with the record",
                status.canonical_reason().unwrap_or("")
            )),
        };
    }
    let reason = clean_text(&format!(
        "{} {}: {}",
        code,
        status.canonical_reason().unwrap_or(""),
        outcome_text(&body)
    ));
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

/// Text from a server, safe to print or keep: escape sequences removed, every other control
/// character (C0, DEL, C1) and bidirectional override replaced by a space.
#[must_use]
pub fn clean_text(text: &str) -> String {
    strip_ansi_escapes::strip_str(text)
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
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
    /// Why that state could not be written to the outbox: it is held in memory instead.
    pub not_recorded: Option<String>,
}

/// Which queued records to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Those due at `now` (a record waiting after a failure waits on).
    Due,
    /// Every queued record, now.
    AllQueued,
}

/// Sends the outbox's queued records and records what came of each, at `now`. Each record's
/// versions go in version order, a newer one only after the older ones are delivered (or need
/// attention); a queued version older than one already delivered is marked superseded, never
/// sent. A state that cannot be written (a full disk) is held in memory and the round ends.
///
/// # Errors
/// When the outbox cannot be read, or (for [`Which::AllQueued`]) another process has been sending
/// it for longer than `push` waits.
pub fn deliver(
    out: &Path,
    server: &Server,
    which: Which,
    now: DateTime<FixedOffset>,
) -> std::io::Result<Vec<Report>> {
    // One sender at a time: `push` waits a while for a sender at work to finish its round; the
    // background sender leaves the round to the one at work and tries again at its next wake.
    let wait = match which {
        Which::Due => Duration::ZERO,
        Which::AllQueued => LOCK_WAIT,
    };
    let Some(_sending) = outbox::lock_for_sending(out, wait)? else {
        return match which {
            Which::Due => Ok(Vec::new()),
            Which::AllQueued => Err(std::io::Error::new(
                std::io::ErrorKind::WouldBlock,
                "another skin-intake has been sending this outbox for two minutes; try again later",
            )),
        };
    };
    let (mut entries, _unreadable) = outbox::list(out)?;
    if server.held.write_back(out, &mut entries) {
        // States still cannot be written: whatever is sent now, a restart would send again.
        return Ok(Vec::new());
    }
    // Records in the order they were first queued; each record's versions in version order.
    let mut first_queued: HashMap<String, DateTime<FixedOffset>> = HashMap::new();
    for e in &entries {
        first_queued
            .entry(e.identifier.clone())
            .and_modify(|at| *at = (*at).min(e.queued_at))
            .or_insert(e.queued_at);
    }
    let order = |e: &Entry| {
        (
            first_queued[&e.identifier],
            e.identifier.clone(),
            e.version,
            e.queued_at,
            e.key.clone(),
        )
    };
    entries.sort_by_cached_key(order);
    let mut newest_delivered: HashMap<String, (u32, String)> = HashMap::new();
    for e in entries.iter().filter(|e| e.state == State::Delivered) {
        let newest = newest_delivered
            .entry(e.identifier.clone())
            .or_insert((e.version, e.key.clone()));
        if e.version > newest.0 {
            *newest = (e.version, e.key.clone());
        }
    }
    // Records with an older version still queued: their newer versions wait behind it.
    let mut waiting: HashSet<String> = HashSet::new();
    let mut reports = Vec::new();
    for mut entry in entries {
        if entry.state != State::Queued {
            continue;
        }
        let newer = newest_delivered
            .get(&entry.identifier)
            .filter(|(version, _)| *version > entry.version)
            .map(|(_, key)| key.clone());
        let outcome = if let Some(newer) = newer {
            // Sending it now would make an older version the server's current one.
            entry.state = State::Superseded;
            entry.next_attempt_at = None;
            entry.updated_at = now;
            entry.last_outcome = Some(format!(
                "not sent: the newer version {newer} was delivered first"
            ));
            Outcome::Superseded { newer }
        } else {
            let send_now = match which {
                Which::Due => entry.due(now),
                Which::AllQueued => true,
            };
            if waiting.contains(&entry.identifier) || !send_now {
                waiting.insert(entry.identifier.clone());
                continue;
            }
            // An update tried before may have reached the server with its answer lost: sent
            // again, it would be a second copy of the version in the server's history.
            let arrived = entry.method == Method::Update
                && entry.attempts > 0
                && holds_already(server, &entry.identifier, &entry.body);
            let outcome = if arrived {
                Outcome::Delivered {
                    created: false,
                    location: entry.location.clone(),
                }
            } else {
                send(server, entry.method, &entry.identifier, &entry.body)
            };
            entry.attempts = entry.attempts.saturating_add(1);
            entry.updated_at = now;
            match &outcome {
                Outcome::Delivered { location, .. } => {
                    entry.state = State::Delivered;
                    entry.location.clone_from(location);
                    entry.next_attempt_at = None;
                    entry.last_outcome = None;
                    newest_delivered
                        .insert(entry.identifier.clone(), (entry.version, entry.key.clone()));
                }
                Outcome::Retry { reason, after } => {
                    let wait = after.unwrap_or_default().max(backoff(entry.attempts));
                    entry.next_attempt_at = chrono::Duration::from_std(wait)
                        .ok()
                        .and_then(|w| now.checked_add_signed(w));
                    entry.last_outcome = Some(reason.clone());
                    waiting.insert(entry.identifier.clone());
                }
                Outcome::Refused { reason } => {
                    entry.state = State::NeedsAttention;
                    entry.next_attempt_at = None;
                    entry.last_outcome = Some(reason.clone());
                }
                Outcome::Superseded { .. } => {}
            }
            outcome
        };
        let not_recorded = outbox::save(out, &entry).err().map(|e| {
            server.held.hold(&entry, &e);
            e.to_string()
        });
        let stop = not_recorded.is_some();
        reports.push(Report {
            key: entry.key.clone(),
            outcome,
            state: entry.state,
            not_recorded,
        });
        if stop {
            // Nothing more is sent until states can be written again.
            break;
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_loses_escape_sequences_and_controls() {
        let cleaned =
            clean_text("bad\u{1b}[2J\u{1b}]0;owned\u{7} item\u{9b}\r\nhere\u{202e}x\u{0}");
        assert!(
            cleaned.starts_with("bad") && cleaned.contains("here"),
            "{cleaned:?}"
        );
        assert!(
            !cleaned.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{cleaned:?}"
        );
        assert!(!cleaned.contains("owned"), "{cleaned:?}");
    }

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
