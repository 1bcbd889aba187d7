//! Parse throughput (bytes/s) over a corpus — the fixture documents in
//! `tests/fixtures/docs/*.txt` when present, else synthetic documents — and
//! a growth group: each pathological input at 1× and 10× size, with the
//! time ratio printed (it must stay ≤ 12).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/docs");
    let mut docs: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if docs.is_empty() {
        docs = (0..60u32)
            .map(|i| vanban::synth::document(u64::from(i)))
            .collect();
    }
    docs
}

fn bench_parse(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("corpus", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(vanban::parse(black_box(d)));
            }
        })
    });
    g.finish();
}

/// Pathological inputs, built at a given scale (1 or 10).
fn cases(scale: usize) -> Vec<(&'static str, String)> {
    let n = 2000 * scale;
    let mut v = Vec::new();
    v.push((
        "one_long_line",
        "Số 12-KH/TU công tác 57-KL/TW, ngày 1/2/2023 giao Sở A chủ trì ".repeat(n),
    ));
    v.push(("many_tiny_lines", "a\n-\n1.\n\n".repeat(n * 10)));
    v.push((
        "deep_nesting",
        (0..n)
            .map(|i| format!("{}. Mục {}\n", vec!["1"; 1 + i % 7].join("."), i))
            .collect(),
    ));
    v.push((
        "nested_brackets",
        format!(
            "{}giao Sở A chủ trì{}",
            "(".repeat(n * 10),
            ")".repeat(n * 10)
        ),
    ));
    v.push((
        "repeated_thuc_hien",
        "Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 (sau đây viết tắt là Kết luận số 57),\n"
            .repeat(n),
    ));
    v.push((
        "huge_table",
        "| Sở Nội vụ | 100% | ngày 1/1/2024 | 7 giờ 30 | Hội nghị |\n".repeat(n),
    ));
    v.push((
        "many_percent_one_paragraph",
        "phấn đấu 100% đảng viên được học tập, ".repeat(n),
    ));
    v.push((
        "many_giao_one_sentence",
        "giao Sở A chủ trì, giao Sở B phối hợp với Sở C, tại Hội trường, ".repeat(n),
    ));
    v.push(("many_slashes", "1/2/3/4/A-B/C ".repeat(n * 3)));
    v
}

/// Median times of the 1× and 10× inputs over interleaved runs, so that
/// both see the same machine load (the machine is shared).
fn times_of(s1: &str, s10: &str) -> (Duration, Duration) {
    let (mut v1, mut v10) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let t = Instant::now();
        black_box(vanban::parse(black_box(s1)));
        v1.push(t.elapsed());
        let t = Instant::now();
        black_box(vanban::parse(black_box(s10)));
        v10.push(t.elapsed());
    }
    v1.sort_unstable();
    v10.sort_unstable();
    (v1[v1.len() / 2], v10[v10.len() / 2])
}

fn bench_growth(c: &mut Criterion) {
    let small = cases(1);
    let big = cases(10);
    let mut g = c.benchmark_group("growth");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for ((name, s1), (_, s10)) in small.iter().zip(big.iter()) {
        let (t1, t10) = times_of(s1, s10);
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        eprintln!(
            "growth {name}: {} B -> {} B, time ratio 10x/1x = {ratio:.2}",
            s1.len(),
            s10.len()
        );
        for (label, s) in [("1x", s1), ("10x", s10)] {
            g.throughput(Throughput::Bytes(s.len() as u64));
            g.bench_with_input(BenchmarkId::new(*name, label), s, |b, s| {
                b.iter(|| black_box(vanban::parse(black_box(s))))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_parse, bench_growth);
criterion_main!(benches);
