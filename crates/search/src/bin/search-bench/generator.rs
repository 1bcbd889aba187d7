//! A deterministic generator of plausible Vietnamese administrative
//! documents: types in realistic shares and lengths, numbers in party and
//! state formats, issuers from the centre down to communes, references to
//! earlier documents. All vocabulary is written here.

use search::DocumentEntry;

/// SplitMix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

pub const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Thành phố Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
];

const CITY_PROVINCES: &[&str] = &[
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
];

const COMMUNE_SYLLABLES: &[&str] = &[
    "Bình", "Sơn", "Tịnh", "Khê", "An", "Phú", "Hòa", "Thạnh", "Đức", "Tân", "Long", "Mỹ", "Hưng",
    "Thuận", "Phước", "Lộc", "Hiệp", "Nghĩa", "Thủy", "Quang", "Trung", "Đông", "Tây", "Nam",
    "Bắc", "Hải", "Vĩnh", "Xuân", "Thành", "Lợi", "Kỳ", "Châu", "Minh", "Hồng", "Lâm", "Cẩm",
    "Thái", "Quỳnh", "Diễn", "Yên",
];

/// Communes per province in the generated tree.
pub const COMMUNES_PER_PROVINCE: usize = 40;

pub fn commune_name(p: usize, c: usize) -> String {
    let a = COMMUNE_SYLLABLES[(p * 7 + c * 3) % COMMUNE_SYLLABLES.len()];
    let b = COMMUNE_SYLLABLES[(p * 11 + c * 5 + 1) % COMMUNE_SYLLABLES.len()];
    let kind = if c.is_multiple_of(5) {
        "phường"
    } else {
        "xã"
    };
    format!("{kind} {a} {b}")
}

const CENTRAL_ISSUERS: &[(&str, &str)] = &[
    ("Bộ Chính trị", "TW"),
    ("Ban Bí thư", "TW"),
    ("Ban Chấp hành Trung ương", "TW"),
    ("Ban Tuyên giáo và Dân vận Trung ương", "BTGDVTW"),
    ("Ban Tổ chức Trung ương", "BTCTW"),
    ("Ủy ban Kiểm tra Trung ương", "UBKTTW"),
    ("Văn phòng Trung ương Đảng", "VPTW"),
];

const STATE_CENTRAL: &[(&str, &str)] = &[
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Bộ Nội vụ", "BNV"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Khoa học và Công nghệ", "BKHCN"),
];

/// (type name, code, min words, max words, share in ‰, party document?)
const TYPES: &[(&str, &str, usize, usize, usize)] = &[
    ("Công văn", "CV", 60, 260, 240),
    ("Kế hoạch", "KH", 300, 1800, 180),
    ("Báo cáo", "BC", 250, 1600, 150),
    ("Thông báo", "TB", 80, 400, 100),
    ("Quyết định", "QĐ", 120, 500, 100),
    ("Hướng dẫn", "HD", 300, 1500, 60),
    ("Nghị quyết", "NQ", 400, 2200, 50),
    ("Chỉ thị", "CT", 250, 1000, 30),
    ("Kết luận", "KL", 250, 1200, 30),
    ("Chương trình", "CTr", 400, 1600, 30),
    ("Nghị định", "NĐ", 600, 2500, 15),
    ("Thông tư", "TT", 500, 2000, 15),
];

pub const TOPICS: &[&str] = &[
    "công tác thông tin đối ngoại",
    "chuyển đổi số",
    "phòng, chống thiên tai",
    "xây dựng nông thôn mới",
    "cải cách hành chính",
    "công tác cán bộ",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác dân vận",
    "phát triển kinh tế tư nhân",
    "bảo vệ môi trường",
    "giảm nghèo bền vững",
    "tuyên truyền chủ quyền biển, đảo",
    "bảo đảm an ninh, trật tự",
    "tổ chức đại hội đảng bộ các cấp",
    "công tác kiểm tra, giám sát",
    "công tác thi đua, khen thưởng",
    "giáo dục lý luận chính trị",
    "phát triển du lịch",
    "đột phá phát triển khoa học, công nghệ",
    "phát triển nguồn nhân lực",
    "chăm sóc sức khỏe nhân dân",
    "công tác dân số",
    "xây dựng tổ chức cơ sở đảng",
    "công tác phát triển đảng viên",
    "quy chế dân chủ ở cơ sở",
    "phòng cháy, chữa cháy",
    "an toàn giao thông",
    "quản lý đất đai",
    "công tác văn thư, lưu trữ",
    "sắp xếp đơn vị hành chính",
    "phát triển văn hóa, con người",
    "công tác thanh niên",
    "bình đẳng giới",
    "đào tạo, bồi dưỡng cán bộ",
];

