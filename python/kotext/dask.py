"""Scale kotext out with Dask when a corpus outgrows one machine (the ``dask`` extra).

Each function takes a :class:`dask.dataframe.Series` of str (one document per row) and runs
kotext partition by partition on the Dask workers; kotext objects pickle, so they travel
to workers as they are. Inside a partition kotext still uses all the worker's cores.

:func:`fit_vectorizer` fits a :class:`kotext.TfidfVectorizer` on the whole distributed
corpus: each partition counts its terms, the counts are summed, and the vocabulary and idf
are chosen from the totals with exactly the rules of a single-machine ``fit`` (the tests
check the two agree), so no partition ever needs the others' text.

Examples
--------
>>> import pandas as pd, dask.dataframe as dd, kotext, kotext.dask
>>> s = dd.from_pandas(pd.Series(["금리 인상", "금리 동결", "야구 개막"]), npartitions=2)
>>> kotext.dask.normalize(s).compute().tolist()
['금리 인상', '금리 동결', '야구 개막']
>>> vec = kotext.dask.fit_vectorizer(s, kotext.TfidfVectorizer())
>>> kotext.dask.transform(s, vec).shape
(3, 5)
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._normalize import normalize as _normalize
from ._tfidf import TfidfVectorizer
from ._tokenize import Tokenizer

try:
    import dask
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError("kotext.dask needs Dask: pip install 'kotext[dask]'") from err

__all__ = ["fit_vectorizer", "normalize", "tokenize", "transform"]


def _check_series(series: Any) -> dd.Series:
    if not isinstance(series, dd.Series):
        raise TypeError(f"expected a dask.dataframe.Series of str, not {type(series).__name__}")
    return series


def normalize(series: dd.Series, **options: Any) -> dd.Series:
    """:func:`kotext.normalize` on every row; options as there (not ``return_offsets``)."""
    if options.get("return_offsets"):
        raise ValueError("return_offsets is not supported on Dask series")
    series = _check_series(series)
    return series.map_partitions(
        lambda part: pd.Series(_normalize(part.tolist(), **options), index=part.index,
                               dtype=object, name=part.name),
        meta=(series.name, object),
    )


def tokenize(series: dd.Series, tokenizer: Tokenizer | None = None) -> dd.Series:
    """Token lists of every row with ``tokenizer`` (default: ``kotext.Tokenizer()``)."""
    series = _check_series(series)
    tok = tokenizer if tokenizer is not None else Tokenizer()
    return series.map_partitions(
        lambda part: pd.Series(tok.tokenize(part.tolist()), index=part.index, dtype=object, name=part.name),
        meta=(series.name, object),
    )


def _partition_stats(docs: list, params: dict) -> tuple[pd.DataFrame, int, float]:
    """Per-term (df, tf) of one partition, its document count and total length."""
    if not docs:
        return pd.DataFrame({"df": [], "tf": []}, dtype=np.float64), 0, 0.0
    params = dict(params, min_df=1, max_df=1.0, max_features=None)
    local = TfidfVectorizer(**params)
    try:
        local.fit(docs)
    except ValueError as err:
        if "empty vocabulary" in str(err):
            return pd.DataFrame({"df": [], "tf": []}, dtype=np.float64), len(docs), 0.0
        raise
    C = local.count(docs)
    terms = local.get_feature_names_out()
    df = np.diff(C.tocsc().indptr).astype(np.float64)
    tf = np.asarray(C.sum(axis=0)).ravel()
    length = float(C.nnz if params.get("binary") else C.sum())
    return pd.DataFrame({"df": df, "tf": tf}, index=pd.Index(terms, dtype=object)), len(docs), length


def fit_vectorizer(series: dd.Series, vectorizer: TfidfVectorizer | None = None) -> TfidfVectorizer:
    """Fit ``vectorizer`` on a distributed corpus; returns it fitted.

    The vocabulary (with ``min_df``, ``max_df``, ``max_features``) and ``idf_`` are those a
    single-machine ``fit`` on all rows would give. A fixed ``vocabulary`` and callable
    analyzers work too; the analyzer and tokenizer must pickle (not lambdas on a cluster).
    """
    series = _check_series(series)
    vec = vectorizer if vectorizer is not None else TfidfVectorizer()
    params = vec.get_params()
    if params.get("vocabulary") is not None:
        raise ValueError("with a fixed vocabulary, call vectorizer.fit on any sample instead")
    parts = series.to_delayed()
    stats = dask.compute(*[dask.delayed(_partition_stats)(p.tolist(), params) for p in parts])
    n_docs = sum(n for _, n, _ in stats)
    if n_docs == 0:
        raise ValueError("empty corpus")
    frames = [f for f, _, _ in stats if len(f)]
    if not frames:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    totals = pd.concat(frames).groupby(level=0, sort=False).sum()
    totals = totals.loc[sorted(totals.index)]  # scikit-learn orders features by term
    dfs = totals["df"].to_numpy()
    # min_df / max_df / max_features exactly as TfidfVectorizer._limit does it
    max_df, min_df = vec.max_df, vec.min_df
    max_count = max_df if isinstance(max_df, Integral) else max_df * n_docs
    min_count = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if max_count < min_count:
        raise ValueError("max_df corresponds to < documents than min_df")
    mask = (dfs <= max_count) & (dfs >= min_count)
    if vec.max_features is not None and mask.sum() > vec.max_features:
        tfs = (dfs if vec.binary else totals["tf"].to_numpy()).astype(np.dtype(vec.dtype))
        keep = (-tfs[mask]).argsort()[: vec.max_features]
        new_mask = np.zeros(len(dfs), dtype=bool)
        new_mask[np.where(mask)[0][keep]] = True
        mask = new_mask
    if not mask.any():
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    terms = totals.index[mask].tolist()
    # Fit on an empty-text-free stand-in with the final vocabulary fixed, then replace the
    # statistics with the corpus-wide ones.
    kept_df = dfs[mask]
    for attr in ("vocabulary_", "idf_", "stop_words_", "avgdl_", "_vocab_core", "_feature_names"):
        vec.__dict__.pop(attr, None)
    vec.vocabulary_ = {t: i for i, t in enumerate(terms)}
    vec.fixed_vocabulary_ = False
    vec.stop_words_ = set(totals.index[~mask])
    dtype = np.dtype(vec.dtype)
    if vec.use_idf:
        if vec.weighting == "bm25":
            d = kept_df.astype(np.float64)
            vec.idf_ = np.log1p((n_docs - d + 0.5) / (d + 0.5)).astype(dtype)
        else:
            d = kept_df.astype(dtype) + float(vec.smooth_idf)
            idf = np.full_like(d, fill_value=n_docs + int(vec.smooth_idf), dtype=dtype)
            idf /= d
            np.log(idf, out=idf)
            idf += 1
            vec.idf_ = idf
    if vec.weighting == "bm25":
        vec.avgdl_ = sum(length for _, _, length in stats) / n_docs
    return vec


def transform(series: dd.Series, vectorizer: TfidfVectorizer, *, compute: bool = True) -> Any:
    """Rows of ``series`` through a fitted vectorizer.

    Returns one :class:`scipy.sparse.csr_matrix` for the whole series (``compute=True``),
    or a list of ``dask.delayed`` CSR blocks, one per partition, to keep working lazily.
    """
    series = _check_series(series)
    blocks = [dask.delayed(vectorizer.transform)(p.tolist()) for p in series.to_delayed()]
    if not compute:
        return blocks
    mats = dask.compute(*blocks)
    X = sp.vstack(mats, format="csr")
    X.sort_indices()
    return X
