//! Tables laid out as text the way `pdftotext -layout` prints them: each
//! row becomes as many lines as its tallest cell, cells side by side in
//! columns separated by spaces. A document's header block (issuer | national
//! motto) and signature block (recipients | signer) are such tables.

/// Spaces between two columns: wide enough that a reader splitting on runs of
/// spaces sees two columns, as in `pdftotext -layout` output.
const COLUMN_GAP: usize = 6;

/// A column never pads wider than this many characters: a long paragraph in
/// one cell must not push every other row far to the right.
const MAX_COLUMN_WIDTH: usize = 60;

/// Most spaces put before one cell's text: a row of thousands of empty
/// cells must not turn into megabytes of spaces.
const MAX_PADDING: usize = 200;

/// One table cell: its lines of text.
pub(crate) type Cell = Vec<String>;

/// Appends a table (rows of cells) to `out`, one text line per line of the
/// tallest cell in each row, ending with a newline.
pub(crate) fn push_table(out: &mut String, rows: &[Vec<Cell>]) {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let w = cell.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            if widths.len() <= i {
                widths.push(0);
            }
            widths[i] = widths[i].max(w.min(MAX_COLUMN_WIDTH));
        }
    }
    for row in rows {
        let cells: Vec<Vec<&str>> = row
            .iter()
            .map(|c| {
                c.iter()
                    .map(|l| l.trim())
                    .skip_while(|l| l.is_empty())
                    .collect::<Vec<_>>()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..height {
            let mut line = String::new();
            let mut pending = 0;
            for (i, cell) in cells.iter().enumerate() {
                let text = cell.get(k).copied().unwrap_or("");
                if !text.is_empty() {
                    if !line.is_empty() || pending > 0 {
                        line.extend(std::iter::repeat_n(' ', pending.clamp(1, MAX_PADDING)));
                    }
                    line.push_str(text);
                    pending = 0;
                    let w = text.chars().count();
                    pending += widths.get(i).copied().unwrap_or(0).saturating_sub(w) + COLUMN_GAP;
                } else {
                    pending += widths.get(i).copied().unwrap_or(0) + COLUMN_GAP;
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(lines: &[&str]) -> Cell {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn cells_sit_side_by_side() {
        let mut out = String::new();
        push_table(
            &mut out,
            &[vec![
                cell(&["TỈNH ỦY X", "Số 12-KH/TU"]),
                cell(&["ĐẢNG CỘNG SẢN VIỆT NAM", "", "X, ngày 1 tháng 2 năm 2024"]),
            ]],
        );
        let expected = format!(
            "TỈNH ỦY X{}ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-KH/TU\n{}X, ngày 1 tháng 2 năm 2024\n",
            " ".repeat(8),
            " ".repeat(17)
        );
        assert_eq!(out, expected);
    }
}
