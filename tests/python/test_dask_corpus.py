"""kotext.dask.Corpus and the distributed Tokenizer fit on a real distributed.LocalCluster
(worker processes): the same numbers as the in-memory kotext.Corpus / Tokenizer.fit."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
db = pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="distributed is not installed")

import kotext
import kotext.dask as kd
from dask_cluster import local_client
from shared_data import DATA

KNEWS = DATA / "news" / "knews8-train.jsonl"
#: Days between consecutive documents' dates: spreads the corpus over several weeks/months.
DATE_STEP_DAYS = 2
#: knews8 documents used (enough for every section, few enough for a quick test).
DOCS = 120


def _frame() -> pd.DataFrame:
    """Documents with a section, a headline and a date each: knews8's first rows when
    ../shared is there, else the lines of the shipped sample pages (section of their page)."""
    if KNEWS.exists():
        rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")]
        rows = rows[::max(1, len(rows) // DOCS)][:DOCS]  # the file is sorted by section
        texts = [r["title"] + "\n" + r["body"] for r in rows]
        sections = [r["label_name"] for r in rows]
        titles = [r["title"] for r in rows]
    else:
        from kotext.__main__ import sample_text

        texts, sections, titles = [], [], []
        for page in sample_text().split("----"):
            lines = [ln.strip() for ln in page.strip().splitlines() if ln.strip()]
            section = lines[0].split()[0]
            for ln in lines[1:]:
                texts.append(ln)
                sections.append(section)
                titles.append(ln[:12])
        texts, sections, titles = texts * 3, sections * 3, titles * 3
    n = len(texts)
    # interleave the sections over time so that every period mixes them
    order = np.argsort(np.arange(n) % 7, kind="stable")
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(n) * DATE_STEP_DAYS, unit="D")
    df = pd.DataFrame({"text": np.asarray(texts, dtype=object)[order],
                       "section": np.asarray(sections, dtype=object)[order],
                       "title": np.asarray(titles, dtype=object)[order],
                       "date": dates.strftime("%Y-%m-%d")},
                      index=pd.Index([f"d{i:04d}" for i in range(n)]))
    df.loc[df.index[5], "date"] = None  # an undated document is left out of trends
    return df


@pytest.fixture(scope="module")
def client():
    with local_client() as c:
        yield c


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return _frame()


@pytest.fixture(scope="module")
def corpora(client, frame):
    local = kotext.Corpus.from_frame(frame, text="text", date="date", title="title",
                                     progress=False)
    dist = kd.Corpus(dd.from_pandas(frame, npartitions=3, sort=False), date="date", title="title",
                     split_every=2)
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids
    return local, dist


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert len(expected) > 0  # a comparison of two empty tables would prove nothing
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False, check_exact=False, rtol=0, atol=1e-12)


def test_fit_and_keywords_equal_in_memory(corpora):
    local, dist = corpora
    assert list(dist.vectorizer.vocabulary_) == list(local.vectorizer.vocabulary_)
    np.testing.assert_allclose(dist.vectorizer.idf_, local.vectorizer.idf_, rtol=0, atol=1e-12)
    terms = [t for t in local.feature_names if any(c.isalpha() and c.isascii() for c in t)]
    assert dist.display_terms(terms) == local.display_terms(terms)
    kw = dist.keywords(n=4)
    assert isinstance(kw, dd.DataFrame)
    same(kw.compute(), local.keywords(n=4))
    same(dist.keywords(n=2, noise=False).compute(), local.keywords(n=2, noise=False))


def test_group_keywords_and_contrast_equal_in_memory(corpora, frame):
    local, dist = corpora
    same(dist.group_keywords("section", n=5), local.group_keywords("section", n=5))
    first = frame["section"].iloc[0]
    same(dist.group_keywords(("section", first), n=3),
         local.group_keywords(("section", first), n=3))
    same(dist.contrast(("section", first), top=10), local.contrast(("section", first), top=10))
    other = next(s for s in frame["section"] if s != first)
    same(dist.contrast({"section": first}, ("section", other), by="counts", top=None,
                       labels=("x", "y")),
         local.contrast({"section": first}, ("section", other), by="counts", top=None,
                        labels=("x", "y")))
    # a callable group sees each partition (the in-memory corpus: its whole frame)
    same(dist.contrast(lambda part: (part["section"] == first).to_numpy(), noise=False),
         local.contrast(lambda f: (f["section"] == first).to_numpy(), noise=False))


def test_trend_and_emerging_equal_in_memory(corpora):
    local, dist = corpora
    top = local.keywords(n=1)["term"].value_counts().index[:3].tolist()
    terms = [*top, "없는단어"]
    for freq in ("W", "M"):
        for measure in ("share", "count", "weight"):
            got, expected = dist.trend(terms, freq, measure=measure), local.trend(
                terms, freq, measure=measure)
            assert expected.to_numpy().sum() > 0
            pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=0, atol=1e-12)
    got, expected = dist.emerging("W", window=3, min_docs=1), local.emerging("W", window=3,
                                                                             min_docs=1)
    same(got, expected)
    assert got.attrs["period"] == expected.attrs["period"]


def test_bad_input(corpora, frame):
    _, dist = corpora
    with pytest.raises(ValueError, match="group_a has no documents"):
        dist.contrast(("section", "없는분류"))
    with pytest.raises(TypeError, match="a group is"):
        dist.contrast(["d1", "d2"])
    with pytest.raises(KeyError, match="no column 'nope'"):
        dist.group_keywords("nope")
    undated = kd.Corpus(dd.from_pandas(frame[["text"]].head(30), npartitions=2))
    with pytest.raises(ValueError, match="no dates"):
        undated.trend(["a"])
    with pytest.raises(TypeError, match="dask DataFrame"):
        kd.Corpus(frame)


def test_tokenizer_fit_equals_local_fit(client, frame):
    # with made-up names the dictionary lacks: fit learns only such words
    texts = frame["text"].tolist() + ["누리도가 무대에 섰다", "누리도의 노래", "누리도는 인기다",
                                      "누리도를 만났다"] * 2
    local = kotext.Tokenizer().fit(texts, min_count=2)
    assert local.learned_nouns_  # something was learned, so equality means something
    bag = db.from_sequence(texts, npartitions=4)
    dist = kd.fit_tokenizer(kotext.Tokenizer(), bag, min_count=2, split_every=2)
    assert dist.learned_nouns_ == local.learned_nouns_
    assert dist.tokenize(texts) == local.tokenize(texts)
    series = dd.from_pandas(frame, npartitions=3, sort=False)
    assert kd.fit(kotext.Tokenizer(), series, column="text").learned_nouns_ == \
        kotext.Tokenizer().fit(frame["text"].tolist()).learned_nouns_
    with pytest.raises(TypeError):
        kd.fit_tokenizer(kotext.Tokenizer(), bag, min_cout=2)
