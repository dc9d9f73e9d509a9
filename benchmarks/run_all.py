"""Run every benchmark task and write one table file, ``benchmarks/RESULTS.md`` (``make bench``).

    .venv/bin/python benchmarks/run_all.py [--quick] [--only TASK ...] [--out FILE]

Each task of ``benchmarks/tasks`` (see ``tasks.ORDER``) measures kotext and its peers
(``benchmarks/peers``, one adapter per library) on the real data in ``../shared/data`` and
returns a Markdown section. A task, peer or kotext feature that is missing or fails is
reported as "n/a (reason)" and the run goes on; the exit status is 1 only when a whole task
raised. ``--quick`` (``make bench QUICK=1``) runs the same code on small slices of the data
in under two minutes: its figures check the harness, they are not the results.

RESULTS.md is rewritten after every task, so an interrupted run leaves the finished sections.
The per-task scripts beside this file (tokenizer.py, segment.py, tfidf.py, ...) are the
detailed, standalone studies; this runner is the one side-by-side table.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c  # noqa: E402  (after the path change)
import tasks  # noqa: E402


def header(info: dict, quick: bool, started: float) -> str:
    load = ", ".join(f"{x:.1f}" for x in info["load"])
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items() if v)
    missing = ", ".join(k for k, v in info["versions"].items() if not v)
    mode = ("**QUICK / PROVISIONAL** (`make bench QUICK=1`: small slices of the data, to check "
            "the harness; these are not the results)" if quick else "full (`make bench`)")
    return "\n".join([
        "# kotext benchmark results",
        "",
        f"- mode: {mode}",
        f"- date: {info['date']}; commit {info['commit']}",
        f"- machine: {info['cores']} cores, {info['cpu']}; load average at start {load}; "
        f"Python {info['python']} on {info['platform']}",
        f"- versions: {versions}",
        f"- not installed: {missing or 'none'}",
        "",
        "Rules: outputs are checked to agree (or their differences scored) before anything is "
        f"timed; every time is the median of at least {c.MIN_RUNS} runs after a warm-up; each "
        "speed figure is given as a ratio to a peer measured in the same run, because the "
        "machine is shared and absolute speeds drift; peak memory is measured in a fresh "
        "process. \"n/a (reason)\" marks what could not be measured here. Regenerate with "
        "`make bench` (data in `../shared/data`, peers from the `bench` extra).",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small slices, under two minutes")
    ap.add_argument("--only", nargs="*", choices=tasks.ORDER, help="run these tasks only")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args(argv)
    quick = args.quick or c.quick()
    if quick:
        os.environ["KOTEXT_BENCH_QUICK"] = "1"  # seen by child processes too
    started = time.perf_counter()
    info = c.machine_info()
    sections, failed = [], []
    out = Path(args.out)
    for name in args.only or tasks.ORDER:
        t0 = time.perf_counter()
        print(f"=== {name}", flush=True)
        try:
            mod = importlib.import_module(f"tasks.{name}")
            title = mod.TITLE
            body = mod.run(quick)
        except Exception as err:  # noqa: BLE001 - the run goes on; the section says why
            traceback.print_exc()
            failed.append(name)
            title, body = name, c.na(f"the task failed: {c.error_reason(err, 200)}")
        took = time.perf_counter() - t0
        sections.append(f"## {title}\n\n{body}\n\n_(task `{name}`: {took:.0f} s)_\n")
        print(f"    {took:.1f} s", flush=True)
        total = time.perf_counter() - started
        out.write_text(header(info, quick, started) + "\n" + "\n".join(sections)
                       + f"\nTotal time of the run: {total:.0f} s.\n", encoding="utf-8")
    print(f"wrote {out} in {time.perf_counter() - started:.0f} s"
          + (f"; failed tasks: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
