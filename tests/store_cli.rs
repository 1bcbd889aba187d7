//! The store through the `trienkhai` command line: generated counters equal
//! a recount, a failed import changes nothing, `audit verify` names an
//! edited entry, backup and restore round-trip, and `kill -9` during ingest
//! loses no acknowledged batch. SQLite always; PostgreSQL where noted when
//! `TRIENKHAI_TEST_PG` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_trienkhai");
const BENCH: &str = env!("CARGO_BIN_EXE_trienkhai-bench");

fn tmp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("trienkhai-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    dir.join(format!("{tag}-{}-{nanos}", std::process::id()))
}

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN)
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn scalar(s: &Store, sql: &'static str, binds: &[i64]) -> i64 {
    match (s.sqlite_pool(), s.pg_pool()) {
        (Some(p), _) => {
            let mut q = sqlx::query_scalar(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.fetch_one(p).await.unwrap()
        }
        (_, Some(p)) => {
            let mut q = sqlx::query_scalar(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.fetch_one(p).await.unwrap()
        }
        _ => unreachable!(),
    }
}

/// Every unit's maintained counters equal a recount from the base tables.
async fn assert_counters_are_recounts(s: &Store, campaign: i64) {
    let units = scalar(s, "SELECT COUNT(*) FROM units", &[]).await;
    let bad_members = scalar(
        s,
        "SELECT COUNT(*) FROM campaign_unit_stats c WHERE c.campaign_id = $1 AND c.members <> \
         (SELECT COUNT(*) FROM unit_ancestors x JOIN members m ON m.unit_id = x.descendant WHERE x.ancestor = c.unit_id)",
        &[campaign],
    )
    .await;
    let bad_attended = scalar(
        s,
        "SELECT COUNT(*) FROM campaign_unit_stats c WHERE c.campaign_id = $1 AND c.attended <> \
         (SELECT COUNT(*) FROM unit_ancestors x JOIN members m ON m.unit_id = x.descendant \
          JOIN campaign_attendees a ON a.member_id = m.id AND a.campaign_id = $1 WHERE x.ancestor = c.unit_id)",
        &[campaign],
    )
    .await;
    let bad_attendees = scalar(
        s,
        "SELECT COUNT(*) FROM (SELECT DISTINCT a.member_id FROM attendance a JOIN study_sessions ss ON ss.id = a.session_id \
         WHERE ss.campaign_id = $1) d WHERE NOT EXISTS (SELECT 1 FROM campaign_attendees c WHERE c.campaign_id = $1 AND c.member_id = d.member_id)",
        &[campaign],
    )
    .await;
    let bad_plans = scalar(
        s,
        "SELECT COUNT(*) FROM campaign_unit_stats c WHERE c.campaign_id = $1 AND c.plans_on_time + c.plans_late <> \
         (SELECT COUNT(*) FROM unit_ancestors x JOIN plans p ON p.unit_id = x.descendant AND p.campaign_id = $1 \
          WHERE x.ancestor = c.unit_id AND x.depth > 0)",
        &[campaign],
    )
    .await;
    let bad_expected = scalar(
        s,
        "SELECT COUNT(*) FROM campaign_unit_stats c WHERE c.campaign_id = $1 AND c.plans_expected <> \
         (SELECT COUNT(*) FROM unit_ancestors x JOIN units d ON d.id = x.descendant \
          WHERE x.ancestor = c.unit_id AND x.depth > 0 AND d.kind <> 'cell')",
        &[campaign],
    )
    .await;
    let bad_tasks = scalar(
        s,
        "SELECT COUNT(*) FROM campaign_unit_stats c WHERE c.campaign_id = $1 AND \
         (SELECT COUNT(*) FROM unit_ancestors x JOIN tasks t ON t.lead_unit_id = x.descendant AND t.campaign_id = $1 \
          WHERE x.ancestor = c.unit_id) <> c.tasks_done_on_time + c.tasks_done_late + \
         (SELECT CAST(COALESCE(SUM(o.n), 0) AS BIGINT) FROM campaign_task_open o WHERE o.campaign_id = $1 AND o.unit_id = c.unit_id)",
        &[campaign],
    )
    .await;
    assert!(units > 0);
    assert_eq!(
        (
            bad_members,
            bad_attended,
            bad_attendees,
            bad_plans,
            bad_expected,
            bad_tasks
        ),
        (0, 0, 0, 0, 0, 0),
        "units whose counters differ from a recount"
    );
}

#[tokio::test]
async fn gen_demo_counters_equal_recounts_and_audit_verify_names_an_edited_entry() {
    let path = tmp("gen");
    let url = format!("sqlite://{}", path.display());
    let (ok, out) = run(&["gen", "--scale", "demo", "--db", &url, "--seed", "7"]);
    assert!(ok, "{out}");
    let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert!(summary["members"].as_i64().unwrap() >= 20_000);
    let (ok, out) = run(&["gen", "--scale", "demo", "--db", &url]);
    assert!(!ok && out.contains("already holds units"), "{out}");

    let s = Store::open(&url).await.unwrap();
    assert_counters_are_recounts(&s, 1).await;
    let r = s.rollup(1, 1, store::now()).await.unwrap();
    let coverage = r.total.coverage_pct();
    assert!((55.0..=85.0).contains(&coverage), "coverage {coverage}");
    let issued =
        (r.total.plans_on_time + r.total.plans_late) as f64 / r.total.plans_expected as f64;
    assert!((0.75..=0.95).contains(&issued), "plans issued {issued}");
    assert!(r.total.plans_late > 0);
    for st in domain::TaskStatus::ALL {
        assert!(r.total.tasks.get(*st) > 0, "tasks in status {st}");
    }
    // Writes through the store keep counters equal to recounts.
    let sess = s.sessions_within(1, Some(1), 1).await.unwrap().remove(0);
    let absent = s.absentees(1, 1, 0, 50).await.unwrap();
    let rows: Vec<store::AttendanceRow> = absent
        .items
        .iter()
        .map(|m| store::AttendanceRow {
            member_id: m.id,
            method: domain::AttendanceMethod::List,
            at: sess.starts_at,
        })
        .collect();
    assert_eq!(
        s.check_in_batch("test", sess.id, &rows)
            .await
            .unwrap()
            .inserted,
        50
    );
    assert_counters_are_recounts(&s, 1).await;

    let (ok, out) = run(&["audit", "verify", "--db", &url]);
    assert!(ok && out.contains("intact"), "{out}");
    let last = scalar(&s, "SELECT MAX(seq) FROM audit_log", &[]).await;
    sqlx::query("UPDATE audit_log SET after = '{\"members\":[1]}' WHERE seq = $1")
        .bind(last)
        .execute(s.sqlite_pool().unwrap())
        .await
        .unwrap();
    let (ok, out) = run(&["audit", "verify", "--db", &url]);
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("entry {last}")), "{out}");
    s.close().await;
}

