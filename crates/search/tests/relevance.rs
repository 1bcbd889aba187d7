#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Relevance: every query of tests/corpus/queries.json finds what it must.

#[path = "support/cases.rs"]
mod cases;

use search::{Query, Scope, Search, WriterOptions};

fn ranked(search: &Search, case: &cases::Case) -> Vec<String> {
    let q = Query {
        text: case.q.clone(),
        scope: case.scope.clone().map_or(Scope::All, Scope::Unit),
        filters: case.filters.clone(),
        limit: 50,
        ..Query::default()
    };
    let res = search
        .query(&q)
        .unwrap_or_else(|e| panic!("{}: {e}", case.q));
    res.hits
        .iter()
        .map(|h| format!("{}:{}", h.kind.as_str(), h.id))
        .collect()
}

#[test]
fn every_relevance_case_passes() {
    let corpus = cases::load();
    assert!(
        corpus.cases.len() >= 56,
        "the set must hold at least 56 queries"
    );
    let search = Search::open_in_ram(WriterOptions::default()).unwrap();
    search.reindex(corpus.entities(), 0, &mut |_| {}).unwrap();
    let mut failures = Vec::new();
    for case in &corpus.cases {
        let r = ranked(&search, case);
        if let Err(why) = case.check(&r) {
            let top: Vec<_> = r.iter().take(5).collect();
            failures.push(format!(
                "[{}] {:?}: {why}; got {:?}",
                case.category, case.q, top
            ));
        }
    }
    let passed = corpus.cases.len() - failures.len();
    println!("relevance: {passed}/{} queries pass", corpus.cases.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
