//! Synthetic documents for benchmarks and throughput runs: plausible Party
//! and State documents and news articles, in plain and pdftotext two-column
//! layouts, written from the formats (no real document text).

/// A tiny deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A value in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % (n.max(1) as u64)) as usize
    }
    /// One item of a slice.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len())).copied().unwrap_or("")
    }
}

const PROVINCES: &[&str] = &[
    "Nam Sơn",
    "Bắc Trung",
    "Đông Hà",
    "Tây Nguyên",
    "Hải Phong",
    "Lam Giang",
    "Thủy Nguyên",
    "Vĩnh An",
];
const UNITS: &[&str] = &[
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Văn phòng Tỉnh ủy",
    "Trường Chính trị tỉnh",
    "Báo Nam Sơn",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Các đảng ủy trực thuộc Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Sở Giáo dục và Đào tạo",
];
const SUBJECTS: &[&str] = &[
    "chuyển đổi số trong cơ quan đảng",
    "công tác dân vận trong tình hình mới",
    "phòng, chống lãng phí",
    "xây dựng Đảng về đạo đức",
    "cải cách hành chính giai đoạn 2026 - 2030",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "phát triển văn hóa đọc",
    "công tác thông tin cơ sở",
];
const PARTY_TYPES: &[(&str, &str, &str)] = &[
    ("KẾ HOẠCH", "KH", "Kế hoạch"),
    ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
    ("CHỈ THỊ", "CT", "Chỉ thị"),
    ("NGHỊ QUYẾT", "NQ", "Nghị quyết"),
    ("KẾT LUẬN", "KL", "Kết luận"),
    ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
    ("THÔNG BÁO", "TB", "Thông báo"),
    ("BÁO CÁO", "BC", "Báo cáo"),
];
const VERBS: &[&str] = &[
    "chủ trì, phối hợp với",
    "chủ động tham mưu",
    "chỉ đạo",
    "hướng dẫn, kiểm tra",
    "tổ chức quán triệt",
];
const DEADLINES: &[&str] = &[
    "trước ngày 30/11/2026",
    "trong quý IV/2026",
    "định kỳ 6 tháng",
    "hằng năm",
    "thường xuyên",
    "trước ngày 15 tháng 12 năm 2026",
];
const NAMES: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Giang",
    "Võ Thanh Hải",
];

fn para(r: &mut Rng, words: usize) -> String {
    const W: &[&str] = &[
        "nâng cao",
        "chất lượng",
        "hiệu quả",
        "công tác",
        "cán bộ",
        "đảng viên",
        "nhân dân",
        "tuyên truyền",
        "thực hiện",
        "nhiệm vụ",
        "giải pháp",
        "đồng bộ",
        "kịp thời",
        "cơ sở",
        "địa phương",
        "đơn vị",
        "trách nhiệm",
        "người đứng đầu",
        "kiểm tra",
        "giám sát",
        "phát huy",
        "vai trò",
        "tổ chức",
        "đổi mới",
        "phương thức",
        "lãnh đạo",
        "chỉ đạo",
        "thống nhất",
        "nhận thức",
        "hành động",
    ];
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(if r.below(11) == 0 { ',' } else { ' ' });
            if s.ends_with(',') {
                s.push(' ');
            }
        }
        s.push_str(r.pick(W));
    }
    s.push('.');
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
        None => s,
    }
}

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI"];

/// One synthetic document; the seed picks family, layout and content.
pub fn document(seed: u64) -> String {
    let mut r = Rng::new(seed);
    match r.below(10) {
        0..=4 => party(&mut r),
        5..=8 => state(&mut r),
        _ => article(&mut r),
    }
}

