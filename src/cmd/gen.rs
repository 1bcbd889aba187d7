//! `trienkhai gen --scale demo|province|national`: a realistic synthetic
//! country in an empty database.
//!
//! The 34 provinces and 3,321 communes are real (an embedded copy of the
//! 2025 divisions list); below them the generator builds party committees
//! of agencies, grassroots organisations and cells, members with plausible
//! Vietnamese names, one directive with a campaign over the whole country,
//! plans (≈85 % issued, some late) linked under their parent's plan,
//! study sessions with bridge points and attendance (≈70 % coverage),
//! tasks in every status and reports. Everything is computed in memory
//! and bulk-loaded; the maintained counters are computed here the way the
//! store's incremental writes would (a test compares them with a recount).

// Index loops walk parallel per-unit arrays (parent links, counters): clearer than zips.
#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;

use anyhow::{Context, bail};
use domain::{UnitKind, date::DAY};
use indicatif::{ProgressBar, ProgressStyle};
use store::{Store, bulk::Value};

use super::migrate::{DbArgs, runtime};

/// The divisions list (34 provinces, 3,321 communes; effective 1/7/2025).
const DIVISIONS: &str = include_str!("divisions-2025.csv");
/// Rows per bulk call: one transaction each, so WAL and memory stay bounded.
const CHUNK: usize = 50_000;
/// Who the audit log names.
const ACTOR: &str = "cli:gen";

/// How big a country to make.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Two provinces, tens of thousands of members (the web demo).
    Demo,
    /// One large province (Hà Nội).
    Province,
    /// The whole country: ≥ 300,000 units, 5.6 million members.
    National,
}

/// Arguments of `trienkhai gen`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// How big a country to make.
    #[arg(long, value_enum, default_value = "demo")]
    scale: Scale,
    /// Seed of the pseudo-random choices (same seed and day, same data).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Units.
    pub units: usize,
    /// Members.
    pub members: i64,
    /// Members who attended.
    pub attended: i64,
    /// Plans issued.
    pub plans: usize,
    /// Tasks.
    pub tasks: usize,
    /// The campaign's id.
    pub campaign_id: i64,
    /// The root unit's id.
    pub root_id: i64,
    /// Seconds taken.
    pub seconds: f64,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let s = Store::connect(&args.db.db)
            .await
            .with_context(|| format!("connecting to {}", args.db.db))?;
        s.migrate().await.context("applying migrations")?;
        let sum = generate(&s, args.scale, args.seed, true).await?;
        s.close().await;
        println!("{}", serde_json::to_string(&sum)?);
        Ok(())
    })
}

/// SplitMix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// The shape of the tree at one scale.
struct Shape {
    provinces: Option<&'static [&'static str]>,
    village_cells: (i64, i64),
    orgs: (i64, i64),
    org_cells: (i64, i64),
    prov_agency_orgs: (i64, i64),
    central_agencies: usize,
    central_orgs: (i64, i64),
    members: i64,
}

fn shape(scale: Scale) -> Shape {
    match scale {
        Scale::Demo => Shape {
            provinces: Some(&["Lai Châu", "Điện Biên"]),
            village_cells: (3, 6),
            orgs: (1, 3),
            org_cells: (2, 3),
            prov_agency_orgs: (3, 6),
            central_agencies: 2,
            central_orgs: (2, 4),
            members: 30_000,
        },
        Scale::Province => Shape {
            provinces: Some(&["Thành phố Hà Nội"]),
            village_cells: (25, 50),
            orgs: (8, 14),
            org_cells: (2, 5),
            prov_agency_orgs: (40, 80),
            central_agencies: 0,
            central_orgs: (0, 0),
            members: 450_000,
        },
        Scale::National => Shape {
            provinces: None,
            village_cells: (25, 50),
            orgs: (8, 14),
            org_cells: (2, 5),
            prov_agency_orgs: (40, 80),
            central_agencies: 6,
            central_orgs: (250, 350),
            members: 5_600_000,
        },
    }
}

struct GenUnit {
    parent: Option<usize>,
    kind: UnitKind,
    code: String,
    name: String,
    abbrev: &'static str,
    depth: i64,
    /// Members directly in this unit.
    members: i64,
    /// Share of members who attend (set per commune/agency, inherited).
    attend_p: f64,
}

