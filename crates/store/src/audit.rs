//! The audit chain's hash: `sha256(prev_hash ‖ canonical row)`.
//!
//! The canonical row is the entry's fields joined by the unit separator
//! (0x1F), absent values written as the record separator (0x1E), so no two
//! different rows share a canonical form.

use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit entry that its hash covers.
pub(crate) struct Row<'a> {
    pub seq: i64,
    pub at: i64,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_id: i64,
    pub op: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The chained hash of `row` after `prev` (hex).
pub(crate) fn chain_hash(prev: &str, row: &Row<'_>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    for part in [
        Some(row.seq.to_string().as_str()),
        Some(row.at.to_string().as_str()),
        Some(row.actor),
        Some(row.entity),
        Some(row.entity_id.to_string().as_str()),
        Some(row.op),
        row.before,
        row.after,
    ] {
        h.update([0x1f]);
        match part {
            Some(p) => h.update(p.as_bytes()),
            None => h.update([0x1e]),
        }
    }
    let digest = h.finalize();
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(after: Option<&str>) -> Row<'_> {
        Row {
            seq: 1,
            at: 2,
            actor: "a",
            entity: "unit",
            entity_id: 3,
            op: "insert",
            before: None,
            after,
        }
    }

    #[test]
    fn hash_depends_on_prev_and_every_field() {
        let a = chain_hash(GENESIS, &row(Some("{}")));
        assert_eq!(a.len(), 64);
        assert_ne!(a, chain_hash(GENESIS, &row(Some("{ }"))));
        assert_ne!(a, chain_hash(GENESIS, &row(None)));
        assert_ne!(a, chain_hash(&a, &row(Some("{}"))));
        assert_eq!(a, chain_hash(GENESIS, &row(Some("{}"))));
    }
}
