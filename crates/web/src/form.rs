//! Reading `application/x-www-form-urlencoded` bodies with repeated keys
//! (checkbox lists), which axum's `Form` cannot hold.

/// Largest form body read: forms here are a few kilobytes; files go through
/// multipart uploads with their own limits.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// The pairs of a form body.
#[derive(Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// Parses a body.
    pub fn parse(body: &[u8]) -> Pairs {
        Pairs(
            form_urlencoded::parse(&body[..body.len().min(MAX_FORM_BYTES)])
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `key`, trimmed ("" when absent).
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    /// The first value of `key`, if present and not blank.
    pub fn opt(&self, key: &str) -> Option<String> {
        Some(self.get(key).to_owned()).filter(|s| !s.is_empty())
    }

    /// Every value of `key`.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// `key` as an integer, if it is one.
    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).parse().ok()
    }
}
