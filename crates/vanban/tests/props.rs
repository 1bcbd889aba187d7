#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties: parse never panics, and every span lies within the
//! normalised text on char boundaries.

use proptest::prelude::*;

fn spans(d: &vanban::Document) -> Vec<[usize; 2]> {
    let mut v = Vec::new();
    let h = &d.spans;
    v.extend(
        [h.number, h.doc_type, h.issuer, h.date, h.title]
            .into_iter()
            .flatten(),
    );
    for r in &d.references {
        v.extend(r.spans.iter().copied());
    }
    v.extend(d.aliases.iter().map(|a| a.span));
    v.extend(d.sections.iter().map(|s| s.span));
    v.extend(d.tasks.iter().map(|t| t.span));
    v.extend(d.events.iter().map(|e| e.span));
    v.extend(d.targets.iter().map(|t| t.span));
    v.extend(d.recipients.iter().map(|r| r.span));
    if let Some(s) = &d.signer {
        v.extend(s.span);
    }
    v
}

fn check(input: &str) {
    let p = vanban::parse(input);
    let n = vanban::normalize(input);
    for [s, e] in spans(&p.document) {
        assert!(
            s <= e && e <= n.len(),
            "span {s}..{e} outside 0..{}",
            n.len()
        );
        assert!(
            n.is_char_boundary(s) && n.is_char_boundary(e),
            "span {s}..{e} not on char boundaries"
        );
    }
    // the output always serialises
    serde_json::to_string(&p.document).unwrap();
}

const PIECES: &[&str] = &[
    "Số ",
    "Số: ",
    "57-KL/TW",
    "1234/QĐ-UBND",
    "15 /UBND-KT",
    "30/2020/NĐ-CP",
    "31-\nCTr/TW",
    "\n",
    "\n\n",
    "   ",
    "\t",
    "\x0c",
    "T/M BAN THƯỜNG VỤ",
    "KT. CHỦ TỊCH",
    "PHÓ BÍ THƯ",
    "Nguyễn Văn An",
    "Nơi nhận:",
    "- ",
    "(báo cáo)",
    "(",
    ")",
    "ngày 15 tháng 6 năm 2023",
    "15/6/2023",
    "11-10",
    "7 giờ 30 phút",
    "Điều 1.",
    "Chương I",
    "I.",
    "II-",
    "1.",
    "3.1.",
    "a)",
    "giao ",
    "chủ trì, phối hợp với ",
    "Sở Nội vụ",
    "Ban Tuyên giáo",
    ": ",
    "phấn đấu ",
    "100%",
    "Hội nghị",
    "Thời gian: ",
    "Thực hiện ",
    "Kết luận số ",
    "(sau đây viết tắt là Kết luận số 57)",
    "gọi tắt là",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "V/v ",
    "hoà",
    "uỷ",
    "e\u{301}",
    "\u{a0}",
    "\u{ad}",
    "trước ngày 30/11/2023",
    "trong quý IV/2023",
    "định kỳ 6 tháng",
    "điểm cầu",
    "Thành phần",
    "Báo cáo viên: ",
    "tại Hội trường",
    "trực tuyến",
    "|",
    "**",
    "Thứ ba, ",
    "(1) ",
    "đ",
    "Đ",
    "ẫ",
    "x",
];

fn doc_like() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..200)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn document_like_strings_keep_spans_in_bounds(s in doc_like()) {
        check(&s);
    }
}

#[test]
fn empty_and_whitespace_inputs() {
    for s in [
        "",
        " ",
        "\n\n\n",
        "\x0c",
        "Số",
        "Số:",
        "T/M",
        "Nơi nhận:",
        "%",
        "/",
        "1/",
        "-/-",
    ] {
        check(s);
    }
}
