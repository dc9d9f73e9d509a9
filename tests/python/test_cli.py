"""The command line: python -m kotext and the kotext console script."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import kotext
import numpy as np
import pandas as pd
import pytest
from kotext.__main__ import main, sample_news_path
from shared_data import DATA, SEEDS

SEED = SEEDS / "000_f7bf2c567565b81f.txt"
KNEWS = DATA / "news" / "knews8-train.jsonl"


def run(*args: str, stdin: str | bytes | None = None, code: int = 0) -> subprocess.CompletedProcess:
    """Run the CLI in a subprocess (as a user would) and check its exit status."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run([sys.executable, "-m", "kotext", *args], input=data,
                          capture_output=True, timeout=120, check=False)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == code, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def call(capsys, monkeypatch, *args: str, stdin: str | None = None) -> str:
    """Run main() in this process (fast) and return what it printed."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")),
                                                           encoding="utf-8"))
    assert main(list(args)) == 0
    return capsys.readouterr().out


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kotext: error: "), lines[0]
    assert "Traceback" not in proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    assert proc.stdout == ""
    return lines[0]


def fails(capsys, monkeypatch, *args: str, stdin: bytes | None = None, code: int = 2):
    """Run main() in this process on bad input: the exit status and the one stderr line."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        status = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        status = exc.code
    assert status == code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, status, out, err)


