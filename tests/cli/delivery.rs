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
            &format!("{}-v2", amended_of.id),
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
    assert_eq!(questionnaires[0]["version"], "2.1.1");

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
        assert_eq!(read["questionnaire"], format!("{URL}|2.1.1"));
    }
    let answering = search(
        &base,
        &format!(
            "QuestionnaireResponse?questionnaire={}&_count=500",
            encoded(&format!("{URL}|2.1.1"))
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

// Delivery order and once-only, and what delivery reads and prints. The tests without a server
// send to a port where nothing listens (every send fails and waits to be tried again); those
// against Helios put a fault-injecting proxy (tests/support/proxy.rs) between skin-intake and it.

/// Nothing listens here: a send fails at once and is tried again later.
const NOWHERE: &str = "http://127.0.0.1:9";

fn key(intake_id: &str, version: u32) -> String {
    skin_intake::engine::summary::version_id(intake_id, version)
}

/// Version `version` of the record `first` exports: a later one is `amended` and authored
/// `version` minutes after 11:00, so the server's history tells the versions apart.
fn version_body(first: &Summary, version: u32) -> Value {
    let mut body =
        serde_json::to_value(fhir::response::export(first, &questionnaire()).expect("exported"))
            .expect("JSON");
    if version > 1 {
        body["status"] = json!("amended");
        body["authored"] = json!(format!("2026-11-24T11:{version:02}:00+01:00"));
    }
    body
}

/// The outbox entry of version `version` of `first`'s record, queued at `queued`.
fn version_entry(first: &Summary, version: u32, queued: DateTime<FixedOffset>) -> Entry {
    Entry::new(
        &key(&first.id, version),
        &format!("{URL}/intake|{}", first.id),
        if version == 1 {
            Method::Create
        } else {
            Method::Update
        },
        version_body(first, version),
        queued,
    )
}

fn entries_by_key(out: &Path) -> std::collections::HashMap<String, Entry> {
    outbox::list(out)
        .expect("listed")
        .0
        .into_iter()
        .map(|e| (e.key.clone(), e))
        .collect()
}

fn push_with(args: &[&str], out: &Path) -> (i32, String, String) {
    let output = Binary::cargo_bin("skin-intake")
        .expect("the binary")
        .arg("push")
        .args(args)
        .arg(out)
        .timeout(Duration::from_mins(1))
        .output()
        .expect("push runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_older_version_is_superseded_once_a_newer_one_is_delivered() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Staff);
    let queued = at("2026-11-24T11:00:00+01:00");
    for (version, state) in [
        (1, State::Delivered),
        (2, State::Queued),
        (3, State::Delivered),
    ] {
        let mut entry = version_entry(&first, version, queued);
        entry.state = state;
        outbox::save(out, &entry).expect("written");
    }
    let (_, printed, _) = push_with(&["--fhir-server", NOWHERE], out);
    let older = key(&first.id, 2);
    assert!(
        printed.contains(&format!(
            "{older}: superseded, not sent: the newer version {} was delivered first",
            key(&first.id, 3)
        )),
        "{printed}"
    );
    let entries = entries_by_key(out);
    assert_eq!(entries[&older].state, State::Superseded);
    assert_eq!(entries[&older].attempts, 0, "never sent");
}

#[test]
fn versions_go_in_number_order_each_after_the_one_before() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Staff);
    let queued = at("2026-11-24T11:00:00+01:00");
    let mut entry = version_entry(&first, 1, queued);
    entry.state = State::Delivered;
    outbox::save(out, &entry).expect("written");
    // Versions 2 to 11 queued at the same moment: `-v10` sorts before `-v2` as text.
    for version in 2..=11 {
        outbox::enqueue(out, &version_entry(&first, version, queued)).expect("queued");
    }
    let (code, printed, _) = push_with(&["--fhir-server", NOWHERE], out);
    assert_eq!(code, 1, "{printed}");
    let entries = entries_by_key(out);
    assert_eq!(
        entries[&key(&first.id, 2)].attempts,
        1,
        "version 2 goes first: {printed}"
    );
    for version in 3..=11 {
        assert_eq!(
            entries[&key(&first.id, version)].attempts,
            0,
            "version {version} waits until version 2 is delivered: {printed}"
        );
    }
}

#[test]
fn a_fifo_or_a_device_in_the_outbox_neither_hangs_nor_fills_memory() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    std::fs::create_dir_all(out.join("outbox")).expect("outbox");
    let fifo = out.join("outbox/fifo.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", out.join("outbox/zero.json")).expect("a link");
    // Memory capped, so that reading /dev/zero ends in a failed allocation, not a full machine.
    let binary = assert_cmd::cargo::cargo_bin("skin-intake");
    let output = Binary::new("sh")
        .args(["-c", "ulimit -v 2000000 && exec \"$0\" \"$@\""])
        .arg(&binary)
        .args(["push", "--fhir-server", NOWHERE])
        .arg(out)
        .timeout(Duration::from_secs(30))
        .output()
        .expect("push runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "ended: {printed}");
    assert!(
        printed.contains("fifo.json: cannot be read: it is a FIFO (named pipe)"),
        "{printed}"
    );
    assert!(
        printed.contains("zero.json: cannot be read: it is a symbolic link"),
        "{printed}"
    );
}

/// A FIFO at `path`.
fn fifo(path: &Path) {
    assert!(
        Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo")
            .success()
    );
}

#[test]
fn a_fifo_as_token_or_key_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    let pipe = dir.path().join("secret");
    fifo(&pipe);
    for auth in [
        json!({"type": "bearer", "token_file": pipe}),
        json!({"type": "smart", "client_id": "kiosk", "private_key_file": pipe, "algorithm": "ES384"}),
    ] {
        let config = dir.path().join("fhir.json");
        std::fs::write(&config, json!({"url": NOWHERE, "auth": auth}).to_string()).expect("config");
        let (code, _, said) = push_with(&["--fhir-config", config.to_str().expect("UTF-8")], &out);
        assert_eq!(code, 2, "{said}");
        assert!(said.contains("it is a FIFO (named pipe)"), "{said}");
    }
}