const CENTRAL_AGENCIES: [&str; 6] = [
    "Đảng ủy các cơ quan Đảng Trung ương",
    "Đảng ủy Chính phủ",
    "Đảng ủy Quốc hội",
    "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương",
    "Quân ủy Trung ương",
    "Đảng ủy Công an Trung ương",
];
const CENTRAL_ORG_PREFIX: [&str; 8] = [
    "Đảng bộ Vụ",
    "Chi bộ Vụ",
    "Đảng bộ Cục",
    "Đảng bộ Viện",
    "Chi bộ Văn phòng",
    "Đảng bộ Trường",
    "Đảng bộ Báo",
    "Đảng bộ Tổng công ty",
];
const DEPARTMENTS: [&str; 14] = [
    "Tài chính",
    "Xây dựng",
    "Công Thương",
    "Nông nghiệp và Môi trường",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch",
    "Nội vụ",
    "Tư pháp",
    "Dân tộc và Tôn giáo",
    "Thanh tra",
    "Ngoại vụ",
    "Kế hoạch",
];
const COMMUNE_ORGS: [&str; 14] = [
    "Chi bộ Trường Mầm non",
    "Chi bộ Trường Tiểu học",
    "Chi bộ Trường THCS",
    "Đảng bộ Trường THPT",
    "Chi bộ Trạm Y tế",
    "Chi bộ Công an",
    "Chi bộ Quân sự",
    "Chi bộ Hợp tác xã Nông nghiệp",
    "Đảng bộ Công ty Cổ phần Xây dựng",
    "Chi bộ Ủy ban Mặt trận Tổ quốc",
    "Chi bộ Ngân hàng Chính sách xã hội",
    "Chi bộ Bưu điện văn hóa",
    "Đảng bộ Bệnh viện đa khoa khu vực",
    "Chi bộ Điện lực",
];
const VILLAGES: [&str; 24] = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Tân Lập",
    "Tân Tiến",
    "Đoàn Kết",
    "Quyết Tiến",
    "Thống Nhất",
    "Hòa Bình",
    "Phú Lợi",
    "An Thịnh",
    "Bình Minh",
    "Tân Phong",
    "Cầu Đá",
    "Bản Mới",
    "Làng Cả",
    "Đồng Tâm",
    "Hưng Thịnh",
    "Thành Công",
    "Xuân Lộc",
];
const SURNAMES: [(&str, u32); 24] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 71),
    ("Hoàng", 51),
    ("Huỳnh", 30),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 20),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 10),
    ("Lương", 8),
    ("Trịnh", 8),
    ("Mai", 6),
    ("Đoàn", 6),
    ("Hà", 6),
    ("Cao", 5),
    ("Lò", 2),
];
const MIDDLE_M: [&str; 15] = [
    "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Ngọc", "Xuân", "Duy", "Quốc", "Tiến",
    "Mạnh", "Trọng", "Đình",
];
const MIDDLE_F: [&str; 14] = [
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Phương", "Kim", "Minh", "Hồng", "Thùy", "Mai",
    "Diệu", "Bích",
];
const GIVEN_M: [&str; 41] = [
    "An", "Bảo", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hiếu",
    "Hoàng", "Hùng", "Huy", "Khang", "Khánh", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam",
    "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn",
    "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
];
const GIVEN_F: [&str; 35] = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương", "Hường",
    "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quyên", "Tâm", "Thảo", "Thơm", "Thu", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Yến",
];

fn person_name(r: &mut Rng) -> String {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut x = (r.next() % total as u64) as u32;
    let mut surname = SURNAMES[0].0;
    for (s, w) in SURNAMES {
        if x < w {
            surname = s;
            break;
        }
        x -= w;
    }
    if r.chance(0.5) {
        format!("{surname} {} {}", r.pick(&MIDDLE_M), r.pick(&GIVEN_M))
    } else {
        format!("{surname} {} {}", r.pick(&MIDDLE_F), r.pick(&GIVEN_F))
    }
}

/// Lower-cases the first letter: "Phường Hoàn Kiếm" → "phường Hoàn Kiếm".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

struct Division {
    province_code: i64,
    province_name: String,
    province_city: bool,
    communes: Vec<(i64, String, String)>,
}

fn divisions() -> Vec<Division> {
    let mut out: Vec<Division> = Vec::new();
    for line in DIVISIONS.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 6 {
            continue;
        }
        let (Ok(pc), Ok(cc)) = (f[0].parse::<i64>(), f[3].parse::<i64>()) else {
            continue;
        };
        if out.last().is_none_or(|d| d.province_code != pc) {
            out.push(Division {
                province_code: pc,
                province_name: f[1].to_owned(),
                province_city: f[2].starts_with("thành phố"),
                communes: Vec::new(),
            });
        }
        if let Some(d) = out.last_mut() {
            d.communes.push((cc, f[4].to_owned(), f[5].to_owned()));
        }
    }
    out
}

