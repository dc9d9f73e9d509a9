"""The path between the C++ token stream and Python: token lists built from per-thread
token ids (one str per distinct token), threads only for batches large enough to fill
them, char analyzers reading str in place."""

from __future__ import annotations

import kotext
import pytest

PARAGRAPH = ("정부는 {i}일 반도체 산업 지원 방안을 발표했다. 삼성전자와 SK하이닉스는 "
             "{i}조 원을 투자하고 AI{i} 연구원 {i}명을 채용한다고 밝혔다 "
             "https://news.example.com/{i} 문의: press{i}@example.com ")


def corpus(min_bytes: int) -> list[str]:
    """Korean news-like documents, more than @p min_bytes of UTF-8 in all, each with
    chunks of its own (numbers, URLs) and chunks shared with the others."""
    docs, size, i = [], 0, 0
    while size < min_bytes:
        d = PARAGRAPH.format(i=i) + ("한국은행은 기준금리를 동결했다" if i % 3 else "")
        docs.append(d)
        size += len(d.encode())
        i += 1
    return docs


# Larger than two threads' worth of kMinWorkPerThread (256 KB each): n_jobs=2 runs two threads.
BIG = corpus(700_000)


@pytest.mark.parametrize("backend", ["kotext", "rules"])
def test_threads_and_offsets_give_the_same_tokens(backend):
    tok = kotext.Tokenizer(backend=backend)
    one = tok.tokenize(BIG, n_jobs=1)
    assert len(one) == len(BIG)
    assert tok.tokenize(BIG, n_jobs=2) == one
    # the str-only fast path (chunk memo, token ids) agrees with the offsets path
    sample = BIG[::50]
    texts = [[t.text for t in d] for d in tok.tokenize(sample, return_offsets=True)]
    assert texts == [one[i] for i in range(0, len(BIG), 50)]
    assert one[0][:3] == ["정부", "0일", "반도체"]


def test_non_chunkable_tokenizers_take_the_general_path():
    # n-grams and multi-word user terms join tokens across chunks: no chunk memo
    docs = BIG[:400]
    for tok in (kotext.Tokenizer(ngram_range=(1, 2)), kotext.Tokenizer(user_words=["반도체 산업"])):
        got = tok.tokenize(docs, n_jobs=2)
        assert got == [tok(d) for d in docs]
        assert got == [[t.text for t in d] for d in tok.tokenize(docs, return_offsets=True)]
    assert "반도체 산업" in kotext.Tokenizer(user_words=["반도체 산업"]).tokenize(BIG[0])


def test_equal_tokens_share_one_str():
    out = kotext.Tokenizer().tokenize(BIG[:100])
    firsts = [d[0] for d in out]
    assert all(t == "정부" for t in firsts)
    assert len({id(t) for t in firsts}) == 1  # one str object per distinct token


def test_tokenize_fit_transform_threads_agree_on_big_input():
    X1 = kotext.TfidfVectorizer(n_jobs=1).fit(BIG)
    X2 = kotext.TfidfVectorizer(n_jobs=2).fit(BIG)
    assert X1.vocabulary_ == X2.vocabulary_
    assert abs(X1.transform(BIG[:200]) - X2.transform(BIG[:200])).max() < 1e-15


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_char_analyzers_read_every_str_kind(analyzer):
    # Latin-1, UCS-2 and UCS-4 storage (PEP 393) read in place: the same n-grams as
    # scikit-learn, which reads the str itself
    sklearn = pytest.importorskip("sklearn.feature_extraction.text")
    docs = ["café au lait", "정부가  발표했다", "😀 이모지 x", "ÿ"]
    ours = kotext.TfidfVectorizer(analyzer=analyzer, ngram_range=(1, 3), sublinear_tf=False)
    ref = sklearn.TfidfVectorizer(analyzer=analyzer, ngram_range=(1, 3))
    ours.fit(docs)
    ref.fit(docs)
    assert ours.vocabulary_ == ref.vocabulary_


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_char_analyzers_name_a_lone_surrogate(analyzer):
    with pytest.raises(ValueError, match="document 1.*surrogate at character 2"):
        kotext.TfidfVectorizer(analyzer=analyzer).fit(["가나", "가나\udcff"])


def test_single_text_errors_say_text():
    with pytest.raises(ValueError, match=r"^text contains a lone surrogate at character 1"):
        kotext.tokenize("가\ud800나")
    with pytest.raises(ValueError, match="document 1"):
        kotext.tokenize(["가", "가\ud800나"])
    with pytest.raises(TypeError, match="document 2 must be str, not int"):
        kotext.Tokenizer().tokenize(["가", "나", 3])
