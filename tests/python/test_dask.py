"""kotext.dask: distributed results equal single-machine results, on the default scheduler
and on a real distributed.LocalCluster (worker processes), surviving a killed worker."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
db = pytest.importorskip("dask.bag", reason="the dask extra is not installed")

import kotext
import kotext.dask as kd
import kotext.sklearn as ks
from dask_cluster import local_client
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


def assert_same_fit(dist, local, X, X_local):
    assert list(dist.vocabulary_) == list(local.vocabulary_)  # same terms, same order
    assert dist.vocabulary_ == local.vocabulary_
    if hasattr(local, "idf_"):
        np.testing.assert_allclose(dist.idf_, local.idf_, rtol=0, atol=1e-12)
    assert X.shape == X_local.shape
    assert abs(X - X_local).max() < 1e-12 if X.nnz else X_local.nnz == 0


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
    dist = kd.fit(kotext.TfidfVectorizer(**params), series, split_every=2)
    assert_same_fit(dist, local, kd.transform(dist, series), X_local)
    if "weighting" in params:
        assert dist.avgdl_ == pytest.approx(local.avgdl_, rel=1e-12)


def test_bag_series_and_dataframe_column_give_the_same_fit(texts):
    local = ks.TfidfVectorizer(min_df=2)
    X_local = local.fit_transform(texts)
    frame = dd.from_pandas(pd.DataFrame({"text": texts, "n": range(len(texts))}), npartitions=3)
    for coll, column in ((db.from_sequence(texts, npartitions=5), None),
                         (frame["text"], None), (frame, "text")):
        vec = kd.fit(ks.TfidfVectorizer(min_df=2), coll, column=column)
        assert_same_fit(vec, local, kd.transform(vec, coll, column=column), X_local)


def test_hashing_needs_no_fit_and_idf_from_summed_df(texts):
    bag = db.from_sequence(texts, npartitions=4)
    hv = ks.HashingVectorizer(n_features=2 ** 12, norm=None, alternate_sign=False)
    X = kd.transform(hv, bag)
    assert abs(X - hv.transform(texts)).max() == 0
    tr = kd.fit_idf(hv, bag)
    local = ks.TfidfTransformer().fit(hv.transform(texts))
    np.testing.assert_allclose(tr.idf_, local.idf_, rtol=0, atol=1e-12)


def test_keywords_and_elementwise_keep_rows_and_order(texts):
    part = texts[:50]  # fewer without ../shared (the built-in sample)
    s = pd.Series(part, index=range(100, 100 + len(part)))
    series = dd.from_pandas(s, npartitions=3)
    assert kd.normalize(series).compute().tolist() == kotext.normalize(part)
    got = kd.tokenize(series).compute()
    assert got.index.tolist() == list(range(100, 100 + len(part)))
    assert got.tolist() == kotext.Tokenizer().tokenize(part)
    bag = db.from_sequence(part, npartitions=4)
    assert kd.tokenize(bag).compute() == kotext.Tokenizer().tokenize(part)
    vec = kotext.TfidfVectorizer().fit(part)
    kw = kd.keywords(vec, bag, n=3).compute().reset_index(drop=True)
    expected = vec.keywords(vec.transform(part), top_k=3)
    pd.testing.assert_frame_equal(kw, expected, check_dtype=False)
    articles = kd.segment(db.from_sequence(part[:4], npartitions=2)).compute()
    assert [a.title for a in articles] == [kotext.segment(p).title for p in part[:4]]


def test_bad_input(texts):
    series = dd.from_pandas(pd.Series(texts[:20]), npartitions=2)
    vec = kd.fit(kotext.TfidfVectorizer(), series)
    assert len(kd.transform(vec, series, compute=False)) == 2
    with pytest.raises(TypeError, match="dask.bag.Bag"):
        kd.normalize(pd.Series(["a"]))
    with pytest.raises(ValueError, match="return_offsets"):
        kd.normalize(series, return_offsets=True)
    with pytest.raises(ValueError, match="fixed vocabulary"):
        kd.fit(kotext.TfidfVectorizer(vocabulary=["a"]), series)
    with pytest.raises(TypeError, match="column="):
        kd.fit(kotext.TfidfVectorizer(), series.to_frame(name="t"))


# ---- a real cluster: worker processes ------------------------------------------------------
distributed = pytest.importorskip("distributed", reason="distributed is not installed")


@pytest.fixture(scope="module")
def client():
    with local_client() as c:
        yield c


def test_local_cluster_equals_single_process(client, texts):
    local = kotext.TfidfVectorizer(min_df=2)
    X_local = local.fit_transform(texts)
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    for coll, column in ((db.from_sequence(texts, npartitions=4), None),
                         (frame["text"], None), (frame, "text")):
        vec = kd.fit(kotext.TfidfVectorizer(min_df=2), coll, column=column)
        assert_same_fit(vec, local, kd.transform(vec, coll, column=column), X_local)
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids  # the work ran in worker processes


class SlowTfidf(kotext.TfidfVectorizer):
    """Counting that takes long enough per partition for a kill to land mid-fit."""

    def _statistics(self, raw_documents):
        time.sleep(0.3)
        return super()._statistics(raw_documents)


def test_fit_survives_a_killed_worker(client, texts):
    import sys

    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # SlowTfidf, for the workers
    local = kotext.TfidfVectorizer()
    X_local = local.fit_transform(texts)
    bag = db.from_sequence(texts, npartitions=8)
    result: dict = {}

    def run():
        result["vec"] = kd.fit(SlowTfidf(), bag)
        result["done_at"] = time.monotonic()

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 30
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.02)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    worker.join(120)
    assert "vec" in result, "the fit did not finish after the worker was killed"
    assert killed_at < result["done_at"]  # the kill happened while the fit was running
    vec = result["vec"]
    assert_same_fit(vec, local, vec.transform(texts), X_local)
