//! Writes N MB of varied synthetic documents (Party, State, articles; plain
//! and pdftotext two-column layouts) to a directory, for CLI throughput runs.
//!
//! `cargo run --release -p vanban --example gen_corpus -- DIR [MB]`

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "target/vanban-corpus".to_string());
    let mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    std::fs::create_dir_all(&dir)?;
    let mut total = 0usize;
    let mut i = 0u64;
    while total < mb * 1024 * 1024 {
        let doc = vanban::synth::document(i);
        let path = std::path::Path::new(&dir).join(format!("doc_{i:06}.txt"));
        std::fs::File::create(path)?.write_all(doc.as_bytes())?;
        total += doc.len();
        i += 1;
    }
    println!("wrote {i} documents, {total} bytes, to {dir}");
    Ok(())
}
