#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The index as its users see it: changes, follower, reopen, facets,
//! snippets, pages and errors.

use std::sync::Mutex;

use search::{
    BoxFuture, Change, ChangeOp, ChangeRecord, ChangeSource, DocumentEntry, Entity, EntityKind,
    Filters, Query, Scope, Search, SearchError, SourceError, UnitEntry, WriterOptions,
};

fn doc(id: i64, number: &str, title: &str, text: &str) -> DocumentEntry {
    DocumentEntry {
        id,
        number: Some(number.into()),
        doc_type: Some("Kế hoạch".into()),
        issuer: Some("Tỉnh ủy Quảng Ngãi".into()),
        title: title.into(),
        text: text.into(),
        year: Some(2024),
        level: Some("tinh".into()),
        unit_path: Some("1/10".into()),
        ..DocumentEntry::default()
    }
}

fn keys(s: &Search, text: &str) -> Vec<i64> {
    s.query(&Query::new(text))
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

/// A change log in memory, as the store keeps it.
#[derive(Default)]
struct Log {
    rows: Mutex<Vec<ChangeRecord>>,
    docs: Mutex<Vec<DocumentEntry>>,
}

impl Log {
    fn put(&self, d: DocumentEntry) {
        let mut docs = self.docs.lock().unwrap();
        docs.retain(|x| x.id != d.id);
        let id = d.id;
        docs.push(d);
        self.log(id, ChangeOp::Upsert);
    }

    fn delete(&self, id: i64) {
        self.docs.lock().unwrap().retain(|x| x.id != id);
        self.log(id, ChangeOp::Delete);
    }

    fn log(&self, id: i64, op: ChangeOp) {
        let mut rows = self.rows.lock().unwrap();
        let seq = rows.len() as u64 + 1;
        rows.push(ChangeRecord {
            seq,
            kind: EntityKind::Document,
            id,
            op,
        });
    }
}

impl ChangeSource for Log {
    fn changes_since(
        &self,
        after: u64,
        limit: usize,
    ) -> BoxFuture<'_, Result<Vec<ChangeRecord>, SourceError>> {
        let rows: Vec<_> = self
            .rows
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.seq > after)
            .take(limit)
            .cloned()
            .collect();
        Box::pin(async move { Ok(rows) })
    }

    fn load<'a>(
        &'a self,
        kind: EntityKind,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<Vec<Entity>, SourceError>> {
        assert_eq!(kind, EntityKind::Document);
        let found: Vec<_> = self
            .docs
            .lock()
            .unwrap()
            .iter()
            .filter(|d| ids.contains(&d.id))
            .cloned()
            .map(Entity::Document)
            .collect();
        Box::pin(async move { Ok(found) })
    }
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    s.apply(&[Change::Upsert(Box::new(Entity::Document(doc(
        1,
        "10-KH/TU",
        "Kế hoạch phòng chống bão",
        "",
    ))))])
    .unwrap();
    assert_eq!(keys(&s, "phong chong bao"), [1]);
    s.apply(&[Change::Upsert(Box::new(Entity::Document(doc(
        1,
        "10-KH/TU",
        "Kế hoạch chuyển đổi số",
        "",
    ))))])
    .unwrap();
    assert!(keys(&s, "phong chong bao").is_empty());
    assert_eq!(keys(&s, "chuyen doi so"), [1]);
    assert_eq!(s.num_entities(), 1);
    s.apply(&[Change::Delete {
        kind: EntityKind::Document,
        id: 1,
    }])
    .unwrap();
    assert!(keys(&s, "chuyen doi so").is_empty());
}

