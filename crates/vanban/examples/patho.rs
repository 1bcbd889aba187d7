//! Times one pathological input at 1× and 10× (for profiling growth).
//!
//! `cargo run --release -p vanban --example patho -- deep|tiny|thuc`

use std::time::Instant;

fn build(kind: &str, scale: usize) -> String {
    let n = 2000 * scale;
    match kind {
        "tiny" => "a\n-\n1.\n\n".repeat(n * 10),
        "thuc" => {
            "Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 (sau đây viết tắt là Kết luận số 57),\n"
                .repeat(n)
        }
        _ => (0..n)
            .map(|i| format!("{}. Mục {}\n", vec!["1"; 1 + i % 7].join("."), i))
            .collect(),
    }
}

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    if let Some(sc) = std::env::args()
        .nth(2)
        .and_then(|x| x.parse::<usize>().ok())
    {
        let s = build(&kind, sc);
        let idx = vanban::text::LineIndex::new(&s);
        let paras = vanban::text::paragraphs(&s, &idx.lines, 0, idx.lines.len());
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..(50 / sc) {
            n += vanban::tasks::parse(&paras, &|_| None).len();
        }
        println!(
            "tasks x{sc}: {:?} per byte-run ({n})",
            t.elapsed() / (50 / sc as u32)
        );
        return;
    }
    for scale in [1, 10, 1, 10] {
        let s = build(&kind, scale);
        let t = Instant::now();
        let p = vanban::parse(&s);
        println!(
            "{kind} x{scale}: {} bytes in {:?} ({} tasks)",
            s.len(),
            t.elapsed(),
            p.document.tasks.len()
        );
    }
}

#[allow(dead_code)]
fn phases(s: &str) {
    let t = Instant::now();
    let idx = vanban::text::LineIndex::new(s);
    let a = t.elapsed();
    let paras = vanban::text::paragraphs(s, &idx.lines, 0, idx.lines.len());
    let b = t.elapsed();
    let tasks = vanban::tasks::parse(&paras, &|_| None);
    let c = t.elapsed();
    let h = vanban::header::analyze(s, &idx.lines);
    let d = t.elapsed();
    println!(
        "lines {a:?} paras {:?} tasks {:?} header {:?} [{} {}]",
        b - a,
        c - b,
        d - c,
        tasks.len(),
        h.official
    );
}
