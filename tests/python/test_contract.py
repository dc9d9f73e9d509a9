"""The batch contract every public API shares: as many outputs as inputs, in order; bad
items raise a clear exception naming their index; non-BMP text keeps Python offsets."""

from __future__ import annotations

import kotext
import pytest

BATCH = ["", "가", "😀 이모지 😀 문장이다. 둘째.", "a" * 10, "\u200b\u200b", "패션산업의", " \n\n "]

BATCH_APIS = {
    "normalize": kotext.normalize,
    "tokenize": kotext.tokenize,
    "split_sentences": kotext.split_sentences,
    "TfidfVectorizer.fit_transform": lambda docs: kotext.TfidfVectorizer().fit_transform(docs),
}


@pytest.mark.parametrize("name", BATCH_APIS)
def test_one_output_per_input(name):
    out = BATCH_APIS[name](BATCH + ["정부는 규제를 완화했다"])
    assert (out.shape[0] if hasattr(out, "shape") else len(out)) == len(BATCH) + 1


@pytest.mark.parametrize("name", BATCH_APIS)
@pytest.mark.parametrize("bad, error, words", [
    (None, TypeError, ["document 1", "NoneType"]),
    (3, TypeError, ["document 1", "int"]),
    ("x\udcff", ValueError, ["document 1", "surrogate", "character 1"]),
])
def test_bad_items_are_named(name, bad, error, words):
    with pytest.raises(error) as info:
        BATCH_APIS[name](["정상 문서", bad])
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("name", ["normalize", "tokenize", "split_sentences"])
def test_batch_equals_one_by_one(name):
    f = BATCH_APIS[name]
    assert f(BATCH) == [f(doc) for doc in BATCH]
    assert f(BATCH, n_jobs=1) == f(BATCH, n_jobs=2)


def test_offsets_are_python_indices_with_emoji():
    text = "😀패션산업의 😀디지털 전환. 🇰🇷 다음 문장이다."
    for tok in kotext.tokenize(text, return_offsets=True):
        assert text[tok.start:tok.end].startswith(tok.text)
    for s in kotext.split_sentences(text, return_offsets=True):
        assert text[s.start:s.end] == s.text
    out, src = kotext.normalize(text, return_offsets=True)
    assert len(src) == len(out) and all(out[i] == text[src[i]] for i in range(len(out)))


def test_segment_takes_one_page_and_names_bad_input():
    with pytest.raises(TypeError, match="page must be str or bytes"):
        kotext.segment(["a page in a list"])
    article = kotext.segment("")
    assert article.title == "" and article.paragraphs == []