#[tokio::test]
async fn follower_applies_the_log_and_remembers_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::default();
    log.put(doc(1, "1-KH/TU", "Kế hoạch tuyên truyền biển đảo", ""));
    log.put(doc(2, "2-KH/TU", "Kế hoạch phòng chống thiên tai", ""));
    {
        let s = Search::open(dir.path()).unwrap();
        assert_eq!(s.catch_up(&log).await.unwrap(), 2);
        assert_eq!(s.last_seq(), 2);
        assert_eq!(keys(&s, "bien dao"), [1]);
    }
    log.delete(1);
    log.put(doc(3, "3-KH/TU", "Kế hoạch đại hội chi bộ", ""));
    let s = Search::open(dir.path()).unwrap();
    assert_eq!(s.last_seq(), 2, "the commit payload keeps the last seq");
    assert_eq!(
        s.catch_up(&log).await.unwrap(),
        2,
        "only the new rows are read"
    );
    assert!(keys(&s, "bien dao").is_empty());
    assert_eq!(keys(&s, "dai hoi chi bo"), [3]);
    assert_eq!(s.catch_up(&log).await.unwrap(), 0);
}

#[tokio::test]
async fn follower_reads_long_logs_in_batches() {
    let log = Log::default();
    let n = search::CATCH_UP_BATCH as i64 * 2 + 7;
    for i in 1..=n {
        log.put(doc(
            i,
            &format!("{i}-KH/TU"),
            "Kế hoạch học tập nghị quyết",
            "",
        ));
    }
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    assert_eq!(s.catch_up(&log).await.unwrap() as i64, n);
    assert_eq!(s.num_entities() as i64, n);
    assert_eq!(keys(&s, "kh 777"), [777]);
}

#[test]
fn facets_count_every_match_and_filters_narrow() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    let mut a = doc(1, "1-KH/TU", "Kế hoạch học tập", "");
    a.campaigns = vec![7];
    let mut b = doc(2, "2-BC/TU", "Báo cáo học tập", "");
    b.doc_type = Some("Báo cáo".into());
    b.year = Some(2023);
    let c = doc(3, "3-KH/TU", "Kế hoạch học tập nghị quyết", "");
    s.reindex([a, b, c].map(Entity::Document), 0, &mut |_| {})
        .unwrap();
    let res = s
        .query(&Query {
            facets: true,
            ..Query::new("hoc tap")
        })
        .unwrap();
    assert_eq!(res.total, 3);
    let types: Vec<_> = res
        .facets
        .doc_type
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(types, [("Kế hoạch", 2), ("Báo cáo", 1)]);
    let years: Vec<_> = res
        .facets
        .year
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(years, [("2024", 2), ("2023", 1)]);
    assert_eq!(res.facets.campaign[0].value, "7");
    let only = |filters: Filters| -> Vec<i64> {
        let mut ids: Vec<i64> = s
            .query(&Query {
                filters,
                ..Query::new("hoc tap")
            })
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        only(Filters {
            doc_type: Some("Báo cáo".into()),
            ..Filters::default()
        }),
        [2]
    );
    assert_eq!(
        only(Filters {
            year: Some(2024),
            ..Filters::default()
        }),
        [1, 3]
    );
    assert_eq!(
        only(Filters {
            campaign: Some(7),
            ..Filters::default()
        }),
        [1]
    );
}

#[test]
fn pages_do_not_overlap_and_total_counts_all() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    let docs = (1..=25).map(|i| {
        Entity::Document(doc(
            i,
            &format!("{i}-TB/TU"),
            "Thông báo lịch tiếp công dân",
            "",
        ))
    });
    s.reindex(docs, 0, &mut |_| {}).unwrap();
    let page = |offset| {
        s.query(&Query {
            limit: 10,
            offset,
            ..Query::new("tiep cong dan")
        })
        .unwrap()
    };
    let (p1, p2, p3) = (page(0), page(10), page(20));
    assert_eq!(p1.total, 25);
    assert_eq!((p1.hits.len(), p2.hits.len(), p3.hits.len()), (10, 10, 5));
    let mut all: Vec<i64> = [p1, p2, p3]
        .iter()
        .flat_map(|p| p.hits.iter().map(|h| h.id))
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25);
}

