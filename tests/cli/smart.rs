//! SMART Backend Services against a real token endpoint: `sekmet-fhir` (on `PyPI`) serves one and a FHIR
//! server that takes only its tokens. skin-intake finds the endpoint through
//! `.well-known/smart-configuration`, signs its client assertion (RS384 with an RSA key as PKCS#8
//! or PKCS#1, ES384) and uses the token; a client the endpoint does not know needs attention; a
//! short-lived token is fetched again. Needs `target/smart-venv` (`bash .ci/smart-venv`) and
//! `openssl`; `.ci/run` runs these.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command as Binary;
use skin_intake::fhir::auth::{Auth, AuthError};
use skin_intake::fhir::server::{AuthConfig, SigningAlgorithm};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A sekmet server with two registered clients, `kiosk-rs` (RSA) and `kiosk-es` (P-384).
struct Sekmet {
    dir: tempfile::TempDir,
    port: u16,
    child: Child,
}

fn openssl(args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl {args:?}");
}

impl Sekmet {
    fn start(token_lifetime: u32) -> Self {
        Sekmet::start_at(token_lifetime, |port| {
            format!("http://127.0.0.1:{port}/fhir")
        })
    }

    /// A sekmet server that names itself (in its discovery document and the token audience)
    /// by the base URL `public` gives for its port: a proxy in front of it, say.
    fn start_at(token_lifetime: u32, public: impl FnOnce(u16) -> String) -> Self {
        let sekmet = root().join("target/smart-venv/bin/sekmet");
        assert!(
            sekmet.exists(),
            "{} is missing: run `bash .ci/smart-venv`",
            sekmet.display()
        );
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = |name: &str| dir.path().join(name).display().to_string();
        for (key, args) in [
            (
                "rs",
                &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"][..],
            ),
            (
                "es",
                &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"][..],
            ),
        ] {
            let private = path(&format!("{key}.pem"));
            let mut all = vec!["genpkey"];
            all.extend_from_slice(args);
            all.extend_from_slice(&["-out", &private]);
            openssl(&all);
            // Private, as skin-intake requires of a key file.
            std::fs::set_permissions(
                &private,
                std::os::unix::fs::PermissionsExt::from_mode(0o600),
            )
            .expect("chmod");
            openssl(&[
                "pkey",
                "-in",
                &private,
                "-pubout",
                "-out",
                &path(&format!("{key}.pub.pem")),
            ]);
        }
        // The same RSA key in PKCS#1 form (`RSA PRIVATE KEY`), which RS384 also reads.
        openssl(&[
            "pkey",
            "-in",
            &path("rs.pem"),
            "-traditional",
            "-out",
            &path("rs-pkcs1.pem"),
        ]);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let settings = format!(
            "base_url: {base}\nhost: 127.0.0.1\nport: {port}\n\
             data_dir: {data}\nown_private_key_path: {own}\nsimulator: {{enabled: false}}\n\
             server_auth:\n  types: [smart]\n  token_lifetime: {token_lifetime}\n  smart_clients:\n\
             \x20   - {{client_id: kiosk-rs, public_key_path: {rs}, scopes: \"system/*.*\"}}\n\
             \x20   - {{client_id: kiosk-es, public_key_path: {es}, scopes: \"system/*.*\"}}\n",
            base = public(port),
            data = path("data"),
            own = path("own.pem"),
            rs = path("rs.pub.pem"),
            es = path("es.pub.pem"),
        );
        std::fs::write(dir.path().join("settings.yaml"), settings).expect("settings");
        let child = Command::new(sekmet)
            .args(["serve", "--config", &path("settings.yaml")])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sekmet starts");
        let server = Sekmet { dir, port, child };
        let started = Instant::now();
        while ureq::get(format!("{}/.well-known/smart-configuration", server.url()))
            .call()
            .is_err()
        {
            assert!(started.elapsed() < Duration::from_mins(1), "sekmet answers");
            std::thread::sleep(Duration::from_millis(200));
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/fhir", self.port)
    }

    fn key(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn auth(&self, client_id: &str, key: &str, algorithm: SigningAlgorithm) -> AuthConfig {
        AuthConfig::Smart {
            client_id: client_id.into(),
            private_key_file: self.key(key),
            algorithm,
            key_id: None,
            scope: "system/*.*".into(),
        }
    }

    /// The status of a search made with `authorization`.
    fn search_status(&self, authorization: Option<&str>) -> u16 {
        let request = ureq::get(format!("{}/Patient", self.url()));
        let request = match authorization {
            Some(value) => request.header("Authorization", value),
            None => request,
        };
        match request.call() {
            Ok(response) => response.status().as_u16(),
            Err(ureq::Error::StatusCode(code)) => code,
            Err(e) => panic!("the server answers: {e}"),
        }
    }
}

impl Drop for Sekmet {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs the SMART venv (sekmet-fhir); .ci/run runs it"]
fn a_token_from_the_real_endpoint_opens_the_server_with_rs384_and_es384() {
    let sekmet = Sekmet::start(3600);
    let agent = ureq::Agent::new_with_defaults();
    assert_eq!(sekmet.search_status(None), 401, "the server wants a token");
    for (client, key, algorithm) in [
        ("kiosk-rs", "rs.pem", SigningAlgorithm::RS384),
        ("kiosk-rs", "rs-pkcs1.pem", SigningAlgorithm::RS384),
        ("kiosk-es", "es.pem", SigningAlgorithm::ES384),
    ] {
        let auth = Auth::from_config(&sekmet.auth(client, key, algorithm)).expect("the key reads");
        let header = auth
            .header(&agent, &sekmet.url())
            .expect("a token")
            .expect("an Authorization header");
        assert!(header.starts_with("Bearer "), "{header}");
        assert_eq!(
            sekmet.search_status(Some(&header)),
            200,
            "{client}'s token opens it"
        );
        assert_eq!(
            auth.header(&agent, &sekmet.url())
                .expect("a token")
                .as_deref(),
            Some(header.as_str()),
            "a token with most of its hour left is used again"
        );
    }
}

#[test]
#[ignore = "needs the SMART venv (sekmet-fhir); .ci/run runs it"]
fn a_token_about_to_expire_is_fetched_again() {
    // Tokens live 5 s here, well under the minute before expiry at which skin-intake renews them.
    let sekmet = Sekmet::start(5);
    let agent = ureq::Agent::new_with_defaults();
    let auth = Auth::from_config(&sekmet.auth("kiosk-rs", "rs.pem", SigningAlgorithm::RS384))
        .expect("the key reads");
    let first = auth
        .header(&agent, &sekmet.url())
        .expect("a token")
        .expect("a header");
    std::thread::sleep(Duration::from_secs(6));
    assert_eq!(
        sekmet.search_status(Some(&first)),
        401,
        "the first token expired"
    );
    let second = auth
        .header(&agent, &sekmet.url())
        .expect("a token")
        .expect("a header");
    assert_ne!(first, second, "a new token");
    assert_eq!(sekmet.search_status(Some(&second)), 200);
}

#[test]
#[ignore = "needs the SMART venv (sekmet-fhir); .ci/run runs it"]
fn push_signs_in_and_an_unknown_client_needs_attention() {
    let sekmet = Sekmet::start(3600);
    let agent = ureq::Agent::new_with_defaults();
    let unknown =
        Auth::from_config(&sekmet.auth("stolen-kiosk", "rs.pem", SigningAlgorithm::RS384))
            .expect("the key reads");
    match unknown.header(&agent, &sekmet.url()) {
        Err(AuthError::Config(reason)) => {
            assert!(reason.contains("refused the client: 401"), "{reason}");
        }
        other => panic!("refused for good: {other:?}"),
    }
    // `push` with the configuration file, end to end: the server takes the token (its answer is
    // about the request itself, never 401), and without credentials it is refused.
    let out = sekmet.dir.path().join("out");
    let summary = Binary::cargo_bin("skin-intake")
        .expect("the binary")
        .current_dir(root())
        .args([
            "score",
            "--today",
            "2026-11-24",
            "tests/fixtures/answers/suitable.json",
        ])
        .output()
        .expect("score runs")
        .stdout;
    let id = serde_json::from_slice::<serde_json::Value>(&summary).expect("JSON")["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    std::fs::create_dir_all(&out).expect("out");
    std::fs::write(out.join(format!("2026-11-24_{id}.json")), &summary).expect("summary");
    let config = sekmet.dir.path().join("fhir.json");
    std::fs::write(
        &config,
        serde_json::json!({
            "url": sekmet.url(),
            "auth": {"type": "smart", "client_id": "kiosk-es",
                     "private_key_file": sekmet.key("es.pem"), "algorithm": "ES384"}
        })
        .to_string(),
    )
    .expect("config");
    let push = |auth: &[&str]| {
        let output = Binary::cargo_bin("skin-intake")
            .expect("the binary")
            .arg("push")
            .args(auth)
            .arg(&out)
            .output()
            .expect("push runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let printed = push(&["--fhir-config", config.to_str().expect("UTF-8")]);
    assert!(printed.contains(&format!("{id}: ")), "{printed}");
    assert!(!printed.contains("401"), "signed in: {printed}");
    std::fs::remove_dir_all(out.join("outbox")).expect("a fresh outbox");
    let printed = push(&["--fhir-server", &sekmet.url()]);
    assert!(
        printed.contains(&format!("{id}: needs attention: 401 Unauthorized")),
        "{printed}"
    );
}

#[test]
#[ignore = "needs the SMART venv (sekmet-fhir); .ci/run runs it"]
fn a_token_lifetime_beyond_any_clock_is_kept_within_a_day() {
    // The token endpoint's answers pass through a proxy that says the token lives 2^64 - 1
    // seconds; sekmet names the proxy as its address, so the token is fetched through it.
    let mut proxy = None;
    let sekmet = Sekmet::start_at(3600, |port| {
        let started = crate::proxy::Proxy::start(&format!("127.0.0.1:{port}"));
        let base = format!("{}/fhir", started.url());
        proxy = Some(started);
        base
    });
    let proxy = proxy.expect("the proxy");
    proxy.on_each(
        "POST",
        "token",
        1,
        usize::MAX / 2,
        crate::proxy::Fault::Rewrite(Box::new(|body| {
            let mut token: serde_json::Value = serde_json::from_str(body).expect("a token");
            token["expires_in"] = serde_json::json!(u64::MAX);
            token.to_string()
        })),
    );
    let base = format!("{}/fhir", proxy.url());
    let agent = ureq::Agent::new_with_defaults();
    let auth = Auth::from_config(&sekmet.auth("kiosk-rs", "rs.pem", SigningAlgorithm::RS384))
        .expect("the key reads");
    let header = auth
        .header(&agent, &base)
        .expect("a token")
        .expect("an Authorization header");
    assert_eq!(sekmet.search_status(Some(&header)), 200);
    assert_eq!(
        auth.header(&agent, &base).expect("a token").as_deref(),
        Some(header.as_str()),
        "kept"
    );
    assert_eq!(proxy.count("POST", "token"), 1, "{:?}", proxy.requests());
}
