"""Run every benchmark script in this folder (what ``make bench`` does).

Each ``benchmarks/*.py`` other than this one is run with the same Python, one after the
other; the exit status is non-zero when any of them failed.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys


def main() -> int:
    here = pathlib.Path(__file__).resolve().parent
    scripts = sorted(p for p in here.glob("*.py") if p.name != pathlib.Path(__file__).name and not p.name.startswith("_"))
    failed = []
    for script in scripts:
        print(f"=== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=here.parent, check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
