//! `trienkhai demo`: a fresh demo database with a generated country (two
//! provinces, tens of thousands of members, a campaign with realistic
//! progress), the bundled sample cascade of documents, a study session open
//! for check-in now, and one account per role; then the web app until
//! Ctrl-C. `demo --print` shows the sample cascade as a tree instead.

use std::{collections::HashMap, net::SocketAddr, path::PathBuf};

use anyhow::Context;
use domain::{Role, SessionMode};
use serde_json::Value;
use store::{NewAccount, NewBridgePoint, NewSession, Store};

/// The sample cascade built into the binary: `(file name, text)`, in
/// cascade order (parents first).
const SAMPLES: &[(&str, &str)] = &[
    (
        "01_chithi_08-CT-TW.txt",
        include_str!("../../samples/cascade/01_chithi_08-CT-TW.txt"),
    ),
    (
        "02_huongdan_25-HD-BTGDVTW.txt",
        include_str!("../../samples/cascade/02_huongdan_25-HD-BTGDVTW.txt"),
    ),
    (
        "03_kehoach_86-KH-TU_bacninh.txt",
        include_str!("../../samples/cascade/03_kehoach_86-KH-TU_bacninh.txt"),
    ),
    (
        "04_kehoach_42-KH-DU_xa_lucnam.txt",
        include_str!("../../samples/cascade/04_kehoach_42-KH-DU_xa_lucnam.txt"),
    ),
    (
        "05_quyetdinh_1468-QD-UBND_bacninh.txt",
        include_str!("../../samples/cascade/05_quyetdinh_1468-QD-UBND_bacninh.txt"),
    ),
    (
        "06_baocao_58-BC-DU_xa_lucnam.txt",
        include_str!("../../samples/cascade/06_baocao_58-BC-DU_xa_lucnam.txt"),
    ),
];

/// The demo accounts' password (printed at start; a demo, not a deployment).
pub const DEMO_PASSWORD: &str = "trienkhai";

/// Arguments of `trienkhai demo`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to create the demo database (a file path; default: a new temporary directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Only print the bundled sample cascade as a tree, and exit.
    #[arg(long)]
    pub print: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.print {
        print!("{}", render_tree(SAMPLES));
        return Ok(());
    }
    let path = match args.db {
        Some(p) => p,
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let dir =
                std::env::temp_dir().join(format!("trienkhai-demo-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            dir.join("demo.db")
        }
    };
    if path.exists() {
        anyhow::bail!(
            "{} already exists: the demo makes a fresh database (give another --db)",
            path.display()
        );
    }
    let url = format!("sqlite://{}", path.display());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        eprintln!(
            "trienkhai demo: generating a country into {} …",
            path.display()
        );
        let summary =
            crate::cmd::r#gen::generate(&store, crate::cmd::r#gen::Scale::Demo, 1, true).await?;
        let placed = import_samples(&store, summary.root_id).await?;
        let accounts = seed(&store, summary.root_id, summary.campaign_id).await?;
        println!();
        println!(
            "trienkhai demo — {} đơn vị, {} đảng viên, {} văn bản mẫu",
            summary.units, summary.members, placed
        );
        println!("  Mở trình duyệt / open: http://{}/", args.listen);
        println!("  Đăng nhập / sign in (mật khẩu / password: {DEMO_PASSWORD}):");
        for (user, role, unit) in &accounts {
            println!("    {user:<11} {role:<12} {unit}");
        }
        println!("  Cơ sở dữ liệu / database: {}", path.display());
        println!("  Ctrl-C để dừng / to stop.");
        let index = path.with_extension("index");
        crate::cmd::serve::serve(store, args.listen, false, Some(index)).await
    })
}

/// Imports the sample cascade (parsed by vanban, linked by the store);
/// returns how many documents were stored.
async fn import_samples(store: &Store, root: i64) -> anyhow::Result<usize> {
    let mut n = 0;
    for (name, text) in SAMPLES {
        let u = web::ingest::understand_now(text.as_bytes(), name)
            .map_err(|e| anyhow::anyhow!("sample {name}: {e}"))?;
        // Central documents belong to the root; others come from bodies
        // outside the generated tree (Bắc Ninh is not in the demo country).
        let unit = name
            .starts_with("01_")
            .then_some(root)
            .or(name.starts_with("02_").then_some(root));
        let doc = web::ingest::new_document_from_model(u.model, (*name).to_owned(), unit);
        store.document_insert("demo", &doc, text.as_bytes()).await?;
        n += 1;
    }
    Ok(n)
}

