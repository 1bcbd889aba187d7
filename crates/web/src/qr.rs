//! QR codes as SVG, for printed check-in posters.

use qrcode::{EcLevel, QrCode, render::svg};

/// Longest text put in one QR code: a check-in URL is far shorter; this
/// keeps the code scannable from a printed A4 poster.
pub const MAX_QR_TEXT: usize = 512;

/// An SVG QR code of `text` (medium error correction), or `None` when the
/// text is too long to encode.
pub fn svg(text: &str) -> Option<String> {
    if text.len() > MAX_QR_TEXT {
        return None;
    }
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_encodes_to_svg_and_overlong_text_does_not() {
        let s = super::svg("http://127.0.0.1:8080/c/abc").unwrap();
        assert!(s.contains("<svg") && s.contains("</svg>"));
        assert!(super::svg(&"x".repeat(600)).is_none());
    }
}
