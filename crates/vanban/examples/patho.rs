//! Times one pathological input at 1× and 10× (for profiling growth).
//!
//! `cargo run --release -p vanban --example patho -- CASE [x 1|10]` with CASE
//! one of long, tiny, deep, brackets, thuc, table, percent, giao, slashes;
//! run under `valgrind --tool=callgrind` to count instructions per size.

use std::time::Instant;

fn build(kind: &str, scale: usize) -> String {
    let n = 2000 * scale;
    match kind {
        "tiny" => "a\n-\n1.\n\n".repeat(n * 10),
        "long" => "Số 12-KH/TU công tác 57-KL/TW, ngày 1/2/2023 giao Sở A chủ trì ".repeat(n),
        "brackets" => format!(
            "{}giao Sở A chủ trì{}",
            "(".repeat(n * 10),
            ")".repeat(n * 10)
        ),
        "table" => "| Sở Nội vụ | 100% | ngày 1/1/2024 | 7 giờ 30 | Hội nghị |\n".repeat(n),
        "percent" => "phấn đấu 100% đảng viên được học tập, ".repeat(n),
        "giao" => "giao Sở A chủ trì, giao Sở B phối hợp với Sở C, tại Hội trường, ".repeat(n),
        "slashes" => "1/2/3/4/A-B/C ".repeat(n * 3),
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
    let scales: Vec<usize> = match std::env::args().nth(3).as_deref() {
        Some("1") => vec![1],
        Some("10") => vec![10],
        _ => vec![1, 10, 1, 10],
    };
    for scale in scales {
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
