//! The server's certificate: an office CA-issued one given by flags, or one made at first
//! start (rcgen) and kept in the data folder. Desks pin its SHA-256 fingerprint.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};

pub const CERT_FILE: &str = "server-cert.pem";
pub const KEY_FILE: &str = "server-key.pem";

pub struct Certificate {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// Where the certificate comes from: files given by flags, or the data folder's own.
pub enum Source<'a> {
    Given { cert: &'a Path, key: &'a Path },
    SelfMade { data_dir: &'a Path },
}

impl Certificate {
    /// Loads the certificate; a self-made one is created on first use and reused after.
    pub fn load(source: Source<'_>) -> Result<Self, String> {
        let (cert, key) = match source {
            Source::Given { cert, key } => (cert.to_path_buf(), key.to_path_buf()),
            Source::SelfMade { data_dir } => {
                let (cert, key) = (data_dir.join(CERT_FILE), data_dir.join(KEY_FILE));
                if !cert.exists() || !key.exists() {
                    make(data_dir, &cert, &key)?;
                }
                (cert, key)
            }
        };
        let chain = CertificateDer::pem_file_iter(&cert)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| format!("cannot read the certificate {}: {e}", cert.display()))?;
        if chain.is_empty() {
            return Err(format!("no certificate in {}", cert.display()));
        }
        let key =
            PrivateKeyDer::from_pem_file(&key).map_err(|e| format!("cannot read the key {}: {e}", key.display()))?;
        Ok(Self { chain, key })
    }

    /// SHA-256 of the leaf certificate's DER as `AB:CD:…` (the contract's form).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.chain.first().map_or(&[][..], |c| c.as_ref()))
    }

    pub fn server_config(&self) -> Result<Arc<ServerConfig>, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), self.key.clone_key())
            .map_err(|e| format!("the certificate and key do not fit together: {e}"))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der).iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// A certificate for this host's names, valid for as long as rcgen allows: desks trust
/// it by its fingerprint, not by its dates or a CA.
fn make(data_dir: &Path, cert_path: &Path, key_path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(data_dir).map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "::1".to_owned()];
    if let Some(host) = crate::host_name() {
        names.push(host);
    }
    let mut params = rcgen::CertificateParams::new(names).map_err(|e| format!("certificate names: {e}"))?;
    params.distinguished_name.push(rcgen::DnType::CommonName, "Steward office server");
    let key = rcgen::KeyPair::generate().map_err(|e| format!("cannot make a key: {e}"))?;
    let cert = params.self_signed(&key).map_err(|e| format!("cannot make the certificate: {e}"))?;
    write_private(key_path, key.serialize_pem().as_bytes())?;
    std::fs::write(cert_path, cert.pem()).map_err(|e| format!("cannot write {}: {e}", cert_path.display()))?;
    tracing::info!(cert = %cert_path.display(), "certificate made");
    Ok(())
}

/// The key file is readable by the server's user only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f =
            std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path).map_err(fail)?;
        f.write_all(bytes).map_err(fail)
    }
    #[cfg(not(unix))]
    {
        std::fs::write(path, bytes).map_err(fail)
    }
}

/// The certificate files of a data folder (for messages).
pub fn files(data_dir: &Path) -> (PathBuf, PathBuf) {
    (data_dir.join(CERT_FILE), data_dir.join(KEY_FILE))
}
