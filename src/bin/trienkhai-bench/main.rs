//! `trienkhai-bench`: figures for the store, printed as JSON lines (like pgbench).
//!
//! - `rollup`: dashboard roll-up latency at the root, a province and a commune (warm).
//! - `naive`: the same figures the way a typical system computes them
//!   (recursive CTE over `parent_id` joined to members and attendance).
//! - `ingest`: attendance rows per second, each batch durably committed;
//!   creates what it needs in an empty database; `--ack-file` records every
//!   committed batch (for the kill -9 test).
//! - `freshness`: time from an attendance write until the root roll-up shows it.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use domain::{AttendanceMethod, SessionMode, UnitKind};
use serde_json::json;
use store::{AttendanceRow, NewSession, Store};

const ACTOR: &str = "bench";

#[derive(Parser)]
#[command(
    name = "trienkhai-bench",
    about = "Benchmarks of the trienkhai store (JSON lines)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args, Clone)]
struct Db {
    /// Database URL (sqlite://PATH or postgres://…).
    #[arg(long, env = "TRIENKHAI_DB", default_value = store::DEFAULT_URL)]
    db: String,
}

#[derive(Subcommand)]
enum Cmd {
    /// Roll-up latency per scope (root, province, commune).
    Rollup {
        #[command(flatten)]
        db: Db,
        /// Timed runs per scope (after warm-up).
        #[arg(long, default_value_t = 300)]
        iters: usize,
    },
    /// The naive recursive-CTE roll-up at the root and a province.
    Naive {
        #[command(flatten)]
        db: Db,
        /// Timed runs per scope.
        #[arg(long, default_value_t = 5)]
        iters: usize,
    },
    /// Attendance ingest rate with durable batches.
    Ingest {
        #[command(flatten)]
        db: Db,
        /// Rows per batch (one transaction each).
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// How long to run.
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        /// Concurrent writers.
        #[arg(long, default_value_t = 1)]
        writers: usize,
        /// Members to create when the database is empty.
        #[arg(long, default_value_t = 200_000)]
        members: usize,
        /// Append "session first_member count" after each committed batch.
        #[arg(long)]
        ack_file: Option<std::path::PathBuf>,
    },
    /// Write-to-visible delay of the root roll-up.
    Freshness {
        #[command(flatten)]
        db: Db,
        /// Writes measured.
        #[arg(long, default_value_t = 50)]
        iters: usize,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        match cli.cmd {
            Cmd::Rollup { db, iters } => rollup(&db.db, iters).await,
            Cmd::Naive { db, iters } => naive(&db.db, iters).await,
            Cmd::Ingest {
                db,
                batch,
                seconds,
                writers,
                members,
                ack_file,
            } => ingest(&db.db, batch, seconds, writers, members, ack_file).await,
            Cmd::Freshness { db, iters } => freshness(&db.db, iters).await,
        }
    })
}