const TITLE_VERBS: &[&str] = &[
    "về việc triển khai",
    "về tăng cường",
    "về đẩy mạnh",
    "thực hiện",
    "tổ chức hội nghị học tập, quán triệt",
    "sơ kết một năm thực hiện",
    "tổng kết công tác",
    "về nâng cao chất lượng",
    "về kiểm tra việc thực hiện",
    "về việc báo cáo kết quả",
];

const SENTENCES: &[&str] = &[
    "Các cấp ủy, tổ chức đảng tiếp tục quán triệt sâu sắc chủ trương của Đảng về {T}.",
    "{U} chủ trì, phối hợp với các cơ quan liên quan xây dựng kế hoạch cụ thể về {T}, hoàn thành trước ngày {D}.",
    "Phấn đấu đến cuối năm {Y}, {P}% cán bộ, đảng viên được nghiên cứu, học tập đầy đủ nội dung văn bản.",
    "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến, kết nối đến {N} điểm cầu cấp xã.",
    "Thực hiện {R}, {U} đã chỉ đạo các đơn vị trực thuộc triển khai đồng bộ nhiều giải pháp.",
    "Qua kiểm tra, còn {N} đơn vị chậm xây dựng kế hoạch, chất lượng báo cáo chưa cao.",
    "Tình hình {T} trên địa bàn {L} có chuyển biến tích cực, nhận thức của cán bộ, nhân dân được nâng lên.",
    "Đề nghị {U} tổng hợp kết quả, báo cáo về Ban Thường vụ trước ngày {D}.",
    "Người đứng đầu cấp ủy, chính quyền chịu trách nhiệm trực tiếp về kết quả thực hiện tại địa phương.",
    "Tăng cường ứng dụng công nghệ thông tin, cung cấp tài liệu học tập qua ứng dụng trên điện thoại.",
    "Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có mô hình mới, cách làm hay về {T}.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách năm {Y} và các nguồn huy động hợp pháp khác.",
    "Ban Tuyên giáo cấp ủy hướng dẫn, theo dõi, đôn đốc và định kỳ sáu tháng báo cáo kết quả.",
    "Ủy ban kiểm tra các cấp đưa nội dung {T} vào chương trình kiểm tra, giám sát năm {Y}.",
    "Trong kỳ, toàn {L} đã tổ chức {N} hội nghị với sự tham dự của {N} lượt cán bộ, đảng viên.",
    "Một số nơi còn biểu hiện hình thức, chưa gắn việc học tập với xây dựng chương trình hành động cụ thể.",
    "Tổ chức học bù cho đảng viên vắng mặt, bảo đảm không bỏ sót đối tượng.",
    "Các cơ quan báo chí, hệ thống loa truyền thanh cơ sở mở chuyên mục tuyên truyền về {T}.",
    "Đẩy mạnh sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả gắn với {T}.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội vận động hội viên, đoàn viên tích cực tham gia.",
    "Thời gian thực hiện từ tháng {M} năm {Y} đến hết năm {Y2}.",
    "Văn bản này thay thế các quy định trước đây trái với nội dung tại văn bản này.",
    "Giao Văn phòng cấp ủy theo dõi, tổng hợp tình hình và kịp thời báo cáo những vấn đề phát sinh.",
    "Chỉ tiêu: {P}% tổ chức cơ sở đảng xây dựng kế hoạch thực hiện đúng thời hạn.",
    "Xác định {T} là nhiệm vụ trọng tâm, thường xuyên của cả hệ thống chính trị trên địa bàn {L}.",
    "Bố trí cán bộ có năng lực, kinh nghiệm làm báo cáo viên tại các hội nghị học tập.",
    "Rà soát, bổ sung quy chế làm việc, phân công rõ người, rõ việc, rõ thời gian, rõ kết quả.",
    "Kết quả thực hiện là một trong những tiêu chí đánh giá, xếp loại tổ chức đảng và đảng viên cuối năm.",
    "Nhiều địa phương đã chủ động bàn giao mặt bằng, hoàn thành trước thời hạn.",
    "Các đơn vị gửi bản sao quyết định về Văn phòng để theo dõi, lưu hồ sơ.",
    "Đời sống vật chất, tinh thần của nhân dân từng bước được cải thiện; an ninh chính trị được giữ vững.",
    "Tiếp tục giữ vững hòa bình, ổn định, tạo môi trường thuận lợi cho phát triển kinh tế - xã hội.",
];