#[test]
fn an_entry_whose_key_is_not_its_name_needs_attention_and_nothing_is_written_elsewhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("clinic/out");
    let first = summary("suitable", Mode::Kiosk);
    outbox::enqueue(&out, &version_entry(&first, 1, now())).expect("queued");
    let file = out.join(format!("outbox/{}.json", first.id));
    let mut edited: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("the entry")).expect("JSON");
    edited["key"] = json!("../../escaped");
    std::fs::write(&file, edited.to_string()).expect("edited");
    let (code, printed, _) = push_with(&["--fhir-server", NOWHERE], &out);
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("needs attention: its key '../../escaped' is not its file name"),
        "{printed}"
    );
    for place in [
        dir.path().join("escaped.json"),
        dir.path().join("clinic/escaped.json"),
    ] {
        assert!(!place.exists(), "{} written", place.display());
    }
    assert_eq!(
        std::fs::read(&file).expect("the entry"),
        edited.to_string().into_bytes(),
        "left as it is"
    );
}

#[test]
fn a_base_url_with_a_query_fragment_or_credentials_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (url, said) in [
        ("http://127.0.0.1:9/fhir?_format=json", "has a query"),
        ("http://127.0.0.1:9/fhir#top", "has a fragment"),
        (
            "http://kiosk:secret@127.0.0.1:9/fhir",
            "holds a user name or password",
        ),
    ] {
        let (code, _, stderr) = push_with(&["--fhir-server", url], dir.path());
        assert_eq!(code, 2, "{url}: {stderr}");
        assert!(stderr.contains(said), "{url}: {stderr}");
        assert!(
            !stderr.contains("secret"),
            "the password is not repeated: {stderr}"
        );
    }
}

