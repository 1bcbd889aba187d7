//! Parse throughput (bytes/s) over a synthetic corpus, plus a growth check.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn corpus() -> Vec<String> {
    (0..40u32)
        .map(|i| vanban::synth::document(u64::from(i)))
        .collect()
}

fn bench_parse(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("synthetic_corpus", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(vanban::parse(black_box(d)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
