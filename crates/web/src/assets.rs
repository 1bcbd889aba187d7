//! Static files built into the binary, served under content-hashed URLs so
//! that browsers may cache them forever.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

/// One embedded static file.
#[derive(Debug)]
pub struct Asset {
    /// The file's name in `static/`.
    pub name: &'static str,
    /// Its MIME type.
    pub mime: &'static str,
    /// Its bytes.
    pub body: &'static [u8],
    /// The URL it is served at: `/static/NAME?v=HASH` with the first 12 hex
    /// digits of its SHA-256.
    pub url: String,
}

fn asset(name: &'static str, mime: &'static str, body: &'static [u8]) -> Asset {
    let digest = Sha256::digest(body);
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    Asset {
        name,
        mime,
        body,
        url: format!("/static/{name}?v={hash}"),
    }
}

/// Every embedded file.
pub static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    vec![
        asset(
            "app.css",
            "text/css; charset=utf-8",
            include_bytes!("../static/app.css"),
        ),
        asset(
            "app.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../static/app.js"),
        ),
    ]
});

/// The embedded file called `name`, if any.
pub fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// The hashed URL of the embedded file `name` (templates call this).
pub fn url(name: &str) -> &'static str {
    find(name)
        .map(|a| a.url.as_str())
        .unwrap_or("/static/missing")
}
