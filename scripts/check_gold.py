#!/usr/bin/env python3
"""Check the gold annotations of our own fixtures.

  python3 scripts/check_gold.py [DIR ...]     (default: tests/fixtures/docs samples/cascade)

For every DIR/*.gold.json:
  * the schema: the fields that ../shared/eval/score.py reads (same shape as the
    seeds' gold) plus our richer `tasks` list, with types and value formats
    (dates YYYY-MM-DD, times HH:MM, event kinds and modes, section id paths);
  * consistency: `task_leads` are the leads of `tasks`, every task lead is in
    `task_leads` or `task_leads_optional`, `implements` are among `references`;
  * grounding: every gold string really occurs in the source text after
    decoding (legacy encodings, UTF-16, BOM; .html and .docx stripped to text;
    .pdf through pdftotext when it is installed). Names are compared as
    score.py compares them (case, spaces, tone placement); numbers with spaces
    and line breaks removed; dates in any of the usual written forms;
  * readability by ../shared/eval/score.py: the gold, given as the parser's
    output, must score 1.000 on every field.
Exit 1 with one line per problem, 0 when all is well. Python standard library only.
"""
import datetime
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
import make_legacy  # noqa: E402  (our own decoding tables)

TONES = "\u0300\u0301\u0309\u0303\u0323"
_OPEN = re.compile(r"([ou])([aey])([" + TONES + r"])(?![\w])", re.UNICODE)

KEYS = ["source", "kind", "number", "doc_type", "issuer", "place", "date", "title", "signer",
        "references", "implements", "sections", "tasks", "task_leads", "task_leads_optional",
        "events", "targets", "recipients"]
DOC_TYPES = {"Kết luận", "Nghị quyết", "Chỉ thị", "Hướng dẫn", "Kế hoạch", "Chương trình",
             "Quyết định", "Thông báo", "Báo cáo", "Công văn", "Nghị định", "Quy định", "Tờ trình",
             "Thông tư", "Luật", "Công điện", "Quy chế", "Đề án", "Kết luận", "Nghị quyết liên tịch"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{2}:\d{2}$")
SECTION = re.compile(r"^(?:(?:Chương|Mục|Phần) [IVXLC\d]+|Điều \d+[a-z]?(?:\.\d+(?:\.[a-zđ])?)?"
                     r"|[IVXLC]+(?:\.\d+(?:\.\d+)?(?:\.[a-zđ])?)?|\d+(?:\.\d+)*(?:\.[a-zđ])?)$")
ENCODINGS = {"tcvn3", "vni", "cp1258"}


def canon(s):
    """As score.py: case-, space- and tone-placement-insensitive."""
    s = unicodedata.normalize("NFD", str(s).lower())
    s = _OPEN.sub(lambda m: m.group(1) + m.group(3) + m.group(2), s)
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" ,.;:")


