#!/usr/bin/env python3
"""Write the legacy-encoded fixtures from their UTF-8 sources.

Sources live in scripts/legacy_src/ (plain UTF-8, NFC). Outputs go to
tests/fixtures/docs/ and are committed, so CI needs nothing from PyPI:

  * TCVN3 (ABC, .VnTime fonts): one byte per letter, a 1:1 map over bytes that
    cp1252 would show as Latin-1 letters ("KÕ ho¹ch"). Upper-case letters with a
    tone do not exist in TCVN3: they are written with the lower-case code (the
    .VnTimeH font draws them in capitals), exactly as old files do.
  * VNI (VNI-Windows fonts): an ASCII base letter followed by one or two
    modifier bytes ("Keá hoaïch"); a few letters are single bytes (đ, ơ, ư, í...).
  * Windows-1258: tone marks decomposed (base letter with its circumflex,
    breve or horn precomposed, then a combining tone mark), via Python's codec.
  * UTF-16LE with BOM, and UTF-8 with BOM and CRLF line ends.

Re-runnable: `python3 scripts/make_legacy.py` rewrites the same bytes.
`decode_tcvn3` / `decode_vni` are used by scripts/check_gold.py.
"""
import os
import sys
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DOCS = os.path.join(ROOT, "tests", "fixtures", "docs")
SOURCES = os.path.join(ROOT, "scripts", "legacy_src")

# --- TCVN3 (TCVN 5712:1993, VN3) ------------------------------------------------
TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}
TCVN3_DECODE = {v: k for k, v in TCVN3.items()}

# --- VNI-Windows ---------------------------------------------------------------
# Modifier bytes after an ASCII base letter (lower-case forms; upper-case below).
_VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
_VNI_CIRC = {None: 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0323": 0xE4}
_VNI_BREVE = {None: 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0323": 0xEB}
# Single-byte letters (lower case; upper case is the byte minus 0x20).
_VNI_SINGLE = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE}
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _split(ch):
    """A Vietnamese letter as (base ASCII letter, modifier, tone)."""
    d = unicodedata.normalize("NFD", ch)
    base, mod, tone = d[0], None, None
    for m in d[1:]:
        if m in TONES:
            tone = m
        elif m in "\u0302\u0306\u031B":
            mod = m
    return base, mod, tone


def vni_char(ch):
    """Bytes of one character in VNI-Windows."""
    if ord(ch) < 0x80:
        return bytes([ord(ch)])
    low = ch.lower()
    upper = ch != low
    if low in _VNI_SINGLE:
        b = _VNI_SINGLE[low]
        return bytes([b - 0x20 if upper else b])
    base, mod, tone = _split(ch)
    if not base.isascii():
        raise ValueError(f"no VNI form for {ch!r}")
    out = [ord(base)]
    if mod == "\u0302":
        out.append(_VNI_CIRC[tone])
    elif mod == "\u0306":
        out.append(_VNI_BREVE[tone])
    elif mod == "\u031B":  # horn: ơ/ư single byte, then the tone
        out = [_VNI_SINGLE["ơ" if base.lower() == "o" else "ư"]]
        if tone:
            out.append(_VNI_TONE[tone])
    elif tone:
        out.append(_VNI_TONE[tone])
    if upper:
        out = [out[0]] + [b - 0x20 for b in out[1:]]
        if mod == "\u031B":
            out[0] -= 0x20
    return bytes(out)


def decode_vni(data):
    """VNI-Windows bytes to NFC text (inverse of vni_char over our output)."""
    rev_tone = {v: k for k, v in _VNI_TONE.items()}
    rev_circ = {v: k for k, v in _VNI_CIRC.items()}
    rev_breve = {v: k for k, v in _VNI_BREVE.items()}
    rev_single = {v: k for k, v in _VNI_SINGLE.items()}
    out = []
    for b in data:
        lower_b = b + 0x20 if 0xC0 <= b <= 0xDF else b
        is_upper = b != lower_b
        prev = out[-1] if out else ""
        base_ok = prev and unicodedata.normalize("NFD", prev)[0].lower() in "aeiouy"
        if b < 0x80:
            out.append(chr(b))
        elif base_ok and lower_b in rev_tone and unicodedata.normalize("NFD", prev)[-1] not in TONES:
            out[-1] = unicodedata.normalize("NFC", prev + rev_tone[lower_b])
        elif base_ok and prev.lower() in "aeo" and lower_b in rev_circ:
            t = rev_circ[lower_b]
            out[-1] = unicodedata.normalize("NFC", prev + "\u0302" + (t or ""))
        elif base_ok and prev.lower() == "a" and lower_b in rev_breve:
            t = rev_breve[lower_b]
            out[-1] = unicodedata.normalize("NFC", prev + "\u0306" + (t or ""))
        elif lower_b in rev_single:
            c = rev_single[lower_b]
            out.append(c.upper() if is_upper else c)
        else:
            out.append(bytes([b]).decode("cp1252", "replace"))
    return "".join(out)


def _ascii_punct(text):
    """Punctuation that the legacy 8-bit encodings do not have, as ASCII."""
    return (text.replace("\u2013", "-").replace("\u2014", "-").replace("\u201c", '"')
            .replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'").replace("\u2026", "..."))


def encode_tcvn3(text):
    out = bytearray()
    for ch in _ascii_punct(text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.lower() in TCVN3:  # toned capitals: lower-case code, drawn by the H font
            out.append(TCVN3[ch.lower()])
        else:
            raise ValueError(f"no TCVN3 code for {ch!r}")
    return bytes(out)


def decode_tcvn3(data):
    return "".join(TCVN3_DECODE.get(b, chr(b)) if b >= 0x80 else chr(b) for b in data)


def encode_vni(text):
    return b"".join(vni_char(ch) for ch in _ascii_punct(text))


def encode_cp1258(text):
    """Windows-1258 with tone marks decomposed, as Vietnamese Windows wrote it."""
    out = []
    for ch in _ascii_punct(text):
        base, tones = [], []
        for m in unicodedata.normalize("NFD", ch):
            (tones if m in TONES else base).append(m)
        out.append(unicodedata.normalize("NFC", "".join(base)) + "".join(tones))
    return "".join(out).encode("cp1258")


def decode_cp1258(data):
    return unicodedata.normalize("NFC", data.decode("cp1258"))


# source file in sources/ -> (output name, encoder)
JOBS = [
    ("ct_huyenuy_vanban_2019.txt", "ct_huyenuy_vanban_tcvn3.txt", encode_tcvn3),
    ("cv_ubnd_chogao_2018.txt", "cv_ubnd_chogao_vni.txt", encode_vni),
    ("tb_danguy_kengdu.txt", "tb_danguy_kengdu_cp1258.txt", encode_cp1258),
    ("bc_ubnd_myly.txt", "bc_ubnd_myly_utf16le_bom.txt", lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
    ("hd_btc_tuyenquang.txt", "hd_btc_tuyenquang_utf8bom_crlf.txt",
     lambda t: b"\xef\xbb\xbf" + t.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")),
]


def main():
    for src, dst, enc in JOBS:
        path = os.path.join(SOURCES, src)
        if not os.path.exists(path):
            print(f"skip {src}: missing", file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as f:
            text = unicodedata.normalize("NFC", f.read())
        data = enc(text)
        with open(os.path.join(DOCS, dst), "wb") as f:
            f.write(data)
        print(f"{dst}: {len(data)} bytes")


if __name__ == "__main__":
    main()