/// One generated document and the pieces queries are built from.
pub struct Generated {
    pub doc: DocumentEntry,
    pub code: &'static str,
    pub serial: u32,
    pub topic: &'static str,
    pub place: String,
}

/// Generates `n` documents deterministically from `seed`.
pub fn generate(n: usize, seed: u64) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let total_share: usize = TYPES.iter().map(|t| t.4).sum();
    let mut out: Vec<Generated> = Vec::with_capacity(n);
    // Earlier central documents that later ones implement ("Thực hiện ...").
    let mut central: Vec<(String, String)> = Vec::new();
    for i in 0..n {
        let mut roll = rng.below(total_share);
        let mut ti = 0;
        while roll >= TYPES[ti].4 {
            roll -= TYPES[ti].4;
            ti += 1;
        }
        let (type_name, code, min_w, max_w, _) = TYPES[ti];
        let year = 2015 + rng.below(12) as i32;
        let serial = rng.range(
            1,
            if code == "CV" || code == "QĐ" {
                4000
            } else {
                400
            },
        ) as u32;
        let topic = *rng.pick(TOPICS);
        // Level: central 8%, province 52%, commune 40%.
        let level_roll = rng.below(100);
        let p = rng.below(PROVINCES.len());
        let c = rng.below(COMMUNES_PER_PROVINCE);
        let province = PROVINCES[p];
        let is_city = CITY_PROVINCES.contains(&province);
        let party_committee = if is_city {
            "Thành ủy"
        } else {
            "Tỉnh ủy"
        };
        let state_type = matches!(code, "NĐ" | "TT");
        let (issuer, number, level, path, place) = if state_type || level_roll < 8 {
            if state_type {
                let (name, abbr) = *rng.pick(STATE_CENTRAL);
                let abbr = if code == "NĐ" { "CP" } else { abbr };
                let name = if code == "NĐ" { "Chính phủ" } else { name };
                (
                    name.to_owned(),
                    format!("{serial}/{year}/{code}-{abbr}"),
                    "central",
                    "2".to_owned(),
                    "cả nước".to_owned(),
                )
            } else {
                let (name, abbr) = *rng.pick(CENTRAL_ISSUERS);
                (
                    name.to_owned(),
                    format!("{serial}-{code}/{abbr}"),
                    "central",
                    "1".to_owned(),
                    "cả nước".to_owned(),
                )
            }
        } else if level_roll < 60 {
            let place = if is_city {
                province.to_owned()
            } else {
                format!("tỉnh {province}")
            };
            let (name, number) = match rng.below(4) {
                0 => (
                    format!("Ủy ban nhân dân {place}"),
                    format!("{serial}/{code}-UBND"),
                ),
                1 => (
                    format!("Ban Tuyên giáo {party_committee} {province}"),
                    format!("{serial}-{code}/BTGTU"),
                ),
                _ => (
                    format!("{party_committee} {province}"),
                    format!("{serial}-{code}/TU"),
                ),
            };
            (name, number, "province", format!("1/{}", p + 10), place)
        } else {
            let commune = commune_name(p, c);
            let (name, number) = match rng.below(5) {
                0 => (
                    format!("Ủy ban nhân dân {commune}"),
                    format!("{serial}/{code}-UBND"),
                ),
                1 => (
                    format!(
                        "Chi bộ thôn {}",
                        COMMUNE_SYLLABLES[rng.below(COMMUNE_SYLLABLES.len())]
                    ),
                    format!("{serial}-{code}/CB"),
                ),
                _ => (format!("Đảng ủy {commune}"), format!("{serial}-{code}/ĐU")),
            };
            (
                name,
                number,
                "commune",
                format!("1/{}/{}", p + 10, c + 100),
                format!("{commune}, tỉnh {province}"),
            )
        };
        let reference = if !central.is_empty() && rng.chance(45) {
            Some(central[rng.below(central.len())].clone())
        } else {
            None
        };
        let verb = *rng.pick(TITLE_VERBS);
        let title = match (&reference, rng.below(3)) {
            (Some((rtype, rnum)), 0) => {
                format!("{type_name} thực hiện {rtype} số {rnum} về {topic}")
            }
            _ if level == "central" => format!("{type_name} {verb} {topic}"),
            _ => format!("{type_name} {verb} {topic} trên địa bàn {place}"),
        };
        let words = rng.range(min_w, max_w);
        let mut text = String::with_capacity(words * 7);
        if let Some((rtype, rnum)) = &reference {
            text.push_str(&format!(
                "Thực hiện {rtype} số {rnum}, {issuer} ban hành {} như sau. ",
                type_name.to_lowercase()
            ));
        }
        let mut count = 0;
        let mut section = 1;
        while count < words {
            if rng.chance(12) {
                text.push_str(&format!("\n{}. ", roman(section)));
                section += 1;
            }
            let s = *rng.pick(SENTENCES);
            let filled = fill(
                s,
                &mut rng,
                topic,
                &issuer,
                &place,
                year,
                reference.as_ref().map(|r| r.1.as_str()),
            );
            count += filled.split_whitespace().count();
            text.push_str(&filled);
            text.push(' ');
        }
        let recipients = if level == "central" {
            (0..PROVINCES.len())
                .map(|p| format!("1/{}", p + 10))
                .collect()
        } else if level == "province" {
            (0..3)
                .map(|_| format!("1/{}/{}", p + 10, rng.below(COMMUNES_PER_PROVINCE) + 100))
                .collect()
        } else {
            Vec::new()
        };
        if level == "central" && matches!(code, "KL" | "NQ" | "CT" | "HD") {
            central.push((type_name.to_owned(), number.clone()));
        }
        let campaigns = if rng.chance(30) {
            vec![rng.range(1, 20) as i64]
        } else {
            Vec::new()
        };
        out.push(Generated {
            doc: DocumentEntry {
                id: i as i64 + 1,
                number: Some(number),
                doc_type: Some(type_name.to_owned()),
                issuer: Some(issuer),
                title,
                text,
                year: Some(year),
                level: Some(level.to_owned()),
                campaigns,
                unit_path: Some(path),
                recipient_paths: recipients,
            },
            code,
            serial,
            topic,
            place,
        });
    }
    out
}

fn roman(n: usize) -> &'static str {
    const R: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    R[(n - 1) % R.len()]
}

fn fill(
    template: &str,
    rng: &mut Rng,
    topic: &str,
    unit: &str,
    place: &str,
    year: i32,
    reference: Option<&str>,
) -> String {
    let mut s = template.to_owned();
    while let Some(pos) = s.find('{') {
        let Some(end) = s[pos..].find('}') else { break };
        let key = &s[pos + 1..pos + end];
        let value = match key {
            "T" => topic.to_owned(),
            "U" => unit.to_owned(),
            "L" => place.to_owned(),
            "Y" => year.to_string(),
            "Y2" => (year + 1).to_string(),
            "M" => rng.range(1, 12).to_string(),
            "D" => format!("{}/{}/{}", rng.range(1, 28), rng.range(1, 12), year),
            "P" => [80, 85, 90, 95, 100][rng.below(5)].to_string(),
            "N" => rng.range(2, 300).to_string(),
            "R" => reference.map_or_else(
                || "chỉ đạo của cấp trên".to_owned(),
                |r| format!("văn bản số {r}"),
            ),
            _ => String::new(),
        };
        s.replace_range(pos..pos + end + 1, &value);
    }
    s
}
