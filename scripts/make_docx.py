#!/usr/bin/env python3
"""Write the .docx fixtures: header and signature blocks as TABLES, as offices do.

  pip install python-docx   (only to regenerate; the .docx files are committed)
  python3 scripts/make_docx.py

Each document is described below as data (our own writing); the gold files
beside the outputs in tests/fixtures/docs/ describe the same content.
python-docx stamps the current time into docProps/core.xml; we pin it so that
re-running writes the same document content.
"""
import datetime
import os

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DOCS = os.path.join(ROOT, "tests", "fixtures", "docs")
PINNED = datetime.datetime(2026, 9, 1, 8, 0, 0)


def _para(container, text, bold=False, italic=False, center=False, size=13):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = "Times New Roman"
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell_lines(cell, lines):
    """Fill a table cell with lines: (text, bold, italic)."""
    first = True
    for text, bold, italic in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        r.font.size = Pt(13)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(spec, out):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = doc.add_table(rows=1, cols=2)
    _cell_lines(header.rows[0].cells[0], spec["header_left"])
    _cell_lines(header.rows[0].cells[1], spec["header_right"])
    for kind, text in spec["body"]:
        if kind == "type":
            _para(doc, text, bold=True, center=True, size=14)
        elif kind == "title":
            _para(doc, text, bold=True, center=True)
        elif kind == "head":
            _para(doc, text, bold=True)
        elif kind == "italic":
            _para(doc, text, italic=True)
        else:
            _para(doc, text)
    sign = doc.add_table(rows=1, cols=2)
    left = sign.rows[0].cells[0]
    _cell_lines(left, [("Nơi nhận:", True, True)])
    for line in spec["recipients"]:
        p = left.add_paragraph()
        r = p.add_run(line)
        r.font.size = Pt(11)
    _cell_lines(sign.rows[0].cells[1], spec["signer"])
    cp = doc.core_properties
    cp.created = cp.modified = PINNED
    cp.last_modified_by = cp.author = "trienkhai fixtures"
    cp.revision = 1
    doc.save(os.path.join(DOCS, out))
    print(out)


PARTY_KH = {
    "header_left": [("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", False, False), ("ĐẢNG ỦY PHƯỜNG NINH KIỀU", True, False),
                    ("*", False, False), ("Số 31-KH/ĐU", False, False)],
    "header_right": [("ĐẢNG CỘNG SẢN VIỆT NAM", True, False),
                     ("Ninh Kiều, ngày 28 tháng 8 năm 2026", False, True)],
    "body": [
        ("type", "KẾ HOẠCH"),
        ("title", "tổ chức hội nghị học tập chuyên đề năm 2026 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        ("text", "Thực hiện Hướng dẫn số 19-HD/BTGDVTU ngày 05/8/2026 của Ban Tuyên giáo và Dân vận Thành ủy về học tập chuyên đề năm 2026, Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch tổ chức hội nghị như sau:"),
        ("head", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("text", "1. Giúp cán bộ, đảng viên nắm vững nội dung chuyên đề năm 2026; mỗi đảng viên đăng ký ít nhất một việc làm cụ thể để làm theo."),
        ("text", "2. Phấn đấu 100% đảng viên trong Đảng bộ phường được học tập chuyên đề."),
        ("head", "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
        ("text", "1. Thời gian: 01 buổi, bắt đầu lúc 7 giờ 30 phút, thứ Bảy, ngày 19/9/2026."),
        ("text", "2. Địa điểm, hình thức: trực tiếp tại Hội trường Đảng ủy phường Ninh Kiều; trực tuyến tại điểm cầu của 28 chi bộ khu vực."),
        ("text", "3. Thành phần: Ban Chấp hành Đảng bộ phường; bí thư, phó bí thư các chi bộ; toàn thể đảng viên các chi bộ khu vực dự tại điểm cầu."),
        ("text", "4. Báo cáo viên: đồng chí Phó Bí thư Thường trực Đảng ủy phường."),
        ("head", "III. TỔ CHỨC THỰC HIỆN"),
        ("text", "1. Văn phòng Đảng ủy chủ trì, phối hợp với Văn phòng HĐND và UBND phường chuẩn bị hội trường, kết nối các điểm cầu, hoàn thành trước ngày 17/9/2026."),
        ("text", "2. Ban Xây dựng Đảng chuẩn bị tài liệu, phát đến các chi bộ trước ngày 15/9/2026."),
        ("text", "3. Các chi bộ trực thuộc tổ chức cho đảng viên viết bài thu hoạch, tổng hợp kết quả gửi về Đảng ủy phường trước ngày 30/9/2026."),
    ],
    "recipients": ["- Ban Tuyên giáo và Dân vận Thành ủy (b/c),", "- Thường trực Đảng ủy phường,",
                   "- Các chi bộ trực thuộc,", "- Lưu VPĐU."],
    "signer": [("T/M BAN THƯỜNG VỤ", True, False), ("PHÓ BÍ THƯ", True, False), ("", False, False),
               ("", False, False), ("Lâm Thị Bích Ngọc", True, False)],
}

STATE_QD = {
    "header_left": [("ỦY BAN NHÂN DÂN", True, False), ("XÃ THẠCH LẠC", True, False), ("-------", False, False),
                    ("Số: 125/QĐ-UBND", False, False)],
    "header_right": [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                     ("---------------", False, False), ("Thạch Lạc, ngày 10 tháng 6 năm 2026", False, True)],
    "body": [
        ("type", "QUYẾT ĐỊNH"),
        ("title", "Về việc ban hành Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026"),
        ("title", "ỦY BAN NHÂN DÂN XÃ THẠCH LẠC"),
        ("italic", "Căn cứ Luật Phòng, chống thiên tai số 33/2013/QH13 ngày 19 tháng 6 năm 2013;"),
        ("italic", "Thực hiện Kế hoạch số 318/KH-UBND ngày 12/5/2026 của Ủy ban nhân dân tỉnh Hà Tĩnh về phòng, chống thiên tai năm 2026;"),
        ("italic", "Theo đề nghị của Trưởng phòng Kinh tế xã."),
        ("title", "QUYẾT ĐỊNH:"),
        ("text", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026 của xã Thạch Lạc."),
        ("text", "Điều 2. Tổ chức thực hiện"),
        ("text", "1. Phòng Kinh tế chủ trì, phối hợp với Ban Chỉ huy quân sự xã tổ chức diễn tập ứng phó bão lũ, hoàn thành trước ngày 31/7/2026."),
        ("text", "2. Công an xã bố trí lực lượng bảo đảm an ninh trật tự tại các điểm sơ tán dân."),
        ("text", "3. Trạm Y tế xã chuẩn bị cơ số thuốc, phương án cấp cứu người bị nạn."),
        ("text", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã, Trưởng phòng Kinh tế, Chỉ huy trưởng Ban Chỉ huy quân sự xã, Trưởng Công an xã, Trạm trưởng Trạm Y tế xã và Trưởng các thôn chịu trách nhiệm thi hành Quyết định này./."),
    ],
    "recipients": ["- Như Điều 3;", "- UBND tỉnh (b/c);", "- TT Đảng ủy, TT HĐND xã;", "- Lưu: VT, KT."],
    "signer": [("TM. ỦY BAN NHÂN DÂN", True, False), ("CHỦ TỊCH", True, False), ("", False, False),
               ("", False, False), ("Nguyễn Đình Khang", True, False)],
}


def main():
    build(PARTY_KH, "kh_danguy_ninhkieu_tables.docx")
    build(STATE_QD, "qd_ubnd_thachlac_tables.docx")


if __name__ == "__main__":
    main()
