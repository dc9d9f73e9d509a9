"""Tokenizer speed through the Python API on Korean news text that does not repeat.

The corpus is benchmarks/_common.py's distinct_news(): knews8 (title + body), the YNAT
training headlines, the Naver sample and the soynlp dump, each text once. MB/s counts
UTF-8 input bytes of the whole list given to ``kotext.Tokenizer.tokenize`` (the tokens
come back as Python lists of str: what a user gets).

Each configuration runs in a fresh process:

- cold: the first ``tokenize(texts)`` of the process (every distinct eojeol analysed, the
  dictionary's word memo and the chunk memo empty), wall and CPU time;
- warm: the median of the next ``--runs`` calls on the same texts (the word memo full;
  the chunk memo and the str cache live per call, so they are rebuilt each time).

Backends: the dictionary analysis (the default, mecab-ko-dic) and ``backend="rules"``
(no dictionary), on 1 and 2 threads; ``return_offsets=True`` (Token tuples) on 1 thread.
Kiwi (kiwipiepy, the ``bench`` extra) tokenizes a sample of the same corpus in the same
run (it runs at well under 1 MB/s, so the whole corpus would take minutes); its MB/s is
on that sample. The machine is shared (2 cores, several users): timings are noisy, CPU
seconds are steadier than wall seconds.

Run: ``.venv/bin/python benchmarks/tokenize_api.py [--runs 3] [--kiwi-mb 0.5]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, statistics, sys, time
sys.path.insert(0, {bench_dir!r})
from _common import distinct_news
backend, n_jobs, runs, offsets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
docs = distinct_news()
size = sum(len(t.encode("utf-8")) for t in docs)
import kotext
tok = kotext.Tokenizer(backend=backend, n_jobs=n_jobs)
tok.tokenize(["정부가 발표했다"])  # loads the dictionary outside the timing
def once():
    t0, c0 = time.perf_counter(), time.process_time()
    out = tok.tokenize(docs, return_offsets=offsets)
    return time.perf_counter() - t0, time.process_time() - c0, out
cold, cold_cpu, out = once()
n_tokens = sum(len(x) for x in out)
del out
warm = [once()[:2] for _ in range(runs)]
print(json.dumps({{"mb": size / 1e6, "docs": len(docs), "tokens": n_tokens,
                   "cold": cold, "cold_cpu": cold_cpu,
                   "warm": statistics.median(w for w, _ in warm),
                   "warm_cpu": statistics.median(c for _, c in warm)}}))
"""


def run_child(backend: str, n_jobs: int, runs: int, offsets: bool) -> dict:
    code = CHILD.format(bench_dir=str(HERE))
    out = subprocess.run([sys.executable, "-c", code, backend, str(n_jobs), str(runs),
                          "1" if offsets else "0"], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def kiwi_speed(mb: float) -> dict | None:
    """Kiwi's tokenize over the first @p mb MB of the corpus, one thread."""
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        return None
    import time

    sys.path.insert(0, str(HERE))
    from _common import distinct_news

    docs, size = [], 0
    for t in distinct_news():
        docs.append(t)
        size += len(t.encode("utf-8"))
        if size >= mb * 1e6:
            break
    kiwi = Kiwi(num_workers=-1)  # one thread (kiwipiepy >= 0.21)
    kiwi.tokenize("정부가 발표했다")
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        kiwi.tokenize(d)
    return {"mb": size / 1e6, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="warm repeats per process")
    ap.add_argument("--kiwi-mb", type=float, default=0.5, help="Kiwi's sample size (MB)")
    args = ap.parse_args()
    kiwi = kiwi_speed(args.kiwi_mb)
    kiwi_mbs = kiwi["mb"] / kiwi["cpu"] if kiwi else None
    configs = [("dictionary (default)", "kotext", 1, False), ("dictionary (default)", "kotext", 2, False),
               ("rules", "rules", 1, False), ("rules", "rules", 2, False),
               ("dictionary, return_offsets", "kotext", 1, True),
               ("rules, return_offsets", "rules", 1, True)]
    rows = []
    for label, backend, jobs, offsets in configs:
        r = run_child(backend, jobs, args.runs, offsets)
        rows.append((label, jobs, r))
        print(f"  {label}, {jobs} thread(s): cold {r['cold']:.2f}s, warm {r['warm']:.2f}s",
              flush=True)
    first = rows[0][2]
    print(f"\n## kotext.Tokenizer().tokenize(texts) through the Python API, distinct text "
          f"({first['docs']:,} documents, {first['mb']:.1f} MB UTF-8, {first['tokens']:,} tokens "
          f"with the dictionary)\n")
    print("| backend | threads | cold MB/s (wall) | cold MB/CPU-s | warm MB/s (wall) | "
          "warm MB/CPU-s | warm x Kiwi (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for label, jobs, r in rows:
        mb = r["mb"]
        vs = f"{mb / r['warm_cpu'] / kiwi_mbs:.0f}x" if kiwi_mbs else "n/a"
        print(f"| {label} | {jobs} | {mb / r['cold']:.1f} | {mb / r['cold_cpu']:.1f} | "
              f"{mb / r['warm']:.1f} | {mb / r['warm_cpu']:.1f} | {vs} |")
    if kiwi:
        print(f"\nKiwi (kiwipiepy, one thread, tokenize per text): {kiwi['mb']:.2f} MB sample, "
              f"{kiwi['wall']:.1f} s wall, {kiwi['mb'] / kiwi['cpu']:.3f} MB/CPU-s. "
              "Cold x Kiwi = cold MB/CPU-s / Kiwi's.")
    else:
        print("\nKiwi: not installed (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
