"""Every Corpus plot renders Hangul with a real Korean font: no "missing from font" warning."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

mpl = pytest.importorskip("matplotlib", reason="the notebook extra (matplotlib) is not installed")
mpl.use("Agg")  # this test only writes PNG files; notebooks use the inline backend

import kotext
import matplotlib.pyplot as plt
from kotext import _plot
from kotext.__main__ import sample_news_path

OUT = Path(os.environ.get("KOTEXT_PLOT_DIR", "build/plots"))


@pytest.fixture(scope="module")
def corpus():
    c = kotext.Corpus.from_jsonl(sample_news_path(), text=["title", "body"], id="id",
                                 title="title", date="date")
    return c, c.frame()["label"].to_numpy()


def _render(ax, name: str) -> Path:
    """Draw the figure to PNG and fail on any glyph the font lacks."""
    assert isinstance(ax, mpl.axes.Axes)
    ax.set_title(ax.get_title() + " · 한글 제목")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(path, dpi=72)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    plt.close(ax.figure)
    assert not missing, missing[:3]
    assert path.stat().st_size > 5000  # a drawn figure, not an empty canvas
    return path


def test_a_korean_font_is_selected():
    family = kotext.use_korean_font()
    assert family in _plot.KOREAN_FAMILIES
    assert mpl.rcParams["font.sans-serif"][0] == family
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    assert Path(path).exists()


def test_the_packaged_fallback_font_has_hangul():
    pytest.importorskip("koreanize_matplotlib", reason="the notebook extra is not installed")
    from matplotlib.ft2font import FT2Font

    files = _plot._packaged_font_files()
    assert files, "koreanize-matplotlib ships no .ttf"
    charmaps = [FT2Font(f).get_charmap() for f in files]
    assert any(all(ord(c) in cm for c in "한글 제목가나다") for cm in charmaps)


def test_plot_keywords(corpus):
    c, _ = corpus
    ax = c.plot_keywords("s12", top_k=8)
    assert len(ax.patches) == 8
    assert any("섬유" in t.get_text() or "디지털" in t.get_text() for t in ax.get_yticklabels())
    _render(ax, "keywords")
    _render(c.plot_keywords(), "keywords_corpus")


def test_plot_similarity_is_labelled_with_titles(corpus):
    c, _ = corpus
    ax = c.plot_similarity(["s06", "s07", "s12", "s13", "s25"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1월 반도체 수출")
    _render(ax, "similarity")


def test_plot_trend(corpus):
    c, _ = corpus
    ax = c.plot_trend(["폭염", "반도체"], freq="M")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["폭염", "반도체"]
    assert "비율" in ax.get_ylabel()
    _render(ax, "trend")


def test_plot_compare_diverges(corpus):
    c, _ = corpus
    ax = c.plot_compare("s12", "s14", top=6)
    widths = [p.get_width() for p in ax.patches]
    assert min(widths) < 0 < max(widths)  # A's weights drawn left, B's right
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"공통", "A에만", "B에만"}
    _render(ax, "compare")


def test_plot_contrast(corpus):
    c, labels = corpus
    ax = c.plot_contrast(labels == "사회", labels == "경제", top=6, names=("사회", "경제"))
    terms = [t.get_text() for t in ax.get_yticklabels()]
    assert "폭염" in terms
    _render(ax, "contrast")


def test_plot_map_colored_and_annotated(corpus):
    c, labels = corpus
    _, axes = plt.subplots(1, 2, figsize=(14, 6))
    ax = c.plot_map(labels, annotate=5, ax=axes[1])
    assert ax is axes[1]
    c.plot_keywords("s25", ax=axes[0])
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == sorted(set(labels))
    assert 3 <= len(ax.texts) <= 5  # a few titles written on the map, spaced apart
    _render(ax, "map")


def test_plot_stories(corpus):
    c, _ = corpus
    ax = c.plot_stories(top=5)
    sizes = [p.get_width() for p in ax.patches]
    assert sizes and min(sizes) >= 2 and sizes == sorted(sizes, reverse=True)
    assert any("섬유" in t.get_text() for t in ax.get_yticklabels())
    _render(ax, "stories")


def test_plot_map_by_metadata_column(corpus):
    c, _ = corpus
    ax = c.plot_map("label", annotate=4)
    assert ax.get_legend().get_title().get_text() == "label"
    assert len(ax.get_legend().get_texts()) == c.frame()["label"].nunique()
    _render(ax, "map_by_column")


def test_no_korean_font_warns_with_the_fix(monkeypatch):
    monkeypatch.setattr(_plot, "_chosen", [None])
    with pytest.warns(_plot.KoreanFontWarning, match="fonts-nanum"):
        assert kotext.use_korean_font() is None
