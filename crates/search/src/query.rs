//! Queries as users type them, and their translation into index queries.

use serde::{Deserialize, Serialize};
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use crate::analyzer::{MAX_TOKEN_BYTES, exact_word, folded_word, word_spans};
use crate::entity::EntityKind;
use crate::error::{Result, SearchError};
use crate::number::{is_consumed, query_numbers};
use crate::schema::Fields;

/// Longest query text, in characters. Officials type a few words or paste a
/// number or a title (≈ 150 characters); longer input is a pasted paragraph
/// that would expand into hundreds of term lookups.
pub const MAX_QUERY_CHARS: usize = 256;

/// Most words in one query: each word costs up to four posting-list walks,
/// and p99 latency grows with them.
pub const MAX_QUERY_TERMS: usize = 24;

/// Most results per page: a results page shows 10–50; more is a bulk export,
/// which belongs to the store, not the index.
pub const MAX_LIMIT: usize = 200;

/// Deepest page start: top-k collection keeps `offset + limit` candidates in
/// memory and time grows with it; nobody reads past result 10 000.
pub const MAX_OFFSET: usize = 10_000;

/// Score weight of the number-key clause: a number match must outrank any
/// text match.
const NUMBER_BOOST: f32 = 30.0;
/// Score added, among documents found by number, by the issuer's level.
const LEVEL_PRIOR: &[(&str, f32)] = &[("central", 10.0), ("province", 5.0)];
/// Weight of the head (type, number, title, issuer) in exact form.
const HEAD_EXACT_BOOST: f32 = 3.0;
/// Weight of the head in folded form.
const HEAD_FOLDED_BOOST: f32 = 2.0;
/// Weight of the body in exact form: exact diacritics rank above folded.
const BODY_EXACT_BOOST: f32 = 0.6;
/// Weight of the body in folded form.
const BODY_FOLDED_BOOST: f32 = 0.4;
/// Weight of a phrase match over the words matched one by one.
const PHRASE_BOOST: f32 = 2.0;

/// Who is searching: results stay within this scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Scope {
    /// Everything (administrators, the CLI on a local store).
    #[default]
    All,
    /// A unit, by its tree path (`1/5/23`): its subtree, plus documents sent
    /// to it.
    Unit(String),
}

/// Narrowing filters; each one present must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Entity kind.
    pub kind: Option<EntityKind>,
    /// Document type name, as in the facet.
    pub doc_type: Option<String>,
    /// Issuer, as in the facet.
    pub issuer: Option<String>,
    /// Level, as in the facet.
    pub level: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Campaign id.
    pub campaign: Option<i64>,
}

/// One search request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// The text as typed; `"quoted words"` are phrases.
    pub text: String,
    /// Access scope.
    pub scope: Scope,
    /// Filters.
    pub filters: Filters,
    /// Page size (≤ [`MAX_LIMIT`]).
    pub limit: usize,
    /// Page start (≤ [`MAX_OFFSET`]).
    pub offset: usize,
    /// Whether to count facets (costs a pass over every match).
    pub facets: bool,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            scope: Scope::All,
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            facets: false,
        }
    }
}

impl Query {
    /// A query for `text` with default settings (first 10, everything).
    pub fn new(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }
}

/// A word in both forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub exact: String,
    pub folded: String,
}

/// A query split into words, phrases and number keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub words: Vec<Word>,
    pub phrases: Vec<Vec<Word>>,
    pub number_keys: Vec<(String, f32)>,
    /// Words outside the number expressions: a document found by its number
    /// must match these too.
    pub residual: Vec<Word>,
}

impl Parsed {
    /// Folded forms of every word (for highlighting).
    pub fn folded_terms(&self) -> Vec<String> {
        self.words.iter().map(|w| w.folded.clone()).collect()
    }
}

