"""kotext.Corpus: ids, dates and the pandas answers built on the fitted matrix."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import kotext
import numpy as np
import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KNEWS = DATA / "news" / "knews8-train.jsonl"

DOCS = [
    "금리 인상 우려에 증시 하락 금리 부담",
    "증시 하락 금리 인상 여파 지속",
    "프로야구 개막전 매진 관중 몰려",
    "프로야구 개막전 관중 기록 경신",
    "반도체 수출 증가 반도체 호황",
]
IDS = ["f1", "f2", "s1", "s2", "x1"]
DATES = ["2024-01-05", "2024-01-20", "2024-02-03", "2024-03-01", None]


@pytest.fixture(scope="module")
def small() -> kotext.Corpus:
    return kotext.Corpus(DOCS, ids=IDS, dates=DATES)


def test_results_are_keyed_by_id(small):
    kw = small.keywords(top_k=2)
    assert list(kw.columns) == ["id", "rank", "term", "weight"]
    assert set(kw["id"]) == set(IDS)
    assert (kw.groupby("id")["rank"].max() <= 2).all()


def test_similar_finds_the_same_story(small):
    sim = small.similar(top_n=1)
    pairs = dict(zip(sim["id"], sim["similar_id"]))
    assert pairs["f1"] == "f2" and pairs["f2"] == "f1"
    assert pairs["s1"] == "s2" and pairs["s2"] == "s1"
    one = small.similar("s1", top_n=2)
    assert one["id"].eq("s1").all() and one.iloc[0]["similar_id"] == "s2"
    assert "s1" not in set(one["similar_id"])


def test_duplicates_lists_each_pair_once():
    c = kotext.Corpus(["같은 기사 본문 그대로", "같은 기사 본문 그대로", "전혀 다른 내용"], ids=[1, 2, 3])
    d = c.duplicates(threshold=0.99)
    assert d[["id_a", "id_b"]].values.tolist() == [[1, 2]]
    assert d["score"].iloc[0] == pytest.approx(1.0)


def test_compare_and_contrast(small):
    cmp = small.compare("f1", "f2")
    assert {"term", "status", "contribution"} <= set(cmp.columns)
    assert (cmp["status"] == "shared").any()
    con = small.contrast(["s1", "s2"], top=3)
    top_terms = set(con.sort_values("z", ascending=False)["term"].head(3))
    assert top_terms & {"프로야구", "개막전", "관중"}
    mask = np.array([True, True, False, False, False])
    assert small.contrast(mask, ~mask, top=2).shape[0] > 0


def test_trend_counts_documents_per_period(small):
    t = small.trend(["프로야구", "금리"], freq="M", share=False)
    assert list(t.columns) == ["프로야구", "금리"]
    assert t.loc[pd.Period("2024-01", "M"), "금리"] == 2
    assert t.loc[pd.Period("2024-02", "M"), "프로야구"] == 1
    assert t.loc[pd.Period("2024-03", "M"), "프로야구"] == 1
    unseen = small.trend(["없는말", "금리"], freq="M", measure="count")
    assert (unseen["없는말"] == 0).all() and unseen["금리"].sum() == 2
    rising = small.rising(freq="M", top=3)
    assert rising.attrs["period"] == "2024-03"
    assert (rising["side"] == "rising").all() and len(rising) <= 3


def test_bad_input_is_named(small):
    with pytest.raises(TypeError, match="document 1"):
        kotext.Corpus(["a", None])
    with pytest.raises(TypeError, match="single str"):
        kotext.Corpus("하나의 문자열")
    with pytest.raises(ValueError, match="unique"):
        kotext.Corpus(["a b", "c d"], ids=[1, 1])
    with pytest.raises(ValueError, match="document 1"):
        kotext.Corpus(["a b", "c d"], dates=["2024-01-01", "어제"])
    with pytest.raises(KeyError, match="nope"):
        small.similar("nope")
    with pytest.raises(ValueError, match="no dates"):
        kotext.Corpus(["가 나", "다 라"]).trend(["가"])


def test_corpus_pickles(small):
    again = pickle.loads(pickle.dumps(small))
    assert (again.X != small.X).nnz == 0
    assert again.similar("f1", top_n=1)["similar_id"].item() == "f2"


def test_from_frame():
    df = pd.DataFrame({"text": DOCS, "key": IDS, "day": DATES})
    c = kotext.Corpus.from_frame(df, id="key", date="day")
    assert list(c.ids) == IDS and c.dates.isna().sum() == 1


@pytest.mark.skipif(not KNEWS.exists(), reason=f"real data not found at {KNEWS}")
def test_real_news_neighbours_share_the_topic():
    rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")]
    rows = [r for r in rows if not r["duplicate_of_earlier"]]
    corpus = kotext.Corpus([r["title"] + "\n" + r["body"] for r in rows], ids=[r["id"] for r in rows])
    label = {r["id"]: r["label_name"] for r in rows}
    sim = corpus.similar(top_n=1)
    assert len(sim) == len(rows)
    accuracy = (sim["id"].map(label) == sim["similar_id"].map(label)).mean()
    assert accuracy >= 0.75
    sports = [r["id"] for r in rows if r["label_name"] == "스포츠"]
    top = corpus.contrast(sports, top=15).sort_values("z", ascending=False)["term"].head(15)
    assert set(top) & {"경기", "대회", "선수", "감독", "우승"}