@pytest.fixture()
def jsonl(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(Path(sample_news_path()).read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_help_lists_the_commands_and_defaults():
    out = run("--help").stdout
    for cmd in ("demo", "normalize", "tokenize", "sentences", "segment", "keywords", "similar",
                "compare", "duplicates", "contrast", "stories", "report"):
        assert cmd in out
    sub = run("keywords", "--help").stdout
    assert "--format {table,csv,json,jsonl}" in sub and "(default: 8)" in sub
    assert "(default: None)" not in sub
    assert "--encoding" in sub


def test_import_and_help_load_only_what_they_use():
    """`import kotext` and `kotext --help` leave scikit-learn (and, for import, pandas)
    unloaded; every public name still resolves on first use."""
    probe = ("import sys, kotext; before = sorted(m for m in ('pandas', 'sklearn', 'scipy') "
             "if m in sys.modules); names = [getattr(kotext, n) for n in kotext.__all__]; "
             "from kotext.__main__ import _parser; _parser(); "
             "print(before, 'sklearn' in sys.modules, all(n in dir(kotext) for n in kotext.__all__))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out[0] == "[]", out
    assert out[-1] == "True", out
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        kotext.no_such_name  # noqa: B018
    probe_help = ("import sys, runpy; sys.argv = ['kotext', '--help']\n"
                  "try: runpy.run_module('kotext', run_name='__main__')\n"
                  "except SystemExit: pass\n"
                  "print('sklearn' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe_help], capture_output=True, text=True,
                          timeout=120, check=True)
    assert "usage: kotext" in proc.stdout and proc.stderr.strip() == "False", proc.stderr


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"kotext {kotext.__version__}"


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("kotext")
    assert script.exists()
    assert "usage: kotext" in subprocess.run([str(script), "--help"], capture_output=True,
                                             text=True, timeout=60, check=False).stdout


def test_demo_runs_on_the_shipped_sample():
    out = run("demo").stdout
    assert "normalize" in out and "segment" in out


def test_text_commands_read_stdin(capsys, monkeypatch):
    assert call(capsys, monkeypatch, "normalize", stdin="ＡＢＣ  ㅋㅋㅋㅋ\n").strip() == "ABC ㅋㅋ"
    assert call(capsys, monkeypatch, "tokenize", stdin="패션산업의 디지털 전환\n").split() == [
        "패션산업", "디지털", "전환"]
    assert call(capsys, monkeypatch, "sentences", stdin="첫 문장이다. 둘째 문장이다.").splitlines() \
        == ["첫 문장이다.", "둘째 문장이다."]


def test_keywords_reads_stdin_not_the_sample():
    out = run("keywords", "-", "--format", "jsonl", stdin="반도체 수출이 늘었다.\n").stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["term"] for r in rows} == {"반도체", "수출"}


def test_segment_and_keywords(capsys, monkeypatch):
    page = SEED.read_text(encoding="utf-8") if SEED.exists() else None
    if page is not None:
        doc = json.loads(call(capsys, monkeypatch, "segment", stdin=page))
        assert doc["date"] == "2021-02-04" and len(doc["paragraphs"]) == 7
    out = call(capsys, monkeypatch, "keywords", "sample", "--top-k", "3")
    assert len(out.strip().splitlines()) == 31  # header + the 30 sample articles


def test_tables_fold_title_whitespace(capsys, monkeypatch, tmp_path):
    # A headline with its subtitle ("...\n\n...") prints on one line, not as "\\n\\n".
    path = tmp_path / "two.jsonl"
    recs = [{"id": "a", "title": "반도체 수출 급증\n\n3개월 연속 증가", "body": "반도체 수출이 늘었다."},
            {"id": "b", "title": "야구 개막\t매진", "body": "프로야구 개막전이 매진됐다."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                    encoding="utf-8")
    out = call(capsys, monkeypatch, "keywords", str(path), "-k", "2")
    assert "\\n" not in out and "\\t" not in out
    assert "반도체 수출 급증 3개월 연속 증가" in out and "야구 개막 매진" in out


def test_jsonl_records_are_documents(capsys, monkeypatch, jsonl):
    out = call(capsys, monkeypatch, "keywords", str(jsonl), "-k", "3", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 30 * 3
    assert rows[0]["id"] == "s01" and rows[0]["title"].startswith("지난해 반도체 수출")
    assert not {"id", "body", "label"} & {r["term"] for r in rows}  # JSON keys are not words
    text = call(capsys, monkeypatch, "tokenize", str(jsonl), "--format", "jsonl")
    toks = [json.loads(line) for line in text.splitlines()]
    assert len(toks) == 30 and toks[0]["id"] == "s01" and "반도체" in toks[0]["tokens"]


def test_jsonl_from_stdin_with_text_field(capsys, monkeypatch):
    recs = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in
                     enumerate(["반도체 수출 증가", "반도체 수출 감소", "프로야구 개막"]))
    out = call(capsys, monkeypatch, "similar", "--doc", "0", "-n", "1", "--format", "csv",
               stdin=recs)
    lines = out.strip().splitlines()
    assert lines[0] == "id,title,rank,similar_id,similar_title,score"
    assert lines[1].startswith("0,반도체 수출 증가,1,1,반도체 수출 감소,")


def test_compare_duplicates_contrast(capsys, monkeypatch, jsonl):
    out = call(capsys, monkeypatch, "compare", str(jsonl), "-a", "s06", "-b", "s07")
    assert "cosine" in out and "shared" in out and "반도체" in out
    dup = json.loads(call(capsys, monkeypatch, "duplicates", str(jsonl), "--threshold", "0.5",
                          "--format", "json"))
    assert {"id_a": "s06", "id_b": "s07"}.items() <= dup[0].items()
    con = json.loads(call(capsys, monkeypatch, "contrast", str(jsonl), "--by", "label", "-a",
                          "사회", "--format", "json"))
    assert "폭염" in [r["term"] for r in con if r["side"] == "사회"][:5]
    assert {r["side"] for r in con} == {"사회", "not 사회"}


def test_stories(capsys, monkeypatch, jsonl):
    rows = json.loads(call(capsys, monkeypatch, "stories", str(jsonl), "--format", "json"))
    assert rows and all(r["size"] > 1 for r in rows)
    textile = next(r for r in rows if "s12" in r["ids"])
    assert {"s12", "s13"} <= set(textile["ids"])
    table = call(capsys, monkeypatch, "stories", str(jsonl), "--all")
    assert len(table.strip().splitlines()) > len(rows) + 1  # singletons listed too


def test_report_writes_html(tmp_path, capsys, monkeypatch, jsonl):
    out = tmp_path / "r.html"
    printed = call(capsys, monkeypatch, "report", str(jsonl), "-o", str(out), "--by", "label")
    assert printed.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= 3 and "폭염" in html


@pytest.mark.skipif(not KNEWS.exists(), reason="../shared/data (knews8) is not present")
def test_keywords_on_real_jsonl():
    out = run("keywords", str(KNEWS), "-k", "5", "--format", "csv").stdout
    df = pd.read_csv(io.StringIO(out))
    assert list(df.columns) == ["id", "title", "rank", "term", "weight"]
    assert len(df) == 1280 * 5 and df["id"].nunique() == 1280


# ---- errors: one line, the file named, a non-zero exit, never a traceback
def test_missing_file_in_a_subprocess():
    one_line_error(run("keywords", "no/such.jsonl", code=2), "no/such.jsonl", "no such file")


def test_directory(tmp_path, capsys, monkeypatch):
    one_line_error(fails(capsys, monkeypatch, "tokenize", str(tmp_path)), str(tmp_path),
                   "directory")


def test_binary_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 4)
    one_line_error(fails(capsys, monkeypatch, "keywords", str(path)), "x.bin", "binary")


def test_binary_behind_a_utf16_bom(tmp_path, capsys, monkeypatch):
    # Binary data after a UTF-16 byte order mark decodes without error (no NUL check for
    # UTF-16): the decoded text is checked instead, exit 2 with a clear message.
    rng = np.random.default_rng(6)
    units = rng.integers(0x20, 0xD800, 4000).astype("<u2")  # no surrogates: decodes cleanly
    units[::3] = rng.integers(0, 0x20, len(units[::3]))  # control codes, as binary data has
    path = tmp_path / "disguised.txt"
    path.write_bytes(b"\xff\xfe" + units.tobytes())
    path.read_bytes().decode("utf-16")  # really decodes
    one_line_error(fails(capsys, monkeypatch, "tokenize", str(path)), "disguised.txt", "binary",
                   "utf-16")
    zeros = tmp_path / "zeros.bin"
    zeros.write_bytes(b"\xfe\xff" + bytes(range(256)) * 8)
    one_line_error(fails(capsys, monkeypatch, "tokenize", str(zeros)), "zeros.bin", "binary")
    # real UTF-16 text still reads, and latin-1 binary is caught the same way
    text = tmp_path / "utf16.txt"
    text.write_bytes("정부가 예산안을 발표했다.\n\f두 번째 쪽\n".encode("utf-16"))
    capsys.readouterr()
    assert main(["tokenize", str(text)]) in (0, None)
    assert "예산안" in capsys.readouterr().out
    blob = tmp_path / "blob.dat"
    blob.write_bytes(bytes(rng.integers(1, 256, 5000, dtype=np.uint8)))
    one_line_error(fails(capsys, monkeypatch, "tokenize", "--encoding", "latin-1", str(blob)),
                   "blob.dat", "binary")


def test_euc_kr_needs_encoding(tmp_path, capsys, monkeypatch):
    path = tmp_path / "euc.txt"
    path.write_bytes("첫 줄\n반도체 수출이 늘었다.\n".encode("euc-kr"))
    one_line_error(fails(capsys, monkeypatch, "tokenize", str(path)), "euc.txt", "line 1",
                   "--encoding cp949")
    out = call(capsys, monkeypatch, "tokenize", str(path), "--encoding", "euc-kr")
    assert out.split()[-2:] == ["반도체", "수출"]


def test_empty_file_and_stdin(tmp_path, capsys, monkeypatch):
    path = tmp_path / "empty.txt"
    path.write_text("")
    one_line_error(fails(capsys, monkeypatch, "keywords", str(path)), "empty.txt", "empty")
    one_line_error(fails(capsys, monkeypatch, "sentences", stdin=b"  \n"), "<stdin>", "empty")


def test_wrong_format_in_a_subprocess():
    one_line_error(run("keywords", "sample", "--format", "xml", code=2), "--format", "xml")


def test_bad_jsonl_names_the_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "반도체"}\n{"text": "수출"\n', encoding="utf-8")
    one_line_error(fails(capsys, monkeypatch, "keywords", str(path)), "bad.jsonl", "line 2",
                   "JSON")
    path.write_text('{"text": "반도체"}\n{"headline": "수출"}\n', encoding="utf-8")
    one_line_error(fails(capsys, monkeypatch, "keywords", str(path)), "line 2", "'text'")
    path.write_text('{"id": 1, "text": "반도체"}\n{"id": 1, "text": "수출"}\n', encoding="utf-8")
    one_line_error(fails(capsys, monkeypatch, "keywords", str(path)), "line 2", "id 1")


def test_unknown_document_and_field(jsonl, capsys, monkeypatch):
    one_line_error(fails(capsys, monkeypatch, "compare", str(jsonl), "-a", "nope"), "nope")
    one_line_error(fails(capsys, monkeypatch, "contrast", str(jsonl), "--by", "topic"),
                   "topic", "label")


def test_html_page_is_detected(capsys, monkeypatch):
    pytest.importorskip("selectolax", reason="HTML pages need the html extra (selectolax)")
    page = ("<html><head><title>반도체 수출 증가</title></head><body><nav><a href='/'>홈</a>"
            "<a href='/e'>경제</a></nav><article><h1>반도체 수출 증가</h1>"
            "<p>반도체 수출이 지난달 크게 늘었다고 산업통상자원부가 밝혔다.</p>"
            "<p>메모리 반도체 가격 회복이 수출 증가를 이끌었다.</p></article></body></html>")
    doc = json.loads(call(capsys, monkeypatch, "segment", stdin=page))
    assert doc["title"] == "반도체 수출 증가" and len(doc["paragraphs"]) == 2
    rows = json.loads(call(capsys, monkeypatch, "keywords", "-k", "2", "--format", "json",
                           stdin=page))
    assert rows[0]["title"] == "반도체 수출 증가" and rows[0]["term"] == "반도체"