#[test]
fn a_bearer_token_with_a_line_break_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("fhir.json");
    std::fs::write(
        &config,
        json!({"url": NOWHERE, "auth": {"type": "bearer", "token_env": "SKIN_INTAKE_TEST_TOKEN"}})
            .to_string(),
    )
    .expect("config");
    let output = Binary::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["push", "--fhir-config"])
        .arg(&config)
        .arg(dir.path())
        .env("SKIN_INTAKE_TEST_TOKEN", "abc\r\nX-Injected: 1")
        .timeout(Duration::from_secs(30))
        .output()
        .expect("push runs");
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("the bearer token holds a line break"),
        "{said}"
    );
}

#[test]
fn push_knows_a_queued_version_by_its_file_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Staff);
    let q = questionnaire();
    let mut second = first.clone();
    second.version = 2;
    second.id = key(&first.id, 2);
    second.supersedes = Some(first.id.clone());
    for s in [&first, &second] {
        skin_intake::store::write_version(out, s).expect("written");
        delivery::enqueue(out, s, &q, now()).expect("queued");
    }
    // The record is queued: push has no reason to read its summaries again, so a damaged copy
    // of one says nothing.
    let name = format!("2026-11-24_{}.v002.json", first.id);
    std::fs::write(out.join(&name), "damaged").expect("damaged");
    let (_, printed, _) = push_with(&["--fhir-server", NOWHERE], out);
    assert!(!printed.contains("not queued"), "{printed}");
    assert_eq!(outbox::list(out).expect("listed").0.len(), 2);
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let key = dir.path().join("key.pem");
    let made = Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-384",
            "-out",
        ])
        .arg(&key)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(made.success());
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let config = dir.path().join("fhir.json");
    std::fs::write(
        &config,
        json!({"url": NOWHERE, "auth": {"type": "smart", "client_id": "kiosk",
               "private_key_file": key, "algorithm": "ES384"}})
        .to_string(),
    )
    .expect("config");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    let (code, _, said) = push_with(&["--fhir-config", config.to_str().expect("UTF-8")], &out);
    assert_eq!(code, 2, "{said}");
    assert!(
        said.contains("can be read or changed by other users (permissions 644)")
            && said.contains("chmod 600"),
        "{said}"
    );
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let (code, _, said) = push_with(&["--fhir-config", config.to_str().expect("UTF-8")], &out);
    assert_ne!(code, 2, "a private key is taken: {said}");
}

#[test]
fn security_md_says_what_goes_over_the_network() {
    let text = std::fs::read_to_string(root().join("SECURITY.md")).expect("SECURITY.md");
    assert!(!text.contains("Nothing is sent over a network"));
    for said in [
        "## What goes over the network",
        "QuestionnaireResponse",
        "HTTPS",
        "Authorization",
    ] {
        assert!(text.contains(said), "SECURITY.md says {said}");
    }
}

/// A record's versions in the server's history, oldest first, and the current one.
fn history(base: &str, intake_id: &str) -> (Vec<Value>, Value) {
    let found = by_identifier(base, intake_id);
    assert_eq!(found.len(), 1, "one resource for the record");
    let id = found[0]["id"].as_str().expect("an id");
    let mut versions: Vec<Value> = get(&format!(
        "{base}/QuestionnaireResponse/{id}/_history?_count=100"
    ))["entry"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["resource"].clone())
        .collect();
    versions.sort_by_key(|r| {
        r["meta"]["versionId"]
            .as_str()
            .and_then(|v| v.parse::<u32>().ok())
            .expect("a version id")
    });
    (versions, found[0].clone())
}

