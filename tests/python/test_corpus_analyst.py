"""kotext.Corpus as an analyst uses it: metadata that travels, groups, exact duplicates,
stories, related terms, contrasts, bursts, trends and key sentences.

Each method runs on the shipped sample and on real news (knews8, skipped when
../shared/data is absent); the edge cases of issue 12 each have a test.
"""

from __future__ import annotations

import json
import re

import kotext
import numpy as np
import pandas as pd
import pytest
from kotext.__main__ import sample_text
from shared_data import DATA as SHARED_DATA

DATA = SHARED_DATA
KNEWS = DATA / "news" / "knews8-train.jsonl"
needs_knews = pytest.mark.skipif(not KNEWS.exists(), reason=f"real data not found at {KNEWS}")

# Five articles on five unrelated events (none reaches cosine 0.8 with another).
FIVE = [
    "한국은행 금융통화위원회가 기준금리를 연 3.5%로 동결했다. 물가 상승 압력과 가계부채 증가세를 고려한 결정이다.",
    "프로야구 개막전이 열린 잠실구장에 관중이 몰려 입장권이 매진됐다. 구단들은 시범경기 성적을 바탕으로 선발 투수를 정했다.",
    "기상청은 내일 중부지방에 강한 비가 내리고 해안에는 강풍이 불겠다고 예보했다. 산간 지역은 낙석 사고에 주의해야 한다.",
    "반도체 수출이 석 달 연속 증가하면서 무역수지가 흑자로 돌아섰다. 메모리 가격 회복과 데이터센터 투자가 이끌었다.",
    "서울시는 노후 공공임대 아파트 재건축 계획을 발표했다. 주민 공청회를 거쳐 내년 상반기 착공할 예정이다.",
]


@pytest.fixture(scope="module")
def sample() -> kotext.Corpus:
    return kotext.Corpus.from_articles(kotext.segment_many(sample_text()), progress=False)


@pytest.fixture(scope="module")
def knews() -> kotext.Corpus:
    if not KNEWS.exists():
        pytest.skip(f"real data not found at {KNEWS}")
    return kotext.Corpus.from_jsonl(KNEWS, text=["title", "body"], id="id", title="title",
                                    progress=False)


# ---- construction and metadata ---------------------------------------------------------
def test_metadata_travels_into_frame_and_groups():
    texts = FIVE[:4] + [FIVE[0].replace("동결", "인상")]
    c = kotext.Corpus(texts, ids=list("abcde"), titles=["금리", "야구", "날씨", "수출", "금리2"],
                      section=["경제", "스포츠", "사회", "경제", "경제"], progress=False)
    f = c.frame()
    assert {"date", "title", "section", "chars", "terms"} <= set(f.columns)
    assert list(f.index) == list("abcde") and f.loc["d", "section"] == "경제"
    assert kotext.Corpus.from_texts(texts, progress=False).X.shape == c.X.shape
    # titles join the answers
    sim = c.similar("a", n=1)
    assert list(sim.columns) == ["id", "title", "rank", "similar_id", "similar_title", "score"]
    assert sim["title"].item() == "금리" and sim["similar_title"].item() == "금리2"
    with pytest.raises(ValueError, match="reserved"):
        kotext.Corpus(FIVE, chars=[1] * 5)
    with pytest.raises(ValueError, match="section"):
        kotext.Corpus(FIVE, section=["경제"])


def test_from_frame_keeps_every_other_column():
    df = pd.DataFrame({"body": FIVE, "key": list("abcde"), "head": list("HIJKL"),
                       "label_name": ["경제", "스포츠", "사회", "경제", "사회"], "score": range(5)})
    c = kotext.Corpus.from_frame(df, text=["head", "body"], id="key", title="head",
                                 progress=False)
    assert list(c.frame()["label_name"]) == list(df["label_name"])
    assert list(c.frame()["score"]) == list(range(5))
    assert c.texts[0].startswith("H\n\n")
    con = c.contrast(lambda f: f["label_name"] == "경제", top=3)
    assert set(con["side"]) <= {"a", "b"}
    with pytest.raises(KeyError, match="nope"):
        kotext.Corpus.from_frame(df, text="nope")


