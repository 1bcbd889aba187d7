//! `trienkhai parse`: read documents and print what vanban understood.
//!
//! Files are read whole, decoded by `docfile`, parsed by `vanban`. Output
//! comes in input order (directories walked in sorted order) whatever the
//! number of jobs. A file that cannot be read is reported on stderr as
//! `error: <file>: <what>`; the others are still processed and the command
//! fails at the end.

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::bail;
use serde_json::Value;

/// Stack for worker threads: as much as the main thread gets, so a deep
/// document parses the same with one job or many.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// Interface language of the human summary.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

/// Arguments of `trienkhai parse`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object per file per line.
    #[arg(long)]
    json: bool,
    /// Print the decoded text of each file (with --json: add a "text" field).
    #[arg(long)]
    text: bool,
    /// Files parsed at once (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<NonZeroUsize>,
    /// Decode text in this encoding instead of detecting it (utf-8, utf-16le,
    /// utf-16be, windows-1258, tcvn3, vni).
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<docfile::Encoding>,
    /// Language of the summary.
    #[arg(long, value_enum, default_value = "vi")]
    lang: Lang,
    /// Files or directories to parse (directories are walked; hidden files
    /// and *.gold.json are skipped).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<docfile::Encoding, String> {
    s.parse().map_err(|e: docfile::Error| e.to_string())
}

/// What to print for each file.
#[derive(Clone, Copy)]
struct Mode {
    json: bool,
    text: bool,
    lang: Lang,
}

/// What became of one file: its output, or why it has none; and warnings.
struct Outcome {
    result: Result<Vec<u8>, Failure>,
    warnings: Vec<String>,
}

/// Why a file has no output.
enum Failure {
    /// The file could not be read from disk.
    Read(std::io::Error),
    /// The path is a directory that could not be walked.
    IsDir,
    /// docfile refused the file.
    Doc(docfile::Error),
    /// A library panicked (a bug).
    Panic,
    /// The output could not be written.
    Write(anyhow::Error),
}

