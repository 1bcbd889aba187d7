//! Attendance lists from .xlsx or .csv: a header row, then one member per
//! row, identified by member code (preferred) or full name.
//!
//! Parsing is separate from applying: every row is checked first and any
//! error (with its row number, counted as a spreadsheet shows it) rejects
//! the whole file, so nothing is half-imported.

use std::io::Cursor;

use calamine::{Data, Reader};

/// Largest attendance file accepted: 200,000 rows of a few columns fit.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// Most data rows in one file: the largest grassroots organisation is far
/// smaller; a bigger file is a mistake.
pub const MAX_IMPORT_ROWS: usize = 200_000;
/// Errors listed at most; the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 50;

/// One data row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its row number in the file (the header is row 1).
    pub line: usize,
    /// The member's code, if the file has a code column and it is filled.
    pub code: Option<String>,
    /// The member's full name, if the file has a name column and it is filled.
    pub name: Option<String>,
}

/// A rejected row or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Row number (0 for the file as a whole).
    pub line: usize,
    /// What is wrong, in Vietnamese (the clerk reads it).
    pub message: String,
}

fn norm_header(s: &str) -> String {
    s.trim().to_lowercase().replace(['_', '-'], " ")
}

fn column_kind(h: &str) -> Option<bool> {
    // Some(true): code column; Some(false): name column.
    let h = norm_header(h);
    match h.as_str() {
        "mã"
        | "ma"
        | "mã đảng viên"
        | "ma dang vien"
        | "mã thẻ"
        | "số thẻ đảng viên"
        | "code"
        | "member code"
        | "mã số" => Some(true),
        "họ và tên" | "họ tên" | "ho ten" | "ho va ten" | "tên" | "name" | "full name" => {
            Some(false)
        }
        _ => None,
    }
}

/// Reads a CSV or XLSX file (chosen by its name's extension) into rows.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Vec<Row>, Vec<RowError>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(vec![RowError {
            line: 0,
            message: format!("Tệp quá lớn (tối đa {} MB)", MAX_IMPORT_BYTES / 1024 / 1024),
        }]);
    }
    let lower = file_name.to_lowercase();
    let table = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        csv_rows(bytes)?
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".ods") {
        sheet_rows(bytes)?
    } else {
        return Err(vec![RowError {
            line: 0,
            message: "Chỉ nhận tệp .xlsx hoặc .csv".to_owned(),
        }]);
    };
    rows_of(table)
}

fn rows_of(table: Vec<Vec<String>>) -> Result<Vec<Row>, Vec<RowError>> {
    let mut it = table.into_iter();
    let header = it.next().unwrap_or_default();
    let code_col = header.iter().position(|h| column_kind(h) == Some(true));
    let name_col = header.iter().position(|h| column_kind(h) == Some(false));
    if code_col.is_none() && name_col.is_none() {
        return Err(vec![RowError {
            line: 1,
            message: "Dòng tiêu đề cần cột \"Mã đảng viên\" hoặc \"Họ và tên\"".to_owned(),
        }]);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in it.enumerate() {
        let line = i + 2;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let (code, name) = (get(code_col), get(name_col));
        if code.is_none() && name.is_none() {
            errors.push(RowError {
                line,
                message: "Thiếu mã đảng viên và họ tên".to_owned(),
            });
            continue;
        }
        rows.push(Row { line, code, name });
        if rows.len() > MAX_IMPORT_ROWS {
            return Err(vec![RowError {
                line,
                message: format!("Quá {MAX_IMPORT_ROWS} dòng"),
            }]);
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        errors.truncate(MAX_REPORTED_ERRORS);
        Err(errors)
    }
}

fn sheet_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<RowError>> {
    let bad = |m: String| {
        vec![RowError {
            line: 0,
            message: m,
        }]
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| bad(format!("Không đọc được bảng tính: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad("Bảng tính không có trang nào".to_owned()))?
        .map_err(|e| bad(format!("Không đọc được trang đầu: {e}")))?;
    Ok(range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF,
/// comma or semicolon (Excel in Vietnamese locales writes `;`), UTF-8 with
/// or without BOM.
fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<RowError>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| {
            vec![RowError {
                line: 0,
                message: "Tệp CSV phải mã hoá UTF-8".to_owned(),
            }]
        },
    )?;
    let first_line = text.lines().next().unwrap_or("");
    let sep = if first_line.matches(';').count() > first_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.is_empty() {
            quoted = true;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_quotes_and_bom() {
        let f = "\u{feff}STT;Mã đảng viên;Họ và tên\r\n1;DV001;\"Nguyễn Văn A\"\r\n\r\n2;;\"Trần Thị \"\"B\"\"\"\n";
        let rows = parse(f.as_bytes(), "ds.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].code.as_deref(), Some("DV001"));
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].name.as_deref(), Some("Trần Thị \"B\""));
    }

    #[test]
    fn rows_without_identity_are_reported_with_their_numbers() {
        let f = "Mã đảng viên,Họ và tên\nDV1,A\n,\n ,  \nDV2,B\n3,\n";
        let rows = parse(f.as_bytes(), "x.csv").unwrap();
        assert_eq!(rows.len(), 3);
        let f = "Mã đảng viên,Họ và tên,Ghi chú\nDV1,A,\n,,vắng\n";
        let err = parse(f.as_bytes(), "x.csv").unwrap_err();
        assert_eq!(err[0].line, 3);
    }

    #[test]
    fn a_file_without_known_columns_is_refused() {
        let err = parse(b"a,b\n1,2\n", "x.csv").unwrap_err();
        assert_eq!(err[0].line, 1);
        assert!(parse(b"x", "x.pdf").is_err());
    }
}
