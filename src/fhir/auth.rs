//! Credentials for the FHIR server: none, a bearer token, or SMART Backend Services (a signed JWT
//! exchanged for an access token at the token endpoint that `.well-known/smart-configuration`
//! names, fetched again before it expires).

use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::jwt::SigningKey;
use super::server::{AuthConfig, checked_base};
use crate::store;

/// A token is fetched again when it has less than this left.
const REFRESH_BEFORE: Duration = Duration::from_mins(1);
/// How long a client assertion is valid (SMART asks for no more than five minutes).
const ASSERTION_LIFETIME: i64 = 300;
/// A token is kept at most this long, whatever the endpoint says (`expires_in`).
const LONGEST_TOKEN_LIFETIME: Duration = Duration::from_hours(24);
/// The most a token or key file may hold: a PEM key is a few kilobytes.
const MAX_SECRET_BYTES: u64 = 64 * 1024;
/// The most of a token endpoint's answer that is read.
const MAX_ANSWER_BYTES: u64 = 1024 * 1024;

/// Why credentials could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// The configuration cannot work (a missing file, a key that does not read): a person must fix it.
    Config(String),
    /// The token endpoint could not be reached or refused for now: try again later.
    Unavailable(String),
}

/// Ready-to-use credentials.
pub enum Auth {
    None,
    Bearer(String),
    Smart(Box<Smart>),
}

pub struct Smart {
    client_id: String,
    key: SigningKey,
    key_id: Option<String>,
    scope: String,
    token: Mutex<Option<(String, Instant)>>,
}

impl std::fmt::Debug for Auth {
    // Never print a token or key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Bearer(_) => "Auth::Bearer",
            Auth::Smart(_) => "Auth::Smart",
        })
    }
}

impl Auth {
    /// Reads the token or key the configuration names.
    ///
    /// # Errors
    /// [`AuthError::Config`] naming what is missing or unreadable.
    pub fn from_config(config: &AuthConfig) -> Result<Self, AuthError> {
        match config {
            AuthConfig::None => Ok(Auth::None),
            AuthConfig::Bearer {
                token_file,
                token_env,
            } => {
                let token = match (token_file, token_env) {
                    (Some(path), None) => String::from_utf8(read_secret(path, "token_file")?)
                        .map_err(|_| {
                            AuthError::Config(format!(
                                "token_file {}: not UTF-8 text",
                                path.display()
                            ))
                        })?,
                    (None, Some(name)) => std::env::var(name).map_err(|_| {
                        AuthError::Config(format!("token_env: the variable {name} is not set"))
                    })?,
                    _ => {
                        return Err(AuthError::Config(
                            "a bearer token needs exactly one of token_file and token_env".into(),
                        ));
                    }
                };
                let token = token.trim().to_owned();
                if token.is_empty() {
                    return Err(AuthError::Config("the bearer token is empty".into()));
                }
                if !is_token(&token) {
                    return Err(AuthError::Config(
                        "the bearer token holds a line break, a space or another character a \
                         token cannot have; give the token alone, on one line"
                            .into(),
                    ));
                }
                Ok(Auth::Bearer(token))
            }
            AuthConfig::Smart {
                client_id,
                private_key_file,
                algorithm,
                key_id,
                scope,
            } => {
                let pem = read_secret(private_key_file, "private_key_file")?;
                let key = SigningKey::from_pem(&pem, *algorithm).map_err(|e| {
                    AuthError::Config(format!(
                        "private_key_file {}: {e}",
                        private_key_file.display()
                    ))
                })?;
                Ok(Auth::Smart(Box::new(Smart {
                    client_id: client_id.clone(),
                    key,
                    key_id: key_id.clone(),
                    scope: scope.clone(),
                    token: Mutex::new(None),
                })))
            }
        }
    }

    /// The `Authorization` header value, fetching a SMART token when there is none or it is about
    /// to expire.
    ///
    /// # Errors
    /// Why no token could be had.
    pub fn header(&self, agent: &ureq::Agent, base: &str) -> Result<Option<String>, AuthError> {
        match self {
            Auth::None => Ok(None),
            Auth::Bearer(token) => Ok(Some(format!("Bearer {token}"))),
            Auth::Smart(smart) => smart.bearer(agent, base).map(Some),
        }
    }

    /// Forgets a token the server refused, so the next request fetches a new one.
    pub fn forget(&self) {
        if let Auth::Smart(smart) = self {
            *smart.token.lock().unwrap_or_else(PoisonError::into_inner) = None;
        }
    }
}

/// Whether `token` can go in an `Authorization` header as it is: visible ASCII only, so no line
/// break can end the header and start another.
fn is_token(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_graphic())
}