fn body(r: &mut Rng, s: &mut String, state: bool) {
    let nsec = 2 + r.below(3);
    for (i, rn) in ROMAN.iter().enumerate().take(nsec) {
        if state {
            s.push_str(&format!(
                "Điều {}. {}\n",
                i + 1,
                para(r, 5).trim_end_matches('.')
            ));
        } else {
            s.push_str(&format!(
                "{rn}. {}\n\n",
                para(r, 4).trim_end_matches('.').to_uppercase()
            ));
        }
        for j in 1..=(2 + r.below(4)) {
            let unit = r.pick(UNITS);
            let verb = r.pick(VERBS);
            let other = r.pick(UNITS);
            let dl = r.pick(DEADLINES);
            s.push_str(&format!(
                "{j}. {unit} {verb} {other} {} hoàn thành {dl}.\n",
                para(r, 12).to_lowercase().trim_end_matches('.')
            ));
            for k in 0..r.below(3) {
                let letter = ['a', 'b', 'c'].get(k).copied().unwrap_or('a');
                s.push_str(&format!("{letter}) {}\n", para(r, 18)));
            }
            for _ in 0..r.below(3) {
                s.push_str(&format!("- {}\n", para(r, 25)));
            }
            if r.below(5) == 0 {
                s.push_str(&format!(
                    "Thời gian: vào lúc {} giờ {} phút ngày {}/{}/2026, trực tiếp tại Hội trường {} và trực tuyến đến điểm cầu các xã, phường.\n",
                    7 + r.below(8),
                    ["00", "30", "15"].get(r.below(3)).copied().unwrap_or("00"),
                    1 + r.below(28),
                    1 + r.below(12),
                    r.pick(UNITS)
                ));
            }
            if r.below(6) == 0 {
                s.push_str(&format!(
                    "Phấn đấu {}% cán bộ, đảng viên được học tập, quán triệt.\n",
                    80 + r.below(21)
                ));
            }
        }
        s.push('\n');
    }
}

fn recipients_and_signer(r: &mut Rng, s: &mut String, cap: &str, pos: &str, two_col: bool) {
    let recips = [
        "- Ban Thường vụ Tỉnh ủy (để b/c),",
        "- Các sở, ban, ngành (t/h);",
        "- Các đảng ủy trực thuộc,",
        "- Lưu VT.",
    ];
    let name = r.pick(NAMES);
    if two_col {
        s.push_str(&format!("{:<48}{cap}\n", "Nơi nhận:"));
        for (i, rc) in recips.iter().enumerate() {
            let right = match i {
                0 => pos,
                _ => "",
            };
            s.push_str(&format!("{rc:<48}{right}\n"));
        }
        s.push_str(&format!("\n\n{:<48}{name}\n", ""));
    } else {
        s.push_str("Nơi nhận:\n");
        for rc in recips {
            s.push_str(rc);
            s.push('\n');
        }
        s.push_str(&format!("\n{cap}\n{pos}\n\n(Đã ký)\n\n{name}\n"));
    }
}

fn party(r: &mut Rng) -> String {
    let prov = r.pick(PROVINCES);
    let &(tl, code, _) =
        PARTY_TYPES
            .get(r.below(PARTY_TYPES.len()))
            .unwrap_or(&("KẾ HOẠCH", "KH", "Kế hoạch"));
    let num = 1 + r.below(400);
    let two_col = r.below(2) == 0;
    let mut s = String::new();
    if two_col {
        s.push_str(&format!(
            "{:<40}ĐẢNG CỘNG SẢN VIỆT NAM\n",
            format!("TỈNH ỦY {}", prov.to_uppercase())
        ));
        s.push_str(&format!("{:<40}{}\n", "*", "---------------"));
        s.push_str(&format!(
            "{:<40}{prov}, ngày {} tháng {} năm 2026\n\n",
            format!("Số {num}-{code}/TU"),
            1 + r.below(28),
            1 + r.below(12)
        ));
    } else {
        s.push_str(&format!("TỈNH ỦY {}\n*\nSố {num}- {code}/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n{prov}, ngày {} tháng {} năm 2026\n\n", prov.to_uppercase(), 1 + r.below(28), 1 + r.below(12)));
    }
    let subj = r.pick(SUBJECTS);
    s.push_str(&format!(
        "{tl}\nthực hiện Chỉ thị số {}-CT/TW ngày {}/{}/2025 của Ban Bí thư về {subj}\n\n",
        10 + r.below(50),
        1 + r.below(28),
        1 + r.below(12)
    ));
    s.push_str(&format!(
        "Thực hiện Chỉ thị số {}-CT/TW, ngày {}/{}/2025 của Ban Bí thư về {subj} (sau đây viết tắt là Chỉ thị), Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n\n",
        10 + r.below(50),
        1 + r.below(28),
        1 + r.below(12)
    ));
    body(r, &mut s, false);
    let cap = "T/M BAN THƯỜNG VỤ";
    let pos = if r.below(2) == 0 {
        "PHÓ BÍ THƯ"
    } else {
        "BÍ THƯ"
    };
    recipients_and_signer(r, &mut s, cap, pos, two_col);
    s
}

