"""Scale kotext out with Dask when a corpus outgrows one machine (the ``dask`` extra).

Every function takes ``texts`` as a :class:`dask.bag.Bag` of str, a
:class:`dask.dataframe.Series` of str, or a dask DataFrame with ``column=`` naming its text
column, and works partition by partition on the Dask workers (any scheduler, including
``distributed``); kotext objects pickle, so they travel to workers as they are. Inside a
partition kotext still uses all the worker's cores.

:func:`fit` fits a vectorizer (:class:`kotext.TfidfVectorizer` or any of
:mod:`kotext.sklearn`'s counting vectorizers) on the whole distributed corpus: each
partition counts its terms in C++ into a :class:`kotext._rules.DocumentFrequency` (sorted
terms with document and term frequencies, as arrays), the partial statistics are merged in
a tree (``split_every`` at a time), and the vocabulary and idf are chosen from the totals
by the vectorizer's own fit rules (the same code as a single-machine ``fit``), so no
partition ever needs the others' text and the result equals ``fit`` on all rows.

:class:`kotext.sklearn.HashingVectorizer` needs no fit at all (:func:`transform` it
directly); :func:`fit_idf` gives it a :class:`kotext.sklearn.TfidfTransformer` from the
summed document frequencies of its hashed columns.

Examples
--------
>>> import pandas as pd, dask.dataframe as dd, kotext, kotext.dask
>>> s = dd.from_pandas(pd.Series(["금리 인상", "금리 동결", "야구 개막"]), npartitions=2)
>>> kotext.dask.normalize(s).compute().tolist()
['금리 인상', '금리 동결', '야구 개막']
>>> vec = kotext.dask.fit(kotext.TfidfVectorizer(), s)
>>> kotext.dask.transform(vec, s).shape
(3, 5)
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _rules
from ._normalize import normalize as _normalize
from ._tfidf import TfidfVectorizer
from ._tokenize import Tokenizer
from ._vectorizer import TfidfTransformer

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError("kotext.dask needs Dask: pip install 'kotext[dask]'") from err

__all__ = ["fit", "fit_idf", "fit_transform", "fit_vectorizer", "keywords", "normalize",
           "segment", "statistics", "tokenize", "transform"]

#: Partial statistics merged per task in the tree reduction: a few, so that no task holds
#: many partitions' vocabularies at once, and the tree stays shallow (log8 of partitions).
SPLIT_EVERY = 8


# ---- inputs -------------------------------------------------------------------------------
def _texts(texts: Any, column: str | None) -> Any:
    if isinstance(texts, dd.DataFrame):
        if column is None:
            raise TypeError("a dask DataFrame needs column= naming its text column")
        return texts[column]
    if column is not None:
        raise TypeError("column= is only for a dask DataFrame")
    if isinstance(texts, (db.Bag, dd.Series)):
        return texts
    raise TypeError("expected a dask.bag.Bag, a dask.dataframe.Series or a dask DataFrame "
                    f"with column=, not {type(texts).__name__}")


def _as_list(part: Any) -> list:
    return part.tolist() if isinstance(part, pd.Series) else list(part)


def _partitions(texts: Any, column: str | None = None) -> list:
    """One delayed list of documents per partition, in order."""
    return [dask.delayed(_as_list)(p) for p in _texts(texts, column).to_delayed()]


def _map(texts: Any, column: str | None, fn: Callable[[list], list]) -> Any:
    """``fn`` (list -> list of the same length) over every partition, keeping the type."""
    texts = _texts(texts, column)
    if isinstance(texts, db.Bag):
        return texts.map_partitions(lambda part: fn(list(part)))
    return texts.map_partitions(
        lambda part: pd.Series(fn(part.tolist()), index=part.index, dtype=object,
                               name=part.name),
        meta=(texts.name, object))


# ---- element-wise -------------------------------------------------------------------------
def normalize(texts: Any, *, column: str | None = None, **options: Any) -> Any:
    """:func:`kotext.normalize` on every document; options as there (not
    ``return_offsets``). Returns the same kind of collection."""
    if options.get("return_offsets"):
        raise ValueError("return_offsets is not supported on Dask collections")
    return _map(texts, column, lambda docs: _normalize(docs, **options))


def tokenize(texts: Any, tokenizer: Tokenizer | None = None, *,
             column: str | None = None) -> Any:
    """Token lists of every document with ``tokenizer`` (default: ``kotext.Tokenizer()``)."""
    tok = tokenizer if tokenizer is not None else Tokenizer()
    return _map(texts, column, tok.tokenize)


def segment(pages: Any, *, column: str | None = None, **options: Any) -> Any:
    """:func:`kotext.segment` on every page (str or bytes): a collection of
    :class:`kotext.Article`."""
    from ._segment import segment as _segment

    return _map(pages, column, lambda docs: [_segment(p, **options) for p in docs])


# ---- fitting ------------------------------------------------------------------------------
def _partition_statistics(vectorizer: Any, docs: list) -> _rules.DocumentFrequency:
    return vectorizer._statistics(docs)


def _merge(*parts: _rules.DocumentFrequency) -> _rules.DocumentFrequency:
    return parts[0].merge(*parts[1:])


def _tree(items: list, combine: Callable, split_every: int) -> Any:
    if not items:
        return dask.delayed(_rules.DocumentFrequency.empty)()
    while len(items) > 1:
        items = [dask.delayed(combine)(*items[i:i + split_every])
                 for i in range(0, len(items), split_every)]
    return items[0]


def statistics(vectorizer: Any, texts: Any, *, column: str | None = None,
               split_every: int = SPLIT_EVERY) -> Any:
    """The corpus statistics of ``texts`` under ``vectorizer``'s analyzer, as one delayed
    :class:`kotext._rules.DocumentFrequency` (per-partition C++ counts, tree-merged)."""
    if split_every < 2:
        raise ValueError(f"split_every must be >= 2, got {split_every}")
    parts = [dask.delayed(_partition_statistics)(vectorizer, p)
             for p in _partitions(texts, column)]
    return _tree(parts, _merge, split_every)


def fit(vectorizer: Any, texts: Any, *, column: str | None = None,
        split_every: int = SPLIT_EVERY) -> Any:
    """Fit ``vectorizer`` on a distributed corpus; returns it fitted, equal to
    ``vectorizer.fit`` on all the documents (same vocabulary order, idf).

    A fixed ``vocabulary`` has nothing to learn (ValueError: fit on any sample instead).
    Analyzers and tokenizers must pickle (no lambdas on a cluster).
    """
    if vectorizer.get_params().get("vocabulary") is not None:
        raise ValueError("with a fixed vocabulary, call vectorizer.fit on any sample instead")
    (stats,) = dask.compute(statistics(vectorizer, texts, column=column,
                                       split_every=split_every))
    if stats.n_docs == 0:
        raise ValueError("empty corpus")
    return vectorizer._fit_statistics(stats)


def transform(vectorizer: Any, texts: Any, *, column: str | None = None,
              compute: bool = True) -> Any:
    """Documents through a fitted (or stateless, such as HashingVectorizer) vectorizer.

    Returns one :class:`scipy.sparse.csr_matrix` (``compute=True``), or a list of
    ``dask.delayed`` CSR blocks, one per partition in order, to keep working lazily.
    """
    blocks = [dask.delayed(vectorizer.transform)(p) for p in _partitions(texts, column)]
    if not compute:
        return blocks
    mats = dask.compute(*blocks)
    if not mats:
        return sp.csr_matrix((0, len(getattr(vectorizer, "vocabulary_", ()))))
    X = sp.csr_matrix(sp.vstack(mats, format="csr"))
    X.sort_indices()
    return X


def fit_transform(vectorizer: Any, texts: Any, *, column: str | None = None,
                  compute: bool = True) -> Any:
    """:func:`fit` then :func:`transform` (two passes over the partitions)."""
    fit(vectorizer, texts, column=column)
    return transform(vectorizer, texts, column=column, compute=compute)


def _hashed_df(vectorizer: Any, docs: list) -> tuple[np.ndarray, int]:
    X = vectorizer.transform(docs)
    return np.bincount(X.indices, minlength=X.shape[1]).astype(np.int64), X.shape[0]


def _sum_df(*parts: tuple[np.ndarray, int]) -> tuple[np.ndarray, int]:
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def fit_idf(hashing_vectorizer: Any, texts: Any, transformer: TfidfTransformer | None = None,
            *, column: str | None = None, split_every: int = SPLIT_EVERY) -> TfidfTransformer:
    """A :class:`kotext.sklearn.TfidfTransformer` fitted from the summed document
    frequencies of ``hashing_vectorizer``'s columns over the corpus (equal to fitting it
    on the whole hashed matrix); use it on :func:`transform`'s output."""
    tr = transformer if transformer is not None else TfidfTransformer()
    parts = [dask.delayed(_hashed_df)(hashing_vectorizer, p) for p in _partitions(texts, column)]
    (df, n_docs), = dask.compute(_tree(parts, _sum_df, split_every))
    tr._validate_params()
    tr.n_features_in_ = int(hashing_vectorizer.n_features)
    if tr.use_idf:
        tr.idf_ = _rules.idf(df, int(n_docs), tr.smooth_idf, np.float64)
    return tr


def keywords(vectorizer: Any, texts: Any, n: int = 10, *, column: str | None = None) -> Any:
    """Each document's ``n`` highest-weighted terms under a fitted vectorizer, as a dask
    DataFrame with :meth:`kotext.TfidfVectorizer.keywords`' columns; ``doc`` is the
    document's position in the whole collection."""
    parts = _partitions(texts, column)
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(int).tolist()

    def one(docs: list, offset: int) -> pd.DataFrame:
        frame = vectorizer.keywords(vectorizer.transform(docs), top_k=n)
        frame["doc"] = frame["doc"] + offset
        return frame

    meta = pd.DataFrame({"doc": pd.Series(dtype=np.int64), "rank": pd.Series(dtype=np.int64),
                         "term": pd.Series(dtype=object),
                         "weight": pd.Series(dtype=np.float64)})
    frames = [dask.delayed(one)(p, offsets[i]) for i, p in enumerate(parts)]
    return dd.from_delayed(frames, meta=meta, verify_meta=False)


def fit_vectorizer(series: Any, vectorizer: Any = None) -> Any:
    """Former name of :func:`fit` (arguments the other way round)."""
    return fit(vectorizer if vectorizer is not None else TfidfVectorizer(), series)
