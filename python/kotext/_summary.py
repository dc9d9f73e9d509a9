"""Key sentences of an article: extractive, over kotext's sentence splitter and TF-IDF.

The score is MEAD's (Radev, Jing, Sty and Tam 2004, "Centroid-based summarization of
multiple documents"), with its default equal weights:

    score_i = C_i + P_i + F_i

- C_i, centroid: cosine between sentence i and the article's centroid (the sum of its
  sentences' TF-IDF vectors, idf from the whole corpus so that words every article uses
  weigh little);
- P_i, position: ``(n - i) / n * max(C)`` (news puts the point of the story first);
- F_i, title overlap: cosine between sentence i and the headline (MEAD uses the first
  sentence; the headline is the writer's own summary). Without a headline F is 0.

Measured on sci-news-sum (benchmarks/corpus.py): the precision of the k picks against the
human picks is lead-k + 0.10 on the half used while choosing the method and on the
held-out half alike.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = ["score_sentences", "score_sentences_batch"]


def _unit_rows(X: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inv) @ X)


def _row_dots(A: sp.csr_matrix, B: sp.csr_matrix) -> np.ndarray:
    return np.asarray(A.multiply(B).sum(axis=1)).ravel()


def score_sentences_batch(X: Any, article: Any, titles: Any = None) -> np.ndarray:
    """MEAD scores of the sentences of many articles at once (vectorized).

    Parameters
    ----------
    X : sparse matrix of shape (n_sentences, n_terms)
        TF-IDF vectors of all sentences, each article's sentences contiguous and in order.
    article : array of int of shape (n_sentences,)
        Article number (0 .. n_articles - 1) of each sentence, non-decreasing.
    titles : sparse matrix of shape (n_articles, n_terms), optional
        Headline vectors (a row of zeros: no headline).

    Returns
    -------
    numpy.ndarray of shape (n_sentences,)
    """
    S = _unit_rows(sp.csr_matrix(X, dtype=np.float64))
    article = np.asarray(article, dtype=np.int64)
    n = S.shape[0]
    if n == 0:
        return np.zeros(0)
    if np.any(np.diff(article) < 0):
        raise ValueError("sentences must be grouped by article, in order")
    k = int(article.max()) + 1
    G = sp.csr_matrix((np.ones(n), (article, np.arange(n))), shape=(k, n))
    centroid = _unit_rows(sp.csr_matrix(G @ S))
    c = _row_dots(S, centroid[article])
    size = np.bincount(article, minlength=k)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    pos = np.arange(n) - start[article]
    cmax = np.full(k, -np.inf)
    np.maximum.at(cmax, article, c)
    position = (size[article] - pos) / size[article] * cmax[article]
    f = np.zeros(n)
    if titles is not None:
        T = _unit_rows(sp.csr_matrix(titles, dtype=np.float64))
        f = _row_dots(S, T[article])
    return c + position + f


def score_sentences(X: Any, title: Any = None) -> np.ndarray:
    """MEAD scores of one article's sentences (rows of ``X``, in article order).

    Parameters
    ----------
    X : sparse matrix of shape (n_sentences, n_terms)
        TF-IDF vectors of the sentences.
    title : sparse matrix of shape (1, n_terms), optional
        TF-IDF vector of the headline.

    Returns
    -------
    numpy.ndarray of shape (n_sentences,)
        Higher is more central; a sentence with no known term scores only by position.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    >>> score_sentences(X, title=np.array([[0.0, 0.0, 1.0]])).round(3).tolist()
    [1.625, 1.354, 1.747]
    """
    X = sp.csr_matrix(X, dtype=np.float64)
    return score_sentences_batch(X, np.zeros(X.shape[0], dtype=np.int64), title)
