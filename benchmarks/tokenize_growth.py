"""How the first (cold) pass of the dictionary tokenizer scales with corpus size.

The dictionary analysis of a word is done once per distinct eojeol and memoized, so the
cold pass costs about (first-seen words) x (one lattice analysis) + (every word) x (a
memo hit). The share of first-seen words falls as a corpus grows; this prints it with
the cold MB/s at growing prefixes of the distinct news corpus (``_common.distinct_news``),
each size in a fresh process, one thread.

Run: ``.venv/bin/python benchmarks/tokenize_growth.py [--sizes 1000 10000 0]`` (0: all)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, {bench_dir!r})
from _common import distinct_news
n = int(sys.argv[1])
docs = distinct_news()
docs = docs[:n] if n else docs
size = sum(len(t.encode("utf-8")) for t in docs)
seen, first_bytes, first_words, words = set(), 0, 0, 0
for t in docs:
    for w in t.split():
        words += 1
        if w not in seen:
            seen.add(w)
            first_words += 1
            first_bytes += len(w.encode("utf-8"))
import kotext
tok = kotext.Tokenizer(n_jobs=1)
tok.tokenize(["정부가 발표했다"])  # loads the dictionary outside the timing
t0, c0 = time.perf_counter(), time.process_time()
tok.tokenize(docs)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
t0, c0 = time.perf_counter(), time.process_time()
tok.tokenize(docs)
warm_cpu = time.process_time() - c0
print(json.dumps({{"docs": len(docs), "mb": size / 1e6, "words": words, "first_words": first_words,
                   "first_bytes": first_bytes, "wall": wall, "cpu": cpu, "warm_cpu": warm_cpu}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 0],
                    help="document counts (0: the whole corpus)")
    args = ap.parse_args()
    print("| documents | MB | eojeols | first-seen eojeols | first-seen share of bytes | "
          "cold MB/s (wall) | cold MB/CPU-s | warm MB/CPU-s |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        out = subprocess.run([sys.executable, "-c", CHILD.format(bench_dir=str(HERE)), str(n)],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        mb = r["mb"]
        print(f"| {r['docs']:,} | {mb:.2f} | {r['words']:,} | {r['first_words']:,} "
              f"({r['first_words'] / r['words']:.0%}) | {r['first_bytes'] / (mb * 1e6):.0%} | "
              f"{mb / r['wall']:.2f} | {mb / r['cpu']:.2f} | {mb / r['warm_cpu']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
