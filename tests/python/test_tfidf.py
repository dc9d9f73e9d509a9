"""TfidfVectorizer: scikit-learn parity, the estimator contract, persistence, bad input."""

import itertools
import json
import os
import pickle
import random

import kotext
import numpy as np
import pytest
import scipy.sparse as sp
from shared_data import DATA as SHARED_DATA

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
SkTfidf = sklearn_text.TfidfVectorizer

DATA = str(SHARED_DATA / "news")


def identity(doc):
    return doc


def make_corpus(seed=0, n_docs=40):
    rng = random.Random(seed)
    vocab = ["정부", "예산", "발표", "비", "눈", "수", "경제", "야구", "선수", "경기", "금리", "인상",
             "AI", "반도체", "서울", "시장", "😀", "가", "나", "다", "라", "마", "바", "사"]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    docs = []
    for _ in range(n_docs):
        n = rng.randint(0, 25)
        docs.append(rng.choices(vocab, weights=weights, k=n))
    docs[3] = []  # an empty document
    return docs


def assert_same(X, Y, names_k, names_s):
    assert isinstance(X, sp.csr_matrix)
    assert X.shape == Y.shape
    assert list(names_k) == list(names_s)
    assert X.has_sorted_indices and X.has_canonical_format
    assert X.indices.dtype == np.int32 and X.indptr.dtype == np.int32
    np.testing.assert_allclose(X.toarray(), Y.toarray(), rtol=0, atol=1e-12)


COMBOS = list(itertools.product(
    [True, False],            # smooth_idf
    [False, True],            # sublinear_tf
    ["l2", "l1", None],       # norm
    [False, True],            # binary
    [1, 2, 0.1],              # min_df
    [1.0, 0.6, 8],            # max_df
    [None, 5, 12],            # max_features
))


def _fit_both(kw, docs, kotext_extra, sk_extra):
    def run(cls, extra):
        try:
            vec = cls(**kw, **extra)
            return vec, vec.fit_transform(docs), None
        except ValueError as e:
            return None, None, str(e)

    k = run(kotext.TfidfVectorizer, kotext_extra)
    s = run(SkTfidf, sk_extra)
    return k, s


@pytest.mark.parametrize("smooth_idf,sublinear_tf,norm,binary,min_df,max_df,max_features", COMBOS)
def test_parity_callable_analyzer(smooth_idf, sublinear_tf, norm, binary, min_df, max_df,
                                  max_features):
    docs = make_corpus()
    kw = {"smooth_idf": smooth_idf, "sublinear_tf": sublinear_tf, "norm": norm, "binary": binary,
              "min_df": min_df, "max_df": max_df, "max_features": max_features}
    (kv, X, ke), (sv, Y, se) = _fit_both(kw, docs, {"analyzer": identity}, {"analyzer": identity})
    assert (ke is None) == (se is None), (ke, se)
    if ke is not None:
        assert ke == se
        return
    assert_same(X, Y, kv.get_feature_names_out(), sv.get_feature_names_out())
    np.testing.assert_allclose(kv.idf_, sv.idf_, rtol=0, atol=1e-12)
    assert kv.vocabulary_ == {k: int(v) for k, v in sv.vocabulary_.items()}
    # transform of new documents agrees too
    new = make_corpus(seed=1, n_docs=10)
    assert_same(kv.transform(new), sv.transform(new), kv.get_feature_names_out(),
                sv.get_feature_names_out())


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3), (1, 3)])
@pytest.mark.parametrize("min_df,max_df,max_features", [(1, 1.0, None), (2, 0.7, None),
                                                        (1, 1.0, 10), (0.05, 20, 30)])
@pytest.mark.parametrize("sublinear_tf,binary", [(False, False), (True, False), (False, True)])
def test_parity_pretokenized_ngrams(ngram_range, min_df, max_df, max_features, sublinear_tf,
                                    binary):
    docs = make_corpus(seed=2)
    kw = {"ngram_range": ngram_range, "min_df": min_df, "max_df": max_df, "max_features": max_features,
              "sublinear_tf": sublinear_tf, "binary": binary}
    sk_extra = {"tokenizer": identity, "preprocessor": identity, "token_pattern": None, "lowercase": False}
    (kv, X, ke), (sv, Y, se) = _fit_both(kw, docs, {}, sk_extra)
    assert (ke is None) == (se is None), (ke, se)
    if ke is None:
        assert_same(X, Y, kv.get_feature_names_out(), sv.get_feature_names_out())


