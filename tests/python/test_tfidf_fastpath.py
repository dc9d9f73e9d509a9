"""The word analyzer's C++ fast path (tokenize + count, with chunks memoized) must give
exactly the matrix and vocabulary of tokenizing with kotext.Tokenizer in Python and
counting the token lists."""
import itertools
import json
import os

import kotext
import numpy as np
import pytest
import scipy.sparse as sp
from shared_data import DATA as SHARED_DATA

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
DATA = str(SHARED_DATA / "news")
SAMPLE = os.path.join(ROOT, "python", "kotext", "data", "sample_pages.txt")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# Edge cases of the chunk memo: a chunk ending in 지 before a negation (looks ahead), the
# same chunk before something else, closing quotes before particles, repeated chunks in
# and across documents, tabs, CR LF, full-width and NFD text (normalized documents),
# Latin case, numbers with units.
EDGE = [
    "그치지 않고 쉽지 않다. 그치지 말고 쉽지\n않다 쉽지\t못하다 쉽지",
    "'K패션 포럼'을 \"디지털 전환\"이라고 (패션산업)는 디지털 전환 디지털\r\n전환",
    "ＡＩ 반도체 AI 반도체를 Ai 반도체가 2021년에 3.5% 120만명 R&D 5G",
    "\u1100\u1161\u11a8 NFD 한글 감 감을 감을",
    "",
    "   ",
    "정부는 정부는 정부는 정부가 예산을 발표했다 정부는",
    # the three storages of a str (Latin-1, UCS-2, UCS-4) are read in place
    "Caf\u00e9 na\u00efve R\u00e9sum\u00e9 2024 Seoul",
    "\U0001F600 이모지와 한글 \U0001F600 반도체 \U00020B9F 漢字",
    # text the normalization changes: Hangul repeats, zero-width and control characters
    "하하하하하하 웃었다 ㅋㅋㅋㅋㅋㅋ 정말 좋아요오오오오",
    "디지털\u200b전환 정책\u00ad협의회 제어\x07문자 &amp; 반도체",
    # '&' alone is kept as is; a reference is decoded (AT&amp;T -> AT&T)
    "R&D 투자 확대 & 반도체 R&D에",
    "AT&amp;T 주가 상승 &#51228;&#54408; &lt;b&gt;굵게",
]


def _texts():
    texts = list(EDGE)
    with open(SAMPLE, encoding="utf-8") as f:
        texts += [p for p in f.read().split("\n\n") if p.strip()]
    path = os.path.join(DATA, "knews8-train.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in itertools.islice(f, 300):
                d = json.loads(line)
                texts.append(d["title"] + "\n" + d["body"])
    else:
        print(f"{path} absent: testing on the shipped sample only")
    return texts * 2  # every chunk seen again: memo hits


def reference(tok, lowercase=True, stop_words=None, ngram_range=(1, 1)):
    """The word analyzer spelled out in Python on kotext.Tokenizer's token lists."""
    stops = set(stop_words or ())

    def analyze(doc):
        toks = tok(doc)
        if lowercase:
            toks = [t.translate(_ASCII_LOWER) for t in toks]
        toks = [t for t in toks if t not in stops]
        out = []
        for n in range(ngram_range[0], ngram_range[1] + 1):
            out += [" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)]
        return out

    return analyze


def assert_identical(a, b):
    (X, va), (Y, vb) = a, b
    assert va == vb
    assert X.shape == Y.shape
    assert sp.isspmatrix_csr(X) and sp.isspmatrix_csr(Y)
    np.testing.assert_array_equal(X.indptr, Y.indptr)
    np.testing.assert_array_equal(X.indices, Y.indices)
    np.testing.assert_array_equal(X.data, Y.data)  # bit for bit


def fit(texts, **kw):
    v = kotext.TfidfVectorizer(**kw)
    X = v.fit_transform(texts)
    return X, v.vocabulary_


CASES = {
    "default": ({}, {}),
    "no_lowercase": ({"lowercase": False}, {"lowercase": False}),
    "bigrams": ({"ngram_range": (1, 2)}, {"ngram_range": (1, 2)}),
    "stop_words": ({"stop_words": ["정부", "ai", "반도체"]}, {"stop_words": ["정부", "ai", "반도체"]}),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("user_words", [None, ["패션산업", "디지털화"], ["디지털 전환", "반도체"]])
def test_word_fast_path_matches_python_tokens(case, n_jobs, user_words):
    texts = _texts()
    kw, ref_kw = CASES[case]
    tok = kotext.Tokenizer(user_words=user_words) if user_words else kotext.Tokenizer()
    fast = fit(texts, tokenizer=tok if user_words else None, n_jobs=n_jobs, **kw)
    slow = fit(texts, analyzer=reference(tok, **ref_kw), n_jobs=1)
    assert_identical(fast, slow)


def test_word_fast_path_transform_fixed_vocabulary():
    texts = _texts()
    half = len(texts) // 4
    v = kotext.TfidfVectorizer(n_jobs=2).fit(texts[:half])
    ref = kotext.TfidfVectorizer(analyzer=reference(kotext.Tokenizer())).fit(texts[:half])
    assert v.vocabulary_ == ref.vocabulary_
    assert_identical((v.transform(texts), v.vocabulary_), (ref.transform(texts), ref.vocabulary_))


def test_word_fast_path_threads_agree():
    texts = _texts()
    assert_identical(fit(texts, n_jobs=1), fit(texts, n_jobs=2))


def test_word_memo_outlives_fits_and_follows_the_tokenizer():
    """The chunk memo kept between fits (TermMemo, per tokenizer state and options): fits
    of other documents and options through a warm tokenizer give exactly what a fresh
    tokenizer (a cold memo) gives, and every change of the tokenizer's state (add_words,
    add_stopwords, fit) is seen at once."""
    texts = _texts()
    third = len(texts) // 3
    a, b = texts[:third], texts[third:]
    tok = kotext.Tokenizer()
    options = [{}, {"lowercase": False}, {"stop_words": ["정부", "ai", "반도체"]},
               {"n_jobs": 1}, {"n_jobs": 2}]
    for kw in options:
        for docs in (a, b, a + b):
            assert_identical(fit(docs, tokenizer=tok, **kw),
                             fit(docs, tokenizer=kotext.Tokenizer(), **kw))
    # transform over a fixed vocabulary reads the same memo
    v = kotext.TfidfVectorizer(tokenizer=tok).fit(a)
    ref = kotext.TfidfVectorizer(tokenizer=kotext.Tokenizer()).fit(a)
    assert_identical((v.transform(b), v.vocabulary_), (ref.transform(b), ref.vocabulary_))

    before = fit(texts, tokenizer=tok)
    words = ["반도", "정부는"]  # user words that change tokens: 반도체를 -> 반도, 정부는
    tok.add_words(words)
    after = fit(texts, tokenizer=tok)
    assert_identical(after, fit(texts, tokenizer=kotext.Tokenizer(user_words=words)))
    assert before[1] != after[1]  # the warm memo of the old state was not used
    tok.add_stopwords(["포럼"])
    assert "포럼" not in fit(texts, tokenizer=tok)[1]
    fitted = kotext.Tokenizer(user_words=words)
    fitted.add_stopwords(["포럼"])
    fitted.fit(texts)
    tok.fit(texts)
    assert_identical(fit(texts, tokenizer=tok), fit(texts, tokenizer=fitted))