def test_from_jsonl_streams_and_names_the_bad_line(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": f"n{i}", "body": t, "tag": i % 2}, ensure_ascii=False)
             for i, t in enumerate(FIVE)]
    path.write_text("\n".join(lines[:2] + [""] + lines[2:]) + "\n", encoding="utf-8")
    c = kotext.Corpus.from_jsonl(path, text="body", id="id", progress=False)
    assert list(c.ids) == [f"n{i}" for i in range(5)]
    assert list(c.frame()["tag"]) == [0, 1, 0, 1, 0]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(lines[0] + "\n" + '{"id": "x", "body": ' + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl: line 2: not valid JSON"):
        kotext.Corpus.from_jsonl(bad, text="body")
    missing = tmp_path / "missing.jsonl"
    missing.write_text(lines[0] + "\n" + json.dumps({"id": "y"}) + "\n", encoding="utf-8")
    with pytest.raises(KeyError, match=r"line 2: no field 'body'"):
        kotext.Corpus.from_jsonl(missing, text="body", id="id")


def test_from_pages_makes_article_fields_metadata():
    pages = [p for p in re.split(r"\n-{4,}\n", sample_text()) if p.strip()]
    assert len(pages) == 3
    c = kotext.Corpus.from_pages(pages, progress=False)
    ref = kotext.Corpus.from_articles(kotext.segment_many(sample_text()), progress=False)
    assert c.texts == ref.texts
    f = c.frame()
    assert {"title", "kicker", "outlet", "reporters", "url"} <= set(f.columns)
    assert f["title"].str.len().gt(0).all() and f["date"].notna().all()
    assert f["kicker"].tolist() == ref.frame()["kicker"].tolist()


# ---- groups ------------------------------------------------------------------------------
def test_group_forms_agree_and_series_align_by_index():
    sections = ["경제", "스포츠", "사회", "경제", "사회"]
    c = kotext.Corpus(FIVE, ids=list("abcde"), section=sections, progress=False)
    mask = pd.Series([s == "경제" for s in sections], index=list("abcde"))
    base = c.contrast(mask, top=5)
    for g in [("section", "경제"), {"section": "경제"}, ["a", "d"], mask.iloc[::-1],
              mask.sort_values(), lambda f: f["section"] == "경제", mask.to_numpy()]:
        pd.testing.assert_frame_equal(c.contrast(g, top=5), base)
    with pytest.raises(ValueError, match="has no documents"):
        c.contrast(("section", "정치"))
    with pytest.raises(ValueError, match="has no documents"):
        c.contrast([])
    with pytest.raises(ValueError, match="aligned by its index"):
        c.contrast(pd.Series([True, False], index=["a", "zz"]))
    with pytest.raises(ValueError, match="5 entries"):
        c.contrast(np.array([True, False]))


# ---- keywords --------------------------------------------------------------------------
def test_keywords_drop_noise_and_keep_latin_case():
    texts = ["AI 반도체 수요 급증 2024 A씨 최 부상 AI 반도체", "AI 스피커 출시 SNS 마케팅 확대",
             "프로야구 개막 관중 20일 B씨"]
    c = kotext.Corpus(texts, progress=False)
    kw = c.keywords(n=10)
    assert "AI" in set(kw["term"]) and "ai" not in set(kw["term"])
    for t in kw["term"]:
        assert not re.fullmatch(r"[\d.,%]+(일)?|[A-Za-z]|최", t), t
    raw = c.keywords(n=20, noise=False)
    assert set(raw["term"]) >= set(kw["term"])
    g = c.group_keywords([0, 1], n=3)
    assert (g["rank"] <= 3).all() and (g["documents"] == 2).all()


def test_group_keywords_prefer_the_groups_own_terms_to_words_every_group_uses():
    # 지난해 is in every article, three times: its mean weight beats 금리 and 야구, which
    # are in every article of one group only
    econ = ["지난해 지난해 지난해 금리 인상", "지난해 지난해 지난해 금리 동결", "지난해 지난해 지난해 금리 전망"]
    sport = ["지난해 지난해 지난해 야구 개막", "지난해 지난해 지난해 야구 관중", "지난해 지난해 지난해 야구 중계"]
    c = kotext.Corpus(econ + sport, section=["경제"] * 3 + ["스포츠"] * 3, progress=False)
    g = c.group_keywords("section", n=2)
    firsts = g[g["rank"] == 1].set_index("group")
    assert firsts.loc["경제", "term"] == "금리" and firsts.loc["스포츠", "term"] == "야구"
    row = g[(g["group"] == "경제") & (g["term"] == "지난해")].iloc[0]
    assert row["weight"] > firsts.loc["경제", "weight"]  # the mean alone would rank it first
    assert row["share"] == 0.5 and firsts.loc["경제", "share"] == 1.0
    assert list(g.columns) == ["group", "documents", "rank", "term", "score", "weight", "docs",
                               "share"]


# ---- duplicates ------------------------------------------------------------------------
def test_no_duplicate_pair_gives_empty_frame_with_columns():
    c = kotext.Corpus(FIVE, progress=False)
    d = c.duplicates(0.8)
    assert d.empty and list(d.columns) == ["id_a", "id_b", "score"]
    t = kotext.Corpus(FIVE, titles=list("ABCDE"), progress=False).duplicates(0.8)
    assert t.empty and list(t.columns) == ["id_a", "title_a", "id_b", "title_b", "score"]
    with pytest.raises(ValueError, match="threshold"):
        c.duplicates(0)


def test_twelve_copies_of_five_articles_give_330_pairs():
    texts = [t for t in FIVE for _ in range(12)]
    d = kotext.Corpus(texts, progress=False).duplicates(0.8)
    assert len(d) == 5 * 66 == 330
    assert (d["id_a"] < d["id_b"]).all() and not d.duplicated(["id_a", "id_b"]).any()
    assert (d["id_a"] // 12 == d["id_b"] // 12).all()


@needs_knews
def test_duplicates_exact_against_brute_force(knews):
    rng = np.random.default_rng(0)
    texts = list(knews.texts)
    for i in rng.choice(len(texts), 720, replace=False):  # copies with small edits
        words = texts[i].split()
        for _ in range(3):
            words.pop(int(rng.integers(len(words))))
        texts.append(" ".join(words))
    c = kotext.Corpus(texts, progress=False)
    S = (c.X @ c.X.T).toarray()
    for threshold in (0.5, 0.8):
        got = set(zip(c.duplicates(threshold)["id_a"], c.duplicates(threshold)["id_b"]))
        a, b = np.nonzero(np.triu(S >= threshold, k=1))
        assert got == set(zip(a.tolist(), b.tolist()))


@needs_knews
def test_similar_for_every_document_equals_brute_force(knews):
    # similar() for all runs the pruned top-n index: the same neighbours as the full
    # product (scores to rounding; ids where no near-tie makes the order arbitrary).
    rng = np.random.default_rng(2)
    texts = list(knews.texts)
    for i in rng.choice(len(texts), 720, replace=False):
        words = texts[i].split()
        for _ in range(3):
            words.pop(int(rng.integers(len(words))))
        texts.append(" ".join(words))
    c = kotext.Corpus(texts, progress=False)
    n = 5
    S = (c.X @ c.X.T).toarray()
    np.fill_diagonal(S, -1.0)
    got = c.similar(n=n)
    assert got["rank"].max() == n and len(got) == n * len(c)
    by_doc = got.groupby("id")
    for i in range(len(c)):
        ref = np.lexsort((np.arange(len(c)), -S[i]))[:n]
        row = by_doc.get_group(i)
        assert np.allclose(row["score"].to_numpy(), S[i, ref], atol=1e-12), i
        gap = np.abs(S[i][:, None] - S[i, ref][None, :]) < 1e-12
        near_tie = gap.sum(axis=0) > 1
        assert (row["similar_id"].to_numpy()[~near_tie] == ref[~near_tie]).all(), i
    # one document asked alone gives the same answer
    assert np.allclose(c.similar(7, n=n)["score"], got[got["id"] == 7]["score"])


def test_titles_in_results_have_whitespace_folded():
    c = kotext.Corpus(FIVE[:2] + [FIVE[0]], titles=["금리 동결\n\n물가 부담", "야구", "금리\t동결"],
                      progress=False)
    d = c.duplicates(0.8)
    assert d[["title_a", "title_b"]].values.tolist() == [["금리 동결 물가 부담", "금리 동결"]]
    assert c.frame()["title"].iloc[0] == "금리 동결\n\n물가 부담"  # the data stays as given


@needs_knews
def test_duplicates_find_knews8_repeats(knews):
    rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")]
    first: dict[str, str] = {}
    expected = []
    for r in rows:
        if r["duplicate_of_earlier"]:
            expected.append((first[r["body"]], r["id"]))
        first.setdefault(r["body"], r["id"])
    pairs = set(zip(knews.duplicates(0.8)["id_a"], knews.duplicates(0.8)["id_b"]))
    assert len(expected) == 19
    assert all(p in pairs for p in expected)


# ---- stories ----------------------------------------------------------------------------
def test_every_article_in_exactly_one_story():
    texts = [t for t in FIVE for _ in range(3)] + ["전혀 관계없는 단독 기사 하나"]
    dates = ["2024-05-01"] * 15 + ["2024-06-01"]
    c = kotext.Corpus(texts, dates=dates, progress=False)
    s = c.stories()
    members = [i for ids in s["ids"] for i in ids]
    assert sorted(members) == list(range(16))
    assert s["size"].tolist() == [3, 3, 3, 3, 3, 1]
    assert list(s["story"]) == list(range(6))
    assert (s["start"] <= s["end"]).all()
    assert s["keywords"].str.len().gt(0).all()
    # copies far apart in time are separate stories
    far = kotext.Corpus([FIVE[0], FIVE[0]], dates=["2024-01-01", "2024-06-01"], progress=False)
    assert far.stories()["size"].tolist() == [1, 1]
    assert far.stories(days=None)["size"].tolist() == [2]


@needs_knews
def test_knews_stories_cover_the_corpus(knews):
    s = knews.stories()
    assert s["size"].sum() == len(knews)
    assert len({i for ids in s["ids"] for i in ids}) == len(knews)
    labels = knews.frame()["label_name"]
    multi = s[s["size"] > 1]
    same = [labels[list(ids)].nunique() == 1 for ids in multi["ids"]]
    # mixed-section stories are mostly one event filed twice (독도 in 정치 and 세계)
    assert len(multi) > 50 and np.mean(same) > 0.8


@needs_knews
def test_dated_stories_match_brute_force_links_within_days(knews):
    # With every date known the search runs in windows of dates: the stories must be the
    # connected components of the brute-force links (cosine >= t, at most `days` apart).
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(1)
    dates = pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 40, len(knews)), "D")
    c = kotext.Corpus(knews.texts, dates=dates, progress=False)
    S = (c.X @ c.X.T).toarray()
    gap = np.abs(dates.to_numpy()[:, None] - dates.to_numpy()[None, :]) / np.timedelta64(1, "D")
    for threshold, days in ((0.3, 3), (0.5, 0)):
        links = (S >= threshold) & (gap <= days)
        _, ref = connected_components(links, directed=False)
        got = np.empty(len(c), dtype=np.int64)
        stories = c.stories(threshold, days=days)
        for k, ids in zip(stories["story"], stories["ids"]):
            got[ids] = k
        # the same partition: each reference component is exactly one story
        assert len(set(zip(got, ref))) == len(set(got)) == len(set(ref))


