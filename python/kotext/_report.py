"""HTML views of kotext results: the Jupyter display of a Corpus and of an Article, and the
self-contained HTML report (:func:`write_report`, ``kotext report``).

The report is one file with everything inline (CSS, figures as base64 PNG): it opens
offline, can be mailed, and makes no external request.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _plot

__all__ = ["article_keywords", "corpus_html", "highlight", "write_report"]

_CSS = """
body{font-family:'NanumGothic','Noto Sans KR','Malgun Gothic','Apple SD Gothic Neo',sans-serif;
margin:2em auto;max-width:72em;color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #3b6ea5;padding-bottom:.2em;
margin-top:2em}.muted{color:#666}table.kt{border-collapse:collapse;margin:.5em 0;font-size:90%}
table.kt th,table.kt td{border:1px solid #ddd;padding:.25em .5em;text-align:left;
vertical-align:top}table.kt th{background:#eef3f8}img.fig{max-width:100%;display:block;
margin:.5em 0}.kw{background:#fff3b0}.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.4em}
"""

#: Earlier periods against which the report's emerging terms are scored (Corpus.emerging).
EMERGING_WINDOW = 4
#: How many keywords the Article display highlights.
ARTICLE_HIGHLIGHTS = 8


def highlight(text: str, terms: Sequence[str]) -> str:
    """``text`` as HTML with every occurrence of ``terms`` wrapped in ``<mark>``.

    Examples
    --------
    >>> from kotext._report import highlight
    >>> highlight("금리 인상과 <금리>", ["금리"])
    '<mark class="kw">금리</mark> 인상과 &lt;<mark class="kw">금리</mark>&gt;'
    """
    terms = sorted({t for t in terms if t}, key=len, reverse=True)  # longest match first
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<mark class="kw">{html.escape(m.group())}</mark>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def article_keywords(text: str, n: int = ARTICLE_HIGHLIGHTS) -> list[str]:
    """The ``n`` content tokens an article uses most (one article has no corpus for IDF, so
    term frequency ranks them; one-syllable tokens need two uses to count).

    Examples
    --------
    >>> from kotext._report import article_keywords
    >>> article_keywords("반도체 수출이 늘었다. 반도체 업계는 수출 호조를 반겼다.", 2)
    ['반도체', '수출']
    """
    from ._tokenize import tokenize

    counts = Counter(tokenize(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0])))
    return [t for t, c in ranked if len(t) > 1 or c > 1][:n]


def _table(df: pd.DataFrame, max_rows: int | None = None) -> str:
    shown = df if max_rows is None else df.head(max_rows)
    out = shown.to_html(index=False, classes="kt", border=0, escape=True,
                        float_format=lambda v: f"{v:.3f}", na_rep="")
    if max_rows is not None and len(df) > max_rows:
        out += f'<p class="muted">… {len(df) - max_rows} more rows not shown</p>'
    return out


def _figure_html(draw: Any, figsize: tuple[float, float] = (8, 5), alt: str = "") -> str:
    """Run ``draw(ax)`` on a new figure (no pyplot: nothing is shown in Jupyter) and embed
    the result as a base64 PNG."""
    from matplotlib.figure import Figure

    _plot.use_korean_font()
    fig = Figure(figsize=figsize, layout="constrained")
    draw(fig.subplots())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="fig" alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _date_span(corpus: Any) -> str:
    dates = corpus.dates.dropna()
    if dates.empty:
        return "no dates"
    lo, hi = dates.min(), dates.max()
    return f"{lo:%Y-%m-%d} – {hi:%Y-%m-%d}" if lo != hi else f"{lo:%Y-%m-%d}"


def _doc_keywords(corpus: Any, n: int = 5) -> list[str]:
    kw = corpus.keywords(n)
    joined = kw.groupby("id", sort=False)["term"].apply(lambda s: ", ".join(map(str, s)))
    return [joined.get(i, "") for i in corpus.ids]


def corpus_html(corpus: Any, n_articles: int = 5, n_keywords: int = 12) -> str:
    """The Jupyter display of a :class:`kotext.Corpus`: size, date span, top keywords and
    the first articles with their keywords."""
    e = html.escape
    names = _plot.titles(corpus)
    rows = list(range(min(n_articles, len(corpus))))
    kw = corpus.keywords(5, docs=[corpus.ids[r] for r in rows])
    per_doc = kw.groupby("id", sort=False)["term"].apply(lambda s: ", ".join(map(str, s)))
    td = '<td style="text-align:left">'
    body = "".join(
        f"<tr>{td}{e(str(corpus.ids[r]))}</td>{td}{e(_fmt_date(corpus.dates.iloc[r]))}</td>"
        f"{td}{e(names[r][:60])}</td>{td}{e(per_doc.get(corpus.ids[r], ''))}</td></tr>"
        for r in rows)
    more = (f'<p style="color:#666">… and {len(corpus) - len(rows)} more documents</p>'
            if len(corpus) > len(rows) else "")
    return (
        '<div class="kotext-corpus">'
        f"<b>Corpus</b>: {len(corpus)} documents, {corpus.X.shape[1]} terms, "
        f"dates {e(_date_span(corpus))}<br>"
        f"<b>top keywords</b>: "
        f"{e(', '.join(_plot.corpus_keywords(corpus, n_keywords)['term'].astype(str)))}"
        '<table class="kt" style="margin-top:.5em"><tr>'
        + "".join(f'<th style="text-align:left">{h}</th>' for h in ("id", "date", "title",
                                                                    "keywords"))
        + f"</tr>{body}</table>{more}</div>")


def _fmt_date(value: Any) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def _group_labels(corpus: Any, by: Any) -> np.ndarray | None:
    if by is None:
        return None
    return _plot._labels(corpus, by)


def write_report(corpus: Any, path: str | Path, *, by: Any = None, title: str | None = None,
                 freq: str = "M", max_articles: int = 500) -> Path:
    """Write a self-contained HTML report of ``corpus`` to ``path``.

    Sections: summary; top keywords (a chart); keywords per group and what sets each group
    apart (when ``by`` is given); stories (when the corpus can group them); emerging terms
    and their trends (when documents have dates from two periods or more); a map of the
    articles; a table of the articles with their keywords. Figures are embedded as base64
    PNG, so the file makes no external request.

    Parameters
    ----------
    corpus : kotext.Corpus
    path : str or Path
        Where to write the HTML file (parent folders must exist).
    by : str or sequence, optional
        A metadata column name, or one group label per document.
    title : str, optional
        The report's heading (default: "kotext report").
    freq : str, default 'M'
        Period for trends and emerging terms ('D', 'W', 'M', 'Q', 'Y').
    max_articles : int, default 500
        Rows of the article table (the rest is counted, not shown).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import kotext, tempfile, os
    >>> corpus = kotext.Corpus(["반도체 수출 증가", "반도체 수출 감소", "프로야구 개막"],
    ...                        dates=["2026-01-05", "2026-02-03", "2026-02-10"])
    >>> out = corpus.report(os.path.join(tempfile.mkdtemp(), "r.html"))
    >>> "data:image/png;base64," in out.read_text(encoding="utf-8")
    True
    """
    e = html.escape
    path = Path(path)
    heading = title or "kotext report"
    names = _plot.titles(corpus)
    labels = _group_labels(corpus, by)
    by_name = by if isinstance(by, str) else "group"
    parts = [f"<h1>{e(heading)}</h1>",
             f'<p class="muted">generated {_dt.datetime.now():%Y-%m-%d %H:%M} by kotext</p>']

    # ---- summary
    cards = [("documents", f"{len(corpus):,}"), ("terms", f"{corpus.X.shape[1]:,}"),
             ("dates", _date_span(corpus))]
    if labels is not None:
        cards.append((f"{by_name} values", str(len(pd.unique(labels)))))
    parts.append("<h2>Summary</h2><div class='cards'>" + "".join(
        f"<div class='card'><b>{e(v)}</b>{e(k)}</div>" for k, v in cards) + "</div>")
    parts.append("<h2>Top keywords</h2>")
    parts.append(_figure_html(lambda ax: _plot.plot_keywords(corpus, None, 15, ax=ax),
                              (7, 5.5), "top keywords"))

    # ---- groups
    if labels is not None:
        values = list(pd.unique(labels))
        rows = []
        for v in values:
            kw = corpus.group_keywords(labels == v, 10)
            rows.append({by_name: v, "documents": int((labels == v).sum()),
                         "keywords": ", ".join(kw["term"].astype(str))})
        parts.append(f"<h2>Keywords per {e(by_name)}</h2>" + _table(pd.DataFrame(rows)))
        if len(values) >= 2:
            first = values[0]
            parts.append(f"<h3>{e(str(first))} against the rest</h3>")
            parts.append(_figure_html(
                lambda ax: _plot.plot_contrast(corpus, labels == first, None, 10,
                                               names=(str(first), "나머지"), ax=ax),
                (7, 6), "contrast"))

    # ---- stories
    if len(corpus) >= 2:
        st = corpus.stories()
        told = st[st["size"] > 1]
        parts.append("<h2>Stories</h2>")
        if told.empty:
            parts.append("<p class='muted'>No story is told by more than one article.</p>")
        else:
            parts.append(f"<p class='muted'>{len(told)} stories told by more than one article "
                         f"({int(told['size'].sum())} articles); the rest stand alone.</p>")
            parts.append(_figure_html(lambda ax: _plot.plot_stories(corpus, 10, ax=ax),
                                      (8, 0.35 * min(len(told), 10) + 1.5), "stories"))
            cols = [c for c in ("story", "size", "start", "end", "title", "keywords")
                    if c in told.columns]
            shown = told[cols].assign(**{c: told[c].map(_fmt_date) for c in ("start", "end")})
            parts.append(_table(shown, 20))

    # ---- emerging terms and trends
    dated = corpus.dates.dropna()
    if not dated.empty and dated.dt.to_period(freq).nunique() >= 2:
        rising = corpus.emerging(freq=freq, window=EMERGING_WINDOW, top=10)
        how = (f"burst score of the latest period ({rising.attrs.get('period', '')}) against "
               f"the {EMERGING_WINDOW} before it")
        if rising.empty:  # too few documents per period for a burst: latest vs earlier
            rising = corpus.rising(freq=freq, top=10)
            how = "log-odds of the latest period against all earlier ones"
        parts.append(f"<h2>Emerging terms</h2><p class='muted'>{e(how)}</p>" + _table(rising))
        terms = [str(t) for t in rising["term"].head(5)]
        if terms:
            parts.append(f"<h3>Trends of the top emerging terms (per period '{e(freq)}')</h3>")
            parts.append(_figure_html(lambda ax: _plot.plot_trend(corpus, terms, freq, ax=ax),
                                      (8, 4), "trends"))
    else:
        parts.append("<h2>Emerging terms</h2><p class='muted'>Not shown: the documents have "
                     "no dates from two periods or more.</p>")

    # ---- map
    if len(corpus) >= 3 and corpus.X.shape[1] >= 3:
        parts.append("<h2>Map of the articles</h2>")
        parts.append(_figure_html(lambda ax: _plot.plot_map(corpus, labels, ax=ax), (8, 7),
                                  "map"))

    # ---- articles
    table = pd.DataFrame({"id": [str(i) for i in corpus.ids],
                          "date": [_fmt_date(d) for d in corpus.dates],
                          "title": [t[:80] for t in names],
                          "keywords": _doc_keywords(corpus)})
    if labels is not None:
        table.insert(2, by_name, labels)
    parts.append(f"<h2>Articles ({len(corpus):,})</h2>" + _table(table, max_articles))

    doc = ("<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'>"
           f"<title>{e(heading)}</title><style>{_CSS}</style></head><body>"
           + "\n".join(parts) + "</body></html>\n")
    path.write_text(doc, encoding="utf-8")
    return path
