"""Tokenizer speed on Korean news text that does not repeat, cold and warm, against Kiwi.

The corpus is ``benchmarks/tfidf.py``'s ``load_unique()`` (knews8 title + body, the YNAT
training headlines, the Naver sample, the soynlp dump: each text once). Each configuration
runs in a fresh process: the first ``Tokenizer().tokenize(texts)`` there is the cold pass
(every distinct eojeol goes through the dictionary lattice once; the dictionary is loaded
before the clock starts), the next ones reuse the word memo (warm, median of --runs).
Kiwi (kiwipiepy, the bench extra) tokenizes the first --kiwi-mb MB of the same texts in
the same run. MB/s counts UTF-8 input bytes, per wall second and per CPU second (process
CPU time: steadier than wall time on this shared 2-core machine).

Run: ``.venv/bin/python benchmarks/tokenizer_cold.py [--runs 3] [--kiwi-mb 0.5]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import importlib.util, json, sys, time
spec = importlib.util.spec_from_file_location("bench_tfidf", {tfidf!r})
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
which, jobs, runs, kiwi_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
docs = bench.load_unique()
def size(ds):
    return sum(len(t.encode("utf-8")) for t in ds) / 1e6
def clock(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out
res = []
if which == "kotext":
    import kotext
    tok = kotext.Tokenizer()
    tok("사전")  # loads the dictionary before the clock
    mb = size(docs)
    for r in range(1 + runs):
        wall, cpu, out = clock(lambda: tok.tokenize(docs, n_jobs=jobs))
        res.append({{"wall": wall, "cpu": cpu, "mb": mb, "tokens": sum(map(len, out))}})
else:
    from kiwipiepy import Kiwi
    kiwi = Kiwi(num_workers=jobs)
    kiwi.tokenize("사전")
    take, acc = [], 0.0
    for t in docs:
        take.append(t)
        acc += len(t.encode("utf-8")) / 1e6
        if acc >= kiwi_mb:
            break
    wall, cpu, out = clock(lambda: list(kiwi.tokenize(take)))
    res.append({{"wall": wall, "cpu": cpu, "mb": size(take), "tokens": sum(map(len, out))}})
print(json.dumps(res))
"""


def run(which: str, jobs: int, runs: int, kiwi_mb: float) -> list[dict]:
    code = CHILD.format(tfidf=str(HERE / "tfidf.py"))
    out = subprocess.run([sys.executable, "-c", code, which, str(jobs), str(runs), str(kiwi_mb)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="warm passes after the cold one")
    ap.add_argument("--kiwi-mb", type=float, default=0.5, help="MB of the corpus Kiwi tokenizes")
    a = ap.parse_args()
    kiwi = run("kiwi", 1, 1, a.kiwi_mb)[0]
    kiwi_rate = kiwi["mb"] / kiwi["wall"]
    print(f"## Tokenizer speed on distinct news text (fresh process per row; Kiwi: first "
          f"{kiwi['mb']:.2f} MB)\n")
    print("| tokenizer | pass | MB | wall s | MB/s wall | CPU s | MB/CPU-s | x Kiwi (wall) |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| Kiwi, 1 thread | - | {kiwi['mb']:.2f} | {kiwi['wall']:.2f} | {kiwi_rate:.2f} | "
          f"{kiwi['cpu']:.2f} | {kiwi['mb'] / kiwi['cpu']:.2f} | 1 |")
    for jobs in (1, 2):
        rs = run("kotext", jobs, a.runs, a.kiwi_mb)
        cold, warm = rs[0], rs[1:]
        rows = [("cold (first pass)", cold["wall"], cold["cpu"])]
        if warm:
            rows.append((f"warm (median of {len(warm)})", statistics.median(r["wall"] for r in warm),
                         statistics.median(r["cpu"] for r in warm)))
        for label, wall, cpu in rows:
            print(f"| kotext, {jobs} thread{'s' if jobs > 1 else ''} | {label} | {cold['mb']:.2f} | "
                  f"{wall:.2f} | {cold['mb'] / wall:.1f} | {cpu:.2f} | {cold['mb'] / cpu:.1f} | "
                  f"{cold['mb'] / wall / kiwi_rate:.0f} |", flush=True)


if __name__ == "__main__":
    main()