# ---- related, contrast, bursts, trends -------------------------------------------------
def test_related_is_positive_association():
    texts = ["반도체 수출 증가", "반도체 수출 호조", "반도체 수출 감소", "야구 개막 수출",
             "야구 관중", "날씨 맑음"]
    c = kotext.Corpus(texts, progress=False)
    r = c.related("반도체", min_docs=2)
    assert r["term"].tolist() == ["수출"]
    assert r["docs"].item() == 3 and r["df"].item() == 4 and r["pmi"].item() > 0
    assert r.attrs["docs"] == 3
    empty = c.related("없는말")
    assert empty.empty and list(empty.columns) == ["term", "docs", "df", "pmi", "llr"]


@needs_knews
def test_knews_related_and_contrast(knews):
    r = knews.related("북한", n=20)
    assert (r["pmi"] > 0).all() and r["llr"].is_monotonic_decreasing
    assert set(r["term"]) & {"북미", "정상회담", "김정은", "비핵화", "미국"}
    con = knews.contrast(lambda f: f["label_name"] == "경제", top=15)
    a_side = con[con["side"] == "a"]
    assert len(a_side) == 15 and (con["side"] == "b").sum() == 15
    assert (a_side["z"] > 0).all() and (con[con["side"] == "b"]["z"] < 0).all()
    assert a_side["share_a"].gt(a_side["share_b"]).all()
    assert set(a_side["term"]) & {"금리", "상승", "하락", "투자", "시장", "부동산"}
    g = knews.group_keywords("label_name", n=8)
    assert g["group"].nunique() == 8 and g.groupby("group").size().eq(8).all()
    # words every section uses do not lead a section's keywords
    generic = {"지난해", "경우", "서울", "말", "때", "이날", "이번"}
    assert not generic & set(g["term"]), sorted(generic & set(g["term"]))
    econ = set(g[g["group"] == "경제"]["term"])
    assert econ & {"금리", "주식", "부동산", "아파트", "금감원", "하락", "상승"}


