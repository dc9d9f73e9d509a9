"""kotext.sklearn against scikit-learn: the same numbers over parameter grids, the word
pattern and lowercasing over every code point, and the hashing columns."""

from __future__ import annotations

import itertools
import json
import pickle
import random
import re
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

sk_text = pytest.importorskip("sklearn.feature_extraction.text")
import kotext
import kotext.sklearn as ks
from kotext import _core
from kotext._vectorizer import unicode_tables
from shared_data import DATA as SHARED_DATA
from sklearn.base import clone
from sklearn.exceptions import NotFittedError as SkNotFittedError
from sklearn.utils import murmurhash3_32

NEWS = SHARED_DATA / "news"


def _docs(seed: int = 0, n: int = 60) -> list[str]:
    """Mixed-script documents: English, Korean, accents, digits, underscores, Greek capital
    sigma, dotted capital I, emoji, odd whitespace, and an empty document."""
    rng = random.Random(seed)
    words = ["The", "cat", "SAT", "on", "the", "mat", "정부가", "예산을", "발표했다", "비", "눈",
             "café", "naïve", "ΣΟΦΙΑ", "ΟΔΟΣ", "İstanbul", "x_y", "a1", "42", "٣٤", "😀😀",
             "don't", "e-mail", "U.S.A.", "ǅemal", "ﬁne", "Straße", "Ⅻ", "¼½", "n°",
             "\u00a0", "\t\n", "  ", "x\u0301y", "ꓐꓑ", "𝐀𝐁"]
    docs = []
    for _ in range(n):
        k = rng.randint(0, 14)
        docs.append(" ".join(rng.choices(words, k=k)))
    docs[5] = ""
    return docs


def _news() -> list[str]:
    path = NEWS / "knews8-train.jsonl"
    if not path.exists():
        return _docs(1, 300)
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][:300]
    return [r["title"] + "\n" + r["body"] for r in rows]


def assert_same(X, Y, vk=None, vs=None, atol=1e-15):
    assert sp.issparse(X) and X.format == "csr"
    assert X.shape == Y.shape and X.dtype == Y.dtype
    if vk is not None:
        assert vk.vocabulary_ == vs.vocabulary_
        assert vk.get_feature_names_out().tolist() == vs.get_feature_names_out().tolist()
    X, Y = X.tocsr(), Y.tocsr()
    X.sort_indices()
    Y.sort_indices()
    np.testing.assert_array_equal(X.indptr, Y.indptr)
    np.testing.assert_array_equal(X.indices, Y.indices)
    np.testing.assert_allclose(X.data, Y.data, rtol=0, atol=atol)


# ---- the native word pattern: exactly re's \w and str.lower ----------------------------
def test_word_characters_equal_python_re_for_every_code_point():
    tables = unicode_tables()
    word = re.compile(r"\w")
    mismatches = [c for c in range(0x110000)
                  if tables.is_word(c) != bool(word.match(chr(c)))]
    assert mismatches == []


