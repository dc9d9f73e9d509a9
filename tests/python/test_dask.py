"""kotext.dask: distributed results equal single-machine results."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")

import kotext
import kotext.dask as kd
from shared_data import DATA

KNEWS = DATA / "news" / "knews8-train.jsonl"


def _texts() -> list[str]:
    if KNEWS.exists():
        rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")][:300]
        return [r["title"] + "\n" + r["body"] for r in rows]
    from kotext.__main__ import sample_text

    return [t for t in sample_text().split("----")] * 5


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("params", [
    {},
    {"min_df": 2, "max_df": 0.5},
    {"max_features": 300, "sublinear_tf": False, "smooth_idf": False},
    {"weighting": "bm25"},
    {"analyzer": "char_wb", "ngram_range": (2, 3), "min_df": 3},
])
def test_distributed_fit_equals_local_fit(texts, params):
    series = dd.from_pandas(pd.Series(texts), npartitions=4)
    local = kotext.TfidfVectorizer(**params)
    X_local = local.fit_transform(texts)
    dist = kd.fit_vectorizer(series, kotext.TfidfVectorizer(**params))
    assert dist.vocabulary_ == local.vocabulary_
    np.testing.assert_allclose(dist.idf_, local.idf_, rtol=0, atol=1e-12)
    X = kd.transform(series, dist)
    assert X.shape == X_local.shape
    assert abs(X - X_local).max() < 1e-12


def test_normalize_and_tokenize_keep_rows_and_order(texts):
    docs = texts[:50]  # fewer without ../shared (the 15-document sample)
    s = pd.Series(docs, index=range(100, 100 + len(docs)))
    series = dd.from_pandas(s, npartitions=3)
    assert kd.normalize(series).compute().tolist() == kotext.normalize(docs)
    got = kd.tokenize(series).compute()
    assert got.index.tolist() == list(range(100, 100 + len(docs)))
    assert got.tolist() == kotext.Tokenizer().tokenize(docs)


def test_lazy_blocks_and_bad_input(texts):
    series = dd.from_pandas(pd.Series(texts[:20]), npartitions=2)
    vec = kd.fit_vectorizer(series)
    blocks = kd.transform(series, vec, compute=False)
    assert len(blocks) == 2
    with pytest.raises(TypeError, match="dask.dataframe.Series"):
        kd.normalize(pd.Series(["a"]))
    with pytest.raises(ValueError, match="return_offsets"):
        kd.normalize(series, return_offsets=True)
