"""Run the benchmark tasks and write one table file, ``benchmarks/RESULTS.md`` (``make bench``).

    .venv/bin/python benchmarks/run_all.py [--quick] [--tasks TASK ...] [--fresh] [--out FILE]

Each task of ``benchmarks/tasks`` (see ``tasks.ORDER``) measures kotext and its peers
(``benchmarks/peers``, one adapter per library) on the real data in ``../shared/data`` and
returns a Markdown section. A task, peer or kotext feature that is missing or fails is
reported as "n/a (reason)" and the run goes on; the exit status is 1 only when a whole task
failed. ``--quick`` (``make bench QUICK=1``) runs the same code on small slices of the data
in under two minutes: its figures check the harness, they are not the results.

Each task runs in its own Python process (``--task NAME``), so a peer that crashes the
interpreter (kiwipiepy did, in one configuration) or hangs (a time limit per task, from
``tasks.EXPECTED_FULL_S`` and the machine's load: ``time_limit``) costs one section.
RESULTS.md is rewritten after every task, so an interrupted run leaves the finished
sections.

``--tasks a b`` runs only those tasks and merges them into an existing RESULTS.md of the
same mode (its other sections are kept, each with its own date and commit), so a task that
failed in the full run is re-run alone: ``make bench TASKS=pages``. ``--fresh`` starts the
file over. Each section is stored with a one-line JSON record (an HTML comment) that holds
its summary rows and time; ``readme_table.py`` reads the same records.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c
import tasks

RUN_TAG, TASK_TAG = "<!-- bench-run ", "<!-- bench-task "
_RECORD = re.compile(r"^<!-- bench-task (\{.*\}) -->\n", re.MULTILINE)
SUMMARY_HEAD = ["task", "measure", "kotext", "peer (best, or the reference)", "kotext speed-up"]


def header(info: dict, quick: bool) -> str:
    load = ", ".join(f"{x:.1f}" for x in info["load"])
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items() if v)
    missing = ", ".join(k for k, v in info["versions"].items() if not v)
    mode = ("**QUICK / PROVISIONAL** (`make bench QUICK=1`: small slices of the data, to check "
            "the harness. These are not the results: quality figures are on slices, and speed "
            "figures on slices this small swing several-fold with the machine's load)"
            if quick else "full (`make bench`)")
    return "\n".join([
        RUN_TAG + json.dumps({"mode": "quick" if quick else "full", "info": info},
                             ensure_ascii=False) + " -->",
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
         "process; a peer too slow for the whole input is timed on a stated slice (its "
         "time-box), with the systems it is compared with timed on the same slice. "
         "\"n/a (reason)\" marks what could not be measured here. Regenerate with `make bench` "
         "(data in `../shared/data`, peers from the `bench` extra); re-run one task into this "
         "file with `make bench TASKS=name`."),
        "",
    ])


def time_limit(name: str, quick: bool) -> float:
    """Seconds a task may run before it is stopped: three times its expected time (300 s in
    quick mode), times the machine's oversubscription (load average per core, when above 1).
    The limit catches a hung peer; a shared machine only makes the task slower."""
    base = 300.0 if quick else 3.0 * tasks.EXPECTED_FULL_S[name]
    return base * max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def run_task(name: str, quick: bool) -> str:
    """The Markdown section body of one task, computed in this process."""
    mod = importlib.import_module(f"tasks.{name}")
    return mod.run(quick)


def run_task_isolated(name: str, quick: bool, timeout: float) -> tuple[str, bool, list]:
    """(section body, ok, summary rows) of one task run in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "section.md"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--task", name, "--out", str(out)]
        # its own process group, so that a task over its limit is stopped with the workers
        # it started (fresh processes for peak memory, the KSS worker, Dask's cluster)
        p = subprocess.Popen(cmd + (["--quick"] if quick else []), start_new_session=True)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return c.na(f"the task ran over its {timeout:.0f} s limit"), False, []
        except KeyboardInterrupt:
            os.killpg(p.pid, signal.SIGKILL)
            raise
        if p.returncode == 0 and out.exists():
            summary = Path(str(out) + ".summary.json")
            rows = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else []
            return out.read_text(encoding="utf-8"), True, rows
        return (c.na(f"the task failed (exit status {p.returncode}; see the run's log)"), False,
                [])


def read_results(path: Path) -> tuple[dict | None, dict[str, tuple[dict, str]]]:
    """(the run record, {task: (record, section text)}) of a RESULTS.md written by main()."""
    if not path.exists():
        return None, {}
    text = path.read_text(encoding="utf-8")
    run = None
    if text.startswith(RUN_TAG):
        run = json.loads(text[len(RUN_TAG):text.index(" -->")])
    found = list(_RECORD.finditer(text))
    sections = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else text.find("\n<!-- bench-end", m.end())
        record = json.loads(m.group(1))
        sections[record["name"]] = (record, text[m.end():end if end >= 0 else None].rstrip()
                                    + "\n")
    return run, sections


