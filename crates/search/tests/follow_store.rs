#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Freshness across app instances: what one instance writes to the shared
//! PostgreSQL is searchable within 2 s on it and on a second instance that
//! keeps its own index (each follows the store's `changes` feed).
//! Runs when `TRIENKHAI_TEST_PG` is set; says so and passes otherwise.

use std::sync::Arc;
use std::time::{Duration, Instant};

use search::store_source::{FOLLOW_PERIOD, StoreSource, follow};
use search::{EntityKind, Query, Search};
use sqlx::Connection;

/// The promise: searchable within 2 s of the write.
const FRESHNESS: Duration = Duration::from_secs(2);

struct Db {
    admin: String,
    name: String,
    url: String,
}

async fn fresh_pg() -> Option<Db> {
    let Ok(admin) = std::env::var("TRIENKHAI_TEST_PG") else {
        println!("skipping: TRIENKHAI_TEST_PG is not set (two instances on one PostgreSQL)");
        return None;
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let name = format!(
        "trienkhai_search_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000
    );
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let base = admin.split('?').next().unwrap();
    let url = format!("{}/{}", &base[..base.rfind('/').unwrap()], name);
    Some(Db { admin, name, url })
}

async fn drop_pg(db: Db) {
    let mut conn = sqlx::PgConnection::connect(&db.admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        db.name
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}

/// Time from `start` until `text` finds entity `(kind, id)` on `search`.
async fn found_after(
    search: &Search,
    text: &str,
    kind: EntityKind,
    id: i64,
    start: Instant,
) -> Duration {
    loop {
        let hits = search.query(&Query::new(text)).unwrap().hits;
        if hits.iter().any(|h| h.kind == kind && h.id == id) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < FRESHNESS * 3,
            "{text:?} never found {kind:?} {id}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_are_searchable_within_two_seconds_on_both_instances() {
    let Some(db) = fresh_pg().await else { return };
    let setup = store::Store::connect(&db.url).await.unwrap();
    setup.migrate().await.unwrap();
    // Two app instances: each its own pool and its own index directory.
    let store_a = store::Store::open(&db.url).await.unwrap();
    let store_b = store::Store::open(&db.url).await.unwrap();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Arc::new(Search::open(dir_a.path()).unwrap());
    let b = Arc::new(Search::open(dir_b.path()).unwrap());
    let follow_a = tokio::spawn(follow(
        a.clone(),
        StoreSource::new(store_a.clone()),
        FOLLOW_PERIOD,
    ));
    let follow_b = tokio::spawn(follow(
        b.clone(),
        StoreSource::new(store_b.clone()),
        FOLLOW_PERIOD,
    ));

    let start = Instant::now();
    let unit = store_a
        .unit_create(
            "test",
            &store::NewUnit {
                parent_id: None,
                kind: domain::UnitKind::Central,
                code: "TW".into(),
                name: "Ban Chấp hành Trung ương".into(),
                abbrev: "TW".into(),
            },
        )
        .await
        .unwrap();
    let doc = store_a
        .document_insert(
            "test",
            &store::NewDocument {
                kind: "official".into(),
                number: Some("57-KL/TW".into()),
                doc_type: Some("Kết luận".into()),
                issuer: Some("Bộ Chính trị".into()),
                issued_at: Some(1_686_787_200),
                title: Some("Kết luận về công tác thông tin đối ngoại trong tình hình mới".into()),
                unit_id: Some(unit),
                filename: "kl57.txt".into(),
                model: serde_json::json!({"sections": [{"id": "III", "heading": "Tổ chức thực hiện tại các điểm cầu"}]}),
                references: Vec::new(),
            },
            "Kết luận 57-KL/TW (văn bản thử)".as_bytes(),
        )
        .await
        .unwrap()
        .id;
    let on_a = found_after(&a, "kl 57", EntityKind::Document, doc, start).await;
    let on_b = found_after(&b, "ket luan 57", EntityKind::Document, doc, start).await;
    println!(
        "new document searchable after {on_a:?} on the writer, {on_b:?} on the other instance"
    );
    assert!(on_a < FRESHNESS && on_b < FRESHNESS, "{on_a:?} / {on_b:?}");
    let full_text = found_after(&b, "diem cau", EntityKind::Document, doc, start).await;
    assert!(full_text < FRESHNESS);

    // A change: the document gets a task; the unit name becomes searchable as its lead.
    let start = Instant::now();
    let task = store_a
        .task_create(
            "test",
            &store::NewTask {
                campaign_id: None,
                document_id: Some(doc),
                section: Some("III".into()),
                title: "Hướng dẫn, kiểm tra, giám sát việc học tập kết luận".into(),
                lead_unit_id: unit,
                support_unit_ids: Vec::new(),
                due_at: Some(1_700_000_000),
                recurrence: None,
            },
        )
        .await
        .unwrap();
    let on_a = found_after(&a, "kiem tra giam sat", EntityKind::Task, task, start).await;
    let on_b = found_after(&b, "kiểm tra, giám sát", EntityKind::Task, task, start).await;
    println!("new task searchable after {on_a:?} / {on_b:?}");
    assert!(on_a < FRESHNESS && on_b < FRESHNESS, "{on_a:?} / {on_b:?}");

    follow_a.abort();
    follow_b.abort();
    store_a.close().await;
    store_b.close().await;
    setup.close().await;
    drop_pg(db).await;
}