def test_contrast_counts_documents_not_tokens():
    # one long A article repeats 교수; 금리 is in every A article
    a = ["교수 " * 40 + "금리 발표", "금리 인상", "금리 동결", "금리 전망"]
    b = ["야구 경기", "야구 관중", "날씨 맑음", "교수 임용"]
    c = kotext.Corpus(a + b, progress=False)
    by_docs = c.contrast(list(range(4)), top=3)
    assert by_docs["term"].iloc[0] == "금리"
    by_counts = c.contrast(list(range(4)), top=3, by="counts")
    assert by_counts["term"].iloc[0] == "교수"


def test_rising_falling_and_emerging_are_one_sided():
    texts = ["수출 실적 발표"] * 6 + ["수출 실적 반도체 호황"] * 4 + ["내수 부진"] * 2
    dates = (["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-01",
              "2024-01-08"] + ["2024-01-29"] * 4 + ["2024-01-02", "2024-01-09"])
    c = kotext.Corpus(texts, dates=dates, progress=False)
    up = c.rising("W", top=5)
    down = c.falling("W", top=5)
    assert (up["z"] > 0).all() and (down["z"] < 0).all()
    assert set(up["term"]).isdisjoint(down["term"])
    assert "반도체" in set(up["term"])
    em = c.emerging("W", window=4, min_docs=2)
    assert em["term"].iloc[0] in {"반도체", "호황"}
    assert (em["burst"] > 0).all() and (em["share"] > em["baseline"]).all()
    assert em.attrs["period"].startswith("2024-01-29")