/// Builds the unit tree (parents before children).
fn build_tree(sh: &Shape, r: &mut Rng) -> Vec<GenUnit> {
    let mut u: Vec<GenUnit> = Vec::new();
    let add =
        |u: &mut Vec<GenUnit>, parent: Option<usize>, kind, code: String, name: String, abbrev| {
            let depth = parent.map_or(0, |p: usize| u[p].depth + 1);
            u.push(GenUnit {
                parent,
                kind,
                code,
                name,
                abbrev,
                depth,
                members: 0,
                attend_p: 0.7,
            });
            u.len() - 1
        };
    let root = add(
        &mut u,
        None,
        UnitKind::Central,
        "TW".into(),
        "Ban Chấp hành Trung ương".into(),
        "TW",
    );
    for (i, name) in CENTRAL_AGENCIES
        .iter()
        .take(sh.central_agencies)
        .enumerate()
    {
        let a = add(
            &mut u,
            Some(root),
            UnitKind::Agency,
            format!("TW-A{}", i + 1),
            (*name).into(),
            "ĐU",
        );
        for k in 0..r.range(sh.central_orgs.0, sh.central_orgs.1) {
            let prefix = r.pick(&CENTRAL_ORG_PREFIX);
            let g = add(
                &mut u,
                Some(a),
                UnitKind::Grassroots,
                format!("TW-A{}-G{}", i + 1, k + 1),
                format!("{prefix} số {}", k + 1),
                "ĐU",
            );
            if prefix.starts_with("Đảng bộ") {
                for c in 0..r.range(sh.org_cells.0 + 1, sh.org_cells.1 + 2) {
                    add(
                        &mut u,
                        Some(g),
                        UnitKind::Cell,
                        format!("TW-A{}-G{}-C{}", i + 1, k + 1, c + 1),
                        format!("Chi bộ {} ", c + 1).trim().to_owned(),
                        "CB",
                    );
                }
            }
        }
    }
    for d in divisions() {
        if let Some(only) = sh.provinces
            && !only.contains(&d.province_name.as_str())
        {
            continue;
        }
        let short = d.province_name.trim_start_matches("Thành phố ").to_owned();
        let (pname, level) = if d.province_city {
            (format!("Thành ủy {short}"), format!("thành phố {short}"))
        } else {
            (format!("Tỉnh ủy {short}"), format!("tỉnh {short}"))
        };
        let p = add(
            &mut u,
            Some(root),
            UnitKind::Province,
            format!("P{:02}", d.province_code),
            pname,
            "TU",
        );
        let p_attend = (0.70 + (r.unit() - 0.5) * 0.3).clamp(0.4, 0.95);
        u[p].attend_p = p_attend;
        let agencies = [
            format!("Đảng ủy các cơ quan Đảng {level}"),
            format!("Đảng ủy Ủy ban nhân dân {level}"),
            format!("Đảng ủy Quân sự {level}"),
            format!("Đảng ủy Công an {level}"),
        ];
        for (ai, aname) in agencies.iter().enumerate() {
            let acode = format!("P{:02}-A{}", d.province_code, ai + 1);
            let a = add(
                &mut u,
                Some(p),
                UnitKind::Agency,
                acode.clone(),
                aname.clone(),
                "ĐU",
            );
            u[a].attend_p = (p_attend + 0.1).min(0.98);
            for k in 0..r.range(sh.prov_agency_orgs.0, sh.prov_agency_orgs.1) {
                let dept = DEPARTMENTS[(k as usize) % DEPARTMENTS.len()];
                let round = k as usize / DEPARTMENTS.len();
                let name = if round == 0 {
                    format!("Chi bộ Sở {dept}")
                } else {
                    format!("Đảng bộ Phòng {dept} {}", round + 1)
                };
                let g = add(
                    &mut u,
                    Some(a),
                    UnitKind::Grassroots,
                    format!("{acode}-G{}", k + 1),
                    name.clone(),
                    "ĐU",
                );
                u[g].attend_p = u[a].attend_p;
                if name.starts_with("Đảng bộ") || r.chance(0.5) {
                    for c in 0..r.range(sh.org_cells.0, sh.org_cells.1) {
                        let cell = add(
                            &mut u,
                            Some(g),
                            UnitKind::Cell,
                            format!("{acode}-G{}-C{}", k + 1, c + 1),
                            format!("Chi bộ phòng {}", c + 1),
                            "CB",
                        );
                        u[cell].attend_p = u[a].attend_p;
                    }
                }
            }
        }
        for (ccode, cname, ctype) in &d.communes {
            let c = add(
                &mut u,
                Some(p),
                UnitKind::Commune,
                format!("X{ccode:05}"),
                format!("Đảng ủy {}", lower_first(cname)),
                "ĐU",
            );
            let c_attend = (p_attend + (r.unit() - 0.5) * 0.3).clamp(0.3, 0.98);
            u[c].attend_p = c_attend;
            let cshort = cname
                .split_once(' ')
                .map(|(_, n)| n.to_owned())
                .unwrap_or_else(|| cname.clone());
            let cshort = cshort.trim_start_matches("khu ").to_owned();
            for k in 0..r.range(sh.village_cells.0, sh.village_cells.1) {
                let name = match ctype.as_str() {
                    "phường" => format!("Chi bộ tổ dân phố số {}", k + 1),
                    "đặc khu" => format!("Chi bộ khu dân cư số {}", k + 1),
                    _ => {
                        let v = VILLAGES[(k as usize) % VILLAGES.len()];
                        let round = k as usize / VILLAGES.len();
                        if round == 0 {
                            format!("Chi bộ thôn {v}")
                        } else {
                            format!("Chi bộ thôn {v} {}", round + 1)
                        }
                    }
                };
                let cell = add(
                    &mut u,
                    Some(c),
                    UnitKind::Cell,
                    format!("X{ccode:05}-C{}", k + 1),
                    name,
                    "CB",
                );
                u[cell].attend_p = c_attend;
            }
            for k in 0..r.range(sh.orgs.0, sh.orgs.1) {
                let t = COMMUNE_ORGS[(k as usize) % COMMUNE_ORGS.len()];
                let name = format!("{t} {cshort}");
                let g = add(
                    &mut u,
                    Some(c),
                    UnitKind::Grassroots,
                    format!("X{ccode:05}-G{}", k + 1),
                    name,
                    if t.starts_with("Chi bộ") {
                        "CB"
                    } else {
                        "ĐU"
                    },
                );
                u[g].attend_p = c_attend;
                if t.starts_with("Đảng bộ") {
                    for j in 0..r.range(sh.org_cells.0, sh.org_cells.1) {
                        let cell = add(
                            &mut u,
                            Some(g),
                            UnitKind::Cell,
                            format!("X{ccode:05}-G{}-C{}", k + 1, j + 1),
                            format!("Chi bộ {}", j + 1),
                            "CB",
                        );
                        u[cell].attend_p = c_attend;
                    }
                }
            }
        }
    }
    u
}

/// Spreads `total` members over the leaf units (cells and grassroots
/// organisations without cells), each getting 0.5–1.5× the mean.
fn assign_members(u: &mut [GenUnit], total: i64, r: &mut Rng) {
    let mut has_child = vec![false; u.len()];
    for x in u.iter() {
        if let Some(p) = x.parent {
            has_child[p] = true;
        }
    }
    let leaves: Vec<usize> = (0..u.len())
        .filter(|i| !has_child[*i] && u[*i].depth >= 2)
        .collect();
    let weights: Vec<f64> = leaves.iter().map(|_| 0.5 + r.unit()).collect();
    let sum: f64 = weights.iter().sum();
    let mut given = 0;
    for (k, (i, w)) in leaves.iter().zip(&weights).enumerate() {
        let n = if k + 1 == leaves.len() {
            total - given
        } else {
            ((total as f64) * w / sum).round() as i64
        };
        let n = n.max(1);
        u[*i].members = n;
        given += n;
    }
}