fn words_of(text: &str) -> Vec<Word> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .filter(|w| w.len() <= MAX_TOKEN_BYTES)
        .map(|w| Word {
            exact: exact_word(w),
            folded: folded_word(w),
        })
        .collect()
}

/// Splits and checks a query text.
pub(crate) fn parse(text: &str) -> Result<Parsed> {
    let len = text.chars().count();
    if len > MAX_QUERY_CHARS {
        return Err(SearchError::QueryTooLong {
            len,
            max: MAX_QUERY_CHARS,
        });
    }
    let numbers = query_numbers(text);
    let mut parsed = Parsed {
        number_keys: numbers
            .keys
            .iter()
            .cloned()
            .zip(numbers.weights.iter().copied())
            .collect(),
        ..Parsed::default()
    };
    // Quotes toggle phrase mode; typographic quotes count too.
    for (i, segment) in text.split(['"', '“', '”']).enumerate() {
        let in_phrase = i % 2 == 1;
        let ws = words_of(segment);
        if in_phrase && ws.len() > 1 {
            parsed.phrases.push(ws.clone());
        }
        for w in ws {
            if !parsed.words.contains(&w) {
                parsed.words.push(w);
            }
        }
    }
    if !numbers.keys.is_empty() {
        parsed.residual = parsed
            .words
            .iter()
            .filter(|w| !is_consumed(&w.folded, &numbers))
            .cloned()
            .collect();
    }
    let count = parsed.words.len();
    if count > MAX_QUERY_TERMS {
        return Err(SearchError::TooManyTerms {
            count,
            max: MAX_QUERY_TERMS,
        });
    }
    Ok(parsed)
}

fn term_q(
    field: tantivy::schema::Field,
    text: &str,
    boost: f32,
    opt: IndexRecordOption,
) -> Box<dyn TQuery> {
    let q = TermQuery::new(Term::from_field_text(field, text), opt);
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// One word matched in any text field, exact forms weighing more.
fn word_clause(f: &Fields, w: &Word) -> Box<dyn TQuery> {
    let freqs = IndexRecordOption::WithFreqs;
    let clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![
        (
            Occur::Should,
            term_q(f.head_x, &w.exact, HEAD_EXACT_BOOST, freqs),
        ),
        (
            Occur::Should,
            term_q(f.head_f, &w.folded, HEAD_FOLDED_BOOST, freqs),
        ),
        (
            Occur::Should,
            term_q(f.body_x, &w.exact, BODY_EXACT_BOOST, freqs),
        ),
        (
            Occur::Should,
            term_q(f.body_f, &w.folded, BODY_FOLDED_BOOST, freqs),
        ),
    ];
    Box::new(BooleanQuery::new(clauses))
}

fn phrase_clause(f: &Fields, words: &[Word]) -> Box<dyn TQuery> {
    let mk = |field| -> Box<dyn TQuery> {
        let terms = words
            .iter()
            .map(|w| Term::from_field_text(field, &w.folded))
            .collect();
        Box::new(BoostQuery::new(
            Box::new(PhraseQuery::new(terms)),
            PHRASE_BOOST,
        ))
    };
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, mk(f.head_f)),
        (Occur::Should, mk(f.body_f)),
    ]))
}

/// Matching strictness of the text part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every word must match.
    All,
    /// Most words must match (fallback when nothing matches them all).
    Most,
}

