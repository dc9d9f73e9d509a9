"""Property tests: tokens are substrings of the input at their offsets."""

from __future__ import annotations

import unicodedata

import kotext
from hypothesis import given, settings
from hypothesis import strategies as st

ALPHABET = st.sampled_from(
    list("가나다라마바사아자차카타파하한국정부의는을를이가에서도로와과들씨했다된다하는")
    + list("abcXYZ0123456789 .,%&-'\"()[]·…\n\t")
    + ["😀", "\u200b", "ＡＢ", "１２", "\u1112\u1161\u11ab", "ㅋ", "漢", "é", "e\u0301"]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_tokens_are_input_substrings_without_normalization(text):
    tok = kotext.Tokenizer(normalize=False, stopwords=None)
    for t in tok.tokenize(text, return_offsets=True):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_tokens_are_normalized_input_substrings(text):
    tok = kotext.Tokenizer(stopwords=None)
    toks = tok.tokenize(text, return_offsets=True)
    norm = kotext.normalize(text)
    assert [t.text for t in toks] == tok.tokenize(norm)
    for t in toks:
        assert 0 <= t.start < t.end <= len(text)
        assert t.text in norm
        piece = unicodedata.normalize("NFC", kotext.normalize(text[t.start:t.end]))
        assert piece.startswith(t.text) or t.text.startswith(piece[:1]), (t, piece)


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS, max_size=8))
def test_batch_equals_single(docs):
    tok = kotext.Tokenizer()
    assert tok.tokenize(docs, n_jobs=2) == [tok(d) for d in docs]
    assert len(kotext.tokenize(docs)) == len(docs)
