#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The full `trienkhai parse --json` output for every fixture document in
//! tests/fixtures/docs, pinned by insta snapshots (tests/snapshots/*.snap,
//! reviewed by eye), and the evaluation score over ../shared's seed documents.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_trienkhai");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Fixture documents: files in tests/fixtures/docs (not gold annotations,
/// not hidden files, not generator sources in subfolders), sorted.
fn fixture_docs() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/docs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut docs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".gold.json") && name != "README.md"
        })
        .collect();
    docs.sort();
    docs
}

/// A snapshot name from a file name: letters, digits, `-` and `_`.
fn snapshot_name(path: &Path) -> String {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[test]
fn every_fixture_document_matches_its_snapshot() {
    let docs = fixture_docs();
    if docs.is_empty() {
        println!("skipped: no documents in tests/fixtures/docs");
        return;
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    settings.bind(|| {
        for doc in &docs {
            let rel = doc.strip_prefix(root()).unwrap();
            if !pdftotext && rel.extension().is_some_and(|e| e == "pdf") {
                // The snapshot holds pdftotext's layout; the fallback reader's differs.
                println!("skipped {}: pdftotext is not installed", rel.display());
                continue;
            }
            let out = Command::new(BIN)
                .current_dir(root())
                .args(["parse", "--json", "--jobs", "1"])
                .arg(rel)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{}: {stderr}", rel.display());
            let stdout = String::from_utf8(out.stdout).unwrap();
            // Pretty JSON reviews better than one long line; errors are part
            // of the output too.
            let shown = match serde_json::from_str::<serde_json::Value>(stdout.trim()) {
                Ok(v) => serde_json::to_string_pretty(&v).unwrap(),
                Err(_) => format!("stdout: {stdout}\nstderr: {stderr}"),
            };
            insta::assert_snapshot!(snapshot_name(doc), shown);
        }
    });
}

/// The score `score.py` gives over the seed documents in ../shared.
#[test]
fn seed_documents_score_at_least_095() {
    let shared = root().join("../shared");
    let score = shared.join("eval/score.py");
    let gold = shared.join("corpus/seeds");
    if !score.exists() || !gold.exists() {
        println!("skipped: ../shared (score.py and seeds) is not here");
        return;
    }
    let cmd = format!("{BIN} parse --json");
    let out = match Command::new("python3")
        .arg(&score)
        .arg("--gold")
        .arg(&gold)
        .arg("--cmd")
        .arg(&cmd)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipped: python3 cannot run ({e})");
            return;
        }
    };
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    let score: f64 = report
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("score: "))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no score printed: {report}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(score >= 0.95, "score {score} < 0.95\n{report}");
}