/// Builds the index query for a parsed text, scope and filters. `None` when
/// nothing could match (no words and no filters).
pub(crate) fn build(
    f: &Fields,
    p: &Parsed,
    scope: &Scope,
    filters: &Filters,
    mode: Mode,
) -> Option<Box<dyn TQuery>> {
    let mut text: Option<Box<dyn TQuery>> = None;
    if !p.words.is_empty() {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let occur = if mode == Mode::All {
            Occur::Must
        } else {
            Occur::Should
        };
        for w in &p.words {
            clauses.push((occur, word_clause(f, w)));
        }
        for ph in &p.phrases {
            clauses.push((occur, phrase_clause(f, ph)));
        }
        let n = clauses.len();
        text = Some(if mode == Mode::Most {
            Box::new(BooleanQuery::with_minimum_required_clauses(
                clauses,
                n - n / 3,
            ))
        } else {
            Box::new(BooleanQuery::new(clauses))
        });
    }
    let numbers: Option<Box<dyn TQuery>> = (!p.number_keys.is_empty()).then(|| {
        let clauses = p
            .number_keys
            .iter()
            .map(|(k, w)| {
                (
                    Occur::Should,
                    term_q(f.numkey, k, NUMBER_BOOST * w, IndexRecordOption::Basic),
                )
            })
            .collect();
        let keys: Box<dyn TQuery> = Box::new(BooleanQuery::new(clauses));
        // Between documents with the same number (57-KL/TW and 57-KL/TU),
        // the higher issuer comes first.
        let mut all: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, keys)];
        for (level, prior) in LEVEL_PRIOR {
            let q = TermQuery::new(
                Term::from_field_text(f.level, level),
                IndexRecordOption::Basic,
            );
            all.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(q), *prior)),
            ));
        }
        // Found by number, but the other words must match too.
        all.extend(p.residual.iter().map(|w| (Occur::Must, word_clause(f, w))));
        Box::new(BooleanQuery::new(all)) as Box<dyn TQuery>
    });
    let matching: Option<Box<dyn TQuery>> = match (text, numbers) {
        (Some(t), Some(n)) => Some(Box::new(BooleanQuery::new(vec![
            (Occur::Should, n),
            (Occur::Should, t),
        ]))),
        (Some(t), None) => Some(t),
        (None, Some(n)) => Some(n),
        (None, None) => None,
    };
    let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let filter = |field, value: &str| -> Box<dyn TQuery> {
        Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            )),
            0.0,
        ))
    };
    if let Scope::Unit(path) = scope {
        let path = normalize_path(path);
        let scope_q = BooleanQuery::new(vec![
            (Occur::Should, filter(f.scope, &format!("p:{path}"))),
            (Occur::Should, filter(f.scope, &format!("r:{path}"))),
        ]);
        must.push((Occur::Must, Box::new(scope_q)));
    }
    if let Some(k) = filters.kind {
        must.push((Occur::Must, filter(f.kind, k.as_str())));
    }
    for (field, value) in [
        (f.doc_type, &filters.doc_type),
        (f.issuer, &filters.issuer),
        (f.level, &filters.level),
    ] {
        if let Some(v) = value {
            must.push((Occur::Must, filter(field, v)));
        }
    }
    if let Some(c) = filters.campaign {
        must.push((Occur::Must, filter(f.campaign, &c.to_string())));
    }
    if let Some(y) = filters.year {
        let q = TermQuery::new(
            Term::from_field_i64(f.year, i64::from(y)),
            IndexRecordOption::Basic,
        );
        must.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
        ));
    }
    match (matching, must.is_empty()) {
        (None, true) => None,
        (Some(m), true) => Some(m),
        (m, false) => {
            if let Some(m) = m {
                must.push((Occur::Must, m));
            }
            Some(Box::new(BooleanQuery::new(must)))
        }
    }
}

/// Canonical unit path: segments split on `/` or `.`, trimmed, joined by `/`.
pub fn normalize_path(path: &str) -> String {
    path.split(['/', '.'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// Scope terms of an owner path: `p:` + each of its prefixes.
pub(crate) fn owner_scope_terms(path: &str) -> Vec<String> {
    let norm = normalize_path(path);
    let segs: Vec<&str> = if norm.is_empty() {
        Vec::new()
    } else {
        norm.split('/').collect()
    };
    let mut out = Vec::with_capacity(segs.len() + 1);
    out.push("p:".to_owned());
    for i in 1..=segs.len() {
        out.push(format!("p:{}", segs[..i].join("/")));
    }
    out
}