/// Which of a record's versions a resource is, from its `authored` (see [`version_body`]).
fn which_version(resource: &Value) -> u32 {
    let authored = DateTime::parse_from_rfc3339(resource["authored"].as_str().expect("authored"))
        .expect("a time");
    if authored == at("2026-11-24T10:15:00+01:00") {
        1
    } else {
        chrono::Timelike::minute(&authored)
    }
}

/// The server's history holds versions 1 to `last` once each, in order, the current one the last.
fn assert_history(base: &str, intake_id: &str, last: u32) {
    let (versions, current) = history(base, intake_id);
    let seen: Vec<u32> = versions.iter().map(which_version).collect();
    assert_eq!(
        seen,
        (1..=last).collect::<Vec<_>>(),
        "each version once, in order"
    );
    assert_eq!(
        which_version(&current),
        last,
        "the current one is the newest"
    );
}

fn refusal(text: &str) -> String {
    json!({"resourceType": "OperationOutcome",
           "issue": [{"severity": "error", "code": "transient", "diagnostics": text}]})
    .to_string()
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn a_version_refused_for_now_is_sent_again_before_the_newer_one() {
    let proxy = crate::proxy::Proxy::start(&server_url());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Staff);
    outbox::enqueue(out, &version_entry(&first, 1, now())).expect("queued");
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 0, "{printed}");
    let queued = now();
    for version in [2, 3] {
        outbox::enqueue(out, &version_entry(&first, version, queued)).expect("queued");
    }
    proxy.on(
        "PUT",
        "/QuestionnaireResponse?",
        1,
        crate::proxy::Fault::answer(503, &refusal("busy")),
    );
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains(&format!(
            "{}: queued, will be tried again: 503",
            key(&first.id, 2)
        )),
        "{printed}"
    );
    assert!(
        !printed.contains(&key(&first.id, 3)),
        "version 3 waits for version 2: {printed}"
    );
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 0, "{printed}");
    assert_eq!(
        proxy.count("PUT", "/QuestionnaireResponse?"),
        3,
        "one 503, two sent"
    );
    assert_history(&server_url(), &first.id, 3);
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn a_version_whose_answer_was_lost_is_not_sent_twice() {
    let proxy = crate::proxy::Proxy::start(&server_url());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("physician_review", Mode::Staff);
    outbox::enqueue(out, &version_entry(&first, 1, now())).expect("queued");
    outbox::enqueue(out, &version_entry(&first, 2, now())).expect("queued");
    // The server takes version 2; its answer is lost, and a 502 comes back instead.
    proxy.on(
        "PUT",
        "/QuestionnaireResponse?",
        1,
        crate::proxy::Fault::LoseAnswer(502),
    );
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 1, "{printed}");
    assert!(printed.contains("will be tried again: 502"), "{printed}");
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains(&format!(
            "{}: delivered (the server had it already)",
            key(&first.id, 2)
        )),
        "{printed}"
    );
    assert_eq!(
        proxy.count("PUT", "/QuestionnaireResponse?"),
        1,
        "sent once"
    );
    assert_history(&server_url(), &first.id, 2);
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn eleven_versions_queued_at_once_reach_the_server_in_order() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("delay", Mode::Staff);
    let queued = now();
    for version in 1..=11 {
        outbox::enqueue(out, &version_entry(&first, version, queued)).expect("queued");
    }
    let (code, printed) = push(out, &server_url());
    assert_eq!(code, 0, "{printed}");
    assert_history(&server_url(), &first.id, 11);
}