def test_trend_measures_and_unseen_terms(sample):
    t = sample.trend(["디지털", "반도체없음"], freq="D", measure="count")
    assert (t["반도체없음"] == 0).all() and t["디지털"].sum() >= 1
    w = sample.trend(["디지털"], freq="D", measure="weight")
    assert (w["디지털"] >= 0).all() and w["디지털"].max() > 0
    s = sample.trend(["디지털"], freq="D")
    assert s["디지털"].between(0, 1).all()
    with pytest.raises(ValueError, match="measure"):
        sample.trend(["디지털"], measure="tfidf")


# ---- key sentences -----------------------------------------------------------------------
def test_summary_in_article_order(sample):
    for doc in sample.ids:
        s = sample.summary(doc, n=2)
        assert len(s) == 2 and s["sentence"].is_monotonic_increasing
        assert s["id"].eq(doc).all()
        title = sample.titles[doc]
        assert title not in set(s["text"])
        sentences = kotext.split_sentences(sample.texts[sample.ids.get_loc(doc)])
        assert all(sentences[i] == t for i, t in zip(s["sentence"], s["text"]))
    all_ = sample.summaries(n=2)
    assert len(all_) == 6 and set(all_["id"]) == set(sample.ids)


@needs_knews
def test_knews_summaries_cover_every_article(knews):
    s = knews.summaries(n=3)
    per_doc = s.groupby("id").size()
    assert per_doc.max() <= 3 and len(per_doc) >= len(knews) - 5