def _scalars():
    return [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_tokens_equal_re_findall_over_every_code_point():
    # each code point between two word characters and doubled alone, lowercased and not
    doc = "".join(f"x{chr(c)}y {chr(c)}{chr(c)} " for c in _scalars())
    pattern = re.compile(r"(?u)\b\w\w+\b")
    for lowercase in (True, False):
        vec = ks.CountVectorizer(lowercase=lowercase).fit([doc])
        expected = set(pattern.findall(doc.lower() if lowercase else doc))
        assert set(vec.vocabulary_) == expected


def test_lowercase_is_str_lower_with_its_context_rules():
    tables = unicode_tables()
    cases = ["ΟΔΟΣ ΣΟΦΙΑ", "Σ", "ΑΣ.", "ΑΣ'Α", "ΑΣ\u0301", "ΑΣ\u0301Α", "İstanbul", "ΑΣ1",
             "aΣ b", "ǅemal", "ΣΑΣ ΣΑΣ", "Ａ", "ΑΣ\u00ad", "ʰΣ", "ªΣ"]
    for text in cases:
        assert tables.lower(text) == text.lower(), text
    one = "".join(chr(c) for c in _scalars() if c not in (0x130, 0x3A3))
    assert tables.lower(one) == one.lower()
    # the Final_Sigma context over every code point, before and after the sigma (each unit
    # ends in a space, which is neither cased nor case-ignorable: units do not interact);
    # the two units tell a cased, a case-ignorable and any other character apart
    chars = [chr(c) for c in _scalars() if c != 0x130]
    for unit in (" {}Σ ", "AΣ{}B "):
        text = "".join(unit.format(ch) for ch in chars)
        got, want = tables.lower(text), text.lower()
        if got != want:
            i = next(k for k, (g, w) in enumerate(zip(got, want)) if g != w)
            pytest.fail(f"{unit!r}: differs at {i}: {text[i - 3:i + 3]!r}")


# ---- parity over parameter grids -------------------------------------------------------
COUNT_GRID = list(itertools.product(
    ["word", "char", "char_wb"],
    [(1, 1), (1, 2), (2, 3)],
    [True, False],            # lowercase
    [1, 2, 0.05],             # min_df
    [1.0, 0.5, 20],           # max_df
    [None, 10],               # max_features
    [False, True],            # binary
))[::7]  # a seventh of the grid; 7 is prime to every axis length, so each value stays covered


def _fit_pair(make_k, make_s, docs):
    out = []
    for make in (make_k, make_s):
        try:
            vec = make()
            out.append((vec, vec.fit_transform(docs), None))
        except ValueError as e:
            out.append((None, None, str(e)))
    return out


@pytest.mark.parametrize("analyzer,ngram_range,lowercase,min_df,max_df,max_features,binary",
                         COUNT_GRID)
def test_count_vectorizer_parity(analyzer, ngram_range, lowercase, min_df, max_df,
                                 max_features, binary):
    docs = _docs(2)
    kw = {"analyzer": analyzer, "ngram_range": ngram_range, "lowercase": lowercase,
          "min_df": min_df, "max_df": max_df, "max_features": max_features, "binary": binary}
    (vk, Xk, ek), (vs, Xs, es) = _fit_pair(lambda: ks.CountVectorizer(**kw),
                                           lambda: sk_text.CountVectorizer(**kw), docs)
    assert ek == es
    if es is None:
        assert_same(Xk, Xs, vk, vs, atol=0)
        assert_same(vk.transform(docs[::-1]), vs.transform(docs[::-1]), atol=0)


TFIDF_GRID = list(itertools.product(
    ["word", "char_wb"],
    [(1, 1), (1, 2)],
    [True, False],            # smooth_idf
    [False, True],            # sublinear_tf
    ["l2", "l1", None],       # norm
    [False, True],            # use_idf
    [None, 15],               # max_features
    ["english", None],        # stop_words
    [np.float64, np.float32],
))[::7]


@pytest.mark.parametrize("analyzer,ngram_range,smooth_idf,sublinear_tf,norm,use_idf,"
                         "max_features,stop_words,dtype", TFIDF_GRID)
def test_tfidf_vectorizer_parity(analyzer, ngram_range, smooth_idf, sublinear_tf, norm,
                                 use_idf, max_features, stop_words, dtype):
    docs = _docs(3)
    kw = {"analyzer": analyzer, "ngram_range": ngram_range, "smooth_idf": smooth_idf,
          "sublinear_tf": sublinear_tf, "norm": norm, "use_idf": use_idf,
          "max_features": max_features,
          "stop_words": stop_words if analyzer == "word" else None, "dtype": dtype}
    (vk, Xk, ek), (vs, Xs, es) = _fit_pair(lambda: ks.TfidfVectorizer(**kw),
                                           lambda: sk_text.TfidfVectorizer(**kw), docs)
    assert ek == es
    atol = 1e-15 if dtype == np.float64 else 1e-6
    assert_same(Xk, Xs, vk, vs, atol=atol)
    if use_idf:
        np.testing.assert_allclose(vk.idf_, vs.idf_, rtol=0, atol=atol)
        assert vk.idf_.dtype == vs.idf_.dtype
    assert_same(vk.transform(docs[:7]), vs.transform(docs[:7]), atol=atol)


@pytest.mark.parametrize("params", [
    {}, {"strip_accents": "unicode"}, {"strip_accents": "ascii", "lowercase": False},
    {"token_pattern": r"(?u)\b\w+\b"}, {"token_pattern": r"\S+", "ngram_range": (1, 3)},
    {"tokenizer": str.split, "token_pattern": None}, {"preprocessor": str.upper},
    {"analyzer": str.split}, {"vocabulary": {"the", "cat", "정부가", "mat"}},
    {"vocabulary": ["cat", "the", "없는"]}, {"stop_words": ["the", "cat"]},
    {"analyzer": "char", "strip_accents": "unicode", "ngram_range": (2, 2)},
])
def test_python_paths_parity(params):
    docs = _docs(4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        vk, vs = ks.TfidfVectorizer(**params), sk_text.TfidfVectorizer(**params)
        assert_same(vk.fit_transform(docs), vs.fit_transform(docs), vk, vs)


def test_news_parity_and_threads():
    docs = _news()
    vs = sk_text.TfidfVectorizer()
    Xs = vs.fit_transform(docs)
    for n_jobs in (1, 2):
        vk = ks.TfidfVectorizer(n_jobs=n_jobs)
        # long rows: the L2 norm's sum is vectorized, a few ulps from scikit-learn's loop
        assert_same(vk.fit_transform(docs), Xs, vk, vs, atol=1e-14)
    vk = ks.CountVectorizer(ngram_range=(1, 2), min_df=2)
    vs = sk_text.CountVectorizer(ngram_range=(1, 2), min_df=2)
    assert_same(vk.fit_transform(docs), vs.fit_transform(docs), vk, vs, atol=0)


def test_tfidf_transformer_parity():
    rng = np.random.default_rng(0)
    dense = rng.poisson(0.7, size=(40, 25))
    dense[3] = 0
    for X in (dense, sp.csr_matrix(dense), sp.csc_matrix(dense),
              sp.csr_matrix(dense.astype(np.float32))):
        for kw in itertools.product([True, False], [True, False], [False, True],
                                    ["l2", "l1", None]):
            params = dict(zip(["use_idf", "smooth_idf", "sublinear_tf", "norm"], kw))
            tk = ks.TfidfTransformer(**params).fit(X)
            ts = sk_text.TfidfTransformer(**params).fit(X)
            atol = 1e-6 if getattr(X, "dtype", None) == np.float32 else 1e-15
            assert_same(sp.csr_matrix(tk.transform(X)), sp.csr_matrix(ts.transform(X)),
                        atol=atol)


# ---- hashing ----------------------------------------------------------------------------
def test_murmurhash_equals_sklearn():
    rng = random.Random(0)
    keys = ["", "a", "ab", "abc", "abcd", "정부", "😀", "the cat"] + [
        "".join(chr(rng.randint(32, 0xD7FF)) for _ in range(rng.randint(0, 9)))
        for _ in range(500)]
    for key in keys:
        b = key.encode("utf-8")
        assert _core.murmurhash3_32(b) == murmurhash3_32(b, seed=0, positive=True)
    # the column of the one hash whose absolute value overflows int32
    hasher = _core.Hasher(2 ** 20, True)
    for key in keys[:50]:
        h = murmurhash3_32(key, seed=0)
        assert hasher.column(key) == (abs(h) % 2 ** 20, -1 if h < 0 else 1)


@pytest.mark.parametrize("params", [
    {}, {"n_features": 16}, {"n_features": 7, "alternate_sign": False},
    {"norm": "l1", "binary": True}, {"norm": None, "dtype": np.float32},
    {"analyzer": "char_wb", "ngram_range": (2, 4), "n_features": 64},
    {"ngram_range": (1, 2), "stop_words": "english"}, {"token_pattern": r"\S+"},
])
def test_hashing_vectorizer_columns_equal_sklearn(params):
    docs = _docs(5) + _news()[:50]
    Xk = ks.HashingVectorizer(**params).transform(docs)
    Xs = sk_text.HashingVectorizer(**params).fit_transform(docs)
    assert_same(Xk, Xs, atol=1e-6 if params.get("dtype") == np.float32 else 1e-15)
    assert Xk.nnz == Xs.nnz  # entries whose signs cancel stay stored, as in scikit-learn


# ---- the estimator contract and the kotext family --------------------------------------
def test_estimators_are_sklearn_estimators():
    from sklearn.base import BaseEstimator

    for cls in (ks.CountVectorizer, ks.TfidfTransformer, ks.TfidfVectorizer,
                ks.HashingVectorizer, kotext.TfidfVectorizer):
        est = cls()
        assert isinstance(est, BaseEstimator)
        assert clone(est).get_params() == est.get_params()
        assert "<pre>" in est._repr_html_() or "sk-" in est._repr_html_()
    assert issubclass(kotext.NotFittedError, SkNotFittedError)
    with pytest.raises(SkNotFittedError):
        kotext.TfidfVectorizer().transform(["가"])
    assert issubclass(kotext.TfidfVectorizer, ks.TfidfVectorizer)


def test_nan_document_and_set_vocabulary():
    pd = pytest.importorskip("pandas")
    s = pd.Series(["정부 발표", np.nan])
    for cls in (ks.TfidfVectorizer, kotext.TfidfVectorizer, ks.HashingVectorizer):
        with pytest.raises(ValueError, match="np.nan is an invalid document"):
            cls().fit_transform(s)
    vocab = {"zeta", "alpha", "mid"}
    vec = ks.CountVectorizer(vocabulary=vocab).fit(["alpha zeta"])
    assert vec.get_feature_names_out().tolist() == ["alpha", "mid", "zeta"]


def test_pickle_fitted_and_unfitted_and_idf_setter():
    docs = _docs(6)
    for cls in (ks.CountVectorizer, ks.TfidfVectorizer, ks.HashingVectorizer):
        vec = cls()
        assert pickle.loads(pickle.dumps(vec)).get_params() == vec.get_params()
        X = vec.fit_transform(docs)
        again = pickle.loads(pickle.dumps(vec))
        assert_same(again.transform(docs), X, atol=0)
    vec = ks.TfidfVectorizer().fit(docs)
    with pytest.raises(ValueError, match="idf length"):
        vec.idf_ = vec.idf_[:-1]
    vec.idf_ = np.ones(len(vec.vocabulary_))
    assert_same(vec.transform(docs), ks.TfidfVectorizer(use_idf=False).fit(docs).transform(docs))


def test_int_dtype_warns_and_gives_float64():
    with pytest.warns(UserWarning, match="will be converted to np.float64"):
        X = ks.TfidfVectorizer(dtype=np.int32).fit_transform(_docs(7))
    assert X.dtype == np.float64
