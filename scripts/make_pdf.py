#!/usr/bin/env python3
"""Write the .pdf fixture: a State plan with a real text layer.

  pip install reportlab   (only to regenerate; the .pdf is committed)
  python3 scripts/make_pdf.py

Uses DejaVu Serif (Debian: fonts-dejavu-core), which has every Vietnamese
glyph, embedded as TrueType so the text layer extracts as Unicode. Header and
signature blocks are two-column tables, as the printed originals are.
The creation date is pinned and the document id derived from the content
(invariant=1), so re-running writes the same bytes.
"""
import os

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "fixtures", "docs", "kh_ubnd_hue_textlayer.pdf")
FONTS = "/usr/share/fonts/truetype/dejavu/"

pdfmetrics.registerFont(TTFont("Serif", FONTS + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Bold", FONTS + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Italic", FONTS + "DejaVuSerif-Italic.ttf"))

BODY = ParagraphStyle("body", fontName="Serif", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                      firstLineIndent=8 * mm, spaceAfter=4)
HEAD = ParagraphStyle("head", parent=BODY, fontName="Serif-Bold")
CENTER = ParagraphStyle("center", fontName="Serif", fontSize=11, leading=14, alignment=TA_CENTER)
CENTER_B = ParagraphStyle("centerb", parent=CENTER, fontName="Serif-Bold")
CENTER_I = ParagraphStyle("centeri", parent=CENTER, fontName="Serif-Italic")
SMALL = ParagraphStyle("small", fontName="Serif", fontSize=9, leading=12)

BODY_TEXT = [
    ("p", "Thực hiện Nghị định số 118/2026/NĐ-CP ngày 28/4/2026 của Chính phủ quy định về bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức và Kế hoạch số 52-KH/TU ngày 18/5/2026 của Ban Thường vụ Thành ủy Huế về phát triển nguồn nhân lực số, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:"),
    ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("p", "1. Bảo đảm cán bộ, công chức cấp xã sử dụng thành thạo các nền tảng số dùng chung của thành phố."),
    ("p", "2. Phấn đấu đến hết năm 2026, 100% cán bộ, công chức cấp xã hoàn thành chương trình bồi dưỡng kỹ năng số cơ bản."),
    ("h", "II. NỘI DUNG"),
    ("p", "1. Tổ chức Hội nghị triển khai Kế hoạch vào lúc 8 giờ 00 phút, thứ Năm, ngày 02/7/2026, tại Trung tâm Hội nghị thành phố, kết nối trực tuyến đến điểm cầu Ủy ban nhân dân các xã, phường."),
    ("p", "2. Mở 12 lớp bồi dưỡng trực tuyến trên nền tảng học tập số của thành phố, mỗi lớp 16 tiết."),
    ("h", "III. TỔ CHỨC THỰC HIỆN"),
    ("p", "1. Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ tổ chức các lớp bồi dưỡng; hoàn thành trong quý IV/2026."),
    ("p", "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách thành phố năm 2026."),
    ("p", "3. Ủy ban nhân dân các xã, phường cử công chức tham gia đầy đủ; định kỳ hằng quý báo cáo kết quả về Sở Nội vụ."),
]


def main():
    doc = SimpleDocTemplate(OUT, pagesize=A4, leftMargin=25 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title="Kế hoạch 2741/KH-UBND", author="UBND thành phố Huế",
                            invariant=1)
    header = Table([[
        [Paragraph("ỦY BAN NHÂN DÂN", CENTER_B), Paragraph("THÀNH PHỐ HUẾ", CENTER_B), Paragraph("-------", CENTER),
         Paragraph("Số: 2741/KH-UBND", CENTER)],
        [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CENTER_B), Paragraph("Độc lập - Tự do - Hạnh phúc", CENTER_B),
         Paragraph("---------------", CENTER), Paragraph("Huế, ngày 22 tháng 6 năm 2026", CENTER_I)],
    ]], colWidths=[65 * mm, 100 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [header, Spacer(1, 8 * mm), Paragraph("KẾ HOẠCH", CENTER_B),
             Paragraph("Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã năm 2026", CENTER_B), Spacer(1, 6 * mm)]
    for kind, text in BODY_TEXT:
        story.append(Paragraph(text, HEAD if kind == "h" else BODY))
    recipients = [Paragraph("<b><i>Nơi nhận:</i></b>", SMALL)] + [Paragraph(x, SMALL) for x in (
        "- Bộ Nội vụ (b/c);", "- TT Thành ủy, TT HĐND thành phố;", "- CT, các PCT UBND thành phố;",
        "- Các sở: NV, KHCN, TC;", "- UBND các xã, phường;", "- Lưu: VT, NV.")]
    signer = [Paragraph("KT. CHỦ TỊCH", CENTER_B), Paragraph("PHÓ CHỦ TỊCH", CENTER_B), Spacer(1, 18 * mm),
              Paragraph("Hoàng Hải Minh", CENTER_B)]
    sign = Table([[recipients, signer]], colWidths=[85 * mm, 80 * mm])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 6 * mm), sign]
    doc.build(story)
    print(os.path.basename(OUT))


if __name__ == "__main__":
    main()
