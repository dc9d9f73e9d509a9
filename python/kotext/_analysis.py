"""The scoring rules of the Corpus analyses that scale, each written once, over aggregates.

:class:`kotext.Corpus` and :class:`kotext.dask.Corpus` both call these. Each takes what an
analysis needs from the corpus in summed form (a group's or a period's document count,
summed TF-IDF weights, documents containing each term), never the documents themselves:
sums that partitions of a corpus compute apart and add up, so that a corpus on a cluster
gives the numbers of the same corpus in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._similarity import contrast as _contrast

#: Default cosine at which two articles belong to one story: the same event retold by
#: another outlet or updated shares most of its distinctive words. On knews8 (1,280
#: articles) 0.4 gives 108 stories of two or more articles, 89% of them within one section;
#: the mixed ones read by hand were one event filed under two sections (독도 in 정치 and
#: 세계). Not fitted further.
STORY_THRESHOLD = 0.4
#: Days two articles of one story may be apart (when dates are known).
STORY_DAYS = 7

__all__ = ["STORY_DAYS", "STORY_THRESHOLD", "column_of", "contrast_table", "emerging_table",
           "group_keywords_table", "top_terms", "trend_table"]

#: Turns feature names into the corpus's display spelling (``ai`` -> ``AI``).
Display = Callable[[Sequence[str]], list]


def column_of(vocabulary: dict[str, int], term: str) -> int | None:
    """Column of a term as the user writes it (display case accepted: ``AI``), or None."""
    if term in vocabulary:
        return int(vocabulary[term])
    low = term.lower()
    return int(vocabulary[low]) if low in vocabulary else None


def top_terms(vectorizer: Any, X: sp.csr_matrix, n: int, noise: np.ndarray | None,
              display: Display) -> pd.DataFrame:
    """Per row of ``X``, its ``n`` best terms, with ``noise`` columns (a boolean mask over the
    vocabulary, or None) removed first: columns ``doc``, ``rank``, ``term`` (display
    spelling), ``weight``, ``col`` (vocabulary column)."""
    if noise is not None:
        keep = (~noise).astype(np.float64)
        X = sp.csr_matrix(X @ sp.diags(keep))
        X.eliminate_zeros()
    df = vectorizer.keywords(X, top_k=n)
    vocab = vectorizer.vocabulary_
    df["col"] = np.fromiter((vocab[t] for t in df["term"]), dtype=np.int64, count=len(df))
    df["term"] = display(df["term"])
    return df


def group_keywords_table(names: Sequence[Any], sizes: np.ndarray, weight_sums: sp.spmatrix,
                         doc_counts: sp.spmatrix, term_docs: np.ndarray,
                         top: Callable[[sp.csr_matrix], pd.DataFrame]) -> pd.DataFrame:
    """:meth:`kotext.Corpus.group_keywords` from per-group sums: ``sizes`` (documents per
    group), ``weight_sums`` (groups x terms, summed TF-IDF rows), ``doc_counts`` (groups x
    terms, documents containing the term), ``term_docs`` (documents of the whole corpus
    containing each term); ``top(M)`` ranks the rows of the scores.

    A group's score of a term is its mean TF-IDF weight over the group's documents times
    the share of the documents using the term that are in the group. The mean alone ranks
    words every section uses (지난해, 경우, 서울) near the top of every group, because they
    are frequent enough to outweigh their low idf; the share keeps the terms a group uses
    and the others do not (금감원, 주식 for economy), while a term of the group's
    every article still ranks high."""
    sizes = np.asarray(sizes, dtype=np.float64)
    mean = sp.csr_matrix(sp.diags(1.0 / sizes) @ weight_sums)
    D = sp.csr_matrix(doc_counts)
    total = np.maximum(np.asarray(term_docs, dtype=np.float64).ravel(), 1.0)
    share = sp.csr_matrix(D @ sp.diags(1.0 / total))
    score = sp.csr_matrix(mean.multiply(share))
    df = top(score)
    g, cols = df["doc"].to_numpy(), df["col"].to_numpy()
    df = df.rename(columns={"weight": "score"})
    df.insert(0, "group", [names[i] for i in g])
    df.insert(1, "documents", sizes[g].astype(np.int64))
    df["weight"] = np.asarray(mean[g, cols]).ravel()
    df["docs"] = np.asarray(D[g, cols]).ravel().astype(np.int64)
    df["share"] = np.asarray(share[g, cols]).ravel()
    return df.drop(columns=["doc", "col"]).reset_index(drop=True)


def contrast_table(count_a: np.ndarray, count_b: np.ndarray, size_a: int, size_b: int,
                   feature_names: np.ndarray, noise: np.ndarray | None, display: Display, *,
                   prior: float, top: int | None, by: str,
                   labels: tuple[str, str]) -> pd.DataFrame:
    """:meth:`kotext.Corpus.contrast` from each group's summed counts per term (documents
    containing it for ``by="documents"``, tokens for ``"counts"``) and group sizes."""
    ya = np.asarray(count_a, dtype=np.float64).ravel()
    yb = np.asarray(count_b, dtype=np.float64).ravel()
    names = np.arange(len(ya))
    if noise is not None:
        ya, yb, names = ya[~noise], yb[~noise], names[~noise]
    df = _contrast(sp.csr_matrix(ya[None, :]), sp.csr_matrix(yb[None, :]), names, prior=prior,
                   top=None)
    cols = df["term"].to_numpy().astype(np.int64)
    df["term"] = display(np.asarray(feature_names)[cols])
    if by == "documents":
        df["share_a"] = df["count_a"] / size_a
        df["share_b"] = df["count_b"] / size_b
    df["side"] = np.where(df["z"] > 0, labels[0], labels[1])
    a_side = df[df["z"] > 0]
    b_side = df[df["z"] < 0].iloc[::-1]
    if top is not None:
        a_side, b_side = a_side.head(top), b_side.head(top)
    out = pd.concat([a_side, b_side]).reset_index(drop=True)
    first = ["term", "side", "count_a", "count_b"]
    rest = [c for c in out.columns if c not in first]
    return out[first + [c for c in ("share_a", "share_b") if c in rest]
               + [c for c in rest if c not in ("share_a", "share_b")]]


def trend_table(periods: pd.PeriodIndex, sizes: np.ndarray, sums: np.ndarray,
                terms: Sequence[str], measure: str) -> pd.DataFrame:
    """:meth:`kotext.Corpus.trend` from per-period sums: ``periods`` (the distinct periods
    with documents, sorted), ``sizes`` (documents in each), ``sums`` (periods x terms:
    documents using the term, or its summed weight for ``measure="weight"``)."""
    sums = np.asarray(sums, dtype=np.float64).reshape(len(periods), len(terms))
    if measure == "share":
        values = sums / np.asarray(sizes, dtype=np.float64)[:, None]
    else:
        values = sums
    out = pd.DataFrame(values, columns=list(terms), index=periods)
    if measure == "count":
        out = out.astype(np.int64)
    full = pd.period_range(out.index.min(), out.index.max(), freq=out.index.freq)
    out = out.reindex(full, fill_value=0)
    out.index.name = "period"
    return out


def emerging_table(D: np.ndarray, sizes: np.ndarray, last: pd.Period,
                   feature_names: np.ndarray, noise: np.ndarray | None, display: Display, *,
                   top: int, min_docs: int) -> pd.DataFrame:
    """:meth:`kotext.Corpus.emerging` from the documents using each term in each of the
    ``window + 1`` periods ending with ``last`` (``D``, periods x terms) and the periods'
    sizes (documents)."""
    D = np.asarray(D, dtype=np.float64)
    sizes_ = np.asarray(sizes, dtype=np.float64)
    if sizes_[-1] == 0:
        raise ValueError("the latest period has no documents")
    if sizes_[:-1].sum() == 0:
        raise ValueError("emerging() needs documents in the periods before the latest")
    share = D / np.maximum(sizes_, 1)[:, None]
    past = share[:-1][sizes_[:-1] > 0] if (sizes_[:-1] > 0).any() else share[:-1]
    mean = past.mean(axis=0)
    std = past.std(axis=0)
    now = share[-1]
    floor = np.sqrt(np.maximum(now * (1 - now), 1.0 / sizes_[-1]) / sizes_[-1])
    burst = (now - mean) / np.maximum(std, floor)
    keep = (D[-1] >= min_docs) & (burst > 0)
    if noise is not None:
        keep &= ~noise
    idx = np.flatnonzero(keep)
    out = pd.DataFrame({"term": display(np.asarray(feature_names)[idx]),
                        "docs": D[-1][idx].astype(np.int64), "share": now[idx],
                        "baseline": mean[idx], "burst": burst[idx]})
    out = out.sort_values(["burst", "docs"], ascending=False, kind="stable").head(top)
    out = out.reset_index(drop=True)
    out.attrs["period"] = str(last)
    return out