def compact(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", str(s))).upper()


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
             "article", "header", "footer", "nav", "ul", "ol", "form", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("\n")
        if tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def docx_text(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    xml = re.sub(r"</w:p>", "\n", xml)
    xml = re.sub(r"</w:tc>", "\t", xml)
    xml = re.sub(r"<w:tab/>", "\t", xml)
    xml = re.sub(r"<w:br/>", "\n", xml)
    xml = re.sub(r"<[^>]+>", "", xml)
    return html.unescape(xml) if hasattr(html, "unescape") else xml


def source_text(path, gold):
    """The document's text as a reader sees it, or None when it cannot be read here."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        return docx_text(path)
    if ext == ".pdf":
        if not shutil.which("pdftotext"):
            print(f"note: pdftotext absent, {os.path.basename(path)} not grounded")
            return None
        r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True)
        return r.stdout.decode("utf-8", "replace")
    data = open(path, "rb").read()
    enc = gold.get("encoding")
    if enc == "tcvn3":
        text = make_legacy.decode_tcvn3(data)
    elif enc == "vni":
        text = make_legacy.decode_vni(data)
    elif enc == "cp1258":
        text = make_legacy.decode_cp1258(data)
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8-sig")
    text = unicodedata.normalize("NFC", text)
    if ext in (".html", ".htm"):
        p = _Text()
        p.feed(text)
        text = "".join(p.out)
    return text


def date_forms(d):
    y, m, dd = d.split("-")
    mi, di = int(m), int(dd)
    forms = []
    for D in {str(di), f"{di:02d}"}:
        for M in {str(mi), f"{mi:02d}"}:
            forms += [f"{D}/{M}/{y}", f"{D}-{M}-{y}", f"{D}.{M}.{y}", f"ngày {D} tháng {M} năm {y}",
                      f"{D}/{M}", f"{D}-{M}"]
    return [canon(f) for f in forms]


class Checker:
    def __init__(self, name, text):
        self.name, self.problems = name, []
        self.text = text
        if text is not None:
            t = text.replace("\f", "\n")
            self.ctext = canon(t)
            # words hyphenated across lines ("31-\nCTr/TW") joined, spaces removed
            self.ntext = compact(re.sub(r"-\s*\n\s*", "-", t))
            self.lines = [ln for ln in t.splitlines()]

    def bad(self, msg):
        self.problems.append(f"{self.name}: {msg}")

    def occurs(self, what, s):
        if self.text is None or s is None:
            return
        if canon(s) not in self.ctext:
            self.bad(f"{what} {s!r} does not occur in the source text")

    def occurs_any(self, what, alts):
        if self.text is None:
            return
        alts = alts if isinstance(alts, list) else [alts]
        if not any(canon(a) in self.ctext for a in alts):
            self.bad(f"{what} {alts!r}: no alternative occurs in the source text")

    def number(self, what, n):
        if self.text is None or n is None:
            return
        if compact(n) not in self.ntext:
            self.bad(f"{what} number {n!r} does not occur in the source text")

    def date(self, what, d, required=True):
        if d is None:
            return
        if not isinstance(d, str) or not DATE.match(d):
            self.bad(f"{what} date {d!r} is not YYYY-MM-DD")
            return
        try:
            datetime.date.fromisoformat(d)
        except ValueError:
            self.bad(f"{what} date {d!r} is not a calendar date")
            return
        if self.text is not None and not any(f in self.ctext for f in date_forms(d)):
            if required:
                self.bad(f"{what} date {d!r} is not written in the source text")

    def section(self, sid):
        if self.text is None:
            return
        last = sid.split(".")[-1]
        if sid.startswith(("Chương", "Mục", "Phần")):
            pat = re.escape(sid) + r"\b"
        elif sid.startswith("Điều"):
            parts = sid.split(" ", 1)[1].split(".")
            if len(parts) == 1:
                pat = r"Điều\s+" + re.escape(parts[0]) + r"\b"
            elif len(parts) == 2:
                pat = re.escape(parts[1]) + r"[.)]"
            else:
                pat = re.escape(parts[2]) + r"\)"
        elif re.match(r"^[a-zđ]$", last):
            pat = re.escape(last) + r"\)"
        elif re.match(r"^[IVXLC]+$", last):
            pat = re.escape(last) + r"\s*[.\-–)/]"
        else:
            nums = [p for p in sid.split(".") if p.isdigit()]
            pat = r"\.".join(re.escape(p) for p in nums) + r"[.)]?\s"
        rx = re.compile(r"(?:^|\t|\s{2,}|\|)\s*(?:\*\*)?(?:#+\s*)?" + pat, re.IGNORECASE)
        if not any(rx.search(ln) for ln in self.lines):
            self.bad(f"section {sid!r}: no heading line starts with it")


def check_one(gp):
    name = os.path.relpath(gp, ROOT)
    try:
        gold = json.load(open(gp, encoding="utf-8"))
    except ValueError as e:
        return [f"{name}: not JSON: {e}"]
    probs = []
    for k in KEYS:
        if k not in gold:
            probs.append(f"{name}: missing key {k!r}")
    if probs:
        return probs
    src = os.path.join(os.path.dirname(gp), gold["source"])
    if not os.path.exists(src):
        return [f"{name}: source {gold['source']} is missing"]
    if gold.get("encoding") is not None and gold["encoding"] not in ENCODINGS:
        probs.append(f"{name}: unknown encoding {gold['encoding']!r}")
    c = Checker(name, source_text(src, gold))
    if gold["kind"] not in ("official", "article"):
        c.bad(f"kind {gold['kind']!r}")
    if gold["doc_type"] is not None and gold["doc_type"] not in DOC_TYPES:
        c.bad(f"doc_type {gold['doc_type']!r} is not a known type name")
    if gold["kind"] == "official":
        for k in ("number", "doc_type", "issuer", "title"):
            if not gold[k]:
                c.bad(f"official document without {k}")
    c.number("document", gold["number"])
    if gold["issuer"] is not None:
        c.occurs_any("issuer", gold["issuer"])
    c.occurs("place", gold["place"])
    c.date("document", gold["date"])
    if gold["title"] is not None:
        c.occurs("title", gold["title"])
    s = gold["signer"]
    if s is not None:
        if not isinstance(s, dict) or not s.get("name"):
            c.bad("signer must be an object with a name")
        else:
            for k in ("name", "capacity", "position"):
                c.occurs(f"signer {k}", s.get(k))
    nums = set()
    for r in gold["references"]:
        if not isinstance(r, dict) or not r.get("number"):
            c.bad(f"reference {r!r} has no number")
            continue
        nums.add(compact(r["number"]))
        c.number("reference", r["number"])
        if r.get("doc_type") is not None and r["doc_type"] not in DOC_TYPES:
            c.bad(f"reference {r['number']} doc_type {r['doc_type']!r}")
        c.date(f"reference {r['number']}", r.get("date"))
        if r.get("issuer"):
            c.occurs(f"reference {r['number']} issuer", r["issuer"])
    if len(nums) != len(gold["references"]):
        c.bad("a reference number is listed twice")
    if gold["number"] and compact(gold["number"]) in nums:
        c.bad("the document's own number is listed among its references")
    for n in gold["implements"]:
        if compact(n) not in nums:
            c.bad(f"implements {n!r} is not among the references")
    secs = gold["sections"]
    if len(set(secs)) != len(secs):
        c.bad("a section id is listed twice")
    for sid in secs:
        if not isinstance(sid, str) or not SECTION.match(sid):
            c.bad(f"section id {sid!r} is not a path like II.3.1 or Điều 2.1.a")
            continue
        parent = sid.rsplit(".", 1)[0] if "." in sid else None
        if parent and parent not in secs:
            c.bad(f"section {sid!r} has no parent {parent!r} in the list")
        c.section(sid)
    leads = set()
    for t in gold["tasks"]:
        if not isinstance(t, dict) or not t.get("lead") or not t.get("text"):
            c.bad(f"task {t!r} needs text and lead")
            continue
        if t.get("section") is not None and t["section"] not in secs:
            c.bad(f"task section {t['section']!r} is not a listed section")
        c.occurs("task text", t["text"])
        for u in t["lead"]:
            leads.add(canon(u))
            c.occurs("task lead", u)
        for u in t.get("support") or []:
            c.occurs("task support", u)
        if t.get("deadline"):
            c.occurs("task deadline", t["deadline"])
    tl = {canon(x) for x in gold["task_leads"]}
    opt = {canon(x) for x in gold["task_leads_optional"]}
    for x in gold["task_leads"] + gold["task_leads_optional"]:
        c.occurs("task_leads name", x)
    if tl - leads:
        c.bad(f"task_leads not lead of any task: {sorted(tl - leads)}")
    if leads - tl - opt:
        c.bad(f"task leads missing from task_leads/optional: {sorted(leads - tl - opt)}")
    for e in gold["events"]:
        if e.get("kind") not in ("study_session", "conference"):
            c.bad(f"event kind {e.get('kind')!r}")
        c.date("event", e.get("date"))
        if e.get("time") is not None and not TIME.match(e["time"]):
            c.bad(f"event time {e['time']!r} is not HH:MM")
        if e.get("mode") not in (None, "in_person", "online", "both"):
            c.bad(f"event mode {e.get('mode')!r}")
        c.occurs("event venue", e.get("venue"))
        for k in ("presenter", "bridge_points"):
            c.occurs(f"event {k}", e.get(k))
        for x in e.get("participants") or []:
            c.occurs("event participant group", x)
    for t in gold["targets"]:
        if not isinstance(t, dict) or not isinstance(t.get("percent"), (int, float)):
            c.bad(f"target {t!r} needs a numeric percent")
            continue
        c.occurs("target text", t.get("text"))
    for r in gold["recipients"]:
        c.occurs_any("recipient", r)
    for n, note in (gold.get("recipient_notes") or {}).items():
        c.occurs("recipient note", note)
    return probs + c.problems


def gold_as_prediction(gold):
    """The gold itself in the parser's output shape (CONTRACT.md)."""
    first = lambda x: x[0] if isinstance(x, list) else x  # noqa: E731
    return {"source": gold["source"], "kind": gold["kind"], "number": gold["number"],
            "doc_type": gold["doc_type"], "issuer": first(gold["issuer"]) if gold["issuer"] else None,
            "place": gold["place"], "date": gold["date"], "title": gold["title"], "signer": gold["signer"],
            "references": gold["references"], "implements": gold["implements"],
            "sections": [{"id": s} for s in gold["sections"]],
            "tasks": [{"lead": t["lead"], "support": t.get("support") or []} for t in gold["tasks"]],
            "events": gold["events"], "targets": gold["targets"],
            "recipients": [{"name": first(r)} for r in gold["recipients"]]}


def self_score(paths):
    """Feed every gold file to ../shared/eval/score.py as its own prediction:
    anything short of a perfect score means score.py reads our gold differently
    from what we meant (e.g. a task lead missing from task_leads/optional)."""
    shared = os.path.join(ROOT, "..", "shared", "eval")
    if not os.path.exists(os.path.join(shared, "score.py")):
        print("note: ../shared/eval/score.py absent, self-score skipped")
        return []
    sys.path.insert(0, shared)
    import score  # noqa: E402

    out = []
    for gp in paths:
        gold = json.load(open(gp, encoding="utf-8"))
        tallies, problems = {}, []
        try:
            score.score_doc(gold_as_prediction(gold), gold, tallies, problems)
        except (KeyError, TypeError) as e:
            out.append(f"{os.path.relpath(gp, ROOT)}: score.py cannot read this gold: {e!r}")
            continue
        for name, t in tallies.items():
            s = t.score()
            if s is not None and s < 1.0:
                out.append(f"{os.path.relpath(gp, ROOT)}: self-score {name} = {s:.3f} ({t.detail()})")
    return out


def main():
    dirs = sys.argv[1:] or [os.path.join(ROOT, "tests", "fixtures", "docs"),
                            os.path.join(ROOT, "samples", "cascade")]
    problems, paths = [], []
    for d in dirs:
        paths += sorted(glob.glob(os.path.join(d, "*.gold.json")))
    n = len(paths)
    for gp in paths:
        problems += check_one(gp)
    if not problems:
        problems += self_score(paths)
    for p in problems:
        print(p)
    print(f"{n} gold files checked, {len(problems)} problems")
    return 1 if problems or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
