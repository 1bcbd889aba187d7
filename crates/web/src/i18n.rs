//! Interface languages: Vietnamese (default) and English.
//!
//! Messages are a flat table of keys; a key missing from a language falls
//! back to Vietnamese, and a key missing everywhere shows itself, so a gap is
//! visible instead of silent.

use axum::http::HeaderMap;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for: the `lang` cookie, else Vietnamese
    /// (the product's users work in Vietnamese whatever their browser says).
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().strip_prefix("lang="))
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    /// The message for `key` in this language.
    pub fn t(self, key: &str) -> &'static str {
        let found = MESSAGES.iter().find(|(k, _, _)| *k == key);
        match (self, found) {
            (Lang::En, Some((_, _, en))) if !en.is_empty() => en,
            (_, Some((_, vi, _))) => vi,
            (_, None) => "⟨?⟩",
        }
    }
}

/// `(key, Vietnamese, English)`.
const MESSAGES: &[(&str, &str, &str)] = &[
    ("app.name", "Triển khai", "Triển khai"),
    (
        "app.tagline",
        "Theo dõi việc triển khai văn bản từ Trung ương đến chi bộ",
        "Following a directive from the centre to every cell",
    ),
    ("nav.dashboard", "Tổng quan", "Dashboard"),
    ("nav.documents", "Văn bản", "Documents"),
    ("nav.tasks", "Nhiệm vụ", "Tasks"),
    ("nav.sessions", "Học tập", "Study sessions"),
    ("nav.reports", "Báo cáo", "Reports"),
    ("nav.search", "Tìm kiếm", "Search"),
    (
        "search.placeholder",
        "Tìm văn bản, đơn vị, nhiệm vụ…",
        "Find documents, units, tasks…",
    ),
    ("lang.switch", "English", "Tiếng Việt"),
    ("home.title", "Trang chủ", "Home"),
    ("error.not_found", "Không tìm thấy trang", "Page not found"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_vietnamese_and_unknown_keys_show() {
        assert_eq!(Lang::En.t("nav.tasks"), "Tasks");
        assert_eq!(Lang::Vi.t("nav.tasks"), "Nhiệm vụ");
        assert_eq!(Lang::En.t("app.name"), "Triển khai");
        assert_eq!(Lang::Vi.t("no.such.key"), "⟨?⟩");
    }

    #[test]
    fn cookie_selects_language() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::from_headers(&h), Lang::Vi);
        h.insert(axum::http::header::COOKIE, "a=b; lang=en".parse().unwrap());
        assert_eq!(Lang::from_headers(&h), Lang::En);
    }
}