impl Failure {
    /// The message for `error: <file>: <message>`, in the interface language.
    fn message(&self, lang: Lang) -> String {
        use docfile::Error as E;
        if lang == Lang::En {
            return match self {
                Failure::Read(e) => format!("cannot read: {e}"),
                Failure::IsDir => "is a directory".into(),
                Failure::Doc(e) => e.to_string(),
                Failure::Panic => "internal error: the parser panicked (a bug)".into(),
                Failure::Write(e) => format!("cannot write the output: {e}"),
            };
        }
        match self {
            Failure::Read(e) => format!("không đọc được tệp: {e}"),
            Failure::IsDir => "là thư mục".into(),
            Failure::Panic => "lỗi nội bộ: bộ phân tích bị dừng đột ngột (lỗi phần mềm)".into(),
            Failure::Write(e) => format!("không ghi được kết quả: {e}"),
            Failure::Doc(e) => match e {
                E::Empty => "tệp rỗng".into(),
                E::TooLarge { size, limit } => {
                    format!("tệp quá lớn: {size} byte (giới hạn {limit} byte)")
                }
                E::Binary => "dữ liệu nhị phân, không phải văn bản".into(),
                E::Unsupported(what) => format!("định dạng không hỗ trợ: {what}"),
                E::NoText => "tài liệu không có chữ".into(),
                E::CorruptDocx(why) => format!("tệp .docx hỏng: {why}"),
                E::NotDocx => "không phải tài liệu Word: tệp zip không có word/document.xml".into(),
                E::ZipBomb {
                    entry,
                    size,
                    compressed,
                    limit,
                    ratio,
                } => format!(
                    "nghi là bom zip: mục {entry} giải nén ra {size} byte từ {compressed} byte (giới hạn {limit} byte, tỉ lệ {ratio})"
                ),
                E::BadXml { part, reason } => {
                    format!("tệp .docx hỏng: XML lỗi trong {part}: {reason}")
                }
                E::CorruptDoc(why) => format!("tệp .doc hỏng: {why}"),
                E::CorruptPdf(why) => format!("tệp PDF hỏng: {why}"),
                E::PdfNoText => {
                    "PDF không có lớp chữ (ảnh quét?): cần nhận dạng chữ (OCR) trước".into()
                }
                E::PdfTimeout(d) => format!("pdftotext chạy quá {d:?}, đã dừng"),
                other => other.to_string(),
            },
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let files = collect_files(&args.paths);
    if files.is_empty() {
        match args.lang {
            Lang::En => bail!("no files to parse in the given directories"),
            Lang::Vi => bail!("không có tệp nào để phân tích trong các thư mục đã cho"),
        }
    }
    let opts = docfile::Options::default().with_encoding(args.encoding);
    let mode = Mode {
        json: args.json,
        text: args.text,
        lang: args.lang,
    };
    let jobs = args
        .jobs
        .map(NonZeroUsize::get)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
        .min(files.len().max(1));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let progress = progress_bar(files.len());
    let mut failed = 0usize;
    let mut report = |path: &Path, outcome: Outcome, out: &mut dyn Write| -> anyhow::Result<()> {
        let mut messages = Vec::new();
        for w in &outcome.warnings {
            messages.push(format!("warning: {}: {w}", path.display()));
        }
        match outcome.result {
            Ok(bytes) => out.write_all(&bytes)?,
            Err(e) => {
                failed += 1;
                messages.push(format!(
                    "error: {}: {}",
                    path.display(),
                    e.message(mode.lang)
                ));
            }
        }
        if !messages.is_empty() {
            // Keep stdout and stderr in step for readers of both.
            out.flush()?;
            let print = || {
                for m in &messages {
                    eprintln!("{m}");
                }
            };
            match &progress {
                Some(p) => p.suspend(print),
                None => print(),
            }
        }
        if let Some(p) = &progress {
            p.inc(1);
        }
        Ok(())
    };

    if jobs <= 1 {
        let mut buf = Vec::with_capacity(1 << 16);
        for path in &files {
            buf.clear();
            let (result, warnings) = process(path, &opts, mode, &mut buf);
            let outcome = Outcome {
                result: result.map(|()| std::mem::take(&mut buf)),
                warnings,
            };
            report(path, outcome, &mut out)?;
        }
    } else {
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..jobs {
                let tx = tx.clone();
                let (next, files, opts) = (&next, &files, &opts);
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = files.get(i) else { break };
                            let mut buf = Vec::new();
                            let (result, warnings) = process(path, opts, mode, &mut buf);
                            let outcome = Outcome {
                                result: result.map(|()| buf),
                                warnings,
                            };
                            if tx.send((i, outcome)).is_err() {
                                break;
                            }
                        }
                    })?;
            }
            drop(tx);
            // Print in input order: hold results that arrive early.
            let mut pending: Vec<Option<Outcome>> = (0..files.len()).map(|_| None).collect();
            let mut printed = 0;
            for (i, outcome) in rx {
                pending[i] = Some(outcome);
                while let Some(o) = pending.get_mut(printed).and_then(Option::take) {
                    report(&files[printed], o, &mut out)?;
                    printed += 1;
                }
            }
            Ok(())
        })?;
    }
    out.flush()?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if failed > 0 {
        match mode.lang {
            Lang::En => bail!("{failed} of {} files could not be read", files.len()),
            Lang::Vi => bail!("{failed}/{} tệp không đọc được", files.len()),
        }
    }
    Ok(())
}