fn engine(s: &Store) -> &'static str {
    match s.engine() {
        store::Engine::Sqlite => "sqlite",
        store::Engine::Postgres => "postgres",
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The campaign, its scope root, the largest province and its largest commune.
async fn scopes(s: &Store) -> anyhow::Result<(i64, Vec<(&'static str, i64)>)> {
    let campaign = s
        .campaigns_for(None)
        .await?
        .into_iter()
        .last()
        .context("no campaign: run `trienkhai gen` first")?;
    let root = campaign.scope_unit_id;
    let mut out = vec![("root", root)];
    let provinces: Vec<_> = s
        .unit_children(root)
        .await?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Province)
        .collect();
    if let Some(p) = provinces.iter().max_by_key(|u| u.members_subtree) {
        out.push(("province", p.id));
        let communes: Vec<_> = s
            .unit_children(p.id)
            .await?
            .into_iter()
            .filter(|u| u.kind == UnitKind::Commune)
            .collect();
        if let Some(c) = communes.iter().max_by_key(|u| u.members_subtree) {
            out.push(("commune", c.id));
        }
    }
    Ok((campaign.id, out))
}

async fn rollup(url: &str, iters: usize) -> anyhow::Result<()> {
    let s = Store::open(url).await?;
    let (campaign, scopes) = scopes(&s).await?;
    for (scope, unit) in scopes {
        for _ in 0..10 {
            s.rollup(campaign, unit, store::now()).await?;
        }
        let mut ms = Vec::with_capacity(iters);
        let mut children = 0;
        for _ in 0..iters {
            let t = Instant::now();
            let r = s.rollup(campaign, unit, store::now()).await?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            children = r.children.len();
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{}",
            json!({"bench": "rollup", "engine": engine(&s), "scope": scope, "unit": unit, "children": children, "iters": iters,
                   "p50_ms": round3(percentile(&ms, 0.5)), "p99_ms": round3(percentile(&ms, 0.99)), "warm": true})
        );
    }
    s.close().await;
    Ok(())
}

/// Members, attended and plans per child, the way a system without
/// maintained aggregates computes them.
const NAIVE_SQL: &str = "WITH RECURSIVE sub(child, id) AS ( \
       SELECT id, id FROM units WHERE parent_id = $1 \
       UNION ALL SELECT sub.child, u.id FROM units u JOIN sub ON u.parent_id = sub.id) \
     SELECT sub.child, \
       (SELECT COUNT(*) FROM members m WHERE m.unit_id = sub.id) AS members, \
       (SELECT COUNT(DISTINCT a.member_id) FROM attendance a JOIN members m ON m.id = a.member_id \
          WHERE m.unit_id = sub.id AND a.session_id IN (SELECT id FROM study_sessions WHERE campaign_id = $2)) AS attended, \
       (SELECT COUNT(*) FROM plans p WHERE p.unit_id = sub.id AND p.campaign_id = $2) AS plans \
     FROM sub";

async fn naive(url: &str, iters: usize) -> anyhow::Result<()> {
    let s = Store::open(url).await?;
    let (campaign, scopes) = scopes(&s).await?;
    for (scope, unit) in scopes.into_iter().filter(|(k, _)| *k != "commune") {
        let mut ms = Vec::with_capacity(iters);
        let mut totals = (0i64, 0i64);
        for _ in 0..iters.max(1) {
            let t = Instant::now();
            let rows: Vec<(i64, i64, i64, i64)> = match (s.sqlite_pool(), s.pg_pool()) {
                (Some(p), _) => {
                    sqlx::query_as(NAIVE_SQL)
                        .bind(unit)
                        .bind(campaign)
                        .fetch_all(p)
                        .await?
                }
                (_, Some(p)) => {
                    sqlx::query_as(NAIVE_SQL)
                        .bind(unit)
                        .bind(campaign)
                        .fetch_all(p)
                        .await?
                }
                _ => bail!("no pool"),
            };
            // Group per child, as the dashboard shows it.
            let mut per_child = std::collections::HashMap::<i64, (i64, i64, i64)>::new();
            for (child, m, a, pl) in rows {
                let e = per_child.entry(child).or_default();
                e.0 += m;
                e.1 += a;
                e.2 += pl;
            }
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            totals = per_child
                .values()
                .fold((0, 0), |acc, v| (acc.0 + v.0, acc.1 + v.1));
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{}",
            json!({"bench": "naive", "engine": engine(&s), "scope": scope, "unit": unit, "iters": iters,
                   "members": totals.0, "attended": totals.1,
                   "p50_ms": round3(percentile(&ms, 0.5)), "p99_ms": round3(percentile(&ms, 0.99))})
        );
    }
    s.close().await;
    Ok(())
}

/// Makes a small country through the store's own API (counters right).
async fn seed_empty(s: &Store, members: usize) -> anyhow::Result<()> {
    let root = s
        .unit_create(
            ACTOR,
            &store::NewUnit {
                parent_id: None,
                kind: UnitKind::Central,
                code: "TW".into(),
                name: "Trung ương".into(),
                abbrev: "TW".into(),
            },
        )
        .await?;
    let p = s
        .unit_create(
            ACTOR,
            &store::NewUnit {
                parent_id: Some(root),
                kind: UnitKind::Province,
                code: "P1".into(),
                name: "Tỉnh ủy thử".into(),
                abbrev: "TU".into(),
            },
        )
        .await?;
    let mut cells = Vec::new();
    for c in 0..10 {
        let commune = s
            .unit_create(
                ACTOR,
                &store::NewUnit {
                    parent_id: Some(p),
                    kind: UnitKind::Commune,
                    code: format!("X{c}"),
                    name: format!("Đảng ủy xã {c}"),
                    abbrev: "ĐU".into(),
                },
            )
            .await?;
        for k in 0..10 {
            cells.push(
                s.unit_create(
                    ACTOR,
                    &store::NewUnit {
                        parent_id: Some(commune),
                        kind: UnitKind::Cell,
                        code: format!("X{c}-C{k}"),
                        name: format!("Chi bộ {k}"),
                        abbrev: "CB".into(),
                    },
                )
                .await?,
            );
        }
    }
    let mut batch = Vec::with_capacity(5000);
    for i in 0..members {
        batch.push(store::NewMember {
            unit_id: cells[i % cells.len()],
            name: format!("Đảng viên {i}"),
            roles: 0,
        });
        if batch.len() == 5000 {
            s.members_add(ACTOR, &batch).await?;
            batch.clear();
        }
    }
    s.members_add(ACTOR, &batch).await?;
    let doc = s
        .document_insert(
            ACTOR,
            &store::NewDocument {
                kind: "official".into(),
                number: Some("1-CT/TW".into()),
                doc_type: Some("Chỉ thị".into()),
                issuer: None,
                issued_at: Some(store::now() - 30 * domain::date::DAY),
                title: Some("Chỉ thị thử".into()),
                unit_id: Some(root),
                filename: "ct.txt".into(),
                model: json!({}),
                references: vec![],
            },
            b"bench directive",
        )
        .await?;
    s.campaign_create(
        ACTOR,
        &store::NewCampaign {
            name: "Chiến dịch thử".into(),
            document_id: doc.id,
            scope_unit_id: root,
            plan_due: store::now(),
            study_due: store::now(),
            coverage_target: 90,
            report_recurrence: domain::Recurrence::Quarterly,
            report_first_due: store::now(),
        },
    )
    .await?;
    Ok(())
}

async fn new_session(s: &Store, campaign: i64, organiser: i64) -> anyhow::Result<i64> {
    let now = store::now();
    Ok(s.session_create(
        ACTOR,
        &NewSession {
            campaign_id: Some(campaign),
            organiser_unit_id: organiser,
            title: "Phiên đo hiệu năng".into(),
            starts_at: now - 3600,
            ends_at: now + 24 * 3600,
            mode: SessionMode::Online,
            venue: "Trực tuyến".into(),
            presenter: "Báo cáo viên".into(),
            participant_groups: vec![],
            makeup_of: None,
            bridge_points: vec![],
        },
    )
    .await?)
}

async fn max_member(s: &Store) -> anyhow::Result<i64> {
    let q = "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM members";
    Ok(match (s.sqlite_pool(), s.pg_pool()) {
        (Some(p), _) => sqlx::query_scalar(q).fetch_one(p).await?,
        (_, Some(p)) => sqlx::query_scalar(q).fetch_one(p).await?,
        _ => 0,
    })
}

async fn ingest(
    url: &str,
    batch: usize,
    seconds: f64,
    writers: usize,
    members: usize,
    ack: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    let s = Store::connect(url).await?;
    s.migrate().await?;
    if s.is_empty().await? {
        seed_empty(&s, members).await?;
    }
    let campaign = s
        .campaigns_for(None)
        .await?
        .into_iter()
        .last()
        .context("no campaign")?;
    let session = new_session(&s, campaign.id, campaign.scope_unit_id).await?;
    let max = max_member(&s).await?;
    if max == 0 {
        bail!("no members to check in");
    }
    let ack = match ack {
        Some(p) => Some(std::sync::Arc::new(std::sync::Mutex::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)?,
        ))),
        None => None,
    };
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(1));
    let mut handles = Vec::new();
    for _ in 0..writers.max(1) {
        let (s, next, ack) = (s.clone(), next.clone(), ack.clone());
        handles.push(tokio::spawn(async move {
            let mut rows = 0u64;
            let mut batches = 0u64;
            while Instant::now() < deadline {
                let first = next.fetch_add(batch as i64, std::sync::atomic::Ordering::SeqCst);
                if first > max {
                    break;
                }
                let last = (first + batch as i64 - 1).min(max);
                let now = store::now();
                let b: Vec<AttendanceRow> = (first..=last)
                    .map(|m| AttendanceRow {
                        member_id: m,
                        method: AttendanceMethod::Qr,
                        at: now,
                    })
                    .collect();
                let out = s.check_in_batch(ACTOR, session, &b).await?;
                rows += out.inserted;
                batches += 1;
                if let Some(f) = &ack {
                    let mut f = f
                        .lock()
                        .map_err(|_| anyhow::anyhow!("ack file lock poisoned"))?;
                    writeln!(f, "{session} {first} {}", last - first + 1)?;
                    f.flush()?;
                }
            }
            anyhow::Ok((rows, batches))
        }));
    }
    let (mut rows, mut batches) = (0u64, 0u64);
    for h in handles {
        let (r, b) = h.await??;
        rows += r;
        batches += b;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"bench": "ingest", "engine": engine(&s), "rows": rows, "batches": batches, "batch": batch, "writers": writers,
               "seconds": round3(secs), "rows_per_s": (rows as f64 / secs).round(), "durable": true})
    );
    s.close().await;
    Ok(())
}

