//! The index schema: one tantivy document per entity.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analyzer::{EXACT_TOKENIZER, FOLDED_TOKENIZER};

/// Version of the schema and analyzer, kept in the commit payload; an index
/// of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// Handles of every field.
#[derive(Clone, Debug)]
pub(crate) struct Fields {
    /// `kind:id`, unique; used to replace and delete.
    pub key: Field,
    /// Entity kind (`document`, `unit`, `task`).
    pub kind: Field,
    /// Store id.
    pub id: Field,
    /// Type, number, title, issuer (short: ranks high), exact form.
    pub head_x: Field,
    /// Same, folded form.
    pub head_f: Field,
    /// Full text, exact form.
    pub body_x: Field,
    /// Full text, folded form (positions: phrases).
    pub body_f: Field,
    /// Number keys (see [`crate::number`]).
    pub numkey: Field,
    /// Stored title for display.
    pub title: Field,
    /// Stored number for display.
    pub number: Field,
    /// Stored full text for snippets.
    pub body: Field,
    /// Type name: filter and facet.
    pub doc_type: Field,
    /// Issuer: filter and facet.
    pub issuer: Field,
    /// Level: filter and facet.
    pub level: Field,
    /// Year: filter and facet.
    pub year: Field,
    /// Campaign ids: filter and facet.
    pub campaign: Field,
    /// Scope terms: `p:<path prefix>` and `r:<recipient path>`.
    pub scope: Field,
    /// Task status.
    pub status: Field,
    /// Task deadline.
    pub deadline: Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, positions: bool| {
        let opt = if positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(opt),
        )
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        id: b.add_i64_field("id", STORED),
        head_x: b.add_text_field("head_x", text(EXACT_TOKENIZER, false)),
        head_f: b.add_text_field("head_f", text(FOLDED_TOKENIZER, true)),
        body_x: b.add_text_field("body_x", text(EXACT_TOKENIZER, false)),
        body_f: b.add_text_field("body_f", text(FOLDED_TOKENIZER, true)),
        numkey: b.add_text_field("numkey", STRING),
        title: b.add_text_field("title", STORED),
        number: b.add_text_field("number", STORED),
        body: b.add_text_field("body", STORED),
        doc_type: b.add_text_field("doc_type", STRING | STORED | FAST),
        issuer: b.add_text_field("issuer", STRING | STORED | FAST),
        level: b.add_text_field("level", STRING | FAST),
        year: b.add_i64_field("year", INDEXED | STORED | FAST),
        campaign: b.add_text_field("campaign", STRING | FAST),
        scope: b.add_text_field("scope", STRING),
        status: b.add_text_field("status", STRING | STORED),
        deadline: b.add_text_field("deadline", STORED),
    };
    (b.build(), fields)
}
