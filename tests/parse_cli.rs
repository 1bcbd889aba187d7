#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `trienkhai parse` through the built binary: every encoding and format it
//! reads, the hostile inputs it must refuse with a clear error, and the
//! command's own behaviour (order, jobs, exit code).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_trienkhai");

/// A sample written for these tests (not from any real document).
const SAMPLE: &str = "ĐẢNG CỘNG SẢN VIỆT NAM\n\
Số 12-KH/ĐU\n\
Phường Hòa Bình, ngày 3 tháng 4 năm 2025\n\
KẾ HOẠCH\n\
học tập, quán triệt Nghị quyết của Đảng ủy về chuyển đổi số\n\
Thực hiện Hướng dẫn số 9-HD/ĐU, Ban Thường vụ giao các chi bộ tổ chức học tập; \
phấn đấu 100% đảng viên được học tập. Ủy ban nhân dân phường phối hợp thực hiện.\n";

/// A fresh empty directory for one test.
fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "trienkhai-parse-{}-{tag}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    let out = Command::new(BIN)
        .arg("parse")
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The decoded text `parse --text` prints for one file (after its header).
fn decoded(path: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["--text"];
    args.extend_from_slice(extra);
    let o = run(&args, &[path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let (header, body) = out.split_once('\n').unwrap();
    (header.to_owned(), body.to_owned())
}

/// Windows-1258 writes tone marks as combining characters after the letter.
fn to_cp1258(text: &str) -> Vec<u8> {
    let table = [
        ("àáảãạ", 'a'),
        ("ằắẳẵặ", 'ă'),
        ("ầấẩẫậ", 'â'),
        ("èéẻẽẹ", 'e'),
        ("ềếểễệ", 'ê'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọ", 'o'),
        ("ồốổỗộ", 'ô'),
        ("ờớởỡợ", 'ơ'),
        ("ùúủũụ", 'u'),
        ("ừứửữự", 'ư'),
        ("ỳýỷỹỵ", 'y'),
    ];
    let marks = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
    let mut split = String::new();
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap();
        let found = table
            .iter()
            .find_map(|(toned, base)| toned.chars().position(|t| t == lower).map(|i| (*base, i)));
        match found {
            Some((base, i)) => {
                if c.is_uppercase() {
                    split.extend(base.to_uppercase());
                } else {
                    split.push(base);
                }
                split.push(marks[i]);
            }
            None => split.push(c),
        }
    }
    split
        .chars()
        .map(|c| match c {
            '\u{300}' => 0xCC,
            '\u{301}' => 0xEC,
            '\u{309}' => 0xD2,
            '\u{303}' => 0xDE,
            '\u{323}' => 0xF2,
            'Ă' => 0xC3,
            'ă' => 0xE3,
            'Â' => 0xC2,
            'â' => 0xE2,
            'Ê' => 0xCA,
            'ê' => 0xEA,
            'Ô' => 0xD4,
            'ô' => 0xF4,
            'Ơ' => 0xD5,
            'ơ' => 0xF5,
            'Ư' => 0xDD,
            'ư' => 0xFD,
            'Đ' => 0xD0,
            'đ' => 0xF0,
            c if c.is_ascii() => c as u8,
            c => panic!("not in Windows-1258: {c:?}"),
        })
        .collect()
}

/// Bytes of a string whose characters are all U+0000..U+00FF.
fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

#[test]
fn every_text_encoding_decodes_to_the_same_nfc_text() {
    let dir = temp_dir("enc");
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.txt", SAMPLE.as_bytes().to_vec()),
        (
            "bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat(),
        ),
        (
            "le.txt",
            SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            "be.txt",
            SAMPLE.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
        ("cp1258.txt", to_cp1258(SAMPLE)),
    ];
    let mut bom16 = vec![0xFF, 0xFE];
    bom16.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
    files.push(("bom16.txt", bom16));
    let crlf = SAMPLE.replace('\n', "\r\n");
    files.push(("crlf.txt", crlf.into_bytes()));
    let expect = [
        ("utf8.txt", "utf-8"),
        ("bom.txt", "utf-8"),
        ("le.txt", "utf-16le"),
        ("be.txt", "utf-16be"),
        ("cp1258.txt", "windows-1258"),
        ("bom16.txt", "utf-16le"),
        ("crlf.txt", "utf-8"),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    for (name, enc) in expect {
        let (header, body) = decoded(&dir.join(name), &[]);
        assert!(
            header.ends_with(&format!("(text, {enc}) <==")),
            "{name}: {header}"
        );
        assert_eq!(body, SAMPLE, "{name}");
    }
}

/// The same sample in TCVN3 (ABC): headings in capitals as a `.VnTimeH`
/// font shows them, the rest with `.VnTime` codes.
const SAMPLE_TCVN3: &str = "§¶NG CéNG S¶N VIÖT NAM\n\
Sè 12-KH/§U\n\
Ph\u{AD}êng Hßa B×nh, ngµy 3 th¸ng 4 n¨m 2025\n\
KÕ HO¹CH\n\
häc tËp, qu¸n triÖt NghÞ quyÕt cña §¶ng ñy vÒ chuyÓn ®æi sè\n\
Thùc hiÖn H\u{AD}íng dÉn sè 9-HD/§U, Ban Th\u{AD}êng vô giao c¸c chi bé tæ chøc häc tËp; \
phÊn ®Êu 100% ®¶ng viªn ®\u{AD}îc häc tËp. ñy ban nh©n d©n ph\u{AD}êng phèi hîp thùc hiÖn.\n";

/// The same sample in VNI.
const SAMPLE_VNI: &str = "ÑAÛNG COÄNG SAÛN VIEÄT NAM\n\
Soá 12-KH/ÑU\n\
Phöôøng Hoøa Bình, ngaøy 3 thaùng 4 naêm 2025\n\
KEÁ HOAÏCH\n\
hoïc taäp, quaùn trieät Nghò quyeát cuûa Ñaûng uûy veà chuyeån ñoåi soá\n\
Thöïc hieän Höôùng daãn soá 9-HD/ÑU, Ban Thöôøng vuï giao caùc chi boä toå chöùc hoïc taäp; \
phaán ñaáu 100% ñaûng vieân ñöôïc hoïc taäp. UÛy ban nhaân daân phöôøng phoái hôïp thöïc hieän.\n";

#[test]
fn legacy_font_encodings_are_detected_by_syllables() {
    let dir = temp_dir("legacy");
    let tcvn3 = dir.join("tcvn3.txt");
    let vni = dir.join("vni.txt");
    std::fs::write(&tcvn3, latin1(SAMPLE_TCVN3)).unwrap();
    std::fs::write(&vni, latin1(SAMPLE_VNI)).unwrap();
    let (header, body) = decoded(&tcvn3, &[]);
    assert!(header.ends_with("(text, tcvn3) <=="), "{header}");
    // TCVN3 had no toned capitals outside headings: "Ủy" at a sentence start
    // was typed in lowercase.
    assert_eq!(body, SAMPLE.replace("Ủy ban", "ủy ban"));
    let (header, body) = decoded(&vni, &[]);
    assert!(header.ends_with("(text, vni) <=="), "{header}");
    assert_eq!(body, SAMPLE);
}

#[test]
fn html_in_windows_1258_follows_its_declared_charset() {
    let dir = temp_dir("html1258");
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head>\
         <body><nav>Trang chủ</nav><pre>{SAMPLE}</pre></body></html>"
    );
    let f = dir.join("page.htm");
    std::fs::write(&f, to_cp1258(&page)).unwrap();
    let (header, body) = decoded(&f, &[]);
    assert!(header.ends_with("(html, windows-1258) <=="), "{header}");
    assert_eq!(body, SAMPLE);
}

#[test]
fn encoding_can_be_forced() {
    let dir = temp_dir("force");
    let f = dir.join("x.txt");
    // Plain ASCII with one VNI pair: detection would say UTF-8-compatible
    // Windows-1258; forcing VNI reads "Haø" as "Hà".
    std::fs::write(&f, latin1("Ha\u{f8} Noi")).unwrap();
    let (header, body) = decoded(&f, &["--encoding", "vni"]);
    assert!(header.ends_with("(text, vni) <=="), "{header}");
    assert_eq!(body, "Hà Noi\n");
    let o = run(&["--encoding", "klingon"], &[&f]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown encoding"), "{}", stderr(&o));
}

#[test]
fn json_lines_carry_source_and_document_in_input_order() {
    let dir = temp_dir("json");
    let names = [
        "b.txt",
        "a.txt",
        "c/d.txt",
        "c/.hidden.txt",
        "c/x.gold.json",
    ];
    std::fs::create_dir_all(dir.join("c")).unwrap();
    for n in names {
        std::fs::write(dir.join(n), SAMPLE).unwrap();
    }
    for jobs in ["1", "3"] {
        let o = run(&["--json", "--jobs", jobs], &[&dir.join("b.txt"), &dir]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        let sources: Vec<String> = out
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["format"], "text");
                assert_eq!(v["encoding"], "utf-8");
                assert!(v.get("kind").is_some(), "{l}");
                v["source"].as_str().unwrap().to_owned()
            })
            .collect();
        let d = dir.display();
        assert_eq!(
            sources,
            [
                format!("{d}/b.txt"),
                format!("{d}/a.txt"),
                format!("{d}/b.txt"),
                format!("{d}/c/d.txt"),
            ],
            "jobs {jobs}"
        );
    }
}

#[test]
fn a_directory_without_documents_is_an_error() {
    let dir = temp_dir("nodocs");
    std::fs::write(dir.join(".hidden"), SAMPLE).unwrap();
    std::fs::write(dir.join("x.gold.json"), "{}").unwrap();
    let o = run(&["--lang", "en"], &[&dir]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no files to parse"), "{}", stderr(&o));
}

#[test]
fn human_summary_is_the_default() {
    let dir = temp_dir("human");
    let f = dir.join("a.txt");
    std::fs::write(&f, SAMPLE).unwrap();
    let o = run(&[], &[&f]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{} — ", f.display())), "{out}");
    assert!(out.contains("(text, utf-8)"), "{out}");
    let o = run(&["--lang", "en"], &[&f]);
    assert!(stdout(&o).contains("(text, utf-8)"));
}

/// Runs parse on one file and returns its stderr, asserting failure.
fn fails(path: &Path) -> String {
    let o = run(&["--json", "--lang", "en"], &[path]);
    assert!(!o.status.success(), "{} should fail", path.display());
    assert!(o.stdout.is_empty(), "no output for a failed file");
    let e = stderr(&o);
    assert!(
        e.starts_with(&format!("error: {}: ", path.display())),
        "{e}"
    );
    e
}

#[test]
fn hostile_text_inputs_give_clear_errors() {
    let dir = temp_dir("hostile");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert!(fails(&empty).contains(": the file is empty"));

    let junk = dir.join("junk.bin");
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..50_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&junk, bytes).unwrap();
    assert!(fails(&junk).contains(": binary data, not a text document"));

    let missing = dir.join("missing.txt");
    assert!(fails(&missing).contains(": cannot read: "));
}

#[test]
fn a_hundred_megabytes_on_one_line_is_refused_before_reading() {
    let dir = temp_dir("big");
    let big = dir.join("one-line.txt");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let chunk = "Số 12-KH/ĐU ".repeat(1000);
        let mut written = 0;
        while written < 100 * 1024 * 1024 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
    }
    let e = fails(&big);
    assert!(e.contains(": the file is too large: "), "{e}");
    std::fs::remove_file(&big).unwrap();
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = temp_dir("mixed");
    std::fs::write(dir.join("1.txt"), SAMPLE).unwrap();
    std::fs::write(dir.join("2.txt"), b"").unwrap();
    std::fs::write(dir.join("3.txt"), SAMPLE).unwrap();
    for jobs in ["1", "2"] {
        let o = run(&["--json", "--jobs", jobs], &[&dir]);
        assert!(!o.status.success());
        assert_eq!(stdout(&o).lines().count(), 2, "jobs {jobs}");
        // Vietnamese is the interface language unless English is asked for.
        let e = stderr(&o);
        let empty = dir.join("2.txt");
        assert!(
            e.contains(&format!("error: {}: tệp rỗng", empty.display())),
            "{e}"
        );
        assert!(e.contains("1/3 tệp không đọc được"), "{e}");
        let o = run(&["--json", "--jobs", jobs, "--lang", "en"], &[&dir]);
        let e = stderr(&o);
        let want = format!("error: {}: the file is empty", empty.display());
        assert!(e.contains(&want), "{e}");
    }
}

/// What every file in tests/fixtures/formats decodes to (see its make.py).
const FORMATS_TEXT: &str = "ĐẢNG BỘ XÃ AN PHÚ      ĐẢNG CỘNG SẢN VIỆT NAM
CHI BỘ THÔN 3
*                      An Phú, ngày 9 tháng 10 năm 2025
Số 07-KH/CB
KẾ HOẠCH
tổ chức học tập chuyên đề năm 2025
Thực hiện Hướng dẫn số 12-HD/ĐU ngày 2/10/2025 của Đảng ủy xã An Phú,
Chi bộ thôn 3 xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Phấn đấu 100% đảng viên được học tập.
II. NỘI DUNG
Hội nghị học tập tổ chức lúc 7 giờ 30 phút ngày 20/10/2025 tại nhà văn hóa thôn.
Nơi nhận:                    T/M CHI BỘ
- Đảng ủy xã (báo cáo),      BÍ THƯ
- Lưu chi bộ.

                             Lê Văn Bình
";

fn formats_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn docx_tables_and_tcvn3_fonts_read_like_pdftotext() {
    let (header, body) = decoded(&formats_dir().join("sample.docx"), &[]);
    assert!(header.ends_with("(docx, tcvn3) <=="), "{header}");
    assert_eq!(body, FORMATS_TEXT);
}

#[test]
fn html_page_clutter_is_stripped() {
    let (header, body) = decoded(&formats_dir().join("sample.html"), &[]);
    assert!(header.ends_with("(html, utf-8) <=="), "{header}");
    assert_eq!(body, FORMATS_TEXT);
    for clutter in [
        "Trang chủ",
        "Đăng nhập",
        "Bình luận",
        "Lượt xem",
        "Bản quyền",
        "dataLayer",
    ] {
        assert!(!body.contains(clutter), "{clutter}");
    }
}

#[test]
fn html_in_vni_fonts_decodes_by_font() {
    let (header, body) = decoded(&formats_dir().join("sample-vni.html"), &[]);
    assert!(header.ends_with("(html, vni) <=="), "{header}");
    assert_eq!(body, FORMATS_TEXT);
}

#[test]
fn markdown_tables_become_lines() {
    let (header, body) = decoded(&formats_dir().join("sample.md"), &[]);
    assert!(header.ends_with("(markdown, utf-8) <=="), "{header}");
    assert!(!body.contains('|') && !body.contains("**") && !body.contains("<br>"));
    let got: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let want: Vec<&str> = FORMATS_TEXT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(got, want);
}

fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

#[test]
fn pdf_text_layer_is_read() {
    let (header, body) = decoded(&formats_dir().join("sample.pdf"), &[]);
    assert!(header.ends_with("(pdf, utf-8) <=="), "{header}");
    if have_pdftotext() {
        // pdftotext -layout: same lines, its own spacing.
        assert_eq!(words(&body), words(FORMATS_TEXT));
        assert!(body.contains("Nơi nhận:") && body.contains("T/M CHI BỘ"));
    } else {
        println!("pdftotext not installed: checked the pure-Rust reader loosely");
        assert!(body.contains("Lê Văn Bình"), "{body}");
    }
}

fn invalid(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(name)
}

#[test]
fn invalid_fixtures_give_their_errors() {
    let cases = [
        ("junk.bin", "binary data, not a text document"),
        (
            "truncated.docx",
            "corrupt .docx: the zip archive is truncated or damaged",
        ),
        (
            "no-document.docx",
            "not a Word document: the zip archive has no word/document.xml",
        ),
        (
            "bomb.docx",
            "zip bomb suspected: entry word/document.xml inflates to 52428800 bytes",
        ),
        ("empty.txt", "the file is empty"),
        ("corrupt.pdf", "corrupt PDF: "),
        ("old.doc", "corrupt .doc: not a readable OLE2 file"),
    ];
    for (name, message) in cases {
        let path = invalid(name);
        let e = fails(&path);
        assert!(
            e.starts_with(&format!("error: {}: {message}", path.display())),
            "{name}: {e}"
        );
    }
    let scan = invalid("scan.pdf");
    let e = fails(&scan);
    if have_pdftotext() {
        assert!(
            e.contains(": the PDF has no text layer (a scanned image?): OCR it first"),
            "{e}"
        );
    } else {
        println!("pdftotext not installed: the pure-Rust reader's error is not checked exactly");
    }
}

#[test]
fn a_directory_of_hostile_files_is_processed_whole() {
    let o = run(&["--json", "--jobs", "2"], &[&invalid(""), &formats_dir()]);
    assert!(!o.status.success());
    // make.py is text: it parses. Every sample parses. Every hostile file errs.
    assert_eq!(stdout(&o).lines().count(), 1 + 6, "{}", stdout(&o));
    assert_eq!(stderr(&o).matches("error: ").count(), 8, "{}", stderr(&o));
}
