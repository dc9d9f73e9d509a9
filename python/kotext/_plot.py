"""Plots of a :class:`kotext.Corpus`, with a Korean font selected so Hangul never shows as boxes.

Every function takes the corpus first, draws on ``ax`` (a new figure when None) and returns
the matplotlib Axes, so figures compose with the user's own subplots. Labels are Korean or
neutral. matplotlib is imported lazily: it is part of the ``notebook`` extra, not a
dependency of kotext itself.

The font comes from :func:`use_korean_font`: a Korean font already on the system (Debian's
``fonts-nanum``, macOS's AppleGothic, Windows' Malgun Gothic, Noto CJK) is preferred; else the
NanumGothic files that the ``koreanize-matplotlib`` package ships (kotext's ``notebook``
extra); else a :class:`KoreanFontWarning` says how to get one.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["KoreanFontWarning", "use_korean_font"]

# Families with Hangul glyphs, best first: the ones on Debian (fonts-nanum, fonts-noto-cjk,
# fonts-unfonts-core, fonts-baekmuk), then the macOS and Windows system fonts.
KOREAN_FAMILIES = (
    "NanumGothic", "NanumBarunGothic", "NanumSquare", "Noto Sans CJK KR", "Noto Sans KR",
    "Source Han Sans KR", "UnDotum", "Baekmuk Gulim", "Apple SD Gothic Neo", "AppleGothic",
    "Malgun Gothic", "Gulim", "Dotum",
)
# File names of those fonts, for system fonts that matplotlib's cached font list predates
# (a font installed after matplotlib first ran is not in its cache).
_FONT_FILE_HINTS = ("nanum", "notosanscjk", "notosanskr", "sourcehansans", "undotum", "baekmuk",
                    "applegothic", "applesdgothic", "malgun", "gulim", "dotum")
_FIX = ("install one: `apt-get install fonts-nanum` (Debian/Ubuntu) or "
        "`pip install koreanize-matplotlib` (part of `pip install 'kotext[notebook]'`)")


class KoreanFontWarning(UserWarning):
    """No Korean font was found: Hangul in plots will show as empty boxes."""


_chosen: list[str | None] = []  # the family picked by the first call (cached)


def _system_font_files() -> list[str]:
    from matplotlib import font_manager

    return [f for f in font_manager.findSystemFonts()
            if any(h in Path(f).name.lower().replace("-", "").replace("_", "")
                   for h in _FONT_FILE_HINTS)]


def _packaged_font_files() -> list[str]:
    """NanumGothic files shipped inside koreanize-matplotlib (found without importing it,
    since importing it rewrites matplotlib's settings)."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return sorted(str(p) for p in root.rglob("*.ttf"))


def _find_family(files: list[str]) -> str | None:
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for fam in KOREAN_FAMILIES:
        if fam in known:
            return fam
    for path in files:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # unreadable or not a font: skip it
            continue
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((fam for fam in KOREAN_FAMILIES if fam in known), None)


def use_korean_font() -> str | None:
    """Select a Korean font for matplotlib (kotext's plots call this; call it yourself before
    plotting Korean text with matplotlib directly).

    The font is put first in ``font.sans-serif`` (so the user's own titles and labels render
    Hangul too), and ``axes.unicode_minus`` is turned off because Korean fonts lack the
    Unicode minus sign. The lookup runs once per process.

    Returns
    -------
    str or None
        The font family chosen, or None (after a :class:`KoreanFontWarning` naming the fix)
        when no Korean font is installed.

    Examples
    --------
    >>> import kotext
    >>> kotext.use_korean_font() in (None, *kotext._plot.KOREAN_FAMILIES)
    True
    """
    import matplotlib as mpl

    if not _chosen:
        family = _find_family([]) or _find_family(_system_font_files())
        family = family or _find_family(_packaged_font_files())
        _chosen.append(family)
    family = _chosen[0]
    if family is None:
        warnings.warn(f"kotext found no Korean font, so Hangul in plots will show as empty "
                      f"boxes; {_FIX}", KoreanFontWarning, stacklevel=3)
        return None
    sans = [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    mpl.rcParams["font.sans-serif"] = [family, *sans]
    families = list(mpl.rcParams["font.family"])
    if "sans-serif" not in families and family not in families:
        mpl.rcParams["font.family"] = [family, *families]
    mpl.rcParams["axes.unicode_minus"] = False
    return family


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    use_korean_font()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _short(text: Any, width: int = 24) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= width else s[:width - 1] + "…"


def titles(corpus: Any) -> list[str]:
    """A display title per document: the corpus' titles when it has them, else each text's
    first line."""
    given = getattr(corpus, "titles", None)
    if given is not None:
        given = list(given)
    out = []
    for i, text in enumerate(corpus.texts):
        t = given[i] if given is not None else None
        if t is None or (isinstance(t, float) and np.isnan(t)) or not str(t).strip():
            t = next((ln for ln in text.splitlines() if ln.strip()), "")
        out.append(str(t).strip())
    return out


#: Keywords per article that count toward the corpus' top keywords (corpus_keywords).
CORPUS_KEYWORDS_PER_DOC = 10


def corpus_keywords(corpus: Any, n: int) -> pd.DataFrame:
    """The corpus' ``n`` top keywords: the terms that are among the most articles' own top
    keywords (:meth:`Corpus.keywords`). Counting articles, not summing weights, keeps out
    words that are everywhere but never what an article is about (말, 서울).

    Returns
    -------
    pandas.DataFrame with columns ``term`` and ``articles``.
    """
    kw = corpus.keywords(CORPUS_KEYWORDS_PER_DOC)
    counts = kw["term"].value_counts(sort=False)
    first = {t: i for i, t in enumerate(pd.unique(kw["term"]))}  # ties: first seen
    ranked = sorted(counts.items(), key=lambda tc: (-tc[1], first[tc[0]]))[:n]
    return pd.DataFrame(ranked, columns=["term", "articles"])


def _docs(corpus: Any, docs: Sequence[Hashable] | None, limit: int) -> list[int]:
    if docs is None:
        return list(range(min(len(corpus), limit)))
    return [corpus._position(d) for d in docs]


# --------------------------------------------------------------------------- plots
def plot_keywords(corpus: Any, doc: Hashable | None = None, top_k: int = 10, *,
                  ax: Any = None) -> Any:
    """Horizontal bars of one document's keywords (TF-IDF weight), or of the whole corpus'
    when ``doc`` is None (how many articles have the term among their own top keywords:
    :func:`corpus_keywords`)."""
    if doc is None:
        kw = corpus_keywords(corpus, top_k)
        terms, values = kw["term"].to_numpy(), kw["articles"].to_numpy()
        title = f"말뭉치 전체 상위 키워드 ({len(corpus)}건)"
        xlabel = f"이 단어가 상위 {CORPUS_KEYWORDS_PER_DOC}개 키워드에 든 기사 수"
    else:
        kw = corpus.keywords(top_k, docs=[doc])
        terms, values = kw["term"].to_numpy(), kw["weight"].to_numpy()
        title, xlabel = _short(titles(corpus)[corpus._position(doc)], 40), "TF-IDF 가중치"
    ax = _axes(ax, (6, 0.35 * max(len(terms), 4) + 1))
    ax.barh(np.arange(len(terms)), values, color="#3b6ea5")
    ax.set_yticks(np.arange(len(terms)), [str(t) for t in terms])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return ax


def plot_similarity(corpus: Any, docs: Sequence[Hashable] | None = None, *, max_docs: int = 20,
                    ax: Any = None) -> Any:
    """Heatmap of the cosine similarity between documents (the first ``max_docs`` when
    ``docs`` is None), rows and columns labelled with titles."""
    rows = _docs(corpus, docs, max_docs)
    X = corpus.X[rows]
    S = (X @ X.T).toarray()
    names = [_short(titles(corpus)[r], 22) for r in rows]
    side = 0.32 * len(rows) + 3
    ax = _axes(ax, (side + 1.5, side))
    # The diagonal (each article with itself, always 1) is left blank so the colour scale
    # spans the pairs: between different articles cosines are mostly far below 1.
    np.fill_diagonal(S, np.nan)
    top = float(np.nanmax(S)) if len(rows) > 1 else 1.0
    im = ax.imshow(S, vmin=0, vmax=max(top, 0.05), cmap="viridis")
    ax.set_xticks(np.arange(len(rows)), names, rotation=60, ha="right", fontsize="small")
    ax.set_yticks(np.arange(len(rows)), names, fontsize="small")
    ax.figure.colorbar(im, ax=ax, label="코사인 유사도", shrink=0.8)
    ax.set_title("기사 간 유사도")
    return ax


def plot_trend(corpus: Any, terms: Sequence[str], freq: str = "M", *, ax: Any = None) -> Any:
    """Lines of :meth:`Corpus.trend`: the share of each period's documents using each term."""
    data = corpus.trend(terms, freq)
    ax = _axes(ax, (8, 4))
    x = data.index.to_timestamp() if isinstance(data.index, pd.PeriodIndex) else data.index
    for term in data.columns:
        ax.plot(x, data[term], marker="o", label=str(term))
    ax.set_ylabel("해당 단어가 나온 기사 비율")
    ax.set_xlabel("기간")
    ax.set_ylim(bottom=0)
    ax.set_title("키워드 추이")
    ax.legend(title="키워드")
    return ax


#: Least distance between two labelled points of plot_map, as a share of the map's width.
MAP_LABEL_SPACING = 0.12

_STATUS_COLORS = {"shared": "#7b4fa0", "a": "#3b6ea5", "b": "#d0782a"}


def plot_compare(corpus: Any, a: Hashable, b: Hashable, top: int = 12, *, ax: Any = None) -> Any:
    """Diverging bars of two documents' terms (:meth:`Corpus.compare`): A's weight to the
    left, B's to the right, colored shared / only in A / only in B."""
    df = corpus.compare(a, b)
    wa, wb = df.columns[1], df.columns[2]  # weight columns of A and B (first, second)
    df = df.assign(_w=np.maximum(df[wa].abs(), df[wb].abs()))
    shared = df[df["status"] == "shared"].head(top)
    only = df[df["status"] != "shared"].nlargest(top, "_w", keep="first")
    df = pd.concat([shared, only]).sort_values("_w", ascending=True, kind="stable").tail(2 * top)
    side = np.where(df["status"] == "shared", "shared",
                    np.where(df[wa].to_numpy() != 0, "a", "b"))
    y = np.arange(len(df))
    ax = _axes(ax, (8, 0.3 * max(len(df), 4) + 1.5))
    labels = {"shared": "공통", "a": "A에만", "b": "B에만"}
    for key in ("shared", "a", "b"):
        m = side == key
        ax.barh(y[m], -df[wa].to_numpy()[m], color=_STATUS_COLORS[key], label=labels[key])
        ax.barh(y[m], df[wb].to_numpy()[m], color=_STATUS_COLORS[key])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [str(t) for t in df["term"]])
    lim = max(float(df[[wa, wb]].abs().to_numpy().max(initial=0)), 1e-9) * 1.05
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("TF-IDF 가중치 (왼쪽: A, 오른쪽: B)")
    names = titles(corpus)
    ta, tb = names[corpus._position(a)], names[corpus._position(b)]
    ax.set_title(f"A: {_short(ta, 30)}\nB: {_short(tb, 30)}  (코사인 {df.attrs.get('cosine', 0):.2f})"
                 if "cosine" in df.attrs else f"A: {_short(ta, 30)}\nB: {_short(tb, 30)}")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_contrast(corpus: Any, group_a: Any, group_b: Any = None, top: int = 12, *,
                  names: tuple[str, str] = ("A", "B"), ax: Any = None) -> Any:
    """Diverging bars of the terms that distinguish two groups (:meth:`Corpus.contrast`):
    z-scores to the right are typical of the first group, to the left of the second."""
    df = corpus.contrast(group_a, group_b, top=top)  # top terms of each side
    df = df.sort_values("z", kind="stable")
    y = np.arange(len(df))
    colors = np.where(df["z"] > 0, _STATUS_COLORS["a"], _STATUS_COLORS["b"])
    ax = _axes(ax, (7, 0.3 * max(len(df), 4) + 1.5))
    ax.barh(y, df["z"], color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [str(t) for t in df["term"]])
    ax.set_xlabel(f"z 점수 (오른쪽: {names[0]}에 많은 단어, 왼쪽: {names[1]}에 많은 단어)")
    ax.set_title(f"{names[0]} 대 {names[1]}: 구별되는 단어")
    return ax


def map_coordinates(corpus: Any) -> np.ndarray:
    """2-D coordinates of the documents: their first two principal components, i.e. the
    truncated SVD of the TF-IDF matrix minus its mean row, centred without densifying it.

    Without the centring (plain LSA) the first component is mostly the mean document:
    every article has a positive coordinate on it and the topics pile up in one corner
    (10-nearest-neighbour topic accuracy on the 2-D map of knews8: 0.32 uncentred, 0.46
    centred)."""
    from scipy.sparse.linalg import LinearOperator, svds

    if min(corpus.X.shape) <= 2:
        raise ValueError("plot_map needs at least 3 documents and 3 terms")
    X = sp.csr_matrix(corpus.X, dtype=np.float64)
    mean = np.asarray(X.mean(axis=0)).ravel()
    centred = LinearOperator(
        X.shape, dtype=np.float64,
        matvec=lambda v: X @ np.ravel(v) - mean @ np.ravel(v),
        rmatvec=lambda v: X.T @ np.ravel(v) - mean * np.sum(v))
    u, s, _ = svds(centred, k=2, random_state=0)
    order = np.argsort(-s)
    return u[:, order] * s[order]


def _labels(corpus: Any, labels: Any) -> np.ndarray | None:
    if labels is None:
        return None
    if isinstance(labels, str):
        frame = corpus.frame()
        if labels not in frame.columns:
            raise KeyError(f"no metadata column {labels!r}; columns: {list(frame.columns)}")
        return frame[labels].astype(str).to_numpy()
    labels = np.asarray(labels, dtype=object).astype(str)
    if labels.shape != (len(corpus),):
        raise ValueError(f"labels must have one entry per document ({len(corpus)}), "
                         f"got {labels.shape[0]}")
    return labels


def plot_map(corpus: Any, labels: Any = None, *, annotate: int = 6, ax: Any = None) -> Any:
    """Documents on a 2-D map (the TF-IDF matrix's first two principal components,
    :func:`map_coordinates`), colored by ``labels`` (a metadata column name or one label
    per document), with the titles of ``annotate`` documents written beside their points
    (the ones farthest from the centre, spread over the groups)."""
    xy = map_coordinates(corpus)
    lab = _labels(corpus, labels)
    ax = _axes(ax, (8, 7))
    if lab is None:
        ax.scatter(xy[:, 0], xy[:, 1], s=12, color="#3b6ea5", alpha=0.7)
        groups = [np.arange(len(corpus))]
    else:
        groups = []
        for value in pd.unique(lab):
            idx = np.flatnonzero(lab == value)
            groups.append(idx)
            ax.scatter(xy[idx, 0], xy[idx, 1], s=12, alpha=0.7, label=str(value))
        ax.legend(markerscale=2, fontsize="small", title=labels if isinstance(labels, str)
                  else None, loc="best")
    # Annotate outlying points, taking groups in turn and skipping points close to one
    # already labelled: outliers show what a direction of the map means, and spacing keeps
    # the titles readable.
    dist = np.linalg.norm(xy - xy.mean(axis=0), axis=1)
    ranked = [list(g[np.argsort(-dist[g], kind="stable")]) for g in groups]
    span = float(np.ptp(xy, axis=0).max()) or 1.0
    chosen: list[int] = []
    while len(chosen) < min(annotate, len(corpus)) and any(ranked):
        for r in ranked:
            while r and len(chosen) < annotate:
                i = r.pop(0)
                if all(np.linalg.norm(xy[i] - xy[j]) > MAP_LABEL_SPACING * span for j in chosen):
                    chosen.append(i)
                    break
    names = titles(corpus)
    mid = float(np.median(xy[:, 0]))
    for i in chosen:
        right = xy[i, 0] > mid  # write toward the centre so titles stay inside the axes
        ax.annotate(_short(names[i], 18), xy[i], xytext=(-4 if right else 4, 4),
                    textcoords="offset points", ha="right" if right else "left",
                    fontsize="small", alpha=0.9)
    ax.set_xlabel("성분 1")
    ax.set_ylabel("성분 2")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("기사 지도 (TF-IDF 주성분)")
    return ax


def plot_stories(corpus: Any, top: int = 10, *, ax: Any = None, **kwargs: Any) -> Any:
    """Horizontal bars of the largest stories (:meth:`Corpus.stories`, which ``kwargs``
    go to): how many articles each one groups, labelled with its representative title and
    date span. Stories of one article are left out."""
    st = corpus.stories(**kwargs)
    st = st[st["size"] > 1].head(top)
    names = []
    for _, row in st.iterrows():
        label = _short(row["title"] if "title" in st.columns else row["id"], 28)
        if pd.notna(row["start"]):
            span = f"{row['start']:%m-%d}" + (f"~{row['end']:%m-%d}"
                                               if row["end"] != row["start"] else "")
            label += f" ({span})"
        names.append(label)
    ax = _axes(ax, (8, 0.35 * max(len(st), 4) + 1))
    y = np.arange(len(st))
    ax.barh(y, st["size"], color="#3b6ea5")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel("기사 수")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"여러 기사로 보도된 이야기 (상위 {len(st)}개)" if len(st)
                 else "여러 기사로 보도된 이야기 없음")
    return ax