/// A progress bar on stderr, only when a person watches it.
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if total < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} ETA {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// The files named on the command line, directories walked recursively in
/// sorted order. Hidden entries and gold annotations are skipped inside
/// directories; files named explicitly are always kept.
fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            // Unreadable directory: report it as a file that cannot be read.
            out.push(dir.to_path_buf());
            return;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let name = child
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if name.starts_with('.') || name.ends_with(".gold.json") {
                continue;
            }
            // Do not follow links to directories: they can loop.
            let is_dir = std::fs::symlink_metadata(&child).is_ok_and(|m| m.is_dir());
            if is_dir {
                walk(&child, out);
            } else {
                out.push(child);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Reads, decodes and parses one file, writing its output into `buf`.
fn process(
    path: &Path,
    opts: &docfile::Options,
    mode: Mode,
    buf: &mut Vec<u8>,
) -> (Result<(), Failure>, Vec<String>) {
    let bytes = match read_file(path) {
        Ok(b) => b,
        Err(e) => return (Err(e), Vec::new()),
    };
    let name = path.to_string_lossy();
    // The libraries never panic by design; should one, the other files
    // still get processed and this one gets a clear error.
    let run = std::panic::catch_unwind(
        || -> Result<(Vec<String>, Option<vanban::Parsed>, docfile::Extracted), Failure> {
            let extracted = docfile::read(&bytes, &name, opts).map_err(Failure::Doc)?;
            let parsed = (mode.json || !mode.text).then(|| vanban::parse(&extracted.text));
            Ok((extracted.warnings.clone(), parsed, extracted))
        },
    );
    let (warnings, parsed, extracted) = match run {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return (Err(e), Vec::new()),
        Err(_) => return (Err(Failure::Panic), Vec::new()),
    };
    let written = match &parsed {
        Some(parsed) if mode.json => write_json(buf, path, &extracted, parsed, mode.text),
        Some(parsed) => write_summary(buf, path, &extracted, parsed, mode),
        None => write_text(buf, path, &extracted),
    };
    (written.map_err(Failure::Write), warnings)
}

/// Reads a whole file, refusing one over docfile's size limit before
/// reading it.
fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let meta = std::fs::metadata(path).map_err(Failure::Read)?;
    if meta.is_dir() {
        return Err(Failure::IsDir);
    }
    if meta.len() > docfile::MAX_FILE_SIZE {
        return Err(Failure::Doc(docfile::Error::TooLarge {
            size: meta.len(),
            limit: docfile::MAX_FILE_SIZE,
        }));
    }
    std::fs::read(path).map_err(Failure::Read)
}

/// One JSON line: `{"source": …, "format": …, "encoding": …, <document>}`.
/// The document is serialised once and spliced in, without building a tree.
fn write_json(
    buf: &mut Vec<u8>,
    path: &Path,
    extracted: &docfile::Extracted,
    parsed: &vanban::Parsed,
    with_text: bool,
) -> anyhow::Result<()> {
    buf.extend_from_slice(b"{\"source\":");
    serde_json::to_writer(&mut *buf, &path.to_string_lossy())?;
    write!(
        buf,
        ",\"format\":\"{}\",\"encoding\":\"{}\"",
        extracted.format.name(),
        extracted.encoding.name()
    )?;
    if with_text {
        buf.extend_from_slice(b",\"text\":");
        serde_json::to_writer(&mut *buf, &extracted.text)?;
    }
    let start = buf.len();
    serde_json::to_writer(&mut *buf, &parsed.document)?;
    // The document is an object: turn its `{` into a `,` (or drop `{}`).
    if buf.get(start) == Some(&b'{') {
        if buf.get(start + 1) == Some(&b'}') {
            buf.truncate(start);
            buf.push(b'}');
        } else {
            buf[start] = b',';
        }
    } else {
        bail!("the document did not serialise to a JSON object");
    }
    buf.push(b'\n');
    Ok(())
}

/// The decoded text, under a header line naming the file.
fn write_text(
    buf: &mut Vec<u8>,
    path: &Path,
    extracted: &docfile::Extracted,
) -> anyhow::Result<()> {
    writeln!(
        buf,
        "==> {} ({}, {}) <==",
        path.display(),
        extracted.format,
        extracted.encoding
    )?;
    buf.extend_from_slice(extracted.text.as_bytes());
    if !extracted.text.ends_with('\n') {
        buf.push(b'\n');
    }
    Ok(())
}

/// Labels of the human summary, in Vietnamese and English.
struct Labels {
    kind_official: &'static str,
    kind_article: &'static str,
    doc_type: &'static str,
    number: &'static str,
    issuer: &'static str,
    date: &'static str,
    title: &'static str,
    author: &'static str,
    signer: &'static str,
    implements: &'static str,
    counts: [&'static str; 6],
}

const VI: Labels = Labels {
    kind_official: "văn bản",
    kind_article: "bài viết",
    doc_type: "Loại",
    number: "Số",
    issuer: "Cơ quan ban hành",
    date: "Ngày",
    title: "Trích yếu",
    author: "Tác giả",
    signer: "Người ký",
    implements: "Thực hiện",
    counts: [
        "mục",
        "nhiệm vụ",
        "sự kiện",
        "chỉ tiêu",
        "nơi nhận",
        "văn bản dẫn chiếu",
    ],
};

const EN: Labels = Labels {
    kind_official: "official document",
    kind_article: "article",
    doc_type: "Type",
    number: "Number",
    issuer: "Issuer",
    date: "Date",
    title: "Title",
    author: "Author",
    signer: "Signer",
    implements: "Implements",
    counts: [
        "sections",
        "tasks",
        "events",
        "targets",
        "recipients",
        "references",
    ],
};

/// A few lines a person can read: the document's identity and counts.
fn write_summary(
    buf: &mut Vec<u8>,
    path: &Path,
    extracted: &docfile::Extracted,
    parsed: &vanban::Parsed,
    mode: Mode,
) -> anyhow::Result<()> {
    let l = if mode.lang == Lang::En { &EN } else { &VI };
    let doc = serde_json::to_value(&parsed.document)?;
    let s = |k: &str| doc.get(k).and_then(Value::as_str).filter(|v| !v.is_empty());
    let kind = match s("kind") {
        Some("article") => l.kind_article,
        _ => l.kind_official,
    };
    writeln!(
        buf,
        "{} — {kind} ({}, {})",
        path.display(),
        extracted.format,
        extracted.encoding
    )?;
    for (label, key) in [
        (l.doc_type, "doc_type"),
        (l.number, "number"),
        (l.issuer, "issuer"),
        (l.date, "date"),
        (l.title, "title"),
        (l.author, "author"),
    ] {
        if let Some(v) = s(key) {
            writeln!(buf, "  {label}: {v}")?;
        }
    }
    if let Some(signer) = doc.get("signer").filter(|v| v.is_object()) {
        let part = |k: &str| {
            signer
                .get(k)
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
        };
        let name = part("name").unwrap_or("?");
        let extra: Vec<&str> = [part("capacity"), part("position")]
            .into_iter()
            .flatten()
            .collect();
        if extra.is_empty() {
            writeln!(buf, "  {}: {name}", l.signer)?;
        } else {
            writeln!(buf, "  {}: {name} ({})", l.signer, extra.join(", "))?;
        }
    }
    if let Some(list) = doc.get("implements").and_then(Value::as_array)
        && !list.is_empty()
    {
        let numbers: Vec<String> = list
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other
                    .get("number")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_owned(),
            })
            .collect();
        writeln!(buf, "  {}: {}", l.implements, numbers.join(", "))?;
    }
    let keys = [
        "sections",
        "tasks",
        "events",
        "targets",
        "recipients",
        "references",
    ];
    let counts: Vec<String> = keys
        .iter()
        .zip(l.counts)
        .filter_map(|(k, label)| {
            let n = doc.get(*k).and_then(Value::as_array)?.len();
            Some(format!("{n} {label}"))
        })
        .collect();
    if !counts.is_empty() {
        writeln!(buf, "  {}", counts.join(" · "))?;
    }
    Ok(())
}