def test_parity_stop_words_pretokenized():
    docs = make_corpus(seed=3)
    stops = ["정부", "가", "AI"]
    kv = kotext.TfidfVectorizer(stop_words=stops, ngram_range=(1, 2), sublinear_tf=False)
    sv = SkTfidf(stop_words=stops, ngram_range=(1, 2), tokenizer=identity, preprocessor=identity,
                 token_pattern=None, lowercase=False)
    assert_same(kv.fit_transform(docs), sv.fit_transform(docs), kv.get_feature_names_out(),
                sv.get_feature_names_out())


def test_callable_analyzer_ignores_ngram_range_like_sklearn():
    docs = make_corpus(seed=4)
    with pytest.warns(UserWarning, match="ngram_range"):
        X = kotext.TfidfVectorizer(analyzer=identity, ngram_range=(1, 2),
                                    sublinear_tf=False).fit_transform(docs)
    with pytest.warns(UserWarning, match="ngram_range"):
        Y = SkTfidf(analyzer=identity, ngram_range=(1, 2)).fit_transform(docs)
    np.testing.assert_allclose(X.toarray(), Y.toarray(), atol=1e-12)


def _texts():
    path = os.path.join(DATA, "knews8-train.jsonl")
    texts = ["Hello  World\t탭\u3000전각 공백  ABC abc", "ＡＢＣ 😀 이모지", "", "가", "  lead"]
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in itertools.islice(f, 60):
                d = json.loads(line)
                texts.append(d["title"] + "\n" + d["body"][:400])
    return texts


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 3), (2, 4)])
@pytest.mark.parametrize("lowercase", [True, False])
def test_parity_char_analyzers(analyzer, ngram_range, lowercase):
    texts = _texts()
    kw = {"analyzer": analyzer, "ngram_range": ngram_range, "lowercase": lowercase, "sublinear_tf": False}
    kv = kotext.TfidfVectorizer(**kw)
    sv = SkTfidf(**kw)
    assert_same(kv.fit_transform(texts), sv.fit_transform(texts), kv.get_feature_names_out(),
                sv.get_feature_names_out())
    assert_same(kv.transform(texts[:5]), sv.transform(texts[:5]), kv.get_feature_names_out(),
                sv.get_feature_names_out())


def test_fixed_vocabulary_and_dtype():
    docs = make_corpus(seed=5)
    vocab = ["경제", "정부", "없는말"]
    kv = kotext.TfidfVectorizer(analyzer=identity, vocabulary=vocab, dtype=np.float32,
                                sublinear_tf=False)
    sv = SkTfidf(analyzer=identity, vocabulary=vocab, dtype=np.float32)
    X, Y = kv.fit_transform(docs), sv.fit_transform(docs)
    assert X.dtype == np.float32 and kv.fixed_vocabulary_
    np.testing.assert_allclose(X.toarray(), Y.toarray(), atol=1e-6)
    with pytest.raises(ValueError, match="Duplicate term"):
        kotext.TfidfVectorizer(analyzer=identity, vocabulary=["a", "a"]).fit(docs)


def test_bm25_weighting():
    docs = [["a", "a", "b"], ["b", "c"], ["a"]]
    vec = kotext.TfidfVectorizer(analyzer=identity, weighting="bm25", norm=None, k1=1.2, b=0.75)
    X = vec.fit_transform(docs).toarray()
    avgdl = 2.0
    n, df_a = 3, 2
    idf_a = np.log(1 + (n - df_a + 0.5) / (df_a + 0.5))
    tf = 2 * 2.2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / avgdl))
    assert vec.avgdl_ == avgdl
    assert X[0, 0] == pytest.approx(tf * idf_a)


def test_estimator_contract():
    vec = kotext.TfidfVectorizer(analyzer=identity, min_df=2)
    assert vec.get_params()["min_df"] == 2
    assert vec.set_params(min_df=1) is vec and vec.min_df == 1
    with pytest.raises(ValueError, match="Invalid parameter"):
        vec.set_params(bogus=1)
    with pytest.raises(TypeError):
        kotext.TfidfVectorizer(identity)  # keyword-only
    docs = make_corpus()
    assert vec.fit(docs) is vec
    assert set(vars(kotext.TfidfVectorizer())) == set(vec.get_params())  # __init__ stores only
    with pytest.raises(kotext.NotFittedError):
        kotext.TfidfVectorizer().transform(["가"])
    X = vec.transform(docs)
    inv = vec.inverse_transform(X)
    assert sorted(inv[0].tolist()) == sorted(set(docs[0]))