fn state(r: &mut Rng) -> String {
    let prov = r.pick(PROVINCES);
    let num = 100 + r.below(3000);
    let two_col = r.below(2) == 0;
    let cv = r.below(4) == 0;
    let mut s = String::new();
    let number = if cv {
        format!("{num}/UBND-VX")
    } else {
        format!("{num}/QĐ-UBND")
    };
    let date = format!(
        "{prov}, ngày {} tháng {} năm 2026",
        1 + r.below(28),
        1 + r.below(12)
    );
    if two_col {
        s.push_str(&format!(
            "{:<36}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
            "ỦY BAN NHÂN DÂN"
        ));
        s.push_str(&format!(
            "{:<36}Độc lập - Tự do - Hạnh phúc\n",
            format!("TỈNH {}", prov.to_uppercase())
        ));
        s.push_str(&format!("{:<36}{}\n", "-------", "---------------"));
        s.push_str(&format!("{:<36}{date}\n", format!("Số: {number}")));
    } else {
        s.push_str(&format!("ỦY BAN NHÂN DÂN\nTỈNH {}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nSố: {number}\n{date}\n", prov.to_uppercase()));
    }
    let subj = r.pick(SUBJECTS);
    if cv {
        s.push_str(&format!(
            "V/v triển khai {subj}\n\nKính gửi: Các sở, ban, ngành tỉnh.\n\n"
        ));
        s.push_str(&format!("Thực hiện Công văn số {}/BNV-CQĐP ngày {}/{}/2026 của Bộ Nội vụ, Ủy ban nhân dân tỉnh đề nghị:\n", 100 + r.below(900), 1 + r.below(28), 1 + r.below(12)));
        for _ in 0..(2 + r.below(4)) {
            s.push_str(&format!(
                "- {} {} {}\n",
                r.pick(UNITS),
                r.pick(VERBS),
                para(r, 30).to_lowercase()
            ));
        }
    } else {
        s.push_str(&format!(
            "\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch {subj}\n______\n\nỦY BAN NHÂN DÂN TỈNH {}\n\n",
            prov.to_uppercase()
        ));
        s.push_str("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n");
        s.push_str(&format!("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;\nTheo đề nghị của Giám đốc {}.\n\nQUYẾT ĐỊNH:\n", r.pick(UNITS)));
        body(r, &mut s, true);
    }
    recipients_and_signer(
        r,
        &mut s,
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        false,
    );
    let _ = two_col;
    s
}

fn article(r: &mut Rng) -> String {
    let mut s = String::new();
    let subj = r.pick(SUBJECTS);
    s.push_str(&format!(
        "Tin hoạt động\n{} triển khai {subj}\nThứ ba, {}/{}/2026 08:15\n\n",
        r.pick(UNITS),
        1 + r.below(28),
        1 + r.below(12)
    ));
    for _ in 0..(4 + r.below(6)) {
        s.push_str(&para(r, 60));
        s.push_str("\n\n");
    }
    s.push_str(&format!("Sáng {}-{}, tại Hội trường tỉnh, {} tổ chức Hội nghị quán triệt Kết luận số {}-KL/TW ngày 2/3/2026 của Bộ Chính trị.\n", 1 + r.below(28), 1 + r.below(12), r.pick(UNITS), 10 + r.below(200)));
    s.push_str(&format!("{}\nBình luận\nHọ và tên *\n", r.pick(NAMES)));
    s
}
