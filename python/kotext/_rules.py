"""The rules of counting vectorizers, each written once.

Every estimator (:mod:`kotext.sklearn`, :class:`kotext.TfidfVectorizer`), :mod:`kotext.dask`
and the C++ bindings use these: n-gram range validation (in C++, so the bindings check the
same way), document-frequency limits (``min_df`` / ``max_df`` / ``max_features``) and the
inverse document frequencies. Each follows scikit-learn's ``feature_extraction.text``
operation for operation, so that ties and rounding fall the same way.
"""

from __future__ import annotations

import warnings
from numbers import Integral
from typing import Any, Callable

import numpy as np

from . import _core

__all__ = ["DocumentFrequency", "bm25_idf", "check_ngram_range", "df_limits", "idf",
           "prune_mask"]


def check_ngram_range(ngram_range: Any) -> tuple[int, int]:
    """``(min_n, max_n)`` as ints; ValueError with scikit-learn's message unless
    ``1 <= min_n <= max_n`` (the check is :cpp:func:`kotext::check_ngram_range`)."""
    try:
        min_n, max_n = ngram_range
    except (TypeError, ValueError):
        raise ValueError(f"Invalid value for ngram_range={ngram_range!s}: expected "
                         "(min_n, max_n).") from None
    _core.check_ngram_range(int(min_n), int(max_n))
    return int(min_n), int(max_n)


def df_limits(min_df: float, max_df: float, n_docs: int) -> tuple[float, float]:
    """Document counts ``(min_count, max_count)``: an int is a count, a float a proportion
    of ``n_docs``; ValueError when they leave no room (scikit-learn's message)."""
    max_count = max_df if isinstance(max_df, Integral) else max_df * n_docs
    min_count = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if max_count < min_count:
        raise ValueError("max_df corresponds to < documents than min_df")
    return min_count, max_count


def prune_mask(df: np.ndarray, term_frequency: Callable[[], np.ndarray], n_docs: int,
               min_df: float, max_df: float, max_features: int | None,
               dtype: Any) -> np.ndarray | None:
    """Which columns (sorted by term) survive ``min_df``, ``max_df`` and ``max_features``.

    Returns None when every column stays. ``term_frequency()`` gives each column's total
    count (called only when ``max_features`` prunes); it is cast to ``dtype`` (the count
    matrix's dtype in scikit-learn) before the same ``argsort`` scikit-learn runs, so equal
    frequencies are broken the same way. ValueError when nothing remains.
    """
    min_count, max_count = df_limits(min_df, max_df, n_docs)
    mask = (df <= max_count) & (df >= min_count)
    if max_features is not None and mask.sum() > max_features:
        tfs = np.asarray(term_frequency()).astype(dtype, copy=False)
        mask_inds = (-tfs[mask]).argsort()[:max_features]
        new_mask = np.zeros(len(df), dtype=bool)
        new_mask[np.where(mask)[0][mask_inds]] = True
        mask = new_mask
    if mask.all():
        return None
    if not mask.any():
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return mask


def idf(df: np.ndarray, n_docs: int, smooth_idf: bool, dtype: Any) -> np.ndarray:
    """scikit-learn's ``TfidfTransformer`` idf: ``log(n / df) + 1``, with ``smooth_idf``
    ``log((n + 1) / (df + 1)) + 1``, by the C++ core (:cpp:func:`kotext::tfidf_idf`, the
    same operations as scikit-learn's numpy code: equal bits in float64), as ``dtype``."""
    df = np.asarray(df, dtype=np.int64)
    if not smooth_idf and (df == 0).any():  # numpy's warning in scikit-learn's code (idf inf)
        warnings.warn("divide by zero encountered in divide", RuntimeWarning, stacklevel=2)
    out = _core.tfidf_idf(df, int(n_docs), bool(smooth_idf))
    return out.astype(dtype, copy=False)


def bm25_idf(df: np.ndarray, n_docs: int, dtype: Any) -> np.ndarray:
    """BM25 (Lucene) idf ``log(1 + (n - df + 0.5) / (df + 0.5))``, by the C++ core
    (:cpp:func:`kotext::bm25_idf`)."""
    return _core.bm25_idf(np.asarray(df, dtype=np.int64), int(n_docs)).astype(dtype, copy=False)


class DocumentFrequency:
    """Corpus statistics that merge: sorted terms with their document frequency and total
    count, the number of documents and their total length.

    What a fit needs from a corpus, so that batches counted apart (Dask partitions) give,
    once merged, the vocabulary and idf of one fit over all of them. Plain arrays: they
    pickle compactly and merge with numpy (no dict per term).

    Examples
    --------
    >>> import numpy as np
    >>> a = DocumentFrequency(np.array(["a", "b"], dtype=object), np.array([1, 2]),
    ...                       np.array([1.0, 3.0]), 2, 4.0)
    >>> b = DocumentFrequency(np.array(["b", "c"], dtype=object), np.array([1, 1]),
    ...                       np.array([1.0, 1.0]), 1, 2.0)
    >>> m = a.merge(b)
    >>> m.terms.tolist(), m.df.tolist(), m.n_docs
    (['a', 'b', 'c'], [1, 3, 1], 3)
    """

    __slots__ = ("df", "n_docs", "terms", "tf", "total_length")

    def __init__(self, terms: np.ndarray, df: np.ndarray, tf: np.ndarray, n_docs: int,
                 total_length: float) -> None:
        self.terms = terms
        self.df = np.asarray(df, dtype=np.int64)
        self.tf = np.asarray(tf, dtype=np.float64)
        self.n_docs = int(n_docs)
        self.total_length = float(total_length)

    @classmethod
    def empty(cls) -> DocumentFrequency:
        return cls(np.array([], dtype=object), np.zeros(0, np.int64), np.zeros(0), 0, 0.0)

    def __getstate__(self) -> tuple:
        return (self.terms, self.df, self.tf, self.n_docs, self.total_length)

    def __setstate__(self, state: tuple) -> None:
        self.terms, self.df, self.tf, self.n_docs, self.total_length = state

    def merge(self, *others: DocumentFrequency) -> DocumentFrequency:
        """All statistics summed; terms stay sorted by code point (Python's str order)."""
        parts = (self, *others)
        terms = np.concatenate([p.terms for p in parts])
        if len(terms):
            unique, inverse = np.unique(terms, return_inverse=True)
        else:
            unique, inverse = terms, np.zeros(0, dtype=np.intp)
        n = len(unique)
        df = np.bincount(inverse, weights=np.concatenate([p.df for p in parts]), minlength=n)
        tf = np.bincount(inverse, weights=np.concatenate([p.tf for p in parts]), minlength=n)
        return DocumentFrequency(unique.astype(object), df.astype(np.int64), tf,
                                 sum(p.n_docs for p in parts),
                                 sum(p.total_length for p in parts))