def section(record: dict, body: str) -> str:
    load = ", ".join(f"{x:.1f}" for x in record.get("load", []))
    return (f"## {record['title']}\n\n{body}\n\n_(task `{record['name']}`: "
            f"{record['seconds']:.0f} s; run {record['date']}, commit {record['commit']}, "
            f"load average at its start {load})_\n")


def render(run: dict, sections: dict[str, tuple[dict, str]]) -> str:
    order = [n for n in tasks.ORDER if n in sections]
    summary = []
    for n in order:
        rec = sections[n][0]
        summary += [[rec["title"], *r] for r in rec["rows"]] or [
            [rec["title"], "-" if rec["ok"] else c.na("the task failed"), "-", "-", "-"]]
    quick = run["mode"] == "quick"
    times = [[n, f"{sections[n][0]['seconds']:.0f}",
              "ok" if sections[n][0]["ok"] else "FAILED",
              f"{tasks.EXPECTED_FULL_S.get(n, 0):.0f}", sections[n][0]["date"]] for n in order]
    total = sum(sections[n][0]["seconds"] for n in order)
    return (header(run["info"], quick) + "\n## Summary\n\n" + c.md_table(SUMMARY_HEAD, summary)
            + "\n\nDetails, checks and every peer per task below.\n\n"
            + "".join(TASK_TAG + json.dumps(sections[n][0], ensure_ascii=False) + " -->\n"
                      + sections[n][1] + "\n" for n in order)
            + "<!-- bench-end -->\n## Run time per task\n\n"
            + c.md_table(["task", "seconds", "status", "expected in full mode (s)", "run"],
                         times)
            + f"\n\nTotal: {total:.0f} s ({total / 60:.1f} min).\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small slices, under two minutes")
    ap.add_argument("--tasks", "--only", nargs="*", choices=tasks.ORDER, dest="tasks",
                    help="run these tasks only, merged into an existing RESULTS.md")
    ap.add_argument("--fresh", action="store_true",
                    help="start RESULTS.md over instead of merging into it")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds one task may take (default: see time_limit)")
    ap.add_argument("--task", choices=tasks.ORDER, help=argparse.SUPPRESS)  # the child's job
    args = ap.parse_args(argv)
    quick = args.quick or c.quick()
    if quick:
        os.environ["KOTEXT_BENCH_QUICK"] = "1"  # seen by child processes too
    if args.task:
        c.SUMMARY.clear()
        Path(args.out).write_text(run_task(args.task, quick), encoding="utf-8")
        Path(args.out + ".summary.json").write_text(json.dumps(c.SUMMARY), encoding="utf-8")
        return 0
    out = Path(args.out)
    mode = "quick" if quick else "full"
    chosen = args.tasks or tasks.ORDER
    run, sections = (None, {}) if args.fresh or not args.tasks else read_results(out)
    if run is not None and run["mode"] != mode:
        print(f"{out} holds a {run['mode']} run: not merging {mode} sections into it "
              "(use --fresh or another --out)", file=sys.stderr)
        return 2
    if run is None:
        run, sections = {"mode": mode, "info": c.machine_info()}, {}
    if not quick:
        expected = sum(tasks.EXPECTED_FULL_S[n] for n in chosen)
        print(f"full mode: {len(chosen)} task(s), expected about {expected / 60:.0f} min on "
              "2 shared cores", flush=True)
    started = time.perf_counter()
    failed = []
    for name in chosen:
        t0 = time.perf_counter()
        now = c.machine_info()
        limit = args.timeout or time_limit(name, quick)
        print(f"=== {name} (limit {limit:.0f} s)", flush=True)
        title = getattr(importlib.import_module(f"tasks.{name}"), "TITLE", name)
        body, ok, rows = run_task_isolated(name, quick, limit)
        if not ok:
            failed.append(name)
        took = time.perf_counter() - t0
        record = {"name": name, "title": title, "ok": ok, "seconds": round(took, 1),
                  "rows": rows, "date": now["date"], "commit": now["commit"],
                  "load": [round(x, 2) for x in now["load"]]}
        sections[name] = (record, section(record, body))
        print(f"    {took:.1f} s", flush=True)
        out.write_text(render(run, sections), encoding="utf-8")
    print(f"wrote {out} in {time.perf_counter() - started:.0f} s"
          + (f"; failed tasks: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