def test_bare_string_and_empty_corpus_raise_like_sklearn():
    with pytest.raises(ValueError, match="string object received"):
        kotext.TfidfVectorizer().fit("정부 발표")
    with pytest.raises(ValueError, match="empty vocabulary"):
        kotext.TfidfVectorizer(analyzer=identity).fit([[], []])
    with pytest.raises(ValueError, match="empty vocabulary"):
        kotext.TfidfVectorizer(analyzer=identity).fit([])
    with pytest.raises(ValueError, match="max_df corresponds"):
        kotext.TfidfVectorizer(analyzer=identity, min_df=5, max_df=2).fit(make_corpus())
    with pytest.raises(ValueError, match="no terms remain"):
        kotext.TfidfVectorizer(analyzer=identity, min_df=1000, max_df=2000).fit(make_corpus())
    X = kotext.TfidfVectorizer().fit_transform(["비가 온다".encode(), "눈이 온다"])
    assert X.shape[0] == 2
    with pytest.raises(UnicodeDecodeError):
        kotext.TfidfVectorizer().fit([b"\xff"])
    with pytest.raises(TypeError, match="token 1 of document 0"):
        kotext.TfidfVectorizer().fit([["a", 3]])
    with pytest.raises(ValueError, match="ngram_range"):
        kotext.TfidfVectorizer(ngram_range=(2, 1)).fit([["a"]])


def test_pipeline_and_gridsearch():
    pipeline = pytest.importorskip("sklearn.pipeline")
    model_selection = pytest.importorskip("sklearn.model_selection")
    linear_model = pytest.importorskip("sklearn.linear_model")
    base = pytest.importorskip("sklearn.base")
    docs = [["야구", "경기", "선수"]] * 10 + [["금리", "인상", "경제"]] * 10
    docs = [d + [str(i)] for i, d in enumerate(docs)]
    y = [0] * 10 + [1] * 10
    pipe = pipeline.Pipeline([("tfidf", kotext.TfidfVectorizer(analyzer=identity)),
                              ("clf", linear_model.LogisticRegression())])
    pipe.fit(docs, y)
    assert pipe.score(docs, y) == 1.0
    clone = base.clone(kotext.TfidfVectorizer(analyzer="char", min_df=2))
    assert clone.get_params()["min_df"] == 2
    grid = model_selection.GridSearchCV(pipe, {"tfidf__sublinear_tf": [True, False]}, cv=2)
    grid.fit(docs, y)
    assert grid.best_score_ == 1.0


def test_pickle_and_save_load(tmp_path):
    docs = make_corpus()
    unfitted = kotext.TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 2), min_df=2)
    u2 = pickle.loads(pickle.dumps(unfitted))
    assert u2.get_params() == unfitted.get_params()
    texts = [" ".join(d) for d in docs]
    X = unfitted.fit_transform(texts)
    unfitted.transform(texts[:2])  # builds the C++ vocabulary cache, which must not pickle
    fitted = pickle.loads(pickle.dumps(unfitted))
    assert (fitted.transform(texts) != X).nnz == 0
    path = tmp_path / "vec.npz"
    unfitted.save(path)
    loaded = kotext.load(path)
    assert loaded.get_params() == unfitted.get_params()
    assert loaded.vocabulary_ == unfitted.vocabulary_
    assert not hasattr(loaded, "stop_words_")  # not saved: a transform does not need it
    assert (loaded.transform(texts) != X).nnz == 0
    assert [p.name for p in tmp_path.iterdir()] == ["vec.npz"]  # no temp file left
    kotext.TfidfVectorizer(ngram_range=(1, 2)).save(tmp_path / "unfitted.npz")
    assert not hasattr(kotext.load(tmp_path / "unfitted.npz"), "vocabulary_")
    with pytest.raises(ValueError, match="callable"):
        kotext.TfidfVectorizer(analyzer=identity).save(tmp_path / "x.npz")
    tok = kotext.Tokenizer(user_words=["디지털 전환"])
    vec = kotext.TfidfVectorizer(tokenizer=tok).fit(["디지털 전환에는 혁신이 요구된다", "비가 온다"])
    vec.save(tmp_path / "tok.npz")
    again = kotext.load(tmp_path / "tok.npz")
    assert "디지털 전환" in again.vocabulary_
    assert (again.transform(["디지털 전환"]) != vec.transform(["디지털 전환"])).nnz == 0
    np.savez(tmp_path / "other.npz", a=np.zeros(2))
    with pytest.raises(ValueError, match="not a valid kotext model file"):
        kotext.load(tmp_path / "other.npz")


