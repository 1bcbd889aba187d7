//! The store's story, told once and run on SQLite and (when
//! `TRIENKHAI_TEST_PG` is set) on PostgreSQL: a tree of units with members,
//! a directive and the plans that carry it out, a campaign, sessions and
//! check-ins, tasks through their whole life, reports, and an audit chain
//! that notices tampering.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use domain::date::{DAY, days_from_civil};
use domain::{
    AttendanceMethod, PlanStatus, Recurrence, RelationKind, ReportStatus, Role, SessionMode,
    TaskStatus, UnitKind,
};
use store::*;

fn at(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d) * DAY
}

const ACTOR: &str = "test";

async fn unit(s: &Store, parent: Option<i64>, kind: UnitKind, code: &str, name: &str) -> i64 {
    s.unit_create(
        ACTOR,
        &NewUnit {
            parent_id: parent,
            kind,
            code: code.into(),
            name: name.into(),
            abbrev: String::new(),
        },
    )
    .await
    .unwrap()
}

fn doc(
    number: &str,
    doc_type: &str,
    date: i64,
    unit: Option<i64>,
    refs: Vec<NewReference>,
) -> NewDocument {
    NewDocument {
        kind: "official".into(),
        number: Some(number.into()),
        doc_type: Some(doc_type.into()),
        issuer: None,
        issued_at: Some(date),
        title: Some(format!("{doc_type} {number}")),
        unit_id: unit,
        filename: format!("{}.txt", number.replace('/', "_")),
        model: serde_json::json!({"number": number, "tasks": [{"section": "II.1", "text": "Tổ chức học tập", "lead": ["Ban Tuyên giáo"], "support": [], "deadline": null}]}),
        references: refs,
    }
}

fn implements(number: &str, date: Option<i64>) -> NewReference {
    NewReference {
        kind: RelationKind::Implements,
        number: number.into(),
        doc_type: None,
        issuer: None,
        date,
    }
}

/// Recomputes attended/members per unit the naive way and compares with the counters.
async fn assert_counters_match_naive(s: &Store, campaign: i64, units: &[i64], now: i64) {
    for u in units {
        let r = s.rollup(campaign, *u, now).await.unwrap();
        let absent = s.absentees(campaign, *u, 0, 1000).await.unwrap();
        assert_eq!(
            absent.items.len() as i64,
            r.total.members - r.total.attended,
            "unit {u}: absentees vs counters"
        );
        let mut sum = domain::UnitStats::default();
        for c in &r.children {
            sum.add(&c.stats);
        }
        let direct = s.unit(*u).await.unwrap().unwrap().members_direct;
        assert_eq!(
            r.total.members,
            sum.members + direct,
            "members add up at {u}"
        );
    }
}

