//! Parses every file of a directory (already in memory) several times and
//! prints the parse throughput, with and without JSON serialisation.
//!
//! `cargo run --release -p vanban --example throughput -- DIR [ROUNDS]`

use std::time::Instant;

/// CPU seconds used by this process so far (Linux /proc; 0 elsewhere), so
/// that figures taken on a shared, loaded machine stay comparable.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

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
    // optional third argument: "parse", "json" (one mode only) or "load" (none)
    let modes: Vec<bool> = match args.next().as_deref() {
        Some("parse") => vec![false],
        Some("json") => vec![true],
        Some("load") => vec![],
        _ => vec![false, true],
    };
    for json in modes {
        let t = Instant::now();
        let c0 = cpu_seconds();
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
        let cpu = (cpu_seconds() - c0).max(0.01);
        println!(
            "{} docs, {} bytes x {rounds}: {:.1} MB/s wall, {:.1} MB/s cpu ({}) [{out}]",
            docs.len(),
            bytes,
            (bytes * rounds) as f64 / secs / 1e6,
            (bytes * rounds) as f64 / cpu / 1e6,
            if json { "parse + JSON" } else { "parse" }
        );
    }
    Ok(())
}
