"""Keyword vectors, cosine similarity, article comparison and group contrasts.

The heavy parts (sparse x sparse cosine, per-row top-k) run in C++ (``kotext/similarity.hpp``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp

from . import _core

__all__ = ["Neighbors", "compare", "contrast", "similarity", "top_k"]


class Neighbors(NamedTuple):
    """Each row's nearest neighbours: ``indices[i, k]`` / ``scores[i, k]`` for rank k."""

    indices: np.ndarray
    scores: np.ndarray


def _csr(X: Any, name: str) -> sp.csr_matrix:
    """X as CSR with int64 indptr, int32 indices, float64 data (copies only when needed)."""
    if X is None:
        raise TypeError(f"{name} must be a matrix, not None")
    if not sp.issparse(X):
        arr = np.asarray(X, dtype=np.float64)
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {arr.shape}")
        X = sp.csr_matrix(arr)
    X = sp.csr_matrix(X)
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    if X.shape[1] > np.iinfo(np.int32).max:
        raise ValueError(f"{name} has too many columns")
    return X


def _arrays(X: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.ascontiguousarray(X.indptr, dtype=np.int64),
            np.ascontiguousarray(X.indices, dtype=np.int32),
            np.ascontiguousarray(X.data, dtype=np.float64))


def similarity(X: Any, Y: Any = None, top_n: int | None = None, *,
               include_self: bool = False, n_jobs: int = -1) -> np.ndarray | Neighbors:
    """Cosine similarity between the rows of ``X`` and of ``Y`` (sparse x sparse, in C++).

    Parameters
    ----------
    X : sparse matrix or array of shape (n, n_features)
    Y : sparse matrix or array of shape (m, n_features), default=None
        None means ``X`` itself.
    top_n : int, default=None
        None: the full dense (n, m) matrix. An int: only each row's ``top_n`` most similar
        rows of ``Y``, computed block by block without ever holding the (n, m) matrix
        (memory O(m) per thread plus the output).
    include_self : bool, default=False
        With ``Y=None`` and ``top_n``: whether row i may be its own neighbour.
    n_jobs : int, default=-1
        Threads; -1 means all cores.

    Returns
    -------
    numpy.ndarray of shape (n, m), or Neighbors(indices, scores) of shape (n, top_n)
        Rows of zeros have similarity 0 to everything. Neighbours are ordered by score
        (descending), ties by index; when fewer than ``top_n`` exist the rest are -1 / 0.

    Raises
    ------
    ValueError
        ``X`` and ``Y`` have different numbers of columns, or ``top_n < 1``.

    Examples
    --------
    >>> import kotext, numpy as np
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    >>> kotext.similarity(X).round(3).tolist()
    [[1.0, 0.707, 0.0], [0.707, 1.0, 0.707], [0.0, 0.707, 1.0]]
    >>> kotext.similarity(X, top_n=1).indices.tolist()
    [[1], [0], [1]]
    """
    Xc = _csr(X, "X")
    Yc = Xc if Y is None else _csr(Y, "Y")
    if Xc.shape[1] != Yc.shape[1]:
        raise ValueError(f"Incompatible dimension for X and Y matrices: X.shape[1] == "
                         f"{Xc.shape[1]} while Y.shape[1] == {Yc.shape[1]}")
    xa = _arrays(Xc)
    ya = xa if Y is None else _arrays(Yc)
    if top_n is None:
        return _core.cosine_dense(*xa, *ya, int(Xc.shape[1]), int(n_jobs))
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ValueError(f"top_n must be a positive int or None, got {top_n!r}")
    idx, sc = _core.cosine_top_n(*xa, *ya, int(Xc.shape[1]), int(top_n),
                                 Y is None and not include_self, False, int(n_jobs))
    return Neighbors(idx, sc)