# ---- a corpus of one document and the shipped sample -------------------------------------
def test_one_document_corpus():
    c = kotext.Corpus(["반도체 수출이 늘었다. 무역수지가 흑자로 돌아섰다."], titles=["수출 증가"],
                      dates=["2024-01-01"], progress=False)
    assert len(c.keywords(n=3)) >= 1
    assert c.similar(n=5).empty and c.similar(0, n=5).empty
    assert c.duplicates().empty
    assert c.stories()["size"].tolist() == [1]
    assert len(c.summary(0, n=5)) == 2
    assert c.related("반도체", min_docs=1).empty
    assert c.trend(["반도체"], freq="M", measure="count").iloc[0, 0] == 1
    with pytest.raises(ValueError, match="has no documents"):
        c.contrast([0])  # group_b = everything else = nothing


def test_every_method_on_the_shipped_sample(sample):
    assert len(sample.keywords(n=5)) > 0
    assert sample.group_keywords("kicker", n=3)["group"].nunique() == 3
    assert len(sample.similar(n=1)) == 3
    assert sample.duplicates().empty
    assert sample.stories()["size"].sum() == 3
    assert list(sample.related("디지털", min_docs=1).columns) == ["term", "docs", "df", "pmi",
                                                                 "llr"]
    assert len(sample.contrast(("kicker", "스포츠"), top=3)) > 0
    assert sample.rising("D", top=3)["side"].eq("rising").all()
    assert len(sample.summaries(n=1)) == 3


def test_from_jsonl_reads_id_date_title_and_title_body_by_default(tmp_path):
    """Dated JSONL as crawlers write it (id, date, title, body): nothing to name."""
    path = tmp_path / "news.jsonl"
    recs = [{"id": "a1", "date": "2026-01-05", "title": "반도체 수출 증가", "body": "메모리 가격 회복",
             "section": "경제"},
            {"id": "a2", "date": "2026-02-07", "title": "한파 빙판길", "body": "출근길 지하철 혼잡",
             "section": "사회"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    c = kotext.Corpus.from_jsonl(path, progress=False)
    f = c.frame()
    assert list(f.index) == ["a1", "a2"]
    assert f.loc["a2", "title"] == "한파 빙판길"
    assert str(f.loc["a1", "date"])[:10] == "2026-01-05"
    assert f["section"].tolist() == ["경제", "사회"]
    assert "body" not in f.columns
    assert "반도체" in set(c.keywords(n=5)["term"]) and "메모리" in set(c.keywords(n=5)["term"])


def test_progress_bar_shows_on_long_steps_and_progress_false_hides_it(capsys, monkeypatch):
    import kotext._corpus as corpus_module

    monkeypatch.setattr(corpus_module, "PROGRESS_DELAY", 0.0)  # every step counts as long
    kotext.Corpus(FIVE, progress=True).duplicates(0.8)
    shown = capsys.readouterr().err
    assert "kotext: TF-IDF of 5 documents" in shown and "kotext: duplicates" in shown
    kotext.Corpus(FIVE, progress=False).duplicates(0.8)
    assert capsys.readouterr().err == ""
