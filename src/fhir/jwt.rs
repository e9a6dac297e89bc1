//! The signed client assertion of SMART Backend Services: a JWT (compact JWS) signed RS384 or
//! ES384 with `ring`, the crypto rustls already uses for TLS, so the binary carries one crypto stack.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SystemRandom;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair,
    RSA_PKCS1_SHA384, RsaKeyPair,
};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;
use serde::Serialize;

use super::server::SigningAlgorithm;

/// A private key ready to sign assertions.
pub struct SigningKey {
    pair: Pair,
    rng: SystemRandom,
}

enum Pair {
    Rs384(RsaKeyPair),
    Es384(EcdsaKeyPair),
}

/// Why a private key file cannot sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    /// No unencrypted PEM private key in the file.
    NoPemKey,
    /// A key of the other kind than the algorithm needs (an EC key for RS384, an RSA key for ES384).
    WrongKind(SigningAlgorithm),
    /// A P-384 key in SEC1 form (`EC PRIVATE KEY`), which is read only as PKCS#8.
    Sec1,
    /// The key is of the right form but `ring` refuses it (its reason: too small, another curve…).
    Refused(SigningAlgorithm, String),
}

impl std::fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyProblem::NoPemKey => f.write_str(
                "no unencrypted PEM private key in it (-----BEGIN PRIVATE KEY-----, or \
                 -----BEGIN RSA PRIVATE KEY----- for RS384)",
            ),
            KeyProblem::WrongKind(SigningAlgorithm::RS384) => f.write_str(
                "RS384 needs an RSA key; this is an EC key (use ES384 with a P-384 key)",
            ),
            KeyProblem::WrongKind(SigningAlgorithm::ES384) => {
                f.write_str("ES384 needs a P-384 key; this is an RSA key (use RS384)")
            }
            KeyProblem::Sec1 => f.write_str(
                "an EC key in SEC1 form (-----BEGIN EC PRIVATE KEY-----) is read only as PKCS#8: \
                 convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY.p8.pem`",
            ),
            KeyProblem::Refused(SigningAlgorithm::RS384, reason) => write!(
                f,
                "not an RSA private key of 2048 to 8192 bits that RS384 can use ({reason})"
            ),
            KeyProblem::Refused(SigningAlgorithm::ES384, reason) => write!(
                f,
                "not a P-384 private key with its public key that ES384 can use ({reason}); \
                 `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384` makes one"
            ),
        }
    }
}

impl SigningKey {
    /// Reads the first PEM private key in `pem` for `algorithm`: RS384 takes an RSA key as PKCS#8
    /// (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`); ES384 a P-384 key as PKCS#8, as `openssl
    /// genpkey` writes them.
    ///
    /// # Errors
    /// What is wrong with the key.
    pub fn from_pem(pem: &[u8], algorithm: SigningAlgorithm) -> Result<Self, KeyProblem> {
        let der = PrivateKeyDer::from_pem_slice(pem).map_err(|_| KeyProblem::NoPemKey)?;
        let rng = SystemRandom::new();
        let refused = |e: ring::error::KeyRejected| KeyProblem::Refused(algorithm, e.to_string());
        let pair = match (algorithm, der) {
            (SigningAlgorithm::RS384, PrivateKeyDer::Pkcs1(der)) => {
                Pair::Rs384(RsaKeyPair::from_der(der.secret_pkcs1_der()).map_err(refused)?)
            }
            (SigningAlgorithm::RS384, PrivateKeyDer::Pkcs8(der)) => {
                Pair::Rs384(RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).map_err(|e| {
                    // ring's reasons do not tell an EC key from a damaged RSA one: try it as EC.
                    let curves = [
                        &ECDSA_P384_SHA384_FIXED_SIGNING,
                        &ECDSA_P256_SHA256_FIXED_SIGNING,
                    ];
                    if curves.iter().any(|curve| {
                        EcdsaKeyPair::from_pkcs8(curve, der.secret_pkcs8_der(), &rng).is_ok()
                    }) {
                        KeyProblem::WrongKind(algorithm)
                    } else {
                        refused(e)
                    }
                })?)
            }
            (SigningAlgorithm::ES384, PrivateKeyDer::Pkcs8(der)) => Pair::Es384(
                EcdsaKeyPair::from_pkcs8(
                    &ECDSA_P384_SHA384_FIXED_SIGNING,
                    der.secret_pkcs8_der(),
                    &rng,
                )
                .map_err(|e| {
                    // ring's reasons do not tell an RSA key from another curve: try it as RSA.
                    if RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).is_ok() {
                        KeyProblem::WrongKind(algorithm)
                    } else {
                        refused(e)
                    }
                })?,
            ),
            (SigningAlgorithm::ES384, PrivateKeyDer::Sec1(_)) => return Err(KeyProblem::Sec1),
            (SigningAlgorithm::ES384, PrivateKeyDer::Pkcs1(_))
            | (SigningAlgorithm::RS384, PrivateKeyDer::Sec1(_)) => {
                return Err(KeyProblem::WrongKind(algorithm));
            }
            // A kind of key a later rustls-pki-types knows: none this program can sign with.
            (_, _) => return Err(KeyProblem::NoPemKey),
        };
        Ok(SigningKey { pair, rng })
    }

    /// The compact JWS of `claims`, with `kid` in its header when given.
    ///
    /// # Errors
    /// Why it could not be signed: claims that are not JSON, or `ring` failing (which a key it read
    /// does not).
    pub fn sign(&self, key_id: Option<&str>, claims: &impl Serialize) -> Result<String, String> {
        #[derive(Serialize)]
        struct Header<'a> {
            alg: &'static str,
            typ: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            kid: Option<&'a str>,
        }
        let header = Header {
            alg: match self.pair {
                Pair::Rs384(_) => "RS384",
                Pair::Es384(_) => "ES384",
            },
            typ: "JWT",
            kid: key_id,
        };
        let header = serde_json::to_vec(&header).map_err(|e| e.to_string())?;
        let claims = serde_json::to_vec(claims).map_err(|e| e.to_string())?;
        let mut jwt = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(claims)
        );
        let failed = |_| "the signature failed".to_owned();
        let signature = match &self.pair {
            Pair::Rs384(pair) => {
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(&RSA_PKCS1_SHA384, &self.rng, jwt.as_bytes(), &mut signature)
                    .map_err(failed)?;
                signature
            }
            // JWS wants the fixed r‖s form, not ASN.1 (RFC 7518 §3.4).
            Pair::Es384(pair) => pair
                .sign(&self.rng, jwt.as_bytes())
                .map_err(failed)?
                .as_ref()
                .to_vec(),
        };
        jwt.push('.');
        jwt.push_str(&URL_SAFE_NO_PAD.encode(signature));
        Ok(jwt)
    }
}
