//! `trienkhai import units|members FILE.xlsx|.csv` and `trienkhai import docs FILE|DIR`.
//!
//! Lists are all-or-nothing: every row is checked and written in one
//! transaction; the first bad row is reported with its row number (the
//! header is row 1) and nothing is written. Documents are read with vanban
//! and stored with their original bytes; importing the same bytes again
//! is a no-op.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::migrate::{DbArgs, open, runtime};

/// Largest list file accepted (a national member list as .csv is ~300 MB).
const MAX_LIST_BYTES: u64 = 1 << 30;
/// Largest document file accepted.
const MAX_DOC_BYTES: u64 = 64 << 20;
/// Who the audit log names for CLI imports.
const ACTOR: &str = "cli:import";

/// Arguments of `trienkhai import`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Units: columns code, name, kind, parent_code, abbrev (or ma, ten, cap, ma_cap_tren, viet_tat).
    Units {
        #[command(flatten)]
        db: DbArgs,
        /// A .xlsx or .csv file with a header row.
        file: PathBuf,
    },
    /// Members: columns unit_code, name, roles (or ma_don_vi, ho_ten, vai_tro).
    Members {
        #[command(flatten)]
        db: DbArgs,
        /// A .xlsx or .csv file with a header row.
        file: PathBuf,
    },
    /// Documents (.txt, .html, .docx, .pdf; legacy encodings too): read, store, link into the cascade.
    Docs {
        #[command(flatten)]
        db: DbArgs,
        /// The issuing unit's code, to link plans under their parent's plan.
        #[arg(long)]
        unit: Option<String>,
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.what {
        What::Units { db, file } => {
            let rows = read_table(&file)?;
            let units = rows
                .iter()
                .map(|(row, r)| {
                    Ok(store::ImportUnit {
                        row: *row,
                        code: field(r, &["code", "ma"])
                            .with_context(|| format!("row {row}: no unit code"))?,
                        name: field(r, &["name", "ten"])
                            .with_context(|| format!("row {row}: no name"))?,
                        kind: field(r, &["kind", "cap"])
                            .with_context(|| format!("row {row}: no kind"))?,
                        parent_code: field(r, &["parent_code", "ma_cap_tren"]),
                        abbrev: field(r, &["abbrev", "viet_tat"]).unwrap_or_default(),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            runtime()?.block_on(async {
                let s = open(&db).await?;
                let spinner = spinner(format!("importing {} units", units.len()));
                let ids = s
                    .units_import(ACTOR, &units)
                    .await
                    .context("nothing was imported")?;
                spinner.finish_and_clear();
                println!("imported {} units from {}", ids.len(), file.display());
                s.close().await;
                Ok(())
            })
        }
        What::Members { db, file } => {
            let rows = read_table(&file)?;
            let members = rows
                .iter()
                .map(|(row, r)| {
                    let roles = match field(r, &["roles", "vai_tro"]) {
                        Some(v) => v.parse::<i64>().with_context(|| {
                            format!("row {row}: roles {v:?} is not a number; nothing was imported")
                        })?,
                        None => 0,
                    };
                    Ok(store::ImportMember {
                        row: *row,
                        unit_code: field(r, &["unit_code", "ma_don_vi"]).with_context(|| {
                            format!("row {row}: no unit code; nothing was imported")
                        })?,
                        name: field(r, &["name", "ho_ten"])
                            .with_context(|| format!("row {row}: no name; nothing was imported"))?,
                        roles,
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            runtime()?.block_on(async {
                let s = open(&db).await?;
                let spinner = spinner(format!("importing {} members", members.len()));
                let n = s
                    .members_import(ACTOR, &members)
                    .await
                    .context("nothing was imported")?;
                spinner.finish_and_clear();
                println!("imported {n} members from {}", file.display());
                s.close().await;
                Ok(())
            })
        }
        What::Docs { db, unit, paths } => import_docs(&db, unit.as_deref(), &paths),
    }
}

fn spinner(msg: String) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_message(msg);
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

/// A data row: its number in the file and its values by lower-cased header.
type TableRow = (u64, HashMap<String, String>);

fn field(r: &HashMap<String, String>, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| r.get(*n))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Reads a .csv or the first sheet of a .xlsx into rows keyed by header.
fn read_table(path: &Path) -> anyhow::Result<Vec<TableRow>> {
    let meta = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.len() > MAX_LIST_BYTES {
        bail!("{} is larger than {} bytes", path.display(), MAX_LIST_BYTES);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let grid: Vec<Vec<String>> = match ext.as_str() {
        "csv" => {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .with_context(|| format!("opening {}", path.display()))?;
            let mut out = Vec::new();
            for (i, rec) in rdr.records().enumerate() {
                let rec = rec.with_context(|| {
                    format!("{}: row {} is not valid CSV", path.display(), i + 1)
                })?;
                out.push(
                    rec.iter()
                        .map(|s| s.trim_start_matches('\u{feff}').to_owned())
                        .collect(),
                );
            }
            out
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::{Reader, open_workbook_auto};
            let mut wb = open_workbook_auto(path)
                .with_context(|| format!("{} is not a readable spreadsheet", path.display()))?;
            let sheet = wb
                .sheet_names()
                .first()
                .cloned()
                .context("the workbook has no sheet")?;
            let range = wb
                .worksheet_range(&sheet)
                .with_context(|| format!("reading sheet {sheet}"))?;
            range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            calamine::Data::Float(f) if f.fract() == 0.0 => {
                                format!("{}", *f as i64)
                            }
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect()
        }
        other => bail!(
            "{}: unsupported list format {other:?} (use .xlsx or .csv)",
            path.display()
        ),
    };
    let mut it = grid.into_iter();
    let header: Vec<String> = it
        .next()
        .context("the file is empty: a header row is required")?
        .into_iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    Ok(it
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| {
            let row = (i + 2) as u64;
            (row, header.iter().cloned().zip(r).collect())
        })
        .collect())
}

fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("listing {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            out.extend(collect_files(&entries)?);
        } else if p.is_file() {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".json") && !name.starts_with('.') {
                out.push(p.clone());
            }
        } else {
            bail!("{} does not exist", p.display());
        }
    }
    Ok(out)
}

/// The document's text: any format and encoding docfile reads (.txt,
/// .html, .docx, .pdf text layer; UTF-8/16, Windows-1258, TCVN3, VNI).
fn text_of(path: &Path, bytes: &[u8]) -> anyhow::Result<String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extracted = docfile::read(bytes, name, &docfile::Options::default())
        .with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(extracted.text)
}

fn import_docs(db: &DbArgs, unit: Option<&str>, paths: &[PathBuf]) -> anyhow::Result<()> {
    let files = collect_files(paths)?;
    runtime()?.block_on(async {
        let s = open(db).await?;
        let unit_id = match unit {
            Some(code) => Some(
                s.unit_by_code(code)
                    .await?
                    .with_context(|| format!("unit code {code:?} is unknown"))?
                    .id,
            ),
            None => None,
        };
        let pb = ProgressBar::new(files.len() as u64);
        pb.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let (mut new, mut same) = (0, 0);
        for f in &files {
            pb.set_message(f.display().to_string());
            let len = std::fs::metadata(f)?.len();
            if len > MAX_DOC_BYTES {
                bail!("{} is larger than {MAX_DOC_BYTES} bytes", f.display());
            }
            let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
            let text = text_of(f, &bytes)?;
            let parsed = vanban::parse(&text);
            let model = serde_json::to_value(&parsed.document)?;
            let doc = new_document(&model, f, unit_id);
            let out = s
                .document_insert(ACTOR, &doc, &bytes)
                .await
                .with_context(|| format!("storing {}", f.display()))?;
            if out.created {
                new += 1;
            } else {
                same += 1;
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        println!("{new} documents stored, {same} already present");
        s.close().await;
        Ok(())
    })
}

/// Maps vanban's JSON (the fields of the evaluation contract) to a stored document.
pub fn new_document(
    model: &serde_json::Value,
    path: &Path,
    unit_id: Option<i64>,
) -> store::NewDocument {
    let s = |k: &str| model.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let date = |v: Option<&serde_json::Value>| {
        v.and_then(|d| d.as_str()).and_then(domain::date::parse_iso)
    };
    let mut references = Vec::new();
    let implements: Vec<String> = model
        .get("implements")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let norm: Vec<String> = implements
        .iter()
        .map(|n| domain::normalize_number(n))
        .collect();
    for r in model
        .get("references")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let Some(number) = r.get("number").and_then(|v| v.as_str()) else {
            continue;
        };
        let kind = if norm.contains(&domain::normalize_number(number)) {
            domain::RelationKind::Implements
        } else {
            domain::RelationKind::Cites
        };
        references.push(store::NewReference {
            kind,
            number: number.to_owned(),
            doc_type: r
                .get("doc_type")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            issuer: r.get("issuer").and_then(|v| v.as_str()).map(str::to_owned),
            date: date(r.get("date")),
        });
    }
    for n in &implements {
        if !references
            .iter()
            .any(|r| domain::normalize_number(&r.number) == domain::normalize_number(n))
        {
            references.push(store::NewReference {
                kind: domain::RelationKind::Implements,
                number: n.clone(),
                doc_type: None,
                issuer: None,
                date: None,
            });
        }
    }
    store::NewDocument {
        kind: s("kind").unwrap_or_else(|| "official".into()),
        number: s("number"),
        doc_type: s("doc_type"),
        issuer: s("issuer"),
        issued_at: date(model.get("date")),
        title: s("title"),
        unit_id,
        filename: path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("document")
            .to_owned(),
        model: model.clone(),
        references,
    }
}