def top_k(X: Any, k: int, *, n_jobs: int = -1) -> sp.csr_matrix:
    """Keyword vectors: ``X`` with each row pruned to its ``k`` largest values.

    Ties are broken by the lower column index. The result has the same shape as ``X``
    (canonical CSR, float64).

    Examples
    --------
    >>> import kotext, numpy as np
    >>> kotext.top_k(np.array([[0.1, 0.5, 0.3], [0.0, 0.2, 0.0]]), 2).toarray().tolist()
    [[0.0, 0.5, 0.3], [0.0, 0.2, 0.0]]
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative int, got {k!r}")
    Xc = _csr(X, "X")
    indptr, indices, data = _arrays(Xc)
    offsets, positions = _core.top_k_positions(indptr, indices, data, int(Xc.shape[1]), int(k),
                                               int(n_jobs))
    new_indices = indices[positions]
    new_data = data[positions]
    out = sp.csr_matrix((new_data, new_indices, offsets), shape=Xc.shape)
    out.sort_indices()
    return out


def _keywords_frame(X: Any, names: np.ndarray, k: int, n_jobs: int) -> Any:
    import pandas as pd

    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"top_k must be a positive int, got {k!r}")
    Xc = _csr(X, "X")
    if Xc.shape[1] != len(names):
        raise ValueError(f"X has {Xc.shape[1]} features, but the vectorizer has {len(names)}")
    indptr, indices, data = _arrays(Xc)
    offsets, positions = _core.top_k_positions(indptr, indices, data, int(Xc.shape[1]), int(k),
                                               n_jobs)
    counts = np.diff(offsets)
    doc = np.repeat(np.arange(Xc.shape[0], dtype=np.int64), counts)
    rank = np.arange(len(positions), dtype=np.int64) - np.repeat(offsets[:-1], counts) + 1
    return pd.DataFrame({"doc": doc, "rank": rank, "term": names[indices[positions]],
                         "weight": data[positions]})


def compare(X: Any, i: int, j: int, feature_names: Sequence[str]) -> Any:
    """What two documents share and what only one of them has.

    Parameters
    ----------
    X : sparse matrix of shape (n, n_features)
        Document vectors (e.g. from :class:`kotext.TfidfVectorizer`).
    i, j : int
        Row indices of the two documents (negative indices count from the end).
    feature_names : sequence of str
        Column names (``vectorizer.get_feature_names_out()``).

    Returns
    -------
    pandas.DataFrame
        One row per term present in either document: ``term``, ``weight_i``, ``weight_j``,
        ``status`` ('shared', 'only_i', 'only_j') and ``contribution``, the term's share
        of the cosine (``w_i * w_j / (|x_i| |x_j|)``; the contributions sum to the cosine).
        Sorted by contribution, then by the larger weight. The cosine itself is in
        ``df.attrs['cosine']`` (and ``df.attrs['i']``, ``df.attrs['j']``).

    Raises
    ------
    IndexError
        ``i`` or ``j`` out of range.
    ValueError
        ``feature_names`` does not match ``X``'s columns.

    Examples
    --------
    >>> import kotext, numpy as np
    >>> X = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
    >>> df = kotext.compare(X, 0, 1, ["금리", "인상", "동결"])
    >>> df[["term", "status"]].values.tolist()
    [['금리', 'shared'], ['인상', 'only_i'], ['동결', 'only_j']]
    >>> round(df.attrs["cosine"], 3)
    0.5
    """
    import pandas as pd

    Xc = _csr(X, "X")
    n = Xc.shape[0]
    names = np.asarray(feature_names, dtype=object)
    if names.ndim != 1 or len(names) != Xc.shape[1]:
        raise ValueError(f"feature_names has {len(names)} entries but X has {Xc.shape[1]} columns")
    rows = []
    for name, r in (("i", i), ("j", j)):
        if isinstance(r, bool) or not isinstance(r, (int, np.integer)):
            raise TypeError(f"{name} must be an int, not {type(r).__name__}")
        if not -n <= r < n:
            raise IndexError(f"{name}={r} is out of range for X with {n} rows")
        rows.append(int(r) % n)
    a = Xc.getrow(rows[0]).toarray().ravel()
    b = Xc.getrow(rows[1]).toarray().ravel()
    cols = np.flatnonzero((a != 0) | (b != 0))
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    denom = na * nb
    wa, wb = a[cols], b[cols]
    contrib = wa * wb / denom if denom > 0 else np.zeros(len(cols))
    status = np.where((wa != 0) & (wb != 0), "shared", np.where(wa != 0, "only_i", "only_j"))
    df = pd.DataFrame({"term": names[cols], "weight_i": wa, "weight_j": wb, "status": status,
                       "contribution": contrib})
    order = np.lexsort((cols, -np.maximum(np.abs(wa), np.abs(wb)), -contrib))
    df = df.iloc[order].reset_index(drop=True)
    df.attrs["cosine"] = float(contrib.sum()) if denom > 0 else 0.0
    df.attrs["i"], df.attrs["j"] = rows
    return df


def contrast(X_a: Any, X_b: Any, feature_names: Sequence[str], *,
             prior: float | np.ndarray = 100.0, top: int | None = None) -> Any:
    """Terms that distinguish group A from group B: log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", section 3.5).

    For each term w with counts y_a, y_b (summed over each group's rows) and prior
    pseudo-counts a_w (total a_0)::

        delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w))
                - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
        var_w   = 1 / (y_a + a_w) + 1 / (y_b + a_w)
        z_w     = delta_w / sqrt(var_w)

    Parameters
    ----------
    X_a, X_b : sparse matrices of shape (n_a, n_features), (n_b, n_features)
        Rows of each group. Term counts are what the model expects (use
        ``vectorizer.count(docs)``); TF-IDF weights also work as pseudo-counts.
    feature_names : sequence of str
    prior : float or array of shape (n_features,), default=100.0
        A float a_0 spreads that many pseudo-counts over the terms in proportion to their
        pooled frequency in A and B (the informative prior); an array gives a_w directly
        (e.g. counts in a background corpus).
    top : int, default=None
        Per side: keep the ``top`` terms most typical of A (highest z > 0) and the ``top``
        most typical of B (lowest z < 0).

    Returns
    -------
    pandas.DataFrame
        ``term``, ``count_a``, ``count_b``, ``log_odds`` (delta), ``z``, ``side`` ("a" for
        z > 0, "b" otherwise), sorted by z descending (positive: typical of A; negative:
        typical of B). Terms absent from both groups are left out.

    Examples
    --------
    >>> import kotext, numpy as np
    >>> A = np.array([[5, 1, 1], [4, 1, 0]])
    >>> B = np.array([[0, 1, 6], [1, 1, 5]])
    >>> kotext.contrast(A, B, ["주가", "정부", "야구"])["term"].tolist()
    ['주가', '정부', '야구']
    """
    import pandas as pd

    A, B = _csr(X_a, "X_a"), _csr(X_b, "X_b")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"X_a has {A.shape[1]} columns but X_b has {B.shape[1]}")
    names = np.asarray(feature_names, dtype=object)
    if len(names) != A.shape[1]:
        raise ValueError(f"feature_names has {len(names)} entries but X has {A.shape[1]} columns")
    ya = np.asarray(A.sum(axis=0)).ravel()
    yb = np.asarray(B.sum(axis=0)).ravel()
    if (ya < 0).any() or (yb < 0).any():
        raise ValueError("contrast needs non-negative counts or weights")
    pooled = ya + yb
    if np.ndim(prior) == 0:
        a0 = float(prior)
        if not a0 > 0:
            raise ValueError("prior must be > 0")
        total = pooled.sum()
        if total <= 0:
            raise ValueError("both groups are empty")
        alpha = a0 * pooled / total
    else:
        alpha = np.asarray(prior, dtype=np.float64).ravel()
        if alpha.shape != ya.shape or (alpha < 0).any():
            raise ValueError("prior array must hold one non-negative value per feature")
        a0 = float(alpha.sum())
    keep = (pooled > 0) & (alpha > 0)
    ya, yb, alpha, names = ya[keep], yb[keep], alpha[keep], names[keep]
    na, nb = float(A.sum()), float(B.sum())
    delta = (np.log(ya + alpha) - np.log(na + a0 - ya - alpha)
             - np.log(yb + alpha) + np.log(nb + a0 - yb - alpha))
    var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    z = delta / np.sqrt(var)
    df = pd.DataFrame({"term": names, "count_a": ya, "count_b": yb, "log_odds": delta, "z": z,
                       "side": np.where(z > 0, "a", "b")})
    df = df.sort_values("z", ascending=False, kind="stable").reset_index(drop=True)
    if top is not None:
        a_side, b_side = df[df["z"] > 0], df[df["z"] < 0]
        df = pd.concat([a_side.head(top), b_side.tail(top)]).reset_index(drop=True)
    return df
