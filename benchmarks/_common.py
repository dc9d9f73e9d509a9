"""Shared helpers of the benchmark harness (``benchmarks/run_all.py`` and ``benchmarks/tasks``).

Timing: one warm-up call, then the median of at least ``MIN_RUNS`` timed calls. Speed is
always reported next to a peer measured in the same process run, as a ratio, because the
machine is shared and absolute figures drift by tens of percent from one hour to the next.
Peak memory is measured in a fresh subprocess (``peak_rss_child``) so that one task's
allocations never count towards another's.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
TOOLS = ROOT.parent / "shared" / "tools"

# The tests' shared metrics and references (segment_metrics, normalize_reference)
if str(ROOT / "tests" / "python") not in sys.path:
    sys.path.append(str(ROOT / "tests" / "python"))

# The rule of the results table: at least this many timed runs after one warm-up.
MIN_RUNS = 5


def quick() -> bool:
    """True in quick mode (``make bench QUICK=1``): small inputs, same rules."""
    return os.environ.get("KOTEXT_BENCH_QUICK", "") not in ("", "0")


def progress(message: str) -> None:
    """One line on stderr (the run's log, not the results): where a long task is."""
    print(f"    [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def na(reason: str) -> str:
    """The table cell of a figure that could not be measured, with the reason."""
    return f"n/a ({reason})"


def error_reason(err: BaseException, limit: int = 90) -> str:
    text = f"{type(err).__name__}: {err}".replace("|", "/").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def version(dist: str) -> str | None:
    """Installed version of a distribution, or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version(dist)
    except PackageNotFoundError:
        return None


def timed(fn: Callable[..., Any], runs: int = MIN_RUNS, warmup: int = 1,
          setup: Callable[[], Any] | None = None) -> dict[str, Any]:
    """Median wall and CPU seconds of ``runs`` calls of ``fn`` after ``warmup`` calls.

    With ``setup``, each call is ``fn(setup())`` and only ``fn`` is timed: a fresh object
    per run (a new tokenizer, to time a first pass over text it has not seen).
    """
    runs = max(runs, MIN_RUNS)

    def call() -> tuple[float, float]:
        arg = () if setup is None else (setup(),)
        c0, t0 = time.process_time(), time.perf_counter()
        fn(*arg)
        return time.perf_counter() - t0, time.process_time() - c0

    for _ in range(warmup):
        call()
    wall, cpu = zip(*(call() for _ in range(runs)))
    return {"seconds": statistics.median(wall), "cpu": statistics.median(cpu), "runs": runs,
            "all": list(wall)}


def ratio(peer_seconds: float | None, seconds: float | None) -> str:
    """How many times faster than the peer (``peer time / time``), as a table cell."""
    if not peer_seconds or not seconds:
        return "-"
    return f"{peer_seconds / seconds:.2f}x"


def speedup(peer: dict | None, ours: dict | None) -> str:
    """``ratio`` of two ``timed`` results, on wall time and on process CPU time.

    On a shared machine the CPU-time ratio of single-threaded code is the steadier figure;
    for multi-threaded code the wall ratio is the one that matters.
    """
    if not peer or not ours:
        return "-"
    cpu = ratio(peer.get("cpu"), ours.get("cpu"))
    return ratio(peer["seconds"], ours["seconds"]) + ("" if cpu == "-" else f" (CPU {cpu})")


def fmt(x: Any, digits: int = 3) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def sig(x: float | None, digits: int = 3) -> str:
    """A rate with ``digits`` significant digits (MB/s, pages/s)."""
    if x is None:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 10 ** digits else f"{x:.{digits}g}"


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table; cells are formatted with ``fmt``."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(fmt(c) for c in row) + " |")
    return "\n".join(lines)


# ---- peak memory in a fresh process -----------------------------------------------------------
_CHILD = r"""
import gc, importlib, json, statistics, sys, time
sys.path[:0] = {paths!r}
mod = importlib.import_module({module!r})
def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")
prepare, run = getattr(mod, {prepare!r}), getattr(mod, {run!r})
state = prepare(*{args!r})
if hasattr(mod, "warm_up"):
    mod.warm_up(state)
gc.collect()
try:  # reset the peak (VmHWM): loading the inputs and the warm-up do not count
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
base = status("VmRSS")
wall, cpu = [], []
for i in range({runs}):
    t0, c0 = time.perf_counter(), time.process_time()
    info = run(state)
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
    if i == 0:
        peak = status("VmHWM")
    info = None
    gc.collect()
out = {{"seconds": statistics.median(wall), "cpu": statistics.median(cpu), "all": wall,
        "runs": len(wall), "peak_mb": peak, "base_mb": base}}
out.update(getattr(mod, "describe", lambda s: {{}})(state))
print("@@RESULT@@" + json.dumps(out))
"""


def peak_rss_child(module: str, prepare: str, run: str, args: Sequence[Any] = (),
                   runs: int = MIN_RUNS, timeout: float = 1800) -> dict[str, Any]:
    """Time ``module.run(state)`` in a fresh Python process, ``state = module.prepare(*args)``.

    The child calls ``module.warm_up(state)`` when the module has one (a small slice of the
    job), resets its peak RSS, then runs ``run`` ``runs`` times. Returns the median wall and
    CPU seconds, the peak RSS of the first run (``peak_mb``, VmHWM), the RSS before it
    (``base_mb``) and ``module.describe(state)`` (a dict) when defined. Raises RuntimeError
    with the child's stderr tail on failure.
    """
    code = _CHILD.format(paths=[str(HERE), str(ROOT / "tests" / "python")], module=module,
                         prepare=prepare, run=run, args=list(args), runs=max(1, runs))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=timeout, check=False)
    for line in p.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):])
    raise RuntimeError(f"child failed (exit {p.returncode}): {p.stderr.strip()[-300:]}")


# ---- the machine ----------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()

    sha = git("rev-parse", "--short=12", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return sha + (" (with uncommitted changes)" if dirty else "")


PEER_DISTS = ["kotext", "numpy", "scipy", "scikit-learn", "kiwipiepy", "python-mecab-ko",
              "python-mecab-ko-dic", "soynlp", "kss", "pecab", "krwordrank", "textrankr",
              "lexrank", "lexrankr", "trafilatura", "readability-lxml", "jusText", "lxml",
              "selectolax", "dask", "distributed"]


def machine_info() -> dict[str, Any]:
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": git_commit(),
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "load": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {d: version(d) for d in PEER_DISTS},
    }


# One row per headline figure of a task, for the summary table at the top of RESULTS.md:
# (measure, kotext's figure, the best or reference peer with its figure, kotext's speed-up).
SUMMARY: list[list[str]] = []


def headline(measure: str, kotext: Any, peer: Any, speed: str = "-") -> None:
    """Record one row of the summary table (values are formatted with ``fmt``)."""
    SUMMARY.append([measure, fmt(kotext), fmt(peer), speed])


def best_peer(rows: Iterable[Sequence[Any]], col: int, skip: str = "kotext") -> str:
    """'name value' of the row with the highest float in column ``col`` whose name does not
    start with ``skip`` ("-" when none has a number)."""
    best = None
    for r in rows:
        if str(r[0]).startswith(skip) or not isinstance(r[col], float):
            continue
        if best is None or r[col] > best[1]:
            best = (r[0], r[col])
    return "-" if best is None else f"{best[0]} {best[1]:.3f}"


def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """(fn(*args), None), or (None, reason) when it raised: one peer failing never stops a task."""
    try:
        return fn(*args, **kwargs), None
    except Exception as err:  # noqa: BLE001 - a peer may fail in any way; the table says how
        return None, error_reason(err)


def mb(texts: Iterable[str]) -> float:
    """Size in MB of UTF-8 (the unit of every MB/s figure)."""
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# ---- data -----------------------------------------------------------------------------------
def knews8(distinct: bool = True, sep: str = "\n") -> tuple[list[str], list[str]]:
    """knews8 articles (title + sep + body) and their topic labels; repeated bodies dropped."""
    path = DATA / "news" / "knews8-train.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"benchmark data not found: {path} (expected ../shared/data "
                                "next to the repo)")
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if distinct and d.get("duplicate_of_earlier"):
                continue
            texts.append(d["title"] + sep + d["body"])
            labels.append(d["label"])
    return texts, labels


def ynat(name: str) -> tuple[list[str], list[str]]:
    """YNAT headlines and their topics (``ynat-train.csv`` or ``ynat-val.csv``)."""
    import csv

    with open(DATA / "news" / name, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["title"] for r in rows], [r["topic"] for r in rows]


def distinct_news() -> list[str]:
    """Korean news text in which no text repeats: knews8 (title + body), the YNAT training
    headlines, the Naver sample's articles and the soynlp news dump's lines (about 41,000
    texts, 6.7 MB). Caches of repeated words gain least here."""
    texts, _ = knews8()
    seen = set(texts)
    out = list(texts)

    def take(items: Iterable[str]) -> None:
        for t in items:
            t = t.strip()
            if t and t not in seen:
                seen.add(t)
                out.append(t)

    take(ynat("ynat-train.csv")[0])
    for name in ("naver-2016-10-20-sample.txt", "soynlp-news-2018.dat"):
        path = DATA / "news" / name
        if path.exists():
            with path.open(encoding="utf-8", errors="replace") as f:
                take(f)
    return out


def have_data(*parts: str) -> str | None:
    """None when ``../shared/data/<parts>`` exists, else the reason for an n/a."""
    p = DATA.joinpath(*parts)
    return None if p.exists() else f"data not found: {p}"


def os_cores() -> int:
    return os.cpu_count() or 1
