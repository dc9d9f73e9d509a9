"""Print (or write into README.md) the "How fast" table, made from benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/readme_table.py            # print the table
    .venv/bin/python benchmarks/readme_table.py --write    # replace it in README.md

README's figures are never typed by hand: they are the summary rows that the tasks of the
latest run recorded in RESULTS.md (the JSON record of each section, see ``run_all.py``),
put between the markers ``<!-- results:begin -->`` and ``<!-- results:end -->`` of
README.md. ``make bench-readme`` runs ``--write``; tests/python/test_bench_harness.py checks
that README.md and RESULTS.md agree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c
import run_all

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
README = HERE.parent / "README.md"


def table(results: Path = HERE / "RESULTS.md") -> str:
    """The Markdown block for README: where the figures come from, then one row per figure."""
    run, sections = run_all.read_results(results)
    if run is None:
        raise SystemExit(f"{results} has no run record: write it with benchmarks/run_all.py")
    info = run["info"]
    rows = []
    for name in [n for n in run_all.tasks.ORDER if n in sections]:
        rec = sections[name][0]
        rows += [[rec["title"], *r] for r in rec["rows"]]
    mode = ("QUICK run: provisional figures on small slices of the data"
            if run["mode"] == "quick" else "full run")
    lead = (f"From [`benchmarks/RESULTS.md`](benchmarks/RESULTS.md) ({mode}, {info['date']}, "
            f"commit {info['commit']}, {info['cores']} cores {info['cpu']}, shared): each "
            "speed-up is kotext's time against the peer's, measured in the same run.")
    return "\n".join([BEGIN, lead, "", c.md_table(run_all.SUMMARY_HEAD, rows), END])


def replace(text: str, block: str) -> str:
    """``text`` with the part from BEGIN to END replaced by ``block``."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} markers")
    return text[:start] + block + text[end + len(END):]


def current(text: str) -> str:
    """The block between the markers as it stands in ``text`` ("" when there is none)."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start:end + len(END)] if 0 <= start < end else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="replace the table in README.md")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args(argv)
    block = table(Path(args.results))
    if args.write:
        README.write_text(replace(README.read_text(encoding="utf-8"), block), encoding="utf-8")
        print(f"updated {README}")
    else:
        print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
