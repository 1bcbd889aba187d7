//! search-bench: our index against SQLite FTS5 and PostgreSQL full-text
//! search on the same generated corpus, plus the relevance set on FTS5.
//!
//! `cargo run --release -p search --features bench --bin search-bench -- --docs 100000 [--queries 2000]
//!  [--seed 57] [--dir DIR] [--pg URL] [--no-pg] [--no-fts5] [--threads 2]`
//!
//! PostgreSQL runs when `--pg URL` or `TRIENKHAI_TEST_PG` is given.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[allow(dead_code)]
#[path = "../../../tests/support/cases.rs"]
mod cases;
mod fts5;
mod generator;
mod pg;
mod queries;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use search::{Query, Scope, Search, WriterOptions};

use crate::queries::BenchQuery;

struct Args {
    docs: usize,
    queries: usize,
    seed: u64,
    dir: Option<PathBuf>,
    pg: Option<String>,
    fts5: bool,
    threads: usize,
}

fn args() -> Args {
    let mut a = Args {
        docs: 100_000,
        queries: 2000,
        seed: 57,
        dir: None,
        pg: std::env::var("TRIENKHAI_TEST_PG")
            .ok()
            .filter(|s| !s.is_empty()),
        fts5: true,
        threads: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{k} needs a value"));
        match k.as_str() {
            "--docs" => a.docs = val().parse().expect("--docs N"),
            "--queries" => a.queries = val().parse().expect("--queries N"),
            "--seed" => a.seed = val().parse().expect("--seed N"),
            "--dir" => a.dir = Some(PathBuf::from(val())),
            "--pg" => a.pg = Some(val()),
            "--no-pg" => a.pg = None,
            "--no-fts5" => a.fts5 = false,
            "--threads" => a.threads = val().parse().expect("--threads N"),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let m = e.metadata().unwrap();
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn mb(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

/// Latencies per category and overall.
#[derive(Default)]
struct Lat {
    by_cat: BTreeMap<&'static str, Vec<Duration>>,
}

impl Lat {
    fn add(&mut self, cat: &'static str, d: Duration) {
        self.by_cat.entry(cat).or_default().push(d);
        self.by_cat.entry("ALL").or_default().push(d);
    }

    fn summary(&mut self) -> BTreeMap<&'static str, (f64, f64, usize)> {
        self.by_cat
            .iter_mut()
            .map(|(k, v)| {
                v.sort();
                (*k, (pct(v, 0.5), pct(v, 0.99), v.len()))
            })
            .collect()
    }
}

struct EngineReport {
    name: String,
    index_secs: f64,
    size: u64,
    lat: BTreeMap<&'static str, (f64, f64, usize)>,
    known: (usize, usize),
}

const PASSES: usize = 3;

fn main() {
    let a = args();
    let work = a
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("trienkhai-search-bench"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    eprintln!("generating {} documents (seed {}) ...", a.docs, a.seed);
    let t = Instant::now();
    let generated = generator::generate(a.docs, a.seed);
    let text_bytes: usize = generated
        .iter()
        .map(|g| g.doc.text.len() + g.doc.title.len())
        .sum();
    let words: usize = generated
        .iter()
        .map(|g| g.doc.text.split_whitespace().count())
        .sum();
    eprintln!(
        "generated in {:.1}s: {} of text, {} words on average",
        t.elapsed().as_secs_f64(),
        mb(text_bytes as u64),
        words / a.docs.max(1)
    );
    let mix = queries::mix(&generated, a.queries, a.seed);
    let mut reports = Vec::new();

    // --- our index ---
    let idx_dir = work.join("tantivy");
    let search = Search::open_with(
        &idx_dir,
        WriterOptions {
            threads: a.threads,
            memory: 256 << 20,
        },
    )
    .unwrap();
    let t = Instant::now();
    let entities = generated
        .iter()
        .map(|g| search::Entity::Document(g.doc.clone()));
    search
        .reindex(entities, 0, &mut |n| {
            if n % 20_000 == 0 {
                eprintln!("  tantivy: {n} indexed");
            }
        })
        .unwrap();
    search.wait_merges().unwrap();
    let index_secs = t.elapsed().as_secs_f64();
    let size = dir_size(&idx_dir);
    eprintln!(
        "tantivy: indexed in {index_secs:.1}s, {} in {} segments",
        mb(size),
        search.num_segments()
    );
    drop(search);
    // Reopen as an app instance would (reader over the committed index).
    let search = Search::open(&idx_dir).unwrap();
    let run_ours = |facets: bool| -> (Lat, (usize, usize)) {
        let mut lat = Lat::default();
        let mut known = (0, 0);
        for pass in 0..=PASSES {
            for q in &mix {
                let query: Query = q.to_query(facets);
                let t = Instant::now();
                let res = search.query(&query).unwrap();
                let d = t.elapsed();
                if pass > 0 {
                    lat.add(q.category, d);
                } else if let Some(id) = q.expect {
                    known.1 += 1;
                    if res.hits.iter().any(|h| h.id == id) {
                        known.0 += 1;
                    }
                }
            }
        }
        (lat, known)
    };
    let (mut lat, known) = run_ours(false);
    reports.push(EngineReport {
        name: "tantivy (ours)".into(),
        index_secs,
        size,
        lat: lat.summary(),
        known,
    });
    let (mut lat_f, _) = run_ours(true);
    reports.push(EngineReport {
        name: "tantivy (ours) + facets".into(),
        index_secs,
        size,
        lat: lat_f.summary(),
        known,
    });

    // --- SQLite FTS5 ---
    if a.fts5 {
        let path = work.join("fts5.db");
        let mut f = fts5::Fts5::create(&path).unwrap();
        let t = Instant::now();
        f.load(
            generated
                .iter()
                .map(|g| fts5::Row::of(&search::Entity::Document(g.doc.clone()))),
        )
        .unwrap();
        let index_secs = t.elapsed().as_secs_f64();
        let size = f.size_bytes().unwrap();
        eprintln!("fts5: indexed in {index_secs:.1}s, {}", mb(size));
        let mut lat = Lat::default();
        let mut known = (0, 0);
        for pass in 0..=PASSES {
            for q in &mix {
                let t = Instant::now();
                let ans = f
                    .search(&q.text, &q.filters, q.scope.as_deref(), 10)
                    .unwrap();
                let d = t.elapsed();
                if pass > 0 {
                    lat.add(q.category, d);
                } else if let Some(id) = q.expect {
                    known.1 += 1;
                    if ans.keys.contains(&format!("document:{id}")) {
                        known.0 += 1;
                    }
                }
            }
        }
        reports.push(EngineReport {
            name: "SQLite FTS5".into(),
            index_secs,
            size,
            lat: lat.summary(),
            known,
        });
    }

    // --- PostgreSQL ---
    if let Some(url) = &a.pg {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let report = rt.block_on(async {
            let mut p = pg::Pg::connect(url).await.unwrap();
            let docs: Vec<&search::DocumentEntry> = generated.iter().map(|g| &g.doc).collect();
            let t = Instant::now();
            p.load(&docs).await.unwrap();
            let index_secs = t.elapsed().as_secs_f64();
            let size = p.size_bytes().await.unwrap() as u64;
            eprintln!("postgres: indexed in {index_secs:.1}s, {}", mb(size));
            let mut lat = Lat::default();
            let mut known = (0, 0);
            for pass in 0..=PASSES {
                for q in &mix {
                    let t = Instant::now();
                    let (ids, _) = p
                        .search(&q.text, &q.filters, q.scope.as_deref(), 10)
                        .await
                        .unwrap();
                    let d = t.elapsed();
                    if pass > 0 {
                        lat.add(q.category, d);
                    } else if let Some(id) = q.expect {
                        known.1 += 1;
                        if ids.contains(&id) {
                            known.0 += 1;
                        }
                    }
                }
            }
            p.drop_table().await.unwrap();
            EngineReport {
                name: "PostgreSQL FTS".into(),
                index_secs,
                size,
                lat: lat.summary(),
                known,
            }
        });
        reports.push(report);
    } else {
        eprintln!("postgres: skipped (no --pg URL and TRIENKHAI_TEST_PG unset)");
    }

    // --- relevance set: ours and FTS5 ---
    let corpus = cases::load();
    let rel_ours = relevance_ours(&corpus);
    let rel_fts = if a.fts5 {
        Some(relevance_fts5(&corpus, &work))
    } else {
        None
    };

    print_report(
        &a,
        text_bytes,
        words,
        &mix,
        &reports,
        &rel_ours,
        rel_fts.as_ref(),
        corpus.cases.len(),
    );
}

fn category_list(mix: &[BenchQuery]) -> Vec<&'static str> {
    let mut cats: Vec<&'static str> = mix.iter().map(|q| q.category).collect();
    cats.sort();
    cats.dedup();
    cats
}

#[allow(clippy::too_many_arguments)]
fn print_report(
    a: &Args,
    text_bytes: usize,
    words: usize,
    mix: &[BenchQuery],
    reports: &[EngineReport],
    rel_ours: &BTreeMap<String, (usize, usize)>,
    rel_fts: Option<&BTreeMap<String, (usize, usize)>>,
    ncases: usize,
) {
    println!(
        "corpus: {} documents, {} of text, {} words per document on average; {} queries x {PASSES} passes (after 1 warm-up pass), top 10 with snippets and total",
        a.docs,
        mb(text_bytes as u64),
        words / a.docs.max(1),
        mix.len()
    );
    println!();
    println!("| engine | index time | index size | p50 ms | p99 ms | known-item found in top 10 |");
    println!("|---|---|---|---|---|---|");
    for r in reports {
        let (p50, p99, _) = r.lat.get("ALL").copied().unwrap_or_default();
        println!(
            "| {} | {:.1} s | {} | {:.2} | {:.2} | {}/{} |",
            r.name,
            r.index_secs,
            mb(r.size),
            p50,
            p99,
            r.known.0,
            r.known.1
        );
    }
    println!();
    let cats = category_list(mix);
    print!("| p50 / p99 ms by query kind |");
    for r in reports {
        print!(" {} |", r.name);
    }
    println!();
    print!("|---|");
    for _ in reports {
        print!("---|");
    }
    println!();
    for c in &cats {
        print!("| {c} |");
        for r in reports {
            let (p50, p99, _) = r.lat.get(c).copied().unwrap_or_default();
            print!(" {p50:.2} / {p99:.2} |");
        }
        println!();
    }
    println!();
    let total = |m: &BTreeMap<String, (usize, usize)>| {
        m.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1))
    };
    let o = total(rel_ours);
    print!("relevance set ({ncases} queries): ours {}/{}", o.0, o.1);
    if let Some(f) = rel_fts {
        let t = total(f);
        print!(", FTS5 {}/{}", t.0, t.1);
    }
    println!();
    println!();
    println!("| relevance by category | ours | FTS5 |");
    println!("|---|---|---|");
    for (cat, (p, n)) in rel_ours {
        let fts = rel_fts
            .and_then(|f| f.get(cat))
            .map_or("-".to_owned(), |(p, n)| format!("{p}/{n}"));
        println!("| {cat} | {p}/{n} | {fts} |");
    }
}

fn relevance_ours(corpus: &cases::Corpus) -> BTreeMap<String, (usize, usize)> {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    s.reindex(corpus.entities(), 0, &mut |_| {}).unwrap();
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in &corpus.cases {
        let q = Query {
            text: c.q.clone(),
            scope: c.scope.clone().map_or(Scope::All, Scope::Unit),
            filters: c.filters.clone(),
            limit: 50,
            ..Query::default()
        };
        let keys: Vec<String> = s
            .query(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| format!("{}:{}", h.kind.as_str(), h.id))
            .collect();
        let e = out.entry(c.category.clone()).or_default();
        e.1 += 1;
        if c.check(&keys).is_ok() {
            e.0 += 1;
        }
    }
    out
}

fn relevance_fts5(corpus: &cases::Corpus, work: &Path) -> BTreeMap<String, (usize, usize)> {
    let mut f = fts5::Fts5::create(&work.join("fts5-relevance.db")).unwrap();
    f.load(corpus.entities().iter().map(fts5::Row::of)).unwrap();
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in &corpus.cases {
        let keys = f
            .search(&c.q, &c.filters, c.scope.as_deref(), 50)
            .unwrap()
            .keys;
        let e = out.entry(c.category.clone()).or_default();
        e.1 += 1;
        match c.check(&keys) {
            Ok(()) => e.0 += 1,
            Err(why) => eprintln!("fts5 relevance miss [{}] {:?}: {why}", c.category, c.q),
        }
    }
    out
}
