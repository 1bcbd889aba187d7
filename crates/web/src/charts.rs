//! Server-side SVG charts: plain SVG text built here, no script, no
//! external service. Colours come from the stylesheet's palette.

use std::fmt::Write;

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Most bars drawn in one bar chart: beyond this the chart becomes unreadable
/// (the table beside it lists every unit).
pub const MAX_BARS: usize = 40;

/// Horizontal bars: one per `(label, percent)`, with a dashed line at
/// `target` percent.
pub fn coverage_bars(rows: &[(String, f64)], target: f64, aria: &str) -> String {
    let rows = &rows[..rows.len().min(MAX_BARS)];
    let bar_h = 18.0;
    let gap = 6.0;
    let label_w = 190.0;
    let plot_w = 300.0;
    let w = label_w + plot_w + 50.0;
    let h = (rows.len() as f64) * (bar_h + gap) + 24.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(aria)
    );
    for (i, (label, pct)) in rows.iter().enumerate() {
        let y = (i as f64) * (bar_h + gap) + 4.0;
        let pct = pct.clamp(0.0, 100.0);
        let bw = plot_w * pct / 100.0;
        let class = if pct >= target { "bar ok" } else { "bar" };
        let short: String = label.chars().take(28).collect();
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end" class="lbl">{}</text><rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" class="track"/><rect x="{label_w}" y="{y}" width="{bw:.1}" height="{bar_h}" class="{class}"/><text x="{}" y="{}" class="val">{pct:.1}%</text>"#,
            label_w - 6.0,
            y + 13.0,
            esc(&short),
            label_w + plot_w + 4.0,
            y + 13.0,
        );
    }
    let tx = label_w + plot_w * target.clamp(0.0, 100.0) / 100.0;
    let _ = write!(
        s,
        r#"<line x1="{tx:.1}" y1="0" x2="{tx:.1}" y2="{}" class="target"/><text x="{tx:.1}" y="{}" text-anchor="middle" class="val">{target:.0}%</text></svg>"#,
        h - 16.0,
        h - 4.0
    );
    s
}

/// A line of cumulative coverage over time: `points` are `(label, percent)`
/// in time order; `target` is drawn as a dashed line.
pub fn coverage_line(points: &[(String, f64)], target: f64, aria: &str) -> String {
    let w = 520.0;
    let h = 200.0;
    let (l, r, t, b) = (36.0, 10.0, 10.0, 28.0);
    let pw = w - l - r;
    let ph = h - t - b;
    let y_of = |p: f64| t + ph * (1.0 - p.clamp(0.0, 100.0) / 100.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(aria)
    );
    for g in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = y_of(g);
        let _ = write!(
            s,
            r#"<line x1="{l}" y1="{y:.1}" x2="{}" y2="{y:.1}" class="grid"/><text x="{}" y="{:.1}" text-anchor="end" class="val">{g:.0}%</text>"#,
            w - r,
            l - 4.0,
            y + 4.0
        );
    }
    let ty = y_of(target);
    let _ = write!(
        s,
        r#"<line x1="{l}" y1="{ty:.1}" x2="{}" y2="{ty:.1}" class="target"/>"#,
        w - r
    );
    let n = points.len();
    let x_of = |i: usize| {
        if n <= 1 {
            l + pw / 2.0
        } else {
            l + pw * (i as f64) / ((n - 1) as f64)
        }
    };
    if n > 0 {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, (_, p))| format!("{:.1},{:.1}", x_of(i), y_of(*p)))
            .collect();
        let _ = write!(s, r#"<polyline points="{}" class="line"/>"#, path.join(" "));
        let step = n.div_ceil(6).max(1);
        for (i, (label, p)) in points.iter().enumerate() {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" class="dot"/>"#,
                x_of(i),
                y_of(*p)
            );
            if i % step == 0 || i + 1 == n {
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{}" text-anchor="middle" class="val">{}</text>"#,
                    x_of(i),
                    h - 8.0,
                    esc(label)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_escape_labels_and_draw_the_target() {
        let svg = coverage_bars(
            &[("Xã <A>".into(), 50.0), ("B".into(), 95.0)],
            90.0,
            "độ phủ",
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Xã &lt;A&gt;"));
        assert!(svg.contains("class=\"bar ok\""));
        assert!(svg.contains("class=\"target\""));
    }

    #[test]
    fn line_has_one_dot_per_point() {
        let pts: Vec<(String, f64)> = (0..5)
            .map(|i| (format!("{i}/10"), i as f64 * 10.0))
            .collect();
        let svg = coverage_line(&pts, 80.0, "x");
        assert_eq!(svg.matches("<circle").count(), 5);
    }
}