async fn story(url: &str) {
    // A fresh database is refused until migrated.
    let err = Store::open(url).await.unwrap_err();
    assert!(
        matches!(err, Error::SchemaOutdated { applied: 0, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("trienkhai migrate"));
    let s = Store::connect(url).await.unwrap();
    let v = s.migrate().await.unwrap();
    assert_eq!(v, s.expected_version());
    let s = Store::open(url).await.unwrap();

    // The tree: centre → 2 provinces → communes → grassroots → cells.
    let tw = unit(
        &s,
        None,
        UnitKind::Central,
        "TW",
        "Ban Chấp hành Trung ương",
    )
    .await;
    let pa = unit(&s, Some(tw), UnitKind::Province, "P01", "Tỉnh ủy Hà Giang").await;
    let pb = unit(&s, Some(tw), UnitKind::Province, "P02", "Tỉnh ủy Cao Bằng").await;
    let ca1 = unit(
        &s,
        Some(pa),
        UnitKind::Commune,
        "C011",
        "Đảng ủy phường Hà Giang 1",
    )
    .await;
    let ca2 = unit(
        &s,
        Some(pa),
        UnitKind::Commune,
        "C012",
        "Đảng ủy xã Đồng Văn",
    )
    .await;
    let cb1 = unit(
        &s,
        Some(pb),
        UnitKind::Commune,
        "C021",
        "Đảng ủy phường Thục Phán",
    )
    .await;
    let g = unit(
        &s,
        Some(ca1),
        UnitKind::Grassroots,
        "G0111",
        "Đảng bộ Trường THPT Chuyên",
    )
    .await;
    let cells = [
        unit(&s, Some(g), UnitKind::Cell, "CB01", "Chi bộ Tổ Toán").await,
        unit(&s, Some(g), UnitKind::Cell, "CB02", "Chi bộ Tổ Văn").await,
        unit(&s, Some(ca2), UnitKind::Cell, "CB03", "Chi bộ thôn Lũng Cú").await,
        unit(&s, Some(cb1), UnitKind::Cell, "CB04", "Chi bộ tổ dân phố 1").await,
    ];
    let dup = s
        .unit_create(
            ACTOR,
            &NewUnit {
                parent_id: Some(tw),
                kind: UnitKind::Province,
                code: "P01".into(),
                name: "X".into(),
                abbrev: String::new(),
            },
        )
        .await;
    assert!(matches!(dup, Err(Error::Conflict(_))));
    assert!(s.is_within(pa, cells[0]).await.unwrap());
    assert!(s.is_within(pa, pa).await.unwrap());
    assert!(!s.is_within(pb, cells[0]).await.unwrap());
    assert_eq!(
        s.unit_path(cells[0])
            .await
            .unwrap()
            .iter()
            .map(|u| u.id)
            .collect::<Vec<_>>(),
        vec![tw, pa, ca1, g, cells[0]]
    );
    let found = s.unit_search("dong van", None, 10).await.unwrap();
    assert_eq!(found.iter().map(|u| u.id).collect::<Vec<_>>(), vec![ca2]);
    assert!(
        s.unit_search("dong van", Some(pb), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.unit_children(pa).await.unwrap().len(), 2);

    // Members: 5 per cell, 20 in all.
    let mut members = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        let batch: Vec<NewMember> = (0..5)
            .map(|k| NewMember {
                unit_id: *c,
                name: format!("Nguyễn Văn {}{}", ["An", "Bình", "Chi", "Dũng"][i], k),
                roles: 0,
            })
            .collect();
        members.push(s.members_add(ACTOR, &batch).await.unwrap());
    }
    assert_eq!(s.unit(tw).await.unwrap().unwrap().members_subtree, 20);
    assert_eq!(s.unit(pa).await.unwrap().unwrap().members_subtree, 15);
    let page = s.members_of(cells[0], Some("an"), 0, 2).await.unwrap();
    assert_eq!((page.items.len(), page.total), (2, 5));

    // Documents: two different 57-KL/TW in two terms; plans resolve by date.
    let old = s
        .document_insert(
            ACTOR,
            &doc("57-KL/TW", "Kết luận", at(2019, 5, 10), Some(tw), vec![]),
            b"old 57",
        )
        .await
        .unwrap();
    let kl = s
        .document_insert(
            ACTOR,
            &doc("57-KL/TW", "Kết luận", at(2023, 6, 15), Some(tw), vec![]),
            b"new 57",
        )
        .await
        .unwrap();
    assert!(kl.created && kl.id != old.id);
    let again = s
        .document_insert(
            ACTOR,
            &doc("57-KL/TW", "Kết luận", at(2023, 6, 15), Some(tw), vec![]),
            b"new 57",
        )
        .await
        .unwrap();
    assert_eq!(
        again,
        DocumentInserted {
            id: kl.id,
            created: false
        }
    );
    assert_eq!(s.document_bytes(kl.id).await.unwrap().unwrap(), b"new 57");

    let campaign = s
        .campaign_create(
            ACTOR,
            &NewCampaign {
                name: "Triển khai Kết luận 57-KL/TW".into(),
                document_id: kl.id,
                scope_unit_id: tw,
                plan_due: at(2023, 10, 31),
                study_due: at(2023, 12, 31),
                coverage_target: 90,
                report_recurrence: Recurrence::Quarterly,
                report_first_due: at(2023, 12, 31),
            },
        )
        .await
        .unwrap();

    // A commune plan arrives before its province's plan: dangling, then linked.
    let ca1_plan = s
        .document_insert(
            ACTOR,
            &doc(
                "145-KH/ĐU",
                "Kế hoạch",
                at(2023, 10, 20),
                Some(ca1),
                vec![implements("222-KH/TU", Some(at(2023, 9, 14)))],
            ),
            b"ca1 plan",
        )
        .await
        .unwrap();
    let casc = s.cascade(ca1_plan.id).await.unwrap();
    assert_eq!(casc.unresolved.len(), 1);
    assert!(casc.campaigns.is_empty());
    let pa_plan = s
        .document_insert(
            ACTOR,
            &doc(
                "222-KH/TU",
                "Kế hoạch",
                at(2023, 9, 14),
                Some(pa),
                vec![implements("57-KL/TW", None)],
            ),
            b"pa plan",
        )
        .await
        .unwrap();
    let casc = s.cascade(pa_plan.id).await.unwrap();
    assert_eq!(
        casc.implements.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![kl.id],
        "undated reference means the latest term's 57-KL/TW"
    );
    assert_eq!(
        casc.implemented_by.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![ca1_plan.id]
    );
    assert_eq!(s.cascade(ca1_plan.id).await.unwrap().unresolved.len(), 0);
    // A late plan for province B.
    s.document_insert(
        ACTOR,
        &doc(
            "12-KH/TU",
            "Kế hoạch",
            at(2023, 11, 5),
            Some(pb),
            vec![implements("57-KL/TW", Some(at(2023, 6, 15)))],
        ),
        b"pb plan",
    )
    .await
    .unwrap();
    assert!(s.cascade(old.id).await.unwrap().implemented_by.is_empty());

    let now = at(2023, 11, 15);
    let r = s.rollup(campaign, tw, now).await.unwrap();
    // Owing a plan below the centre: 2 provinces, 3 communes, 1 grassroots = 6.
    assert_eq!(r.total.plans_expected, 6);
    assert_eq!(
        (
            r.total.plans_on_time,
            r.total.plans_late,
            r.total.plans_missing()
        ),
        (2, 1, 3)
    );
    assert_eq!(r.total.members, 20);
    let row_a = r.children.iter().find(|c| c.unit.id == pa).unwrap();
    let row_b = r.children.iter().find(|c| c.unit.id == pb).unwrap();
    assert_eq!(row_a.plan, PlanStatus::OnTime);
    assert_eq!(row_b.plan, PlanStatus::Late);
    assert_eq!(
        row_a.stats.plans_on_time, 1,
        "the commune's plan counts under its province"
    );
    let missing = s.units_without_plan(campaign, pa).await.unwrap();
    assert_eq!(missing.iter().map(|u| u.id).collect::<Vec<_>>(), vec![ca2]);

    // Sessions and check-ins.
    let sess = s
        .session_create(
            ACTOR,
            &NewSession {
                campaign_id: Some(campaign),
                organiser_unit_id: pa,
                title: "Hội nghị quán triệt Kết luận 57".into(),
                starts_at: at(2023, 10, 17) + 7 * 3600 + 1800,
                ends_at: at(2023, 10, 17) + 11 * 3600,
                mode: SessionMode::Both,
                venue: "Hội trường Tỉnh ủy".into(),
                presenter: "Đồng chí Trưởng Ban Tuyên giáo".into(),
                participant_groups: vec![
                    "Ban Chấp hành Đảng bộ tỉnh".into(),
                    "Bí thư các chi bộ".into(),
                ],
                makeup_of: None,
                bridge_points: vec![
                    NewBridgePoint {
                        unit_id: ca1,
                        name: "Điểm cầu phường 1".into(),
                        expected: 10,
                    },
                    NewBridgePoint {
                        unit_id: ca2,
                        name: "Điểm cầu xã Đồng Văn".into(),
                        expected: 5,
                    },
                ],
            },
        )
        .await
        .unwrap();
    let got = s.session(sess).await.unwrap().unwrap();
    assert_eq!(got.bridge_points.len(), 2);
    assert_eq!(got.participant_groups.len(), 2);
    let t0 = at(2023, 10, 17) + 8 * 3600;
    let row = |m: i64| AttendanceRow {
        member_id: m,
        method: AttendanceMethod::Qr,
        at: t0,
    };
    assert_eq!(
        s.check_in(ACTOR, sess, row(members[0][0])).await.unwrap(),
        CheckIn::Inserted
    );
    assert_eq!(
        s.check_in(ACTOR, sess, row(members[0][0])).await.unwrap(),
        CheckIn::Duplicate
    );
    let late = s
        .check_in(
            ACTOR,
            sess,
            AttendanceRow {
                at: t0 + 30 * DAY,
                ..row(members[0][1])
            },
        )
        .await;
    assert!(
        matches!(late, Err(Error::Invalid(_))),
        "QR check-in outside the window is refused"
    );
    let batch: Vec<AttendanceRow> = members[0]
        .iter()
        .chain(members[1].iter())
        .chain(members[2].iter().take(2))
        .map(|m| AttendanceRow {
            member_id: *m,
            method: AttendanceMethod::List,
            at: t0,
        })
        .collect();
    let out = s.check_in_batch(ACTOR, sess, &batch).await.unwrap();
    assert_eq!(
        out,
        BatchOutcome {
            inserted: 11,
            duplicates: 1
        }
    );
    let bad = s
        .check_in_batch(
            ACTOR,
            sess,
            &[AttendanceRow {
                member_id: 999_999,
                method: AttendanceMethod::Manual,
                at: t0,
            }],
        )
        .await;
    assert!(bad.is_err(), "unknown member refused");
    // A make-up session: earlier attendees don't count twice.
    let makeup = s
        .session_create(
            ACTOR,
            &NewSession {
                campaign_id: Some(campaign),
                organiser_unit_id: pb,
                title: "Học bù".into(),
                starts_at: at(2023, 11, 1),
                ends_at: at(2023, 11, 1) + 3600,
                mode: SessionMode::InPerson,
                venue: "Hội trường".into(),
                presenter: "Báo cáo viên".into(),
                participant_groups: vec![],
                makeup_of: Some(sess),
                bridge_points: vec![],
            },
        )
        .await
        .unwrap();
    let out = s
        .check_in_batch(
            ACTOR,
            makeup,
            &[
                AttendanceRow {
                    member_id: members[0][0],
                    method: AttendanceMethod::Manual,
                    at: at(2023, 11, 1),
                },
                AttendanceRow {
                    member_id: members[3][0],
                    method: AttendanceMethod::Manual,
                    at: at(2023, 11, 1),
                },
            ],
        )
        .await
        .unwrap();
    assert_eq!(out.inserted, 2);
    let r = s.rollup(campaign, tw, now).await.unwrap();
    assert_eq!(r.total.attended, 13, "distinct members across sessions");
    let row_a = r.children.iter().find(|c| c.unit.id == pa).unwrap();
    assert_eq!((row_a.stats.attended, row_a.stats.members), (12, 15));
    assert_eq!(r.total.coverage_permille(), 650);
    assert!(!r.total.meets_target(90));
    let absent = s.absentees(campaign, pa, 0, 100).await.unwrap();
    assert_eq!((absent.items.len(), absent.total), (3, 3));
    assert_counters_match_naive(&s, campaign, &[tw, pa, pb, ca1, ca2, g], now).await;

    // Tasks through their life.
    let mk = |title: &str, lead: i64, due: Option<i64>, rec: Option<Recurrence>| NewTask {
        campaign_id: Some(campaign),
        document_id: Some(kl.id),
        section: Some("III".into()),
        title: title.into(),
        lead_unit_id: lead,
        support_unit_ids: vec![pb],
        due_at: due,
        recurrence: rec,
    };
    let t_late = s
        .task_create(
            ACTOR,
            &mk("Báo cáo kết quả học tập", ca1, Some(at(2023, 11, 1)), None),
        )
        .await
        .unwrap();
    let t_soon = s
        .task_create(
            ACTOR,
            &mk(
                "Xây dựng chuyên mục tuyên truyền",
                ca2,
                Some(at(2023, 12, 31)),
                None,
            ),
        )
        .await
        .unwrap();
    let t_prog = s
        .task_create(
            ACTOR,
            &mk("Tổ chức hội thi tìm hiểu", pa, Some(at(2023, 12, 15)), None),
        )
        .await
        .unwrap();
    let t_done = s
        .task_create(
            ACTOR,
            &mk("Ban hành kế hoạch", pb, Some(at(2023, 11, 10)), None),
        )
        .await
        .unwrap();
    let t_rec = s
        .task_create(
            ACTOR,
            &mk(
                "Báo cáo định kỳ",
                pb,
                Some(at(2023, 11, 10)),
                Some(Recurrence::HalfYearly),
            ),
        )
        .await
        .unwrap();
    let t_none = s
        .task_create(ACTOR, &mk("Thường xuyên theo dõi", pa, None, None))
        .await
        .unwrap();
    s.task_progress(
        ACTOR,
        t_prog,
        40,
        "Đã xây dựng thể lệ",
        Some("the-le.pdf"),
        at(2023, 11, 2),
    )
    .await
    .unwrap();
    s.task_complete(ACTOR, t_done, "Đã ban hành", None, at(2023, 11, 8))
        .await
        .unwrap();
    s.task_accept(ACTOR, t_done, at(2023, 11, 9)).await.unwrap();
    let r = s.rollup(campaign, tw, now).await.unwrap();
    let t = r.total.tasks;
    assert_eq!(
        (
            t.qua_han,
            t.dang_thuc_hien,
            t.chua_den_han,
            t.dung_han,
            t.tre_han
        ),
        (2, 1, 2, 1, 0),
        "late + recurring overdue, {t:?}"
    );
    // Time passes: the same counters read later show more overdue.
    let later = s.rollup(campaign, tw, at(2024, 1, 5)).await.unwrap();
    assert_eq!(later.total.tasks.qua_han, 4);
    // The recurring task's period is done: next deadline, no longer overdue.
    s.task_complete(ACTOR, t_rec, "Đã báo cáo 6 tháng", None, at(2023, 11, 12))
        .await
        .unwrap();
    let (rec, _) = s.task(t_rec).await.unwrap().unwrap();
    assert_eq!(rec.due_at, Some(at(2024, 5, 10)));
    assert_eq!(rec.status(now), TaskStatus::ChuaDenHan);
    // Extension: request, approve → no longer overdue.
    s.task_request_extension(ACTOR, t_late, at(2023, 12, 1), "Chờ số liệu cơ sở", now)
        .await
        .unwrap();
    s.task_decide_extension(ACTOR, t_late, true, "Đồng ý", now)
        .await
        .unwrap();
    assert_eq!(
        s.task(t_late).await.unwrap().unwrap().0.due_at,
        Some(at(2023, 12, 1))
    );
    // Completion sent back, then completed late.
    s.task_complete(ACTOR, t_soon, "Xong", None, at(2023, 11, 14))
        .await
        .unwrap();
    let r = s.rollup(campaign, tw, now).await.unwrap();
    assert_eq!(r.total.tasks.dung_han, 2);
    s.task_send_back(ACTOR, t_soon, "Thiếu minh chứng", at(2023, 11, 15))
        .await
        .unwrap();
    let (sb, support) = s.task(t_soon).await.unwrap().unwrap();
    assert_eq!(sb.sent_back_reason.as_deref(), Some("Thiếu minh chứng"));
    assert_eq!(support, vec![pb]);
    s.task_complete(
        ACTOR,
        t_soon,
        "Bổ sung minh chứng",
        Some("anh.jpg"),
        at(2024, 1, 2),
    )
    .await
    .unwrap();
    let r = s.rollup(campaign, tw, now).await.unwrap();
    let t = r.total.tasks;
    assert_eq!(
        (
            t.qua_han,
            t.dang_thuc_hien,
            t.chua_den_han,
            t.dung_han,
            t.tre_han
        ),
        (0, 1, 3, 1, 1),
        "{t:?}"
    );
    assert_eq!(t.total(), 6);
    let overdue = s
        .tasks(
            &TaskFilter {
                status: Some(TaskStatus::QuaHan),
                ..Default::default()
            },
            at(2024, 3, 1),
        )
        .await
        .unwrap();
    assert_eq!(
        overdue.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![t_late, t_prog]
    );
    let within_a = s
        .tasks(
            &TaskFilter {
                within_unit: Some(pa),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
    assert_eq!(within_a.total, 4);
    assert!(within_a.items.iter().any(|t| t.id == t_none));
    assert_eq!(s.task_updates(t_soon).await.unwrap().len(), 3);
    assert!(
        s.task_accept(ACTOR, t_prog, now).await.is_err(),
        "accepting an open task is refused"
    );
    assert!(
        s.task_progress(ACTOR, t_prog, 140, "", None, now)
            .await
            .is_err()
    );
    let props = s.extracted_tasks(kl.id).await.unwrap();
    assert_eq!(props[0].section.as_deref(), Some("II.1"));

    // Reports: drafted from live figures, submitted, counted above.
    let rep = s.report_draft(ACTOR, campaign, ca1, now).await.unwrap();
    assert_eq!(rep.status, ReportStatus::Draft);
    assert!(rep.body.contains("Nghiên cứu, học tập") || rep.body.contains("học tập"));
    let figures: serde_json::Value = serde_json::from_str(&rep.figures).unwrap();
    assert_eq!(figures["members"], 10);
    s.report_edit(ACTOR, rep.id, "Báo cáo đã chỉnh sửa", now)
        .await
        .unwrap();
    s.report_submit(ACTOR, rep.id, now).await.unwrap();
    assert!(s.report_edit(ACTOR, rep.id, "x", now).await.is_err());
    let kids = s.reports_of_children(campaign, pa, now).await.unwrap();
    assert_eq!(kids.len(), 2);
    assert_eq!(kids.iter().filter(|k| k.report.is_some()).count(), 1);
    let r = s.rollup(campaign, pa, now).await.unwrap();
    assert_eq!(r.total.reports_in, 1);
    assert_eq!(
        r.children.iter().find(|c| c.unit.id == ca1).unwrap().report,
        Some(ReportStatus::Submitted)
    );

    // Inspections and commendations.
    s.inspection_create(
        ACTOR,
        &NewInspection {
            campaign_id: Some(campaign),
            inspector_unit_id: pa,
            inspected_unit_id: ca2,
            at: now,
            findings: "Chưa ban hành kế hoạch".into(),
        },
    )
    .await
    .unwrap();
    s.commendation_create(
        ACTOR,
        &NewCommendation {
            campaign_id: Some(campaign),
            unit_id: None,
            member_id: Some(members[0][0]),
            reason: "Cách làm hay".into(),
            at: now,
        },
    )
    .await
    .unwrap();
    assert_eq!(s.inspections_within(pa, 10).await.unwrap().len(), 1);
    assert_eq!(s.commendations_within(pa, 10).await.unwrap().len(), 1);
    assert!(s.commendations_within(pb, 10).await.unwrap().is_empty());

    // Accounts, web sessions, API tokens.
    let acc = s
        .account_create(
            ACTOR,
            &NewAccount {
                username: "vanthu.pa".into(),
                display_name: "Văn thư".into(),
                password_hash: "$argon2id$v=19$fake".into(),
                unit_id: pa,
                role: Role::VanThu,
                member_id: None,
            },
        )
        .await
        .unwrap();
    assert!(
        !format!("{:?}", s.account(acc).await.unwrap().unwrap()).contains("argon2"),
        "hash hidden from Debug"
    );
    s.web_session_create(acc, "tok-123", now + 3600)
        .await
        .unwrap();
    assert_eq!(
        s.web_session_account("tok-123", now)
            .await
            .unwrap()
            .unwrap()
            .id,
        acc
    );
    assert!(
        s.web_session_account("tok-123", now + 7200)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(s.web_session_account("other", now).await.unwrap().is_none());
    let tok = s
        .api_token_create(ACTOR, acc, "tích hợp", "api-secret")
        .await
        .unwrap();
    assert_eq!(
        s.api_token_account("api-secret")
            .await
            .unwrap()
            .unwrap()
            .username,
        "vanthu.pa"
    );
    s.api_token_revoke(ACTOR, tok).await.unwrap();
    assert!(s.api_token_account("api-secret").await.unwrap().is_none());
    s.account_disable(ACTOR, acc).await.unwrap();
    assert!(
        s.web_session_account("tok-123", now)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(s.accounts_within(tw).await.unwrap().len(), 1);

    // Change feed: units, documents and tasks, in order.
    let feed = s.changes_since(0, 1000).await.unwrap();
    assert!(feed.windows(2).all(|w| w[0].seq < w[1].seq));
    for kind in ["unit", "document", "task"] {
        assert!(feed.iter().any(|c| c.kind == kind), "{kind} in the feed");
    }
    let tail = s.changes_since(feed[feed.len() - 2].seq, 10).await.unwrap();
    assert_eq!(tail.len(), 1);

    // Audit: intact, then a raw edit is named.
    let AuditVerdict::Intact { entries } = s.audit_verify().await.unwrap() else {
        panic!("chain broken")
    };
    assert!(entries > 40);
    let hist = s.audit_of("task", t_soon).await.unwrap();
    assert!(hist.len() >= 4);
    let victim = hist[1].seq;
    tamper(&s, victim).await;
    match s.audit_verify().await.unwrap() {
        AuditVerdict::Broken { seq, reason } => {
            assert_eq!(seq, victim);
            assert!(reason.contains(&victim.to_string()));
        }
        other => panic!("tampering not detected: {other:?}"),
    }
    s.close().await;
}

/// Edits one audit row behind the store's back.
async fn tamper(s: &Store, seq: i64) {
    let sql = "UPDATE audit_log SET actor = 'mallory' WHERE seq = $1";
    match (s.sqlite_pool(), s.pg_pool()) {
        (Some(p), _) => {
            sqlx::query(sql).bind(seq).execute(p).await.unwrap();
        }
        (_, Some(p)) => {
            sqlx::query(sql).bind(seq).execute(p).await.unwrap();
        }
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn story_on_sqlite() {
    let db = common::sqlite("story");
    story(&db.url).await;
    db.drop_db().await;
}

#[tokio::test]
async fn story_on_postgres() {
    let Some(db) = common::pg("story").await else {
        return;
    };
    story(&db.url).await;
    db.drop_db().await;
}

/// Import of many members with one bad row in the middle leaves every
/// table exactly as it was.
async fn failed_import_changes_nothing(url: &str) {
    let s = Store::connect(url).await.unwrap();
    s.migrate().await.unwrap();
    let root = unit(&s, None, UnitKind::Central, "TW", "Trung ương").await;
    let cell = unit(&s, Some(root), UnitKind::Cell, "CB1", "Chi bộ 1").await;
    s.members_add(
        ACTOR,
        &[NewMember {
            unit_id: cell,
            name: "Trần Thị Mai".into(),
            roles: 0,
        }],
    )
    .await
    .unwrap();
    let before = s.fingerprint().await.unwrap();
    assert!(
        before
            .tables
            .iter()
            .any(|(t, n, _)| t == "members" && *n == 1)
    );
    let rows: Vec<ImportMember> = (1..=100_000u64)
        .map(|i| ImportMember {
            row: i + 1,
            unit_code: if i == 50_000 {
                "NO-SUCH".into()
            } else {
                "CB1".into()
            },
            name: format!("Đảng viên {i}"),
            roles: 0,
        })
        .collect();
    let err = s.members_import(ACTOR, &rows).await.unwrap_err();
    match &err {
        Error::Row { row, message } => {
            assert_eq!(*row, 50_001);
            assert!(message.contains("NO-SUCH"));
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(s.fingerprint().await.unwrap(), before);
    assert!(matches!(
        s.audit_verify().await.unwrap(),
        AuditVerdict::Intact { .. }
    ));
    // The same file without the bad row goes in whole.
    let good: Vec<ImportMember> = rows.into_iter().filter(|r| r.row != 50_001).collect();
    assert_eq!(s.members_import(ACTOR, &good).await.unwrap(), 99_999);
    assert_eq!(
        s.unit(root).await.unwrap().unwrap().members_subtree,
        100_000
    );
    s.close().await;
}

#[tokio::test]
async fn failed_import_changes_nothing_on_sqlite() {
    let db = common::sqlite("import");
    failed_import_changes_nothing(&db.url).await;
    db.drop_db().await;
}

#[tokio::test]
async fn failed_import_changes_nothing_on_postgres() {
    let Some(db) = common::pg("import").await else {
        return;
    };
    failed_import_changes_nothing(&db.url).await;
    db.drop_db().await;
}
