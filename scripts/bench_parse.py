#!/usr/bin/env python3
"""Throughput of `trienkhai parse` against Python's regex baseline.

    scripts/bench_parse.py DIR                 # measure over the files in DIR
    scripts/bench_parse.py --make-corpus DIR MB  # first write ~MB of documents

Prints two figures over the same files:
  * Python: re.findall(r"\\d+[-/]\\w+[/-]\\w+", text) over every file's text
    (already in memory; best of 3 runs), in MB/s of UTF-8 input;
  * CLI: wall time of `target/release/trienkhai parse --json --jobs 1 DIR`
    (best of 3, output to a pipe that is drained), in MB/s of input bytes.

--make-corpus varies real-looking documents (the seed documents in
../shared/corpus/seeds when present, else tests/fixtures) into many distinct
files: numbers, dates, names and paragraph order change from file to file.
The corpus is written outside the repository and never committed.
"""
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATTERN = re.compile(r"\d+[-/]\w+[/-]\w+")


def files_in(d):
    out = []
    for base, dirs, names in os.walk(d):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for n in sorted(names):
            if n.startswith(".") or n.endswith(".gold.json"):
                continue
            out.append(os.path.join(base, n))
    return out


def sources():
    seeds = os.path.join(ROOT, "..", "shared", "corpus", "seeds")
    texts = []
    if os.path.isdir(seeds):
        for p in files_in(seeds):
            if p.endswith(".txt"):
                texts.append(open(p, encoding="utf-8").read())
    if not texts:
        for sub in ("tests/fixtures/docs", "tests/fixtures/formats"):
            d = os.path.join(ROOT, sub)
            if os.path.isdir(d):
                for p in files_in(d):
                    if p.endswith((".txt", ".md")):
                        texts.append(open(p, encoding="utf-8", errors="replace").read())
    if not texts:
        sys.exit("no source texts: need ../shared/corpus/seeds or tests/fixtures")
    return texts


def vary(text, rng):
    text = re.sub(r"\b(\d{1,3})(-[A-ZĐ]{2,4}/)", lambda m: f"{rng.randint(1, 999)}{m.group(2)}", text)
    text = re.sub(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})",
                  lambda m: f"ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2015, 2026)}", text)
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b",
                  lambda m: f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2015, 2026)}", text)
    paras = text.split("\n\n")
    if len(paras) > 6:
        middle = paras[3:-3]
        rng.shuffle(middle)
        paras = paras[:3] + middle + paras[-3:]
    return "\n\n".join(paras)


def make_corpus(d, mb):
    rng = random.Random(57)
    texts = sources()
    os.makedirs(d, exist_ok=True)
    total, i = 0, 0
    while total < mb * 1024 * 1024:
        t = vary(rng.choice(texts), rng)
        # Some documents are long compilations of several.
        if rng.random() < 0.2:
            t += "\n\n" + vary(rng.choice(texts), rng)
        data = t.encode("utf-8")
        with open(os.path.join(d, f"doc{i:05}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
        i += 1
    print(f"wrote {i} files, {total / 1e6:.1f} MB to {d}")


def best_of(n, f):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def main():
    args = sys.argv[1:]
    if args[:1] == ["--make-corpus"]:
        make_corpus(args[1], float(args[2]))
        return
    if len(args) != 1:
        sys.exit(__doc__)
    d = args[0]
    paths = files_in(d)
    raw = [open(p, "rb").read() for p in paths]
    size = sum(len(b) for b in raw)
    texts = [b.decode("utf-8", errors="replace") for b in raw]
    mb = size / 1e6
    hits = [0]

    def python():
        hits[0] = sum(len(PATTERN.findall(t)) for t in texts)

    tp = best_of(3, python)
    exe = os.path.join(ROOT, "target", "release", "trienkhai")
    if not os.path.exists(exe):
        sys.exit("build it first: cargo build --release")
    lines = [0]

    def cli():
        r = subprocess.run([exe, "parse", "--json", "--jobs", "1", d], stdout=subprocess.PIPE)
        lines[0] = r.stdout.count(b"\n")

    tc = best_of(3, cli)
    print(f"corpus: {len(paths)} files, {mb:.1f} MB")
    print(f"python re.findall: {tp:.3f} s, {mb / tp:.1f} MB/s ({hits[0]} matches)")
    print(f"trienkhai parse --json --jobs 1: {tc:.3f} s, {mb / tc:.1f} MB/s ({lines[0]} JSON lines)")
    print(f"ratio CLI/python: {tp / tc:.2f}")


if __name__ == "__main__":
    main()
