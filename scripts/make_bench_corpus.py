#!/usr/bin/env python3
"""Write a benchmark corpus of plain-text documents built from our fixtures.

  python3 scripts/make_bench_corpus.py [--out target/bench-corpus] [--mb 24] [--seed 1]

Takes every UTF-8 .txt fixture (tests/fixtures/docs, samples/cascade,
scripts/legacy_src) and writes variants of them until the folder holds --mb
megabytes: document numbers, dates and day counts are shifted and paragraphs
of the body are repeated in a different order, so the parser never sees the
same file twice but every file keeps the shape of a real document. The output
goes under target/ (ignored by git); nothing here is committed but the script.
Deterministic for a given --seed.
"""
import argparse
import glob
import os
import random
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def sources():
    paths = []
    for pattern in ("tests/fixtures/docs/*.txt", "samples/cascade/*.txt", "scripts/legacy_src/*.txt"):
        paths += sorted(glob.glob(os.path.join(ROOT, pattern)))
    out = []
    for p in paths:
        data = open(p, "rb").read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # legacy-encoded outputs: their UTF-8 sources are in scripts/legacy_src
        out.append((os.path.basename(p), text.replace("\r\n", "\n")))
    return out


def variant(text, rng):
    """The same document with other numbers and dates and a reshuffled body."""
    shift = rng.randint(1, 400)
    text = re.sub(r"\b(\d{1,4})(-[A-ZĐ][A-Za-zĐđ]*/)", lambda m: f"{int(m.group(1)) + shift}{m.group(2)}", text)
    text = re.sub(r"\b(\d{1,4})(/[A-ZĐ][A-ZĐa-z]*-)", lambda m: f"{int(m.group(1)) + shift}{m.group(2)}", text)
    day = rng.randint(1, 28)
    text = re.sub(r"ngày \d{1,2} tháng", f"ngày {day:02d} tháng", text, count=1)
    lines = text.split("\n")
    head, body = lines[:25], lines[25:]
    paras = [p for p in "\n".join(body).split("\n\n") if p.strip()]
    if len(paras) > 6:
        middle = paras[1:-4]
        rng.shuffle(middle)
        extra = rng.sample(middle, k=min(len(middle), rng.randint(0, 3)))
        paras = paras[:1] + middle + extra + paras[-4:]
    return "\n".join(head) + "\n" + "\n\n".join(paras) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench-corpus"))
    ap.add_argument("--mb", type=float, default=24.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    docs = sources()
    os.makedirs(a.out, exist_ok=True)
    total, n = 0, 0
    limit = int(a.mb * 1024 * 1024)
    while total < limit:
        name, text = docs[n % len(docs)]
        data = variant(text, rng).encode("utf-8")
        path = os.path.join(a.out, f"{n:06d}_{name}")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        n += 1
    print(f"{n} files, {total / 1024 / 1024:.1f} MB in {a.out}")


if __name__ == "__main__":
    main()
