//! The private keys SMART Backend Services signs with: the PEM forms read (RSA as PKCS#8 or PKCS#1
//! for RS384, P-384 as PKCS#8 for ES384) sign a client assertion its public key verifies; any
//! other key is refused at start with what is wrong and what to do. The keys under
//! `tests/fixtures/keys/` were made with `openssl genpkey` for these tests only.
//! `tests/cli/smart.rs` has a real token endpoint accept the assertions.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{self, EcdsaKeyPair, KeyPair, RsaKeyPair};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;
use serde_json::{Value, json};
use skin_intake::fhir::auth::{Auth, AuthError};
use skin_intake::fhir::jwt::SigningKey;
use skin_intake::fhir::server::{AuthConfig, SigningAlgorithm};
use tempfile::TempDir;

/// A fixture key, copied once into a private folder with mode 0600: a key file open to others is
/// refused, and git checks files out readable by all.
fn key(name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    static KEYS: OnceLock<TempDir> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a folder for the keys");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keys");
        let not_a_key = fixtures.join("../answers/suitable.json");
        let keys = std::fs::read_dir(&fixtures).expect("the fixture keys");
        let keys = keys.map(|entry| entry.expect("a fixture key").path());
        for from in keys.chain([not_a_key]) {
            let to = dir.path().join(from.file_name().expect("a file name"));
            std::fs::copy(&from, &to).expect("copied");
            std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).expect("0600");
        }
        dir
    });
    keys.path().join(name)
}

/// The public half of a fixture, as ring verifies with it.
fn public_key(name: &str) -> Vec<u8> {
    let der = PrivateKeyDer::from_pem_file(key(name)).expect("a PEM key");
    let rng = ring::rand::SystemRandom::new();
    match der {
        PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der.secret_pkcs1_der())
            .expect("RSA")
            .public_key()
            .as_ref()
            .to_vec(),
        PrivateKeyDer::Pkcs8(der) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).map_or_else(
            |_| {
                EcdsaKeyPair::from_pkcs8(
                    &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
                    der.secret_pkcs8_der(),
                    &rng,
                )
                .expect("P-384")
                .public_key()
                .as_ref()
                .to_vec()
            },
            |pair| pair.public_key().as_ref().to_vec(),
        ),
        _ => panic!("a fixture key"),
    }
}

fn smart(name: &str, algorithm: SigningAlgorithm) -> AuthConfig {
    AuthConfig::Smart {
        client_id: "kiosk".into(),
        private_key_file: key(name),
        algorithm,
        key_id: None,
        scope: "system/*.*".into(),
    }
}

fn refusal(name: &str, algorithm: SigningAlgorithm) -> String {
    match Auth::from_config(&smart(name, algorithm)) {
        Err(AuthError::Config(reason)) => {
            let path = key(name).display().to_string();
            assert!(
                reason.starts_with(&format!("private_key_file {path}: ")),
                "names the file: {reason}"
            );
            reason
        }
        other => panic!("{name} refused for {algorithm:?}: {other:?}"),
    }
}

#[test]
fn each_key_form_read_signs_an_assertion_its_public_key_verifies() {
    let claims = json!({"iss": "kiosk", "sub": "kiosk", "aud": "https://auth.example/token",
                        "jti": "8d6c0a9e", "exp": 1_800_000_000});
    for (name, algorithm, alg, verifier, signature_len) in [
        (
            "rsa-pkcs8.pem",
            SigningAlgorithm::RS384,
            "RS384",
            &signature::RSA_PKCS1_2048_8192_SHA384 as &dyn signature::VerificationAlgorithm,
            256,
        ),
        (
            "rsa-pkcs1.pem",
            SigningAlgorithm::RS384,
            "RS384",
            &signature::RSA_PKCS1_2048_8192_SHA384,
            256,
        ),
        (
            "p384-pkcs8.pem",
            SigningAlgorithm::ES384,
            "ES384",
            &signature::ECDSA_P384_SHA384_FIXED,
            96,
        ),
    ] {
        let pem = std::fs::read(key(name)).expect("the fixture");
        let signer = SigningKey::from_pem(&pem, algorithm).expect("the key reads");
        for kid in [None, Some("kiosk-3-2026")] {
            let jwt = signer.sign(kid, &claims).expect("signed");
            let parts: Vec<&str> = jwt.split('.').collect();
            assert_eq!(parts.len(), 3, "a compact JWS: {jwt}");
            let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).expect("base64url");
            let header: Value = serde_json::from_slice(&decode(parts[0])).expect("JSON");
            let mut expected = json!({"alg": alg, "typ": "JWT"});
            if let Some(kid) = kid {
                expected["kid"] = kid.into();
            }
            assert_eq!(header, expected, "{name}");
            let payload: Value = serde_json::from_slice(&decode(parts[1])).expect("JSON");
            assert_eq!(payload, claims, "{name}");
            let signature = decode(parts[2]);
            assert_eq!(signature.len(), signature_len, "{name}: JWS's fixed form");
            signature::UnparsedPublicKey::new(verifier, public_key(name))
                .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
                .unwrap_or_else(|_| panic!("{name}: the signature verifies"));
        }
    }
}

#[test]
fn a_key_that_cannot_sign_is_refused_with_what_to_do() {
    use SigningAlgorithm::{ES384, RS384};
    for (name, algorithm, says) in [
        (
            "p384-sec1.pem",
            ES384,
            "an EC key in SEC1 form (-----BEGIN EC PRIVATE KEY-----) is read only as PKCS#8: \
             convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY.p8.pem`",
        ),
        (
            "rsa-pkcs8.pem",
            ES384,
            "ES384 needs a P-384 key; this is an RSA key (use RS384)",
        ),
        (
            "rsa-pkcs1.pem",
            ES384,
            "ES384 needs a P-384 key; this is an RSA key (use RS384)",
        ),
        (
            "p384-pkcs8.pem",
            RS384,
            "RS384 needs an RSA key; this is an EC key (use ES384 with a P-384 key)",
        ),
        (
            "p384-sec1.pem",
            RS384,
            "RS384 needs an RSA key; this is an EC key (use ES384 with a P-384 key)",
        ),
        (
            "p256-pkcs8.pem",
            RS384,
            "RS384 needs an RSA key; this is an EC key (use ES384 with a P-384 key)",
        ),
        (
            "p256-pkcs8.pem",
            ES384,
            "not a P-384 private key with its public key that ES384 can use",
        ),
        (
            "rsa1024-pkcs8.pem",
            RS384,
            "not an RSA private key of 2048 to 8192 bits that RS384 can use",
        ),
        (
            "suitable.json",
            RS384,
            "no unencrypted PEM private key in it",
        ),
    ] {
        let reason = refusal(name, algorithm);
        assert!(reason.contains(says), "{name} for {algorithm:?}: {reason}");
    }
}

#[test]
fn push_with_a_key_that_cannot_sign_says_so_and_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("fhir.json");
    std::fs::write(
        &config,
        json!({
            "url": "https://fhir.example-clinic.com/fhir",
            "auth": {"type": "smart", "client_id": "kiosk-es",
                     "private_key_file": key("p384-sec1.pem"), "algorithm": "ES384"}
        })
        .to_string(),
    )
    .expect("config");
    let output = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .arg("push")
        .arg("--fhir-config")
        .arg(&config)
        .arg(dir.path().join("out"))
        .output()
        .expect("push runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "auth: private_key_file {}: an EC key in SEC1 form",
            key("p384-sec1.pem").display()
        )) && stderr.contains("openssl pkcs8 -topk8 -nocrypt"),
        "{stderr}"
    );
}
