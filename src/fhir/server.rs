//! The clinic's FHIR server: where it is, how skin-intake proves who it is (nothing, a bearer
//! token, or SMART Backend Services), and how long it waits. Given as `--fhir-server URL` or as a
//! JSON file (`--fhir-config PATH`, documented in the README).

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

/// How long one request may take unless the configuration says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The delivery configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// The FHIR base URL, such as `https://fhir.example-clinic.com/fhir`.
    pub url: String,
    #[serde(default)]
    pub auth: AuthConfig,
    /// Seconds one request may take (1 to 600).
    #[serde(default)]
    pub timeout_seconds: Option<u64>,
}

/// How skin-intake proves who it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuthConfig {
    /// No credentials (a server on the same machine, or behind a gateway that adds them).
    #[default]
    None,
    /// `Authorization: Bearer <token>`, the token read from a file or an environment variable.
    Bearer {
        token_file: Option<PathBuf>,
        token_env: Option<String>,
    },
    /// SMART Backend Services: `client_credentials` with a signed JWT (`private_key_jwt`).
    Smart {
        client_id: String,
        /// A PEM private key: RSA for RS384, P-384 for ES384.
        private_key_file: PathBuf,
        algorithm: SigningAlgorithm,
        /// The `kid` of the key as registered with the server (its JWKS).
        #[serde(default)]
        key_id: Option<String>,
        #[serde(default = "default_scope")]
        scope: String,
    },
}

fn default_scope() -> String {
    "system/QuestionnaireResponse.write system/Questionnaire.write".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SigningAlgorithm {
    RS384,
    ES384,
}

/// What is wrong with where the server is said to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not an absolute `http(s)://host/...` URL.
    NotAUrl,
    /// Plain HTTP to another machine: patient data would cross the network unencrypted.
    NotHttps,
    /// A query (`?…`): each resource's path would be appended to it and the records go nowhere
    /// meant.
    Query,
    /// A fragment (`#…`), which is never sent to a server.
    Fragment,
    /// A user name or password in the URL (`user:pass@host`): credentials go in the
    /// configuration's `auth`, never in a URL that is printed and logged.
    Userinfo,
}

/// The base URL without a trailing `/`, if it is one records may go to: HTTPS, or HTTP to this
/// machine (a loopback address or `localhost`).
///
/// # Errors
/// What is wrong with it.
pub fn checked_base(url: &str) -> Result<String, UrlProblem> {
    // Checked on the text: a parser may drop a fragment without a word.
    if url.contains('#') {
        return Err(UrlProblem::Fragment);
    }
    let uri: ureq::http::Uri = url.parse().map_err(|_| UrlProblem::NotAUrl)?;
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(UrlProblem::Userinfo);
    }
    if uri.query().is_some() || url.contains('?') {
        return Err(UrlProblem::Query);
    }
    let host = uri.host().ok_or(UrlProblem::NotAUrl)?;
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => return Err(UrlProblem::NotHttps),
        _ => return Err(UrlProblem::NotAUrl),
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_this_machine_only() {
        assert_eq!(
            checked_base("https://fhir.example.com/fhir/"),
            Ok("https://fhir.example.com/fhir".into())
        );
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost/fhir",
            "http://[::1]:8080/",
            "http://127.3.4.5",
        ] {
            assert!(checked_base(local).is_ok(), "{local}");
        }
        assert_eq!(
            checked_base("http://fhir.example.com/fhir"),
            Err(UrlProblem::NotHttps)
        );
        assert_eq!(
            checked_base("http://10.0.0.5/fhir"),
            Err(UrlProblem::NotHttps)
        );
        for bad in ["fhir.example.com", "ftp://x.example.com", "https://", ""] {
            assert_eq!(checked_base(bad), Err(UrlProblem::NotAUrl), "{bad}");
        }
    }

    #[test]
    fn no_query_fragment_or_credentials() {
        assert_eq!(
            checked_base("https://fhir.example.com/fhir?_format=json"),
            Err(UrlProblem::Query)
        );
        assert_eq!(
            checked_base("https://fhir.example.com/fhir?"),
            Err(UrlProblem::Query)
        );
        assert_eq!(
            checked_base("https://fhir.example.com/fhir#top"),
            Err(UrlProblem::Fragment)
        );
        assert_eq!(
            checked_base("https://kiosk:secret@fhir.example.com/fhir"),
            Err(UrlProblem::Userinfo)
        );
    }
}
