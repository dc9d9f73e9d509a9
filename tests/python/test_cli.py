"""The command line: python -m kotext and the kotext console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from shared_data import SEEDS

SEED = SEEDS / "000_f7bf2c567565b81f.txt"


def run(*args: str, stdin: str | None = None) -> str:
    proc = subprocess.run([sys.executable, "-m", "kotext", *args], input=stdin, text=True,
                          capture_output=True, timeout=120, encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_help_lists_the_commands():
    out = run("--help")
    for cmd in ("demo", "normalize", "tokenize", "sentences", "segment", "keywords"):
        assert cmd in out


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("kotext")
    assert script.exists()
    assert "usage: kotext" in subprocess.run([str(script), "--help"], capture_output=True,
                                             text=True, timeout=60, check=False).stdout


def test_demo_runs_on_the_shipped_sample():
    out = run("demo")
    assert "normalize" in out and "segment" in out


def test_text_commands_read_stdin():
    assert run("normalize", stdin="ＡＢＣ  ㅋㅋㅋㅋ\n").strip() == "ABC ㅋㅋ"
    assert run("tokenize", stdin="패션산업의 디지털 전환\n").split() == ["패션산업", "디지털", "전환"]
    assert run("sentences", stdin="첫 문장이다. 둘째 문장이다.").splitlines() == [
        "첫 문장이다.", "둘째 문장이다."]


def test_segment_and_keywords(tmp_path):
    page = SEED.read_text(encoding="utf-8") if SEED.exists() else None
    if page is not None:
        doc = json.loads(run("segment", stdin=page))
        assert doc["date"] == "2021-02-04" and len(doc["paragraphs"]) == 7
    out = run("keywords", "--top-k", "3")
    assert len(out.strip().splitlines()) == 4  # header + the three sample articles
