"""The benchmark harness (benchmarks/run_all.py, tasks, peers): its scorers and its fail-soft rule.

No timing is asserted here (speed belongs to the benchmarks); these check the pieces the
results table relies on to be correct.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import _common as c
from tasks import pages, summary


def test_bigram_f1_follows_the_data_readme_rule():
    for f1 in (pages.bigram_f1, pages._bigram_f1):
        assert f1("정부가 발표했다", "정부가발표 했다") == 1.0  # whitespace ignored
        assert f1("가나다", "라마바") == 0.0
        # multisets: a repeated bigram counts as often as it occurs
        assert f1("가나가나", "가나") == pytest.approx(2 * 1 / (3 + 1))


def test_kst_day_is_the_calendar_day_in_korean_time():
    assert pages.kst_day("2023-04-19T23:32:12+09:00") == dt.date(2023, 4, 19)
    assert pages.kst_day("2023-04-19T16:00:00Z") == dt.date(2023, 4, 20)  # 01:00 KST
    assert pages.kst_day("2025-06-04 02:37:08+09:00") == dt.date(2025, 6, 4)
    assert pages.kst_day("2023-04-19") == dt.date(2023, 4, 19)
    assert pages.kst_day("") is None and pages.kst_day("not a date") is None
    for same_day in (pages.same_day_kst, pages._same_day_kst):
        assert same_day("2023-04-19T16:00:00+00:00", "2023-04-20T09:00:00+09:00")
        assert not same_day("2023-04-19T14:00:00+00:00", "2023-04-20T09:00:00+09:00")
        assert not same_day("", "2023-04-20")


def test_summary_maps_picks_back_and_scores_precision():
    sents = ["첫 문장이다", "둘째 문장은 길다", "셋째"]
    assert summary.best_match("둘째 문장은 길다.", sents) == 1
    docs = [{"gold": {0, 2}}, {"gold": {1}}]
    macro, micro = summary.score(docs, [[0, 1], [1]])
    assert macro == pytest.approx((0.5 + 1.0) / 2) and micro == pytest.approx(2 / 3)


def test_speed_cells_are_ratios_to_the_peer():
    assert c.ratio(2.0, 0.5) == "4.00x"
    assert c.ratio(None, 1.0) == "-"
    assert c.speedup({"seconds": 3.0, "cpu": 2.0}, {"seconds": 1.0, "cpu": 1.0}) == \
        "3.00x (CPU 2.00x)"
    assert c.attempt(lambda: 1 / 0)[1].startswith("ZeroDivisionError")


def test_a_failing_task_costs_one_section_not_the_run(tmp_path, monkeypatch):
    import run_all

    monkeypatch.setenv("KOTEXT_BENCH_QUICK", "1")  # main() sets it; restored afterwards
    out = tmp_path / "RESULTS.md"

    def fake(name, quick, timeout):
        if name == "normalize":
            return c.na("the task failed (exit status 1; see the run's log)"), False, []
        return "ok", True, [["body F1", "0.9", "peer 0.8", "2.00x"]]

    monkeypatch.setattr(run_all, "run_task_isolated", fake)
    assert run_all.main(["--quick", "--only", "normalize", "pages", "--out", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert "QUICK / PROVISIONAL" in text
    assert "## Normalization\n\nn/a (the task failed" in text
    assert "## Article extraction from pages\n\nok" in text
    assert "| Article extraction from pages | body F1 | 0.9 | peer 0.8 | 2.00x |" in text
    assert "| Normalization | n/a (the task failed" in text


def test_a_task_rerun_alone_is_merged_into_the_results(tmp_path, monkeypatch):
    import run_all

    monkeypatch.setenv("KOTEXT_BENCH_QUICK", "1")
    out = tmp_path / "RESULTS.md"
    state = {"normalize": False}

    def fake(name, quick, timeout):
        if name == "normalize" and not state["normalize"]:
            return c.na("the task failed (exit status 1; see the run's log)"), False, []
        return f"body of {name}", True, [[f"{name} figure", "1.0", "peer 0.5", "2.00x"]]

    monkeypatch.setattr(run_all, "run_task_isolated", fake)
    assert run_all.main(["--quick", "--fresh", "--tasks", "normalize", "pages",
                         "--out", str(out)]) == 1
    state["normalize"] = True
    assert run_all.main(["--quick", "--tasks", "normalize", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "n/a (the task failed" not in text
    assert "body of normalize" in text and "body of pages" in text  # pages kept
    assert text.index("## Normalization") < text.index("## Article extraction from pages")
    _run, sections = run_all.read_results(out)
    assert sorted(sections) == ["normalize", "pages"]
    assert sections["pages"][0]["rows"] == [["pages figure", "1.0", "peer 0.5", "2.00x"]]
    assert "| Normalization | normalize figure | 1.0 | peer 0.5 | 2.00x |" in text
    assert "## Run time per task" in text and "| normalize |" in text
    # a full-mode section is never merged into a quick file
    monkeypatch.delenv("KOTEXT_BENCH_QUICK")
    assert run_all.main(["--tasks", "pages", "--out", str(out)]) == 2


def test_readme_table_comes_from_the_results(tmp_path, monkeypatch):
    import readme_table
    import run_all

    monkeypatch.setenv("KOTEXT_BENCH_QUICK", "1")
    monkeypatch.setattr(run_all, "run_task_isolated",
                        lambda name, quick, timeout: ("ok", True, [["F1", "0.9", "peer 0.8",
                                                                    "-"]]))
    out = tmp_path / "RESULTS.md"
    run_all.main(["--quick", "--fresh", "--tasks", "pages", "--out", str(out)])
    block = readme_table.table(out)
    assert block.startswith(readme_table.BEGIN) and block.endswith(readme_table.END)
    assert "| Article extraction from pages | F1 | 0.9 | peer 0.8 | - |" in block
    readme = f"# x\n\n## How fast\n{readme_table.BEGIN}\nold\n{readme_table.END}\n\n## Next\n"
    new = readme_table.replace(readme, block)
    assert readme_table.current(new) == block and new.endswith("\n\n## Next\n")


def test_readme_figures_equal_the_committed_results():
    """README.md's "How fast" table is the one RESULTS.md gives (``make bench-readme``)."""
    import readme_table

    readme = readme_table.README.read_text(encoding="utf-8")
    assert readme_table.current(readme), "README.md lost its results markers"
    assert readme_table.current(readme) == readme_table.table(), (
        "README.md's figures differ from benchmarks/RESULTS.md: run `make bench-readme`")