def test_zero_copy_handoff():
    vec = kotext.TfidfVectorizer(analyzer="char")
    X = vec.fit_transform(["가나다라"] * 3)
    # scipy kept the arrays the core produced (owned by a capsule), no second copy
    assert X.data.base is not None and X.indices.base is not None


def test_large_batch_threads_agree():
    docs = make_corpus(seed=7, n_docs=3000)
    X1 = kotext.TfidfVectorizer(analyzer=identity, n_jobs=1).fit_transform(docs)
    X2 = kotext.TfidfVectorizer(analyzer=identity, n_jobs=4).fit_transform(docs)
    assert (X1 != X2).nnz == 0


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings
from hypothesis import strategies as st

# Hangul, jamo, ASCII letters/digits/punctuation, Python whitespace (incl. U+3000, U+00A0,
# U+001C) and emoji: the characters Korean news text is made of. (Exotic case mappings such as
# 'İ' -> 'i̇' are left out: kotext lowercases with the simple Unicode mapping.)
_ALPHABET = st.sampled_from(list("가나다한글ㅋㅠ aAbBzZ09.,!?-\t\n\r\x0b\x0c\x1c\u3000\u00a0\u2003😀🇰🇷"))
_TEXT = st.text(alphabet=_ALPHABET, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=8), st.sampled_from(["char", "char_wb"]),
       st.integers(1, 3), st.integers(0, 2), st.booleans())
def test_hypothesis_char_analyzers_match_sklearn(texts, analyzer, min_n, extra, lowercase):
    kw = dict(analyzer=analyzer, ngram_range=(min_n, min_n + extra), lowercase=lowercase,  # noqa: C408
              sublinear_tf=False)
    try:
        Y = SkTfidf(**kw).fit_transform(texts)
    except ValueError as e:
        with pytest.raises(ValueError, match="empty vocabulary"):
            kotext.TfidfVectorizer(**kw).fit_transform(texts)
        assert "empty vocabulary" in str(e)
        return
    kv = kotext.TfidfVectorizer(**kw)
    X = kv.fit_transform(texts)
    sv = SkTfidf(**kw).fit(texts)
    assert_same(X, Y, kv.get_feature_names_out(), sv.get_feature_names_out())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["가", "나", "다", "AI", "😀", "a b", ""]), max_size=12),
                min_size=1, max_size=10),
       st.integers(1, 3), st.integers(0, 2), st.booleans(), st.booleans())
def test_hypothesis_pretokenized_matches_sklearn(docs, min_n, extra, sublinear, binary):
    kw = dict(ngram_range=(min_n, min_n + extra), sublinear_tf=sublinear, binary=binary)  # noqa: C408
    sk = dict(tokenizer=identity, preprocessor=identity, token_pattern=None, lowercase=False)  # noqa: C408
    try:
        Y = SkTfidf(**kw, **sk).fit_transform(docs)
    except ValueError:
        with pytest.raises(ValueError, match="empty vocabulary"):
            kotext.TfidfVectorizer(**kw).fit_transform(docs)
        return
    kv = kotext.TfidfVectorizer(**kw)
    X = kv.fit_transform(docs)
    sv = SkTfidf(**kw, **sk).fit(docs)
    assert_same(X, Y, kv.get_feature_names_out(), sv.get_feature_names_out())


def test_ctrl_c_stops_a_long_fit():
    """KeyboardInterrupt (Ctrl-C in Jupyter) stops counting, which runs with the GIL
    released, within a few hundred documents; the vectorizer stays usable."""
    import _thread
    import threading
    import time

    rng = np.random.default_rng(0)
    codes = rng.integers(0xAC00, 0xD7A4, size=(60000, 250), dtype=np.uint32)
    codes[:, 4::5] = 0x20  # random four-syllable words: nothing repeats, about 2 s to count
    docs = [row.tobytes().decode("utf-32-le") for row in codes]
    vec = kotext.TfidfVectorizer(n_jobs=2)
    timer = threading.Timer(0.1, _thread.interrupt_main)
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        try:
            vec.fit_transform(docs)
        finally:
            elapsed = time.perf_counter() - start
            timer.join()
    assert elapsed < 1.0, elapsed
    assert not hasattr(vec, "vocabulary_")
    assert vec.fit_transform(["정부가 예산을 발표했다"]).shape == (1, 3)