async fn freshness(url: &str, iters: usize) -> anyhow::Result<()> {
    let s = Store::open(url).await?;
    let (campaign, _) = scopes(&s).await?;
    let c = s.campaign(campaign).await?.context("campaign")?;
    let root = c.scope_unit_id;
    let session = new_session(&s, campaign, root).await?;
    let absent = s.absentees(campaign, root, 0, iters as i64).await?;
    if absent.items.is_empty() {
        bail!("everyone attended already: nothing to measure");
    }
    let mut ms = Vec::new();
    for m in &absent.items {
        let before = s.rollup(campaign, root, store::now()).await?.total.attended;
        let t = Instant::now();
        s.check_in(
            ACTOR,
            session,
            AttendanceRow {
                member_id: m.id,
                method: AttendanceMethod::Qr,
                at: store::now(),
            },
        )
        .await?;
        loop {
            let now = s.rollup(campaign, root, store::now()).await?.total.attended;
            if now > before {
                break;
            }
            if t.elapsed() > Duration::from_secs(10) {
                bail!("the roll-up did not reflect a write within 10 s");
            }
        }
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({"bench": "freshness", "engine": engine(&s), "writes": ms.len(),
               "p50_ms": round3(percentile(&ms, 0.5)), "p99_ms": round3(percentile(&ms, 0.99)), "max_ms": round3(percentile(&ms, 1.0))})
    );
    s.close().await;
    Ok(())
}