/// Loads rows produced lazily in chunks, advancing the bar.
async fn load<F>(
    s: &Store,
    pb: &ProgressBar,
    table: &'static str,
    cols: &[&str],
    n: usize,
    mut row: F,
) -> anyhow::Result<()>
where
    F: FnMut(usize) -> Vec<Value>,
{
    pb.set_message(table);
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let rows: Vec<Vec<Value>> = (start..end).map(&mut row).collect();
        s.bulk_insert(table, cols, &rows)
            .await
            .with_context(|| format!("loading {table}"))?;
        pb.inc((end - start) as u64);
        start = end;
    }
    Ok(())
}

/// Per-unit subtree counters, as `campaign_unit_stats` holds them.
#[derive(Clone, Copy, Default)]
struct Counters {
    members: i64,
    attended: i64,
    plans_expected: i64,
    plans_on_time: i64,
    plans_late: i64,
    done_on_time: i64,
    done_late: i64,
}

/// Generates a country into an empty, migrated database.
pub async fn generate(
    s: &Store,
    scale: Scale,
    seed: u64,
    progress: bool,
) -> anyhow::Result<Summary> {
    let started = std::time::Instant::now();
    if !s.is_empty().await? {
        bail!("the database already holds units: generate into an empty database");
    }
    let mut r = Rng(seed ^ 0x7472_6965_6e6b_6861);
    let sh = shape(scale);
    let mut u = build_tree(&sh, &mut r);
    assign_members(&mut u, sh.members, &mut r);
    let n = u.len();
    let id = |i: usize| (i + 1) as i64;
    let now = store::now();
    let t0 = now.div_euclid(DAY) * DAY;

    // Campaign timeline, relative to today.
    let directive_at = t0 - 150 * DAY;
    let plan_due = t0 - 90 * DAY;
    let study_due = t0 - 20 * DAY;
    let report_first_due = t0 - 60 * DAY;
    let recurrence = domain::Recurrence::Quarterly;
    let period_due = recurrence.current_due(report_first_due, now);
    let session_start = directive_at + 40 * DAY + 7 * 3600 + 1800;

    // Subtree member counts.
    let mut members_subtree: Vec<i64> = u.iter().map(|x| x.members).collect();
    for i in (1..n).rev() {
        if let Some(p) = u[i].parent {
            members_subtree[p] += members_subtree[i];
        }
    }
    let total_members: i64 = u.iter().map(|x| x.members).sum();
    let ancestors_rows: usize = u.iter().map(|x| x.depth as usize + 1).sum();

    // Plans: ≈85 % of units that owe one, some late; parents' plans first.
    let mut plan_at: Vec<Option<i64>> = vec![None; n];
    let mut plan_doc: Vec<Option<i64>> = vec![None; n];
    let mut plan_number: Vec<String> = vec![String::new(); n];
    let mut docs = 1i64; // document 1 is the directive
    for i in 1..n {
        if !u[i].kind.owes_plan() || !r.chance(0.85) {
            continue;
        }
        let parent_at = u[i].parent.and_then(|p| plan_at[p]).unwrap_or(directive_at);
        let at = if r.chance(0.12) {
            plan_due + r.range(1, 60) * DAY
        } else {
            (parent_at + r.range(2, 20) * DAY).min(plan_due)
        };
        let at = at.max(parent_at + DAY);
        plan_at[i] = Some(at);
        docs += 1;
        plan_doc[i] = Some(docs);
        plan_number[i] = format!("{}-KH/{}", r.range(1, 400), u[i].abbrev);
    }
    let plans: Vec<usize> = (0..n).filter(|i| plan_doc[*i].is_some()).collect();

    // Attendance: each member attends with the unit's probability.
    let mut attended_direct = vec![0i64; n];
    let mut att_rng = Rng(seed ^ 0x6174_7465_6e64);
    let mut attend: Vec<(usize, i64)> = Vec::new(); // (unit, count) for leaves, members in id order
    for i in 0..n {
        if u[i].members > 0 {
            let mut k = 0;
            for _ in 0..u[i].members {
                if att_rng.chance(u[i].attend_p) {
                    k += 1;
                }
            }
            attended_direct[i] = k;
            attend.push((i, k));
        }
    }
    let total_attended: i64 = attended_direct.iter().sum();

    // Sessions: one per province (bridge points at its communes and
    // agencies) and one per central agency; members attend their own.
    let mut session_of_unit: Vec<i64> = vec![0; n];
    let mut sessions: Vec<(usize, i64)> = Vec::new(); // (organiser, attended)
    for i in 1..n {
        let org =
            u[i].parent == Some(0) && matches!(u[i].kind, UnitKind::Province | UnitKind::Agency);
        if org {
            sessions.push((i, 0));
            session_of_unit[i] = sessions.len() as i64;
        } else if let Some(p) = u[i].parent {
            session_of_unit[i] = session_of_unit[p];
        }
    }
    for i in 0..n {
        let sid = session_of_unit[i];
        if sid > 0 {
            sessions[(sid - 1) as usize].1 += attended_direct[i];
        }
    }

    // Tasks: five per province/central agency from the directive, two per
    // commune from its province's plan, in every status.
    struct GenTask {
        lead: usize,
        title: String,
        due: i64,
        recurring: bool,
        progress: i64,
        completed: Option<i64>,
        doc: i64,
    }
    const DIRECTIVE_TASKS: [&str; 5] = [
        "Tổ chức nghiên cứu, học tập, quán triệt Chỉ thị đến toàn thể cán bộ, đảng viên",
        "Xây dựng chương trình, kế hoạch tuyên truyền, thông tin đối ngoại năm",
        "Kiểm tra, giám sát việc thực hiện Chỉ thị tại các tổ chức đảng trực thuộc",
        "Định kỳ báo cáo kết quả thực hiện Chỉ thị",
        "Kiện toàn đội ngũ cán bộ làm công tác thông tin đối ngoại",
    ];
    const COMMUNE_TASKS: [&str; 4] = [
        "Tổ chức hội nghị học tập cho đảng viên các chi bộ trực thuộc",
        "Tuyên truyền nội dung Chỉ thị trên hệ thống truyền thanh cơ sở",
        "Rà soát, tổ chức học bù cho đảng viên vắng mặt",
        "Báo cáo kết quả triển khai về cấp trên",
    ];
    let mut tasks: Vec<GenTask> = Vec::new();
    for i in 1..n {
        let lead_level = u[i].parent == Some(0);
        let commune = u[i].kind == UnitKind::Commune;
        if !lead_level && !commune {
            continue;
        }
        let count = if lead_level { 5 } else { 2 };
        let doc = if commune {
            u[i].parent.and_then(|p| plan_doc[p]).unwrap_or(1)
        } else {
            1
        };
        for k in 0..count {
            let title = if lead_level {
                DIRECTIVE_TASKS[k].to_owned()
            } else {
                COMMUNE_TASKS[(k + i) % COMMUNE_TASKS.len()].to_owned()
            };
            let recurring = lead_level && k == 3;
            let x = r.unit();
            let (due, progress, completed) = if recurring {
                (period_due, r.range(0, 60), None)
            } else if x < 0.30 {
                let due = t0 - r.range(10, 60) * DAY;
                (due, 100, Some(due - r.range(1, 10) * DAY))
            } else if x < 0.40 {
                let due = t0 - r.range(20, 60) * DAY;
                (due, 100, Some((due + r.range(1, 15) * DAY).min(t0 - DAY)))
            } else if x < 0.65 {
                (t0 + r.range(5, 90) * DAY, r.range(10, 90), None)
            } else if x < 0.80 {
                (t0 + r.range(10, 120) * DAY, 0, None)
            } else {
                (t0 - r.range(1, 40) * DAY, r.range(0, 80), None)
            };
            tasks.push(GenTask {
                lead: i,
                title,
                due,
                recurring,
                progress,
                completed,
                doc,
            });
        }
    }

    // Reports for the current period: 20 % submitted, 10 % drafts.
    let mut reports: Vec<(usize, bool, i64)> = Vec::new();
    for i in 1..n {
        if u[i].kind.owes_report() {
            let x = r.unit();
            if x < 0.2 {
                reports.push((i, true, t0 - r.range(0, 10) * DAY));
            } else if x < 0.3 {
                reports.push((i, false, t0 - r.range(0, 10) * DAY));
            }
        }
    }

    // Counters, exactly as the incremental writes would leave them.
    let mut c: Vec<Counters> = (0..n)
        .map(|i| Counters {
            members: u[i].members,
            attended: attended_direct[i],
            ..Default::default()
        })
        .collect();
    let mut task_open: HashMap<(usize, i64, i64), i64> = HashMap::new();
    let mut report_in = vec![0i64; n];
    for t in &tasks {
        match t.completed {
            // Done counts are folded up the tree below, with the other subtree totals.
            Some(done) if !t.recurring => {
                if done > t.due {
                    c[t.lead].done_late += 1;
                } else {
                    c[t.lead].done_on_time += 1;
                }
            }
            // Open buckets are stored per ancestor directly.
            _ => {
                let mut a = Some(t.lead);
                while let Some(x) = a {
                    *task_open
                        .entry((x, t.due, i64::from(t.progress > 0)))
                        .or_default() += 1;
                    a = u[x].parent;
                }
            }
        }
    }
    for (i, submitted, _) in &reports {
        if *submitted {
            let mut a = u[*i].parent;
            while let Some(x) = a {
                report_in[x] += 1;
                a = u[x].parent;
            }
        }
    }
    for i in (1..n).rev() {
        let Some(p) = u[i].parent else { continue };
        let ci = c[i];
        let cp = &mut c[p];
        cp.members += ci.members;
        cp.attended += ci.attended;
        cp.done_on_time += ci.done_on_time;
        cp.done_late += ci.done_late;
        cp.plans_expected += ci.plans_expected + i64::from(u[i].kind.owes_plan());
        cp.plans_on_time += ci.plans_on_time;
        cp.plans_late += ci.plans_late;
        match plan_at[i] {
            Some(at) if at > plan_due => cp.plans_late += 1,
            Some(_) => cp.plans_on_time += 1,
            None => {}
        }
    }

    let total_rows = (n * 3 + ancestors_rows) as u64
        + (total_members + total_attended * 2) as u64
        + plans.len() as u64 * 4;
    let pb = if progress {
        ProgressBar::new(total_rows)
    } else {
        ProgressBar::hidden()
    };
    pb.set_style(
        ProgressStyle::with_template("{elapsed_precise} {bar:40} {percent:>3}% {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    // Units and the closure table.
    load(
        s,
        &pb,
        "units",
        &[
            "id",
            "parent_id",
            "kind",
            "code",
            "name",
            "name_fold",
            "abbrev",
            "depth",
            "members_direct",
            "members_subtree",
            "created_at",
        ],
        n,
        |i| {
            let x = &u[i];
            vec![
                id(i).into(),
                x.parent.map(id).into(),
                x.kind.as_str().into(),
                x.code.clone().into(),
                x.name.clone().into(),
                domain::text::fold(&x.name).into(),
                x.abbrev.into(),
                x.depth.into(),
                x.members.into(),
                members_subtree[i].into(),
                now.into(),
            ]
        },
    )
    .await?;
    let mut closure: Vec<(usize, usize, i64)> = Vec::with_capacity(ancestors_rows);
    for i in 0..n {
        let mut a = Some(i);
        let mut d = 0;
        while let Some(x) = a {
            closure.push((x, i, d));
            d += 1;
            a = u[x].parent;
        }
    }
    load(
        s,
        &pb,
        "unit_ancestors",
        &["ancestor", "descendant", "depth"],
        closure.len(),
        |k| {
            let (a, dsc, d) = closure[k];
            vec![id(a).into(), id(dsc).into(), d.into()]
        },
    )
    .await?;
    drop(closure);

    // Members, unit by unit; the first `attended_direct` of each unit attended.
    let mut member_unit: Vec<u32> = Vec::with_capacity(total_members as usize);
    for i in 0..n {
        for _ in 0..u[i].members {
            member_unit.push(i as u32);
        }
    }
    let mut name_rng = Rng(seed ^ 0x6e61_6d65);
    load(
        s,
        &pb,
        "members",
        &["id", "unit_id", "name", "name_fold", "roles", "created_at"],
        member_unit.len(),
        |k| {
            let name = person_name(&mut name_rng);
            let roles = if name_rng.chance(0.03) {
                domain::member_roles::SECRETARY
            } else {
                0
            };
            let fold = domain::text::fold(&name);
            vec![
                (k as i64 + 1).into(),
                id(member_unit[k] as usize).into(),
                name.into(),
                fold.into(),
                roles.into(),
                now.into(),
            ]
        },
    )
    .await?;

    // The directive, the plans and their relations.
    let directive_number = "45-CT/TW";
    let directive_text = format!(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố {directive_number}\nHà Nội, ngày {}\nCHỈ THỊ\ncủa Ban Bí thư về tăng cường công tác thông tin đối ngoại trong tình hình mới\n(văn bản mẫu do trienkhai sinh ra)\n",
        domain::date::format_vi(directive_at)
    );
    let mut blob_rows: Vec<Vec<Value>> = Vec::new();
    let mut doc_rows: Vec<Vec<Value>> = Vec::new();
    let mut rel_rows: Vec<Vec<Value>> = Vec::new();
    let doc_cols = [
        "id",
        "sha256",
        "kind",
        "number",
        "number_norm",
        "doc_type",
        "issuer",
        "issued_at",
        "title",
        "unit_id",
        "filename",
        "model",
        "created_at",
        "created_by",
    ];
    let mut push_doc = |doc_id: i64,
                        text: String,
                        number: &str,
                        doc_type: &str,
                        issuer: &str,
                        at: i64,
                        title: String,
                        unit: i64,
                        implements: Option<&str>| {
        let bytes = text.into_bytes();
        let sha = store::sha256_hex(&bytes);
        let model = serde_json::json!({
            "kind": "official", "number": number, "doc_type": doc_type, "issuer": issuer,
            "date": domain::date::format_iso(at), "title": title,
            "implements": implements.map(|x| vec![x]).unwrap_or_default(),
        });
        blob_rows.push(vec![
            sha.clone().into(),
            Value::Bytes(bytes.clone()),
            (bytes.len() as i64).into(),
        ]);
        doc_rows.push(vec![
            doc_id.into(),
            sha.into(),
            "official".into(),
            number.into(),
            domain::normalize_number(number).into(),
            doc_type.into(),
            issuer.into(),
            at.into(),
            title.into(),
            unit.into(),
            format!("{}.txt", number.replace('/', "_")).into(),
            model.to_string().into(),
            now.into(),
            ACTOR.into(),
        ]);
    };
    push_doc(
        1,
        directive_text,
        directive_number,
        "Chỉ thị",
        "Ban Bí thư",
        directive_at,
        "về tăng cường công tác thông tin đối ngoại trong tình hình mới".into(),
        1,
        None,
    );
    let mut plan_rows: Vec<Vec<Value>> = Vec::new();
    for (k, i) in plans.iter().enumerate() {
        let i = *i;
        let (Some(doc_id), Some(at)) = (plan_doc[i], plan_at[i]) else {
            continue;
        };
        let parent = u[i].parent.filter(|p| plan_doc[*p].is_some());
        let (parent_doc, parent_number) = match parent {
            Some(p) => (plan_doc[p].unwrap_or(1), plan_number[p].clone()),
            None => (1, directive_number.to_owned()),
        };
        let text = format!(
            "{}\nSố {}\n{}, ngày {}\nKẾ HOẠCH\nthực hiện Chỉ thị số {directive_number} của Ban Bí thư\nThực hiện Chỉ thị số {directive_number} và Kế hoạch số {parent_number}, {} ban hành kế hoạch như sau.\n",
            u[i].name.to_uppercase(),
            plan_number[i],
            u[i].name,
            domain::date::format_vi(at),
            u[i].name
        );
        push_doc(
            doc_id,
            text,
            &plan_number[i],
            "Kế hoạch",
            &u[i].name,
            at,
            format!("thực hiện Chỉ thị số {directive_number} của Ban Bí thư"),
            id(i),
            Some(&parent_number),
        );
        rel_rows.push(vec![
            (k as i64 + 1).into(),
            doc_id.into(),
            "implements".into(),
            domain::normalize_number(&parent_number).into(),
            Value::Null,
            Value::Null,
            Value::Null,
            parent_doc.into(),
        ]);
        plan_rows.push(vec![
            1i64.into(),
            id(i).into(),
            doc_id.into(),
            parent_doc.into(),
            at.into(),
        ]);
    }
    s.bulk_insert("blobs", &["sha256", "bytes", "size"], &blob_rows)
        .await?;
    pb.inc(blob_rows.len() as u64);
    drop(blob_rows);
    for chunk in doc_rows.chunks(CHUNK / 5) {
        s.bulk_insert("documents", &doc_cols, chunk).await?;
    }
    pb.inc(doc_rows.len() as u64);
    let n_docs = doc_rows.len();
    drop(doc_rows);
    s.bulk_insert(
        "doc_relations",
        &[
            "id",
            "from_doc",
            "kind",
            "ref_number",
            "ref_type",
            "ref_issuer",
            "ref_date",
            "to_doc",
        ],
        &rel_rows,
    )
    .await?;
    s.bulk_insert(
        "campaigns",
        &[
            "id",
            "name",
            "document_id",
            "scope_unit_id",
            "plan_due",
            "study_due",
            "coverage_target",
            "report_recurrence",
            "report_first_due",
            "created_at",
            "created_by",
        ],
        &[vec![
            1i64.into(),
            format!("Triển khai Chỉ thị số {directive_number} của Ban Bí thư").into(),
            1i64.into(),
            1i64.into(),
            plan_due.into(),
            study_due.into(),
            90i64.into(),
            recurrence.as_str().into(),
            report_first_due.into(),
            (directive_at + 5 * DAY).into(),
            ACTOR.into(),
        ]],
    )
    .await?;
    s.bulk_insert(
        "plans",
        &[
            "campaign_id",
            "unit_id",
            "document_id",
            "parent_document_id",
            "issued_at",
        ],
        &plan_rows,
    )
    .await?;
    pb.inc(plan_rows.len() as u64 * 2);

    // Counters.
    load(
        s,
        &pb,
        "campaign_unit_stats",
        &[
            "campaign_id",
            "unit_id",
            "members",
            "attended",
            "plans_expected",
            "plans_on_time",
            "plans_late",
            "tasks_done_on_time",
            "tasks_done_late",
        ],
        n,
        |i| {
            let x = c[i];
            vec![
                1i64.into(),
                id(i).into(),
                x.members.into(),
                x.attended.into(),
                x.plans_expected.into(),
                x.plans_on_time.into(),
                x.plans_late.into(),
                x.done_on_time.into(),
                x.done_late.into(),
            ]
        },
    )
    .await?;
    let open_rows: Vec<Vec<Value>> = task_open
        .iter()
        .map(|((unit, due, started), k)| {
            vec![
                1i64.into(),
                id(*unit).into(),
                (*due).into(),
                (*started).into(),
                (*k).into(),
            ]
        })
        .collect();
    s.bulk_insert(
        "campaign_task_open",
        &["campaign_id", "unit_id", "due_at", "started", "n"],
        &open_rows,
    )
    .await?;
    let report_stat_rows: Vec<Vec<Value>> = (0..n)
        .filter(|i| report_in[*i] > 0)
        .map(|i| {
            vec![
                1i64.into(),
                id(i).into(),
                period_due.into(),
                report_in[i].into(),
            ]
        })
        .collect();
    s.bulk_insert(
        "campaign_report_stats",
        &["campaign_id", "unit_id", "period_due", "reports_in"],
        &report_stat_rows,
    )
    .await?;

    // Sessions, bridge points, attendance and first attendances.
    let session_rows: Vec<Vec<Value>> = sessions
        .iter()
        .enumerate()
        .map(|(k, (org, att))| {
            vec![
                (k as i64 + 1).into(),
                1i64.into(),
                id(*org).into(),
                format!("Hội nghị nghiên cứu, học tập, quán triệt Chỉ thị số {directive_number}")
                    .into(),
                session_start.into(),
                (session_start + 3 * 3600 + 1800).into(),
                "both".into(),
                format!("Hội trường {}", u[*org].name).into(),
                "Đồng chí Bí thư".into(),
                serde_json::json!([
                    "Ủy viên Ban Chấp hành",
                    "Bí thư các chi bộ",
                    "Toàn thể đảng viên"
                ])
                .to_string()
                .into(),
                Value::Null,
                (*att).into(),
                directive_at.into(),
            ]
        })
        .collect();
    s.bulk_insert(
        "study_sessions",
        &[
            "id",
            "campaign_id",
            "organiser_unit_id",
            "title",
            "starts_at",
            "ends_at",
            "mode",
            "venue",
            "presenter",
            "participant_groups",
            "makeup_of",
            "attended",
            "created_at",
        ],
        &session_rows,
    )
    .await?;
    let mut bp_rows: Vec<Vec<Value>> = Vec::new();
    for i in 1..n {
        if let Some(p) = u[i].parent
            && session_of_unit[p] > 0
            && u[p].parent == Some(0)
            && u[p].kind == UnitKind::Province
        {
            bp_rows.push(vec![
                (bp_rows.len() as i64 + 1).into(),
                session_of_unit[p].into(),
                id(i).into(),
                format!("Điểm cầu {}", u[i].name).into(),
                members_subtree[i].into(),
            ]);
        }
    }
    s.bulk_insert(
        "bridge_points",
        &["id", "session_id", "unit_id", "name", "expected"],
        &bp_rows,
    )
    .await?;
    let mut att_members: Vec<(i64, i64)> = Vec::with_capacity(total_attended as usize); // (member, session)
    let mut next_member = 1i64;
    for i in 0..n {
        let m = u[i].members;
        for k in 0..m {
            if k < attended_direct[i] {
                att_members.push((next_member + k, session_of_unit[i]));
            }
        }
        next_member += m;
    }
    let methods = [
        "qr", "qr", "qr", "qr", "qr", "qr", "qr", "list", "list", "manual",
    ];
    let mut mrng = Rng(seed ^ 0x6d65_7468);
    load(
        s,
        &pb,
        "attendance",
        &["session_id", "member_id", "method", "at"],
        att_members.len(),
        |k| {
            let (m, sid) = att_members[k];
            vec![
                sid.into(),
                m.into(),
                (*mrng.pick(&methods)).into(),
                (session_start + mrng.range(0, 3 * 3600)).into(),
            ]
        },
    )
    .await?;
    load(
        s,
        &pb,
        "campaign_attendees",
        &["campaign_id", "member_id"],
        att_members.len(),
        |k| vec![1i64.into(), att_members[k].0.into()],
    )
    .await?;
    drop(att_members);

    // Tasks and their history.
    let task_rows: Vec<Vec<Value>> = tasks
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let state = match t.completed {
                Some(_) if !t.recurring => "done",
                _ => "open",
            };
            vec![
                (k as i64 + 1).into(),
                1i64.into(),
                t.doc.into(),
                Value::Null,
                t.title.clone().into(),
                id(t.lead).into(),
                t.due.into(),
                if t.recurring {
                    Value::from(recurrence.as_str())
                } else {
                    Value::Null
                },
                state.into(),
                t.progress.into(),
                t.completed.into(),
                Value::Null,
                Value::Null,
                Value::Null,
                (directive_at + 10 * DAY).into(),
                t.completed.unwrap_or(directive_at + 10 * DAY).into(),
            ]
        })
        .collect();
    s.bulk_insert(
        "tasks",
        &[
            "id",
            "campaign_id",
            "document_id",
            "section",
            "title",
            "lead_unit_id",
            "due_at",
            "recurrence",
            "state",
            "progress",
            "completed_at",
            "extension_until",
            "extension_reason",
            "sent_back_reason",
            "created_at",
            "updated_at",
        ],
        &task_rows,
    )
    .await?;
    let update_rows: Vec<Vec<Value>> = tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.progress > 0)
        .map(|(k, t)| {
            let (kind, note) = if t.completed.is_some() {
                ("complete", "Đã hoàn thành, gửi kèm minh chứng")
            } else {
                ("progress", "Đang triển khai theo kế hoạch")
            };
            vec![
                (k as i64 + 1).into(),
                t.completed.unwrap_or(t0 - 3 * DAY).into(),
                ACTOR.into(),
                kind.into(),
                t.progress.into(),
                note.into(),
                Value::Null,
            ]
        })
        .collect();
    s.bulk_insert(
        "task_updates",
        &[
            "task_id", "at", "actor", "kind", "progress", "note", "evidence",
        ],
        &update_rows,
    )
    .await?;

    // Reports.
    let report_rows: Vec<Vec<Value>> = reports
        .iter()
        .map(|(i, submitted, at)| {
            let x = c[*i];
            let figures = serde_json::json!({"members": x.members, "attended": x.attended, "plans_on_time": x.plans_on_time, "plans_late": x.plans_late});
            vec![
                1i64.into(), id(*i).into(), period_due.into(), figures.to_string().into(),
                format!("Báo cáo kết quả triển khai Chỉ thị số {directive_number} của {}.", u[*i].name).into(),
                if *submitted { "submitted" } else { "draft" }.into(),
                if *submitted { Value::Int(*at) } else { Value::Null }, (*at).into(), (*at).into(),
            ]
        })
        .collect();
    s.bulk_insert(
        "reports",
        &[
            "campaign_id",
            "unit_id",
            "period_due",
            "figures",
            "body",
            "status",
            "submitted_at",
            "created_at",
            "updated_at",
        ],
        &report_rows,
    )
    .await?;

    // The change feed: units, documents and tasks for indexers.
    let changes: Vec<(&str, i64)> = (0..n)
        .map(|i| ("unit", id(i)))
        .chain((1..=n_docs as i64).map(|d| ("document", d)))
        .chain((1..=tasks.len() as i64).map(|t| ("task", t)))
        .collect();
    load(
        s,
        &pb,
        "changes",
        &["seq", "kind", "entity_id", "op", "at"],
        changes.len(),
        |k| {
            vec![
                (k as i64 + 1).into(),
                changes[k].0.into(),
                changes[k].1.into(),
                "insert".into(),
                now.into(),
            ]
        },
    )
    .await?;

    pb.set_message("indexes and statistics");
    s.bulk_finish().await?;
    let summary = Summary {
        units: n,
        members: total_members,
        attended: total_attended,
        plans: plans.len(),
        tasks: tasks.len(),
        campaign_id: 1,
        root_id: 1,
        seconds: started.elapsed().as_secs_f64(),
    };
    s.audit_note(
        ACTOR,
        "database",
        0,
        "generate",
        &serde_json::json!({"scale": format!("{scale:?}"), "seed": seed, "summary": summary}),
    )
    .await?;
    pb.finish_and_clear();
    Ok(summary)
}
