"""Run every benchmark task and write one table file, ``benchmarks/RESULTS.md`` (``make bench``).

    .venv/bin/python benchmarks/run_all.py [--quick] [--only TASK ...] [--out FILE]

Each task of ``benchmarks/tasks`` (see ``tasks.ORDER``) measures kotext and its peers
(``benchmarks/peers``, one adapter per library) on the real data in ``../shared/data`` and
returns a Markdown section. A task, peer or kotext feature that is missing or fails is
reported as "n/a (reason)" and the run goes on; the exit status is 1 only when a whole task
raised. ``--quick`` (``make bench QUICK=1``) runs the same code on small slices of the data
in under two minutes: its figures check the harness, they are not the results.

Each task runs in its own Python process (``--task NAME``), so a peer that crashes the
interpreter (kiwipiepy did, in one configuration) or hangs (``--timeout``) costs one section.
RESULTS.md is rewritten after every task, so an interrupted run leaves the finished sections.
The per-task scripts beside this file (tokenizer.py, segment.py, tfidf.py, ...) are the
detailed, standalone studies; this runner is the one side-by-side table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c
import tasks


def header(info: dict, quick: bool, started: float) -> str:
    load = ", ".join(f"{x:.1f}" for x in info["load"])
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items() if v)
    missing = ", ".join(k for k, v in info["versions"].items() if not v)
    mode = ("**QUICK / PROVISIONAL** (`make bench QUICK=1`: small slices of the data, to check "
            "the harness. These are not the results: quality figures are on slices, and speed "
            "figures on slices this small swing several-fold with the machine's load)"
            if quick else "full (`make bench`)")
    return "\n".join([
        "# kotext benchmark results",
        "",
        f"- mode: {mode}",
        f"- date: {info['date']}; commit {info['commit']}",
        (f"- machine: {info['cores']} cores, {info['cpu']}; load average at start {load}; "
         f"Python {info['python']} on {info['platform']}"),
        f"- versions: {versions}",
        f"- not installed: {missing or 'none'}",
        "",
        ("Rules: outputs are checked to agree (or their differences scored) before anything is "
        f"timed; every time is the median of at least {c.MIN_RUNS} runs after a warm-up; each "
        "speed figure is given as a ratio to a peer measured in the same run, because the "
        "machine is shared and absolute speeds drift; peak memory is measured in a fresh "
        "process. \"n/a (reason)\" marks what could not be measured here. Regenerate with "
        "`make bench` (data in `../shared/data`, peers from the `bench` extra)."),
        "",
    ])


def run_task(name: str, quick: bool) -> str:
    """The Markdown section body of one task, computed in this process."""
    mod = importlib.import_module(f"tasks.{name}")
    return mod.run(quick)


def run_task_isolated(name: str, quick: bool, timeout: float) -> tuple[str, bool, list]:
    """(section body, ok, summary rows) of one task run in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "section.md"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--task", name, "--out", str(out)]
        try:
            p = subprocess.run(cmd + (["--quick"] if quick else []), timeout=timeout,
                               check=False)
        except subprocess.TimeoutExpired:
            return c.na(f"the task ran over its {timeout:.0f} s limit"), False, []
        if p.returncode == 0 and out.exists():
            summary = Path(str(out) + ".summary.json")
            rows = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else []
            return out.read_text(encoding="utf-8"), True, rows
        return (c.na(f"the task failed (exit status {p.returncode}; see the run's log)"), False,
                [])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small slices, under two minutes")
    ap.add_argument("--only", nargs="*", choices=tasks.ORDER, help="run these tasks only")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds one task may take (default 300 quick, 7200 full)")
    ap.add_argument("--task", choices=tasks.ORDER, help=argparse.SUPPRESS)  # the child's job
    args = ap.parse_args(argv)
    quick = args.quick or c.quick()
    if quick:
        os.environ["KOTEXT_BENCH_QUICK"] = "1"  # seen by child processes too
    if args.task:
        Path(args.out).write_text(run_task(args.task, quick), encoding="utf-8")
        Path(args.out + ".summary.json").write_text(json.dumps(c.SUMMARY), encoding="utf-8")
        return 0
    timeout = args.timeout or (300.0 if quick else 7200.0)
    started = time.perf_counter()
    info = c.machine_info()
    sections, failed, summary = [], [], []
    out = Path(args.out)
    for name in args.only or tasks.ORDER:
        t0 = time.perf_counter()
        print(f"=== {name}", flush=True)
        title = getattr(importlib.import_module(f"tasks.{name}"), "TITLE", name)
        body, ok, rows = run_task_isolated(name, quick, timeout)
        if not ok:
            failed.append(name)
        summary += [[title, *r] for r in rows] or [[title, body if not ok else "-", "-", "-",
                                                     "-"]]
        took = time.perf_counter() - t0
        sections.append(f"## {title}\n\n{body}\n\n_(task `{name}`: {took:.0f} s)_\n")
        print(f"    {took:.1f} s", flush=True)
        total = time.perf_counter() - started
        table = c.md_table(["task", "measure", "kotext", "peer (best, or the reference)",
                            "kotext speed-up"], summary)
        out.write_text(header(info, quick, started) + "\n## Summary\n\n" + table
                       + "\n\nDetails, checks and every peer per task below.\n\n"
                       + "\n".join(sections)
                       + f"\nTotal time of the run: {total:.0f} s.\n", encoding="utf-8")
    print(f"wrote {out} in {time.perf_counter() - started:.0f} s"
          + (f"; failed tasks: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
