//! Delivery to a real FHIR server (the Helios FHIR Server, which validates every write): the
//! Questionnaire and seven patients pushed, read back and found; the same intake twice is one
//! resource; records queued while the server is down drain when it is back, nothing lost or
//! doubled; an invalid resource is refused with 422 and needs attention, never retried.
//! `SKIN_INTAKE_FHIR_URL` names the server; `SKIN_INTAKE_HFS_HOME` the installed server for the
//! test that stops and starts its own. `.ci/run` starts one (`bash .ci/fhir-server start`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use assert_cmd::Command as Binary;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};
use skin_intake::engine::summary::{Metadata, Mode, Override, Summary};
use skin_intake::fhir::delivery::{self, Server};
use skin_intake::fhir::server::{AuthConfig, ServerConfig};
use skin_intake::model::questionnaire::{Level, Questionnaire};
use skin_intake::store::outbox::{self, Entry, Method, State};
use skin_intake::{fhir, load, words};

const URL: &str = "https://fhir.skin-intake.example/Questionnaire/microneedling-intake";

fn server_url() -> String {
    std::env::var("SKIN_INTAKE_FHIR_URL").expect(
        "SKIN_INTAKE_FHIR_URL names the FHIR server these tests use; `bash .ci/fhir-server start` \
         starts one and prints it",
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a time")
}

fn summary(patient: &str, mode: Mode) -> Summary {
    let q = load::questionnaire::built_in();
    let text =
        std::fs::read_to_string(root().join(format!("tests/fixtures/answers/{patient}.json")))
            .expect("fixture");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    let answers = load::answers::read_and_check(&q, &text, today).expect("valid answers");
    let meta = Metadata {
        id: uuid::Uuid::new_v4().to_string(),
        language: "en".into(),
        mode,
        completed_at: at("2026-11-24T10:15:00+01:00"),
        reference_date: today,
    };
    let words = words::for_language("en");
    Summary::new(&q, &answers, meta, |shown| words.shown(shown))
}

fn questionnaire() -> Questionnaire {
    load::questionnaire::built_in()
}

fn push(out: &Path, url: &str) -> (i32, String) {
    let output = Binary::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["push", "--fhir-server", url])
        .arg(out)
        .output()
        .expect("push runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn get(url: &str) -> Value {
    let mut response = ureq::get(url)
        .header("Accept", "application/fhir+json")
        .call()
        .expect("the server answers");
    assert!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    serde_json::from_str(&response.body_mut().read_to_string().expect("a body")).expect("JSON")
}

fn encoded(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The resources a search finds.
fn search(base: &str, query: &str) -> Vec<Value> {
    get(&format!("{base}/{query}"))["entry"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["resource"].clone())
        .collect()
}

fn by_identifier(base: &str, intake_id: &str) -> Vec<Value> {
    search(
        base,
        &format!(
            "QuestionnaireResponse?identifier={}",
            encoded(&format!("{URL}/intake|{intake_id}"))
        ),
    )
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn the_questionnaire_and_seven_patients_are_delivered_read_back_and_found() {
    let base = server_url();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let q = questionnaire();
    let mut staff = summary("delay", Mode::Staff);
    staff.clinician_note = Some("Discussed downtime.".into());
    staff.verdict_override = Some(Override {
        suitability: Level::PhysicianReview,
        reason: "Wants a dermatologist's view".into(),
        by: "JM".into(),
        at: at("2026-11-24T10:20:00+01:00"),
        start_date: None,
        schedule: None,
    });
    let mut summaries = vec![
        summary("suitable", Mode::Batch),
        staff,
        summary("not_suitable", Mode::Staff),
        summary("physician_review", Mode::Kiosk),
        summary("every_type", Mode::Kiosk),
        summary("suitable", Mode::Staff),
    ];
    for s in &summaries {
        delivery::enqueue(out, s, &q, s.completed_at).expect("queued");
    }
    // A later version of the last intake: a conditional update, which the server keeps as a new
    // version of the same resource.
    let amended_of = summaries.last().expect("a summary").clone();
    let mut amended =
        serde_json::to_value(fhir::response::export(&amended_of, &q).expect("exported"))
            .expect("JSON");
    amended["status"] = json!("amended");
    let (code, printed) = push(out, &base);
    assert_eq!(code, 0, "{printed}");
    outbox::save(
        out,
        &Entry::new(
            &format!("{}-2", amended_of.id),
            &format!("{URL}/intake|{}", amended_of.id),
            Method::Update,
            amended.clone(),
            at("2026-11-24T11:00:00+01:00"),
        ),
    )
    .expect("queued");
    let (code, printed) = push(out, &base);
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.ends_with("outbox: 7 delivered, 0 queued, 0 need attention\n"),
        "{printed}"
    );
    summaries.push(amended_of.clone());

    let questionnaires = search(&base, &format!("Questionnaire?url={}", encoded(URL)));
    assert_eq!(questionnaires.len(), 1, "the Questionnaire once");
    assert_eq!(questionnaires[0]["version"], "2.1.0");

    for s in &summaries[..6] {
        let found = by_identifier(&base, &s.id);
        assert_eq!(found.len(), 1, "one resource per intake");
        let sent =
            serde_json::to_value(fhir::response::export(s, &q).expect("exported")).expect("JSON");
        let read = &found[0];
        if s.id == amended_of.id {
            assert_eq!(read["status"], "amended");
            assert_eq!(
                read["meta"]["versionId"], "2",
                "the history holds both versions"
            );
        } else {
            assert_eq!(read["status"], "completed");
            assert_eq!(read["item"], sent["item"], "read back as sent");
        }
        assert_eq!(read["subject"], sent["subject"]);
        assert_eq!(read["questionnaire"], format!("{URL}|2.1.0"));
    }
    let answering = search(
        &base,
        &format!(
            "QuestionnaireResponse?questionnaire={}&_count=500",
            encoded(&format!("{URL}|2.1.0"))
        ),
    );
    for s in &summaries {
        assert!(
            answering
                .iter()
                .any(|r| r["identifier"]["value"] == s.id.as_str()),
            "found by questionnaire"
        );
    }
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn the_same_intake_pushed_twice_is_one_resource() {
    let base = server_url();
    let q = questionnaire();
    let s = summary("suitable", Mode::Kiosk);
    // Two clinics' machines, or a retry after an answer that was lost: both send it.
    for _ in 0..2 {
        let dir = tempfile::tempdir().expect("a temporary folder");
        delivery::enqueue(dir.path(), &s, &q, s.completed_at).expect("queued");
        let (code, printed) = push(dir.path(), &base);
        assert_eq!(code, 0, "{printed}");
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    delivery::enqueue(dir.path(), &s, &q, s.completed_at).expect("queued");
    let (_, printed) = push(dir.path(), &base);
    assert!(
        printed.contains("delivered (the server had it already)"),
        "{printed}"
    );
    assert_eq!(by_identifier(&base, &s.id).len(), 1);
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn an_invalid_resource_needs_attention_and_is_never_retried() {
    let base = server_url();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let q = questionnaire();
    let s = summary("suitable", Mode::Batch);
    let mut body =
        serde_json::to_value(fhir::response::export(&s, &q).expect("exported")).expect("JSON");
    body["item"][0]["answer"] = json!([{"valueString": "an answer on a group"}]);
    let entry = Entry::new(
        &s.id,
        &format!("{URL}/intake|{}", s.id),
        Method::Create,
        body,
        s.completed_at,
    );
    outbox::enqueue(dir.path(), &entry).expect("queued");
    let (code, printed) = push(dir.path(), &base);
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains(&format!(
            "{}: needs attention: 422 Unprocessable Entity:",
            s.id
        )) && printed.contains("qrs-1"),
        "the server's words: {printed}"
    );
    let (entries, _) = outbox::list(dir.path()).expect("listed");
    assert_eq!(entries[0].state, State::NeedsAttention);
    assert_eq!(entries[0].attempts, 1);
    let (code, printed) = push(dir.path(), &base);
    assert_eq!(code, 1);
    assert!(
        !printed.contains("needs attention: 422"),
        "not sent again: {printed}"
    );
    assert_eq!(outbox::list(dir.path()).expect("listed").0[0].attempts, 1);
    assert!(by_identifier(&base, &s.id).is_empty());
}

/// A Helios server of this test's own, on a port and database it keeps across a restart.
struct OwnServer {
    home: PathBuf,
    db: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl OwnServer {
    fn new(dir: &Path) -> Self {
        let home = PathBuf::from(std::env::var("SKIN_INTAKE_HFS_HOME").expect(
            "SKIN_INTAKE_HFS_HOME names the installed Helios server (`bash .ci/fhir-server \
             install`)",
        ));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        OwnServer {
            home,
            db: dir.join("fhir.db"),
            port,
            child: None,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn start(&mut self) {
        let child = Command::new(self.home.join("bin/hfs"))
            .current_dir(self.db.parent().expect("a folder"))
            .env("HFS_VALIDATION_MODE", "enforce")
            .env("HFS_UI_ENABLED", "false")
            .env("HFS_DATA_DIR", self.home.join("data"))
            .env("DATABASE_URL", &self.db)
            .env("HFS_SERVER_HOST", "127.0.0.1")
            .env("HFS_SERVER_PORT", self.port.to_string())
            .env("HFS_BASE_URL", self.url())
            .env("HFS_LOG_LEVEL", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the server starts");
        self.child = Some(child);
        let started = Instant::now();
        while ureq::get(format!("{}/metadata", self.url()))
            .call()
            .is_err()
        {
            assert!(
                started.elapsed() < Duration::from_mins(2),
                "the server answers"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

#[test]
#[ignore = "needs the Helios server installed: SKIN_INTAKE_HFS_HOME; .ci/run gives it"]
fn records_queued_while_the_server_is_down_drain_when_it_is_back() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    let mut server = OwnServer::new(dir.path());
    server.start();
    let q = questionnaire();
    let config = ServerConfig {
        url: server.url(),
        auth: AuthConfig::None,
        timeout_seconds: Some(10),
    };
    let first = summary("suitable", Mode::Kiosk);
    delivery::enqueue(&out, &first, &q, now()).expect("queued");
    let reports = delivery::deliver(
        &out,
        &Server::new(&config).expect("configured"),
        delivery::Which::Due,
        now(),
    )
    .expect("sent");
    assert_eq!(reports[0].state, State::Delivered);

    server.stop();
    let sender =
        delivery::Sender::start(out.clone(), Server::new(&config).expect("configured"), now);
    let later: Vec<Summary> = ["delay", "not_suitable", "every_type"]
        .iter()
        .map(|p| summary(p, Mode::Kiosk))
        .collect();
    for s in &later {
        delivery::enqueue(&out, s, &q, now()).expect("queued");
        sender.wake();
    }
    let waiting = Instant::now();
    loop {
        let (entries, _) = outbox::list(&out).expect("listed");
        let tried = entries
            .iter()
            .filter(|e| e.state == State::Queued && e.attempts > 0)
            .count();
        if tried == later.len() {
            assert!(
                entries
                    .iter()
                    .filter(|e| e.state == State::Queued)
                    .all(|e| e
                        .last_outcome
                        .as_deref()
                        .is_some_and(|o| o.contains("could not reach"))),
                "{entries:#?}"
            );
            break;
        }
        assert!(
            waiting.elapsed() < Duration::from_mins(1),
            "tried while down: {entries:#?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    server.start();
    let waiting = Instant::now();
    loop {
        let (entries, _) = outbox::list(&out).expect("listed");
        if entries.iter().all(|e| e.state == State::Delivered) {
            break;
        }
        assert!(
            waiting.elapsed() < Duration::from_mins(2),
            "drained: {entries:#?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    for s in std::iter::once(&first).chain(&later) {
        assert_eq!(
            by_identifier(&server.url(), &s.id).len(),
            1,
            "nothing lost or doubled"
        );
    }
}
