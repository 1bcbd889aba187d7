#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Whole documents of our own writing (both families, pdftotext two-column
//! layouts, a news article): the fields a reader relies on.

fn parse(name: &str) -> vanban::Document {
    let path = format!("{}/tests/docs/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    vanban::parse(&text).document
}

fn leads(d: &vanban::Document) -> Vec<String> {
    let mut v: Vec<String> = d.tasks.iter().flat_map(|t| t.lead.clone()).collect();
    v.sort();
    v.dedup();
    v
}

fn ids(d: &vanban::Document) -> Vec<&str> {
    d.sections.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn state_decision_in_two_columns() {
    let d = parse("state_qd_pdftotext.txt");
    assert_eq!(d.kind, vanban::Kind::Official);
    assert_eq!(d.number.as_deref(), Some("1452/QĐ-UBND"));
    assert_eq!(d.doc_type.as_deref(), Some("Quyết định"));
    assert_eq!(d.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH LAM GIANG"));
    assert_eq!(
        (d.place.as_deref(), d.date.as_deref()),
        (Some("Lam Giang"), Some("2025-08-21"))
    );
    assert!(
        d.title
            .as_deref()
            .unwrap()
            .starts_with("Về việc thành lập Ban Chỉ đạo")
    );
    let s = d.signer.as_ref().unwrap();
    assert_eq!(s.capacity.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.name.as_deref(), Some("Lê Hoàng Nam"));
    assert_eq!(
        ids(&d),
        vec![
            "Điều 1",
            "Điều 1.1",
            "Điều 1.2",
            "Điều 2",
            "Điều 2.1",
            "Điều 2.1.a",
            "Điều 2.1.b",
            "Điều 2.2",
            "Điều 3"
        ]
    );
    assert_eq!(d.implements, vec!["749/QĐ-TTg"]);
    let nd = d
        .references
        .iter()
        .find(|r| r.number == "30/2020/NĐ-CP")
        .unwrap();
    assert_eq!(nd.date.as_deref(), Some("2020-03-05"));
    assert_eq!(leads(&d), vec!["Sở Khoa học và Công nghệ"]);
    let t = &d.tasks[0];
    assert_eq!(t.support, vec!["Văn phòng UBND tỉnh"]);
    assert_eq!(
        t.deadline.as_ref().unwrap().kind,
        vanban::DeadlineKind::Recurring
    );
    let r: Vec<&str> = d.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        r,
        vec![
            "Như Điều 3",
            "TT Tỉnh ủy, TT HĐND tỉnh",
            "CT, các PCT UBND tỉnh",
            "Lưu: VT, KGVX"
        ]
    );
    assert_eq!(d.recipients[1].note.as_deref(), Some("b/c"));
}

#[test]
fn state_cong_van_has_no_type_code() {
    let d = parse("state_cong_van_pdftotext.txt");
    assert_eq!(d.number.as_deref(), Some("215/SNV-CCVC"));
    assert_eq!(d.doc_type.as_deref(), Some("Công văn"));
    assert_eq!(d.doc_type_code, None);
    assert_eq!(d.issuer.as_deref(), Some("SỞ NỘI VỤ"));
    assert_eq!(d.parent_organ.as_deref(), Some("UBND TỈNH VĨNH AN"));
    assert_eq!(
        d.title.as_deref(),
        Some("báo cáo số lượng, chất lượng cán bộ, công chức năm 2025")
    );
    let s = d.signer.as_ref().unwrap();
    assert_eq!(
        (
            s.capacity.as_deref(),
            s.position.as_deref(),
            s.name.as_deref()
        ),
        (None, Some("GIÁM ĐỐC"), Some("Trần Quốc Việt"))
    );
}

#[test]
fn party_plan_in_two_columns() {
    let d = parse("party_kh_pdftotext.txt");
    assert_eq!(d.number.as_deref(), Some("47-KH/ĐU"));
    assert_eq!(d.issuer.as_deref(), Some("ĐẢNG ỦY XÃ HÒA BÌNH"));
    assert_eq!(d.parent_organ.as_deref(), Some("ĐẢNG BỘ TỈNH THỦY NGUYÊN"));
    assert_eq!(
        d.title.as_deref(),
        Some("tổ chức học tập, quán triệt Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị")
    );
    assert_eq!(d.implements, vec!["312-KH/TU", "66-NQ/TW"]);
    assert_eq!(
        ids(&d),
        vec![
            "I", "I.1", "I.2", "II", "II.1", "II.2", "II.3", "III", "III.1", "III.2"
        ]
    );
    let e = &d.events[0];
    assert_eq!(
        (e.kind, e.date.as_deref(), e.time.as_deref()),
        (
            vanban::EventKind::StudySession,
            Some("2025-11-12"),
            Some("07:30")
        )
    );
    assert_eq!(e.mode, Some(vanban::Mode::Both));
    assert_eq!(e.presenter.as_deref(), Some("đồng chí Bí thư Đảng ủy xã"));
    assert_eq!(d.targets[0].percent, 95.0);
    assert_eq!(
        leads(&d),
        vec![
            "Các chi bộ trực thuộc",
            "Văn phòng Đảng ủy",
            "Ủy ban Mặt trận Tổ quốc xã"
        ]
    );
    let s = d.signer.as_ref().unwrap();
    assert_eq!(
        (
            s.capacity.as_deref(),
            s.position.as_deref(),
            s.name.as_deref()
        ),
        (Some("T/M ĐẢNG ỦY"), Some("BÍ THƯ"), Some("Phạm Văn Đông"))
    );
    assert_eq!(d.recipients.len(), 3);
}

#[test]
fn party_directive_plain_text() {
    let d = parse("party_ct_plain.txt");
    assert_eq!(d.number.as_deref(), Some("09-CT/TU"));
    assert_eq!(d.doc_type.as_deref(), Some("Chỉ thị"));
    assert_eq!(
        d.issuer.as_deref(),
        Some("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH NAM SƠN")
    );
    assert!(
        d.title
            .as_deref()
            .unwrap()
            .ends_with("PHÁT TRIỂN VĂN HÓA ĐỌC")
    );
    assert_eq!(d.implements, vec!["84-KL/TW"]);
    assert_eq!(d.aliases[0].number.as_deref(), Some("84-KL/TW"));
    assert_eq!(ids(&d), vec!["1", "2", "3"]);
    assert_eq!(
        leads(&d),
        vec![
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Ban cán sự đảng Ủy ban nhân dân tỉnh",
            "Các cấp ủy, tổ chức đảng",
            "Đảng đoàn Hội đồng nhân dân tỉnh"
        ]
    );
    let dl = d
        .tasks
        .iter()
        .find_map(|t| t.deadline.as_ref().filter(|d| d.date.is_some()))
        .unwrap();
    assert_eq!(dl.date.as_deref(), Some("2025-12-31"));
    assert_eq!(d.targets[0].percent, 90.0);
    assert_eq!(d.recipients[0].note.as_deref(), Some("để báo cáo"));
}

#[test]
fn news_article() {
    let d = parse("article_news.txt");
    assert_eq!(d.kind, vanban::Kind::Article);
    assert_eq!(
        d.title.as_deref(),
        Some("Tỉnh Nam Sơn quán triệt Kết luận về phát triển văn hóa đọc")
    );
    assert_eq!(d.date.as_deref(), Some("2025-03-14"));
    assert_eq!(d.author.as_deref(), Some("Minh Thư"));
    assert_eq!(d.number, None);
    assert!(d.signer.is_none());
    let e = &d.events[0];
    assert_eq!(
        (e.kind, e.date.as_deref()),
        (vanban::EventKind::StudySession, Some("2025-03-13"))
    );
    let nums: Vec<&str> = d.references.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(nums, vec!["84-KL/TW", "09-CT/TU"]);
    assert_eq!(leads(&d), vec!["Sở Văn hóa, Thể thao và Du lịch"]);
}

#[test]
fn with_source_serialises_source_then_the_contract_fields() {
    let d = parse("party_ct_plain.txt");
    let s = serde_json::to_string(&vanban::WithSource {
        source: "a.txt",
        document: &d,
    })
    .unwrap();
    assert!(
        s.starts_with(r#"{"source":"a.txt","kind":"official","number":"09-CT/TU""#),
        "{s}"
    );
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    for field in [
        "doc_type",
        "issuer",
        "place",
        "date",
        "title",
        "signer",
        "references",
        "implements",
        "sections",
        "tasks",
        "events",
        "targets",
        "recipients",
    ] {
        assert!(v.get(field).is_some(), "{field}");
    }
}