#[tokio::test]
async fn failed_csv_import_changes_nothing_and_names_the_row() {
    let path = tmp("import");
    let url = format!("sqlite://{}", path.display());
    assert!(run(&["migrate", "--db", &url]).0);
    let units = tmp("units").with_extension("csv");
    std::fs::write(&units, "code,name,kind,parent_code,abbrev\nTW,Trung ương,central,,TW\nP1,Tỉnh ủy Thử,province,TW,TU\nCB1,Chi bộ 1,cell,P1,CB\n").unwrap();
    let (ok, out) = run(&["import", "units", "--db", &url, units.to_str().unwrap()]);
    assert!(ok, "{out}");
    let s = Store::open(&url).await.unwrap();
    let before = s.fingerprint().await.unwrap();
    let members = tmp("members").with_extension("csv");
    let mut csv = String::from("ma_don_vi,ho_ten,vai_tro\n");
    for i in 1..=100_000 {
        let unit = if i == 50_000 { "KHONG-CO" } else { "CB1" };
        csv.push_str(&format!("{unit},Đảng viên {i},0\n"));
    }
    std::fs::write(&members, csv).unwrap();
    let (ok, out) = run(&["import", "members", "--db", &url, members.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        out.contains("row 50001")
            && out.contains("KHONG-CO")
            && out.contains("nothing was imported"),
        "{out}"
    );
    assert_eq!(
        s.fingerprint().await.unwrap(),
        before,
        "the database is exactly as before"
    );
    // A bad parent in a units file: also nothing.
    std::fs::write(
        &units,
        "code,name,kind,parent_code\nX1,Xã 1,commune,P1\nX2,Xã 2,commune,NOPE\n",
    )
    .unwrap();
    let (ok, out) = run(&["import", "units", "--db", &url, units.to_str().unwrap()]);
    assert!(!ok && out.contains("row 3"), "{out}");
    assert_eq!(s.fingerprint().await.unwrap(), before);
    s.close().await;
}

#[tokio::test]
async fn backup_and_restore_round_trip_and_docs_import_is_idempotent() {
    let path = tmp("bk");
    let url = format!("sqlite://{}", path.display());
    assert!(run(&["gen", "--scale", "demo", "--db", &url]).0);
    let docs = tmp("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 9-KH/TU\nKẾ HOẠCH thử nghiệm\n",
    )
    .unwrap();
    let (ok, out) = run(&["import", "docs", "--db", &url, docs.to_str().unwrap()]);
    assert!(ok && out.contains("1 documents stored"), "{out}");
    let (ok, out) = run(&["import", "docs", "--db", &url, docs.to_str().unwrap()]);
    assert!(
        ok && out.contains("0 documents stored, 1 already present"),
        "{out}"
    );

    let s = Store::open(&url).await.unwrap();
    let before = s.fingerprint().await.unwrap();
    s.close().await;
    let bk = tmp("backup").with_extension("db");
    let (ok, out) = run(&["backup", "--db", &url, bk.to_str().unwrap()]);
    assert!(ok, "{out}");
    let (ok, out) = run(&["backup", "--db", &url, bk.to_str().unwrap()]);
    assert!(!ok && out.contains("already exists"), "{out}");
    let target = tmp("restored");
    let turl = format!("sqlite://{}", target.display());
    let (ok, out) = run(&["restore", "--db", &turl, bk.to_str().unwrap()]);
    assert!(ok, "{out}");
    let (ok, out) = run(&["restore", "--db", &turl, bk.to_str().unwrap()]);
    assert!(!ok && out.contains("--force"), "{out}");
    let r = Store::open(&turl).await.unwrap();
    let after = r.fingerprint().await.unwrap();
    let strip = |f: &store::Fingerprint| {
        f.tables
            .iter()
            .filter(|(t, _, _)| !t.starts_with("audit"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&after), strip(&before));
    assert!(matches!(
        r.audit_verify().await.unwrap(),
        store::AuditVerdict::Intact { .. }
    ));
    r.close().await;
}

#[tokio::test]
async fn an_outdated_schema_is_refused_until_migrate() {
    let path = tmp("old");
    let url = format!("sqlite://{}", path.display());
    // An empty file is a database at schema version 0.
    let (ok, out) = run(&["audit", "verify", "--db", &url]);
    assert!(!ok && out.contains("trienkhai migrate"), "{out}");
    let (ok, out) = run(&["migrate", "--db", &url]);
    assert!(ok && out.contains("migrated"), "{out}");
    let (ok, out) = run(&["audit", "verify", "--db", &url]);
    assert!(ok, "{out}");
}

/// Runs the ingest bench, kills it with SIGKILL mid-way, and checks that
/// every batch it acknowledged (after commit) is in the database.
async fn kill_during_ingest_loses_nothing(url: &str) {
    let ack = tmp("ack");
    let mut child = Command::new(BENCH)
        .args([
            "ingest",
            "--db",
            url,
            "--batch",
            "500",
            "--seconds",
            "120",
            "--members",
            "30000",
            "--ack-file",
        ])
        .arg(&ack)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        let lines = std::fs::read_to_string(&ack)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if lines >= 8 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(240),
            "ingest made no progress"
        );
        assert!(child.try_wait().unwrap().is_none(), "ingest stopped early");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let acked: Vec<(i64, i64, i64)> = std::fs::read_to_string(&ack)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let f: Vec<i64> = l
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (f.len() == 3).then(|| (f[0], f[1], f[2]))
        })
        .collect();
    assert!(acked.len() >= 8);
    let s = Store::open(url).await.unwrap();
    for (session, first, count) in &acked {
        let n = scalar(
            &s,
            "SELECT COUNT(*) FROM attendance WHERE session_id = $1 AND member_id >= $2 AND member_id < $3",
            &[*session, *first, first + count],
        )
        .await;
        assert_eq!(
            n, *count,
            "acknowledged batch {first}+{count} of session {session}"
        );
    }
    assert!(matches!(
        s.audit_verify().await.unwrap(),
        store::AuditVerdict::Intact { .. }
    ));
    assert_counters_are_recounts(&s, 1).await;
    s.close().await;
}

#[tokio::test]
async fn kill_9_during_ingest_loses_no_acknowledged_batch_on_sqlite() {
    let path = tmp("kill");
    kill_during_ingest_loses_nothing(&format!("sqlite://{}", path.display())).await;
}

#[tokio::test]
async fn kill_9_during_ingest_loses_no_acknowledged_batch_on_postgres() {
    let Ok(admin) = std::env::var("TRIENKHAI_TEST_PG") else {
        println!("skipping PG: TRIENKHAI_TEST_PG not set");
        return;
    };
    use sqlx::Connection;
    let name = format!("trienkhai_kill_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin.split('?').next().unwrap();
    let url = format!("{}/{name}", &base[..base.rfind('/').unwrap()]);
    kill_during_ingest_loses_nothing(&url).await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}