/// Demo accounts (one per role) and a study session open for check-in now.
async fn seed(
    store: &Store,
    root: i64,
    campaign: i64,
) -> anyhow::Result<Vec<(String, &'static str, String)>> {
    let province = store
        .unit_children(root)
        .await?
        .into_iter()
        .find(|u| u.kind == domain::UnitKind::Province)
        .context("the generated country has no province")?;
    let commune = store
        .unit_children(province.id)
        .await?
        .into_iter()
        .find(|u| u.kind == domain::UnitKind::Commune)
        .context("the province has no commune")?;
    let cell = store
        .unit_children(commune.id)
        .await?
        .into_iter()
        .find(|u| u.members_direct > 0)
        .context("the commune has no cell with members")?;
    let member = store
        .members_of(cell.id, None, 0, 1)
        .await?
        .items
        .into_iter()
        .next();
    let hash =
        web::auth::password::hash(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
    let plan: [(&str, Role, &store::Unit); 5] = [
        ("quantri", Role::QuanTri, &province),
        ("lanhdao", Role::LanhDao, &province),
        ("chuyenvien", Role::ChuyenVien, &province),
        ("vanthu", Role::VanThu, &commune),
        ("dangvien", Role::DangVien, &cell),
    ];
    let root_unit = store.unit(root).await?.context("no root unit")?;
    let mut out = Vec::new();
    for (user, role, unit) in plan {
        // The administrator and the leader sit at the centre and see everything.
        let unit = if matches!(role, Role::QuanTri | Role::LanhDao) {
            &root_unit
        } else {
            unit
        };
        store
            .account_create(
                "demo",
                &NewAccount {
                    username: user.into(),
                    display_name: match role {
                        Role::DangVien => member
                            .as_ref()
                            .map(|m| m.name.clone())
                            .unwrap_or_else(|| "Đảng viên".into()),
                        _ => format!("{} {}", role.label_vi(), unit.name),
                    },
                    password_hash: hash.clone(),
                    unit_id: unit.id,
                    role,
                    member_id: if role == Role::DangVien {
                        member.as_ref().map(|m| m.id)
                    } else {
                        None
                    },
                },
            )
            .await?;
        out.push((user.to_owned(), role.label_vi(), unit.name.clone()));
    }
    let now = store::now();
    let bridges = store.unit_children(province.id).await?;
    store
        .session_create(
            "demo",
            &NewSession {
                campaign_id: Some(campaign),
                organiser_unit_id: province.id,
                title: format!("Hội nghị học bù, quán triệt Chỉ thị — {}", province.name),
                starts_at: now - 1800,
                ends_at: now + 4 * 3600,
                mode: SessionMode::Both,
                venue: format!("Hội trường {}", province.name),
                presenter: "Đồng chí Trưởng Ban Tuyên giáo và Dân vận".into(),
                participant_groups: vec![
                    "Đảng viên chưa tham gia hội nghị lần trước".into(),
                    "Bí thư các chi bộ".into(),
                ],
                makeup_of: None,
                bridge_points: bridges
                    .iter()
                    .take(12)
                    .map(|u| NewBridgePoint {
                        unit_id: u.id,
                        name: format!("Điểm cầu {}", u.name),
                        expected: u.members_subtree / 10,
                    })
                    .collect(),
            },
        )
        .await?;
    Ok(out)
}

/// One parsed document of the cascade.
struct Node {
    name: String,
    doc: Value,
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("—")
}

fn number_key(n: &str) -> String {
    n.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Parses `docs` and renders them as a cascade tree: a document is placed
/// under the first document of the set that it says it carries out.
pub fn render_tree(docs: &[(&str, &str)]) -> String {
    let nodes: Vec<Node> = docs
        .iter()
        .map(|(name, text)| Node {
            name: (*name).to_string(),
            doc: serde_json::to_value(vanban::parse(text).document).unwrap_or(Value::Null),
        })
        .collect();
    let by_number: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            n.doc
                .get("number")
                .and_then(Value::as_str)
                .map(|x| (number_key(x), i))
        })
        .collect();
    let parent: Vec<Option<usize>> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            n.doc
                .get("implements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|x| {
                    x.as_str()
                        .or_else(|| x.get("number").and_then(Value::as_str))
                })
                .filter_map(|x| by_number.get(&number_key(x)).copied())
                .find(|&p| p != i)
        })
        .collect();
    let mut out = String::new();
    out.push_str("Chuỗi văn bản mẫu (sample cascade)\n");
    for (i, p) in parent.iter().enumerate() {
        if p.is_none() {
            render_node(&nodes, &parent, i, 0, &mut out);
        }
    }
    out
}

fn render_node(nodes: &[Node], parent: &[Option<usize>], i: usize, depth: usize, out: &mut String) {
    use std::fmt::Write;
    let pad = "    ".repeat(depth);
    let d = &nodes[i].doc;
    let _ = writeln!(
        out,
        "{pad}{} {} — {} ({}, {})",
        s(d, "doc_type"),
        s(d, "number"),
        s(d, "issuer"),
        s(d, "date"),
        nodes[i].name
    );
    let implements: Vec<&str> = d
        .get("implements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| {
            x.as_str()
                .or_else(|| x.get("number").and_then(Value::as_str))
        })
        .collect();
    if !implements.is_empty() {
        let _ = writeln!(out, "{pad}  thực hiện: {}", implements.join(", "));
    }
    for t in d
        .get("tasks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let leads: Vec<&str> = t
            .get("lead")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let deadline = match t.get("deadline") {
            Some(Value::String(x)) => x.clone(),
            Some(Value::Object(o)) => o
                .get("text")
                .or_else(|| o.get("date"))
                .and_then(Value::as_str)
                .unwrap_or("—")
                .to_string(),
            _ => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "{pad}  nhiệm vụ: {} (hạn: {deadline})",
            leads.join("; ")
        );
    }
    for e in d
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let _ = writeln!(
            out,
            "{pad}  {}: {} {} tại {} ({})",
            if s(e, "kind") == "study_session" {
                "học tập"
            } else {
                "hội nghị"
            },
            s(e, "date"),
            s(e, "time"),
            s(e, "venue"),
            s(e, "mode")
        );
    }
    for (c, p) in parent.iter().enumerate() {
        if *p == Some(i) {
            render_node(nodes, parent, c, depth + 1, out);
        }
    }
}
