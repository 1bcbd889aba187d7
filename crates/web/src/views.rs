//! What every page shares: the layout's data and small formatting helpers
//! that templates call.

use store::Account;

use crate::i18n::Lang;

/// The layout's data, shared by every page.
pub struct Layout {
    /// The interface language.
    pub lang: Lang,
    /// The page's title.
    pub title: String,
    /// The product's version.
    pub version: &'static str,
    /// The signed-in user's name and role, if any.
    pub user: Option<(String, &'static str)>,
    /// The current path (for the language switch to come back to).
    pub path: String,
}

impl Layout {
    /// A layout for `title` (already translated).
    pub fn new(
        lang: Lang,
        title: impl Into<String>,
        user: Option<&Account>,
        version: &'static str,
    ) -> Layout {
        Layout {
            lang,
            title: title.into(),
            version,
            user: user.map(|a| (a.display_name.clone(), role_label(lang, a.role))),
            path: "/".to_owned(),
        }
    }

    /// Sets the path the language switch returns to.
    pub fn at(mut self, path: &str) -> Layout {
        self.path = path.to_owned();
        self
    }

    /// Shortcut for `self.lang.t(key)` in templates.
    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }
}

/// A role's label in the interface language.
pub fn role_label(lang: Lang, role: domain::Role) -> &'static str {
    match lang {
        Lang::Vi => role.label_vi(),
        Lang::En => match role {
            domain::Role::QuanTri => "Administrator",
            domain::Role::LanhDao => "Leader",
            domain::Role::ChuyenVien => "Specialist",
            domain::Role::VanThu => "Clerk",
            domain::Role::DangVien => "Party member",
            #[allow(unreachable_patterns)]
            _ => "",
        },
    }
}

/// `part / whole` in percent (0 when `whole` is 0).
pub fn pct(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        (part as f64) * 100.0 / (whole as f64)
    }
}

/// A number with `.` thousands separators, as Vietnamese writes them.
pub fn num(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_use_dots_for_thousands() {
        assert_eq!(super::num(5_600_000), "5.600.000");
        assert_eq!(super::num(12), "12");
        assert_eq!(super::pct(1, 4), 25.0);
        assert_eq!(super::pct(1, 0), 0.0);
    }
}