/// A token or key file: a regular file of a few kilobytes, read without blocking (a FIFO or a
/// device is refused, never waited on), and private to its owner, like the staff PIN file.
fn read_secret(path: &Path, field: &str) -> Result<Vec<u8>, AuthError> {
    let name = path.display();
    // Read first: a device or FIFO is refused by its type before its permissions.
    let bytes = store::read_regular(path, MAX_SECRET_BYTES, true)
        .map_err(|e| AuthError::Config(format!("{field} {name}: cannot read the file: {e}")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| AuthError::Config(format!("{field} {name}: cannot read the file: {e}")))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(AuthError::Config(format!(
                "{field} {name}: the file can be read or changed by other users (permissions \
                 {:o}); anyone who reads it can send records as this machine; make it private \
                 with: chmod 600 {name}",
                mode & 0o777
            )));
        }
    }
    Ok(bytes)
}

#[derive(Deserialize)]
struct SmartConfiguration {
    token_endpoint: String,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    jti: String,
    exp: i64,
}

impl Smart {
    fn bearer(&self, agent: &ureq::Agent, base: &str) -> Result<String, AuthError> {
        // A round that panicked holding it left a whole value: a token or none.
        let mut cached = self.token.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((token, expires)) = cached.as_ref()
            && expires.saturating_duration_since(Instant::now()) > REFRESH_BEFORE
        {
            return Ok(format!("Bearer {token}"));
        }
        let (token, lifetime) = self.fetch(agent, base)?;
        let now = Instant::now();
        let expires = now
            .checked_add(lifetime.min(LONGEST_TOKEN_LIFETIME))
            .unwrap_or(now);
        *cached = Some((token.clone(), expires));
        Ok(format!("Bearer {token}"))
    }

    fn fetch(&self, agent: &ureq::Agent, base: &str) -> Result<(String, Duration), AuthError> {
        let unavailable =
            |what: &str, e: &dyn std::fmt::Display| AuthError::Unavailable(format!("{what}: {e}"));
        let discovery = format!("{base}/.well-known/smart-configuration");
        let mut response = agent
            .get(&discovery)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| unavailable(&discovery, &e))?;
        if !response.status().is_success() {
            return Err(AuthError::Unavailable(format!(
                "{discovery}: {}",
                response.status()
            )));
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(|e| unavailable(&discovery, &e))?;
        let configuration: SmartConfiguration =
            serde_json::from_str(&text).map_err(|e| unavailable(&discovery, &e))?;
        let endpoint = checked_base(&configuration.token_endpoint).map_err(|_| {
            AuthError::Config(format!(
                "the token endpoint {} is not HTTPS (or on this machine)",
                configuration.token_endpoint
            ))
        })?;
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            iss: &self.client_id,
            sub: &self.client_id,
            aud: &configuration.token_endpoint,
            jti: uuid::Uuid::new_v4().to_string(),
            exp: now + ASSERTION_LIFETIME,
        };
        let assertion = self
            .key
            .sign(self.key_id.as_deref(), &claims)
            .map_err(|e| AuthError::Config(format!("signing the client assertion: {e}")))?;
        let mut response = agent
            .post(&endpoint)
            .header("Accept", "application/json")
            .send_form([
                ("grant_type", "client_credentials"),
                ("scope", self.scope.as_str()),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", assertion.as_str()),
            ])
            .map_err(|e| match e {
                // An agent that turns statuses into errors: the same refusal.
                ureq::Error::StatusCode(code @ 400..=499) => {
                    AuthError::Config(format!("the token endpoint refused the client: {code}"))
                }
                e => unavailable(&endpoint, &e),
            })?;
        let status = response.status();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .unwrap_or_default();
        if status.is_client_error() {
            // The endpoint refused these credentials: no retry will change that. Its words are
            // cleaned of control characters by whoever shows them.
            let said: String = body.chars().take(300).collect();
            return Err(AuthError::Config(format!(
                "the token endpoint refused the client: {status} {}",
                said.trim()
            )));
        }
        if !status.is_success() {
            return Err(AuthError::Unavailable(format!("{endpoint}: {status}")));
        }
        let token: TokenResponse =
            serde_json::from_str(&body).map_err(|e| unavailable(&endpoint, &e))?;
        if !is_token(&token.access_token) {
            return Err(AuthError::Unavailable(format!(
                "{endpoint}: the access token it gave holds characters a token cannot have"
            )));
        }
        // Any lifetime the endpoint states is kept within a day; `bearer` adds it to a clock.
        let lifetime = token
            .expires_in
            .map_or(Duration::from_mins(5), Duration::from_secs)
            .min(LONGEST_TOKEN_LIFETIME);
        Ok((token.access_token, lifetime))
    }
}
