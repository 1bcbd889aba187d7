//! Parses every file of a directory (already in memory) several times and
//! prints the parse throughput, with and without JSON serialisation.
//!
//! `cargo run --release -p vanban --example throughput -- DIR [ROUNDS]`

use std::time::Instant;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "target/vanban-corpus".to_string());
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut docs = Vec::new();
    for e in std::fs::read_dir(&dir)? {
        let p = e?.path();
        if p.is_file() {
            docs.push(std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    for json in [false, true] {
        let t = Instant::now();
        let mut out = 0usize;
        for _ in 0..rounds {
            for d in &docs {
                let p = vanban::parse(d);
                if json {
                    out += serde_json::to_string(&p.document)
                        .map(|s| s.len())
                        .unwrap_or(0);
                } else {
                    out += p.document.sections.len();
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{} docs, {} bytes x {rounds}: {:.1} MB/s ({}) [{out}]",
            docs.len(),
            bytes,
            (bytes * rounds) as f64 / secs / 1e6,
            if json { "parse + JSON" } else { "parse" }
        );
    }
    Ok(())
}
