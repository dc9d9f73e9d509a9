"""Benchmark kotext.normalize against the pure-Python reference and soynlp's normalizers.

Run: ``.venv/bin/python benchmarks/normalize.py`` (or ``make bench``). Reads
../shared/data/news/soynlp-news-2018.dat and knews8-train.jsonl (title + body per article).

Engines:
- kotext, 1 thread and all cores (``n_jobs``): every rule of normalize.hpp with the default
  options. Each timed run gets freshly built ``str`` objects, so the time includes CPython's
  str -> UTF-8 conversion and building the result strings.
- reference: tests/python/normalize_reference.py, the same rules in plain Python
  (unicodedata + re). Outputs must be identical to kotext's before anything is timed.
- soynlp 0.0.493 normalizer functions (a different, smaller job, timed for scale):
  ``repeat_normalize`` cuts runs of 4+ equal word characters (Hangul, letters, digits) to
  2 and collapses all whitespace to one space; ``emoticon_normalize`` also splits syllables
  glued to jamo (ㅋㅋ쿠ㅜㅜ -> ㅋㅋㅋㅜㅜ) first; ``only_hangle`` keeps Hangul and spaces only;
  ``normalize`` keeps Hangul (and optionally letters, digits, punctuation) and drops the rest.
  Their outputs cannot equal kotext's; for ``repeat_normalize`` the script reports how
  many documents agree with kotext restricted to the same job (repeats + spaces).

MB/s is UTF-8 input bytes per second, median of ``--runs`` runs (default 5), by wall clock
and by CPU time. The machine this runs on is usually shared, and a loaded machine stretches
wall-clock times: the CPU-time figures (and ratios of CPU times) are the steadier ones for
the single-threaded engines; for "all cores" only the wall clock means anything.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import sys
import time
from typing import Callable

import kotext

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "news"
sys.path.insert(0, str(ROOT / "tests" / "python"))
from normalize_reference import normalize_reference


def load() -> dict[str, list[str]]:
    sets = {}
    soy = DATA / "soynlp-news-2018.dat"
    if soy.exists():
        text = soy.read_text(encoding="utf-8")
        sets["soynlp-news-2018 (1 doc)"] = [text]
        # The file is one 690 KB line; cut it at spaces into ~4 KB pieces so that the
        # thread pool has documents to share out.
        pieces, start = [], 0
        while start < len(text):
            end = text.find(" ", start + 1400)  # ~4 KB of UTF-8
            end = len(text) if end < 0 else end
            pieces.append(text[start:end])
            start = end
        sets[f"soynlp-news-2018 ({len(pieces)} pieces)"] = pieces
    knews = DATA / "knews8-train.jsonl"
    if knews.exists():
        docs = []
        with open(knews, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                docs.append(d["title"] + "\n" + d["body"])
        sets[f"knews8-train ({len(docs)} docs)"] = docs
    return sets


def fresh(docs: list[str]) -> list[str]:
    """New str objects (CPython caches a str's UTF-8 form after the first conversion)."""
    return [d.encode("utf-8").decode("utf-8") for d in docs]


def median_times(fn: Callable[[list[str]], object], docs: list[str],
                 runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (CPU time of the whole process, all threads)."""
    wall, cpu = [], []
    for _ in range(runs):
        batch = fresh(docs)
        t, c = time.perf_counter(), time.process_time()
        fn(batch)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sets = load()
    if not sets:
        print("no data: ../shared/data/news/ not found, nothing to measure")
        return
    try:
        from soynlp import normalizer as soy
    except ImportError:
        soy = None
        print("soynlp not installed (pip install soynlp): its rows are skipped")

    cores = os.cpu_count()
    loadavg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"kotext {kotext.__version__}, utf8proc {kotext._core.utf8proc_version}, {cores} "
          f"cores, load average {loadavg} at start, median of {args.runs} runs. The machine is "
          "shared with other jobs: wall-clock timings are noisy.")
    engines: list[tuple[str, Callable[[list[str]], object]]] = [
        ("kotext, 1 thread", lambda b: kotext.normalize(b, n_jobs=1)),
        (f"kotext, all cores ({cores})", lambda b: kotext.normalize(b, n_jobs=-1)),
        ("kotext, 1 thread, return_offsets", lambda b: kotext.normalize(
            b, n_jobs=1, return_offsets=True)),
        ("pure-Python reference (same rules)", lambda b: [normalize_reference(d) for d in b]),
    ]
    if soy is not None:
        engines += [
            ("soynlp repeat_normalize", lambda b: [soy.repeat_normalize(d) for d in b]),
            ("soynlp emoticon_normalize", lambda b: [soy.emoticon_normalize(d) for d in b]),
            ("soynlp only_hangle", lambda b: [soy.only_hangle(d) for d in b]),
            ("soynlp normalize", lambda b: [soy.normalize(d) for d in b]),
        ]

    print()
    print("| data | engine | MB/s (wall) | MB/s (CPU) | CPU time / kotext 1 thread |")
    print("|---|---|---:|---:|---:|")
    for name, docs in sets.items():
        nbytes = sum(len(d.encode("utf-8")) for d in docs)
        ours = kotext.normalize(docs)
        ref = [normalize_reference(d) for d in docs]
        bad = [i for i, (a, b) in enumerate(zip(ours, ref)) if a != b]
        if bad:
            raise SystemExit(f"{name}: kotext and the reference differ on documents {bad[:10]}")
        base = None
        for label, fn in engines:
            if "all cores" in label and len(docs) == 1:
                continue
            wall, cpu = median_times(fn, docs, args.runs)
            base = cpu if base is None else base
            if "all cores" in label:
                print(f"| {name} | {label} | {nbytes / wall / 1e6:.1f} | - | - |")
            else:
                print(f"| {name} | {label} | {nbytes / wall / 1e6:.1f} | "
                      f"{nbytes / cpu / 1e6:.1f} | {cpu / base:.1f} |")
        if soy is not None:
            same_job = kotext.normalize(
                docs, form="none", decode_html=False, width=False, quotes=False,
                middle_dots=False, dashes=False, ellipsis=False)
            agree = sum(" ".join(k.split()) == soy.repeat_normalize(d)
                        for k, d in zip(same_job, docs))
            print(f"| {name} | (check) kotext repeats+spaces == soynlp repeat_normalize | "
                  f"{agree}/{len(docs)} docs | | |")
    print()
    print("kotext and the reference agreed on every document before timing.")
    print("soynlp repeat_normalize differs by design: it also cuts digit and Latin runs "
          "(10000 -> 100), keeps runs of 3 (ㅋㅋㅋ) and of punctuation (!!!!), and joins lines.")


if __name__ == "__main__":
    main()