#[test]
#[ignore = "needs a FHIR server (SKIN_INTAKE_FHIR_URL) and root for a tmpfs; .ci/run runs it"]
fn a_delivery_that_cannot_be_recorded_is_not_sent_again() {
    let disk = crate::disk::TinyDisk::mount()
        .expect("a 256 KiB tmpfs can be mounted (this test needs root)");
    let proxy = crate::proxy::Proxy::start(&server_url());
    let out = disk.path().join("out");
    let first = summary("suitable", Mode::Staff);
    let config = ServerConfig {
        url: proxy.url(),
        auth: AuthConfig::None,
        timeout_seconds: Some(10),
    };
    outbox::enqueue(&out, &version_entry(&first, 1, now())).expect("queued");
    let reports = delivery::deliver(
        &out,
        &Server::new(&config).expect("configured"),
        delivery::Which::Due,
        now(),
    )
    .expect("sent");
    assert_eq!(reports[0].state, State::Delivered);
    // Version 2 was tried before, while the server was down, and is due again.
    let mut second = version_entry(&first, 2, now());
    second.attempts = 1;
    second.next_attempt_at = Some(now() - chrono::Duration::minutes(1));
    second.last_outcome = Some("could not reach the server".into());
    outbox::save(&out, &second).expect("queued");
    let filler = disk.fill();
    let sender =
        delivery::Sender::start(out.clone(), Server::new(&config).expect("configured"), now);
    std::thread::sleep(Duration::from_secs(12));
    assert_eq!(
        proxy.count("PUT", "/QuestionnaireResponse?"),
        1,
        "sent once in 12 s: {:?}",
        proxy.requests()
    );
    assert_eq!(
        sender.states(&out).get(&second.key),
        Some(&words::Delivery::NotRecorded { disk_full: true })
    );
    assert_eq!(
        words::for_language("en").delivery(&words::Delivery::NotRecorded { disk_full: true }),
        "⚠ delivered; cannot record delivery: disk full"
    );
    assert_history(&server_url(), &first.id, 2);

    // Room again: the state is written, and still nothing is sent again.
    std::fs::remove_file(filler).expect("room");
    sender.wake();
    let waiting = Instant::now();
    while entries_by_key(&out)[&second.key].state != State::Delivered {
        assert!(waiting.elapsed() < Duration::from_secs(30), "recorded");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        sender.states(&out).get(&second.key),
        Some(&words::Delivery::Delivered)
    );
    assert_eq!(proxy.count("PUT", "/QuestionnaireResponse?"), 1);
    assert_history(&server_url(), &first.id, 2);
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn a_refusal_with_escape_sequences_is_printed_and_kept_without_them() {
    let proxy = crate::proxy::Proxy::start(&server_url());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Kiosk);
    outbox::enqueue(out, &version_entry(&first, 1, now())).expect("queued");
    proxy.on(
        "POST",
        "/QuestionnaireResponse",
        1,
        crate::proxy::Fault::answer(
            422,
            &refusal("bad\u{1b}[2J\u{1b}]0;owned\u{7} item\u{9b}31m\r\nhere\u{202e}"),
        ),
    );
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 1, "{printed}");
    assert!(printed.contains("needs attention: 422"), "{printed}");
    assert!(printed.contains("bad"), "{printed}");
    let kept = entries_by_key(out)[&first.id]
        .last_outcome
        .clone()
        .expect("the server's words");
    for text in [printed.as_str(), kept.as_str()] {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{text:?}"
        );
    }
}

#[test]
#[ignore = "needs a FHIR server: SKIN_INTAKE_FHIR_URL; .ci/run starts one"]
fn a_success_that_is_not_the_resource_sent_needs_attention() {
    let proxy = crate::proxy::Proxy::start(&server_url());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    let first = summary("suitable", Mode::Kiosk);
    outbox::enqueue(out, &version_entry(&first, 1, now())).expect("queued");
    proxy.on(
        "POST",
        "/QuestionnaireResponse",
        1,
        crate::proxy::Fault::answer(200, r#"{"resourceType": "Patient", "id": "p1"}"#),
    );
    let (code, printed) = push(out, &proxy.url());
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains(&format!(
            "{}: needs attention: 200 OK, but the server answered with a Patient",
            first.id
        )),
        "{printed}"
    );
    assert_eq!(entries_by_key(out)[&first.id].state, State::NeedsAttention);
}
