#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every UTF-8 `.txt` fixture in `tests/fixtures/docs` (our own writing,
//! with a `.gold.json` beside it) keeps its header facts and section ids:
//! a regression net for the general rules. Skips with a message when the
//! fixtures are absent.

use std::path::Path;

fn norm(s: &str) -> String {
    vanban::text::fold_key(s)
}

#[test]
fn utf8_text_fixtures_match_their_gold_header_and_sections() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no fixtures at {}", dir.display());
        return;
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".gold.json") {
            continue;
        }
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let source = gold["source"].as_str().unwrap();
        if !source.ends_with(".txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join(source)) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let d = vanban::parse(text).document;
        checked += 1;
        let kind = if d.kind == vanban::Kind::Official {
            "official"
        } else {
            "article"
        };
        let mut check = |field: &str, ok: bool, got: String| {
            if !ok {
                failures.push(format!("{source}: {field}: gold {} got {got}", gold[field]));
            }
        };
        check("kind", gold["kind"] == kind, kind.into());
        let gn = gold["number"]
            .as_str()
            .map(|n| vanban::number::normalize(n).to_uppercase());
        check(
            "number",
            gn == d.number.as_ref().map(|n| n.to_uppercase()),
            format!("{:?}", d.number),
        );
        check(
            "doc_type",
            gold["doc_type"].as_str().map(norm) == d.doc_type.as_deref().map(norm),
            format!("{:?}", d.doc_type),
        );
        check(
            "date",
            gold["date"].as_str() == d.date.as_deref(),
            format!("{:?}", d.date),
        );
        check(
            "place",
            gold["place"].as_str().map(norm) == d.place.as_deref().map(norm),
            format!("{:?}", d.place),
        );
        let mut gs: Vec<String> = gold["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        let mut ps: Vec<String> = d.sections.iter().map(|s| s.id.clone()).collect();
        gs.sort();
        ps.sort();
        check("sections", gs == ps, format!("{ps:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("checked {checked} fixtures");
}