#[test]
fn snippet_marks_the_words_found() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    let text = "Phần mở đầu. ".repeat(40)
        + "Tổ chức hội nghị tại điểm cầu trực tuyến của xã <b>. "
        + &"Phần cuối. ".repeat(40);
    s.apply(&[Change::Upsert(Box::new(Entity::Document(doc(
        1,
        "5-KH/TU",
        "Kế hoạch",
        &text,
    ))))])
    .unwrap();
    let hit = &s.query(&Query::new("diem cau")).unwrap().hits[0];
    assert!(
        hit.snippet.contains("<mark>điểm</mark> <mark>cầu</mark>"),
        "{}",
        hit.snippet
    );
    assert!(
        hit.snippet.contains("&lt;b&gt;"),
        "text is escaped: {}",
        hit.snippet
    );
}

#[test]
fn scope_keeps_results_within_the_subtree_and_what_was_sent() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    let own = DocumentEntry {
        unit_path: Some("1/10/13".into()),
        ..doc(1, "1-KH/ĐU", "Kế hoạch học tập của xã", "")
    };
    let sent = DocumentEntry {
        unit_path: Some("1/10".into()),
        recipient_paths: vec!["1/10/13".into()],
        ..doc(2, "2-KH/TU", "Kế hoạch học tập của tỉnh", "")
    };
    let other = DocumentEntry {
        unit_path: Some("1/30".into()),
        ..doc(3, "3-KH/TU", "Kế hoạch học tập tỉnh khác", "")
    };
    let unit = UnitEntry {
        id: 13,
        name: "Đảng ủy xã học tập".into(),
        path: "1/10/13".into(),
        ..UnitEntry::default()
    };
    let mut all: Vec<Entity> = [own, sent, other].map(Entity::Document).into();
    all.push(Entity::Unit(unit));
    s.reindex(all, 0, &mut |_| {}).unwrap();
    let ids = |scope: Scope| -> Vec<(EntityKind, i64)> {
        let mut v: Vec<_> = s
            .query(&Query {
                scope,
                ..Query::new("hoc tap")
            })
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.kind, h.id))
            .collect();
        v.sort_by_key(|x| x.1);
        v
    };
    let d = EntityKind::Document;
    assert_eq!(
        ids(Scope::Unit("1/10/13".into())),
        [(d, 1), (d, 2), (EntityKind::Unit, 13)]
    );
    assert_eq!(
        ids(Scope::Unit("/1/10/".into())),
        [(d, 1), (d, 2), (EntityKind::Unit, 13)]
    );
    assert_eq!(ids(Scope::Unit("1/30".into())), [(d, 3)]);
    assert_eq!(ids(Scope::All).len(), 4);
}

#[test]
fn bad_input_gets_a_clear_error() {
    let s = Search::open_in_ram(WriterOptions::default()).unwrap();
    let long = "a ".repeat(search::MAX_QUERY_CHARS);
    assert!(matches!(
        s.query(&Query::new(long)),
        Err(SearchError::QueryTooLong { .. })
    ));
    let many = (0..search::MAX_QUERY_TERMS + 1)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(matches!(
        s.query(&Query::new(many)),
        Err(SearchError::TooManyTerms { .. })
    ));
    let big = Query {
        limit: search::MAX_LIMIT + 1,
        ..Query::new("x")
    };
    assert!(matches!(
        s.query(&big),
        Err(SearchError::LimitTooLarge { .. })
    ));
    assert!(s.query(&Query::new("  ,;  ")).unwrap().hits.is_empty());
}

#[test]
fn a_second_writer_on_one_directory_is_busy_not_broken() {
    let dir = tempfile::tempdir().unwrap();
    let a = Search::open(dir.path()).unwrap();
    a.apply(&[]).unwrap();
    let b = Search::open(dir.path()).unwrap();
    assert!(matches!(b.apply(&[]), Err(SearchError::Busy)));
}
