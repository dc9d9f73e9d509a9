"""Ctrl-C (KeyboardInterrupt) stops every long call within a fraction of a second, and the
objects involved stay as they were: the core checks for it at interruption points
(kotext/parallel.hpp), the bindings run Python's signal handlers there."""

from __future__ import annotations

import _thread
import os
import threading
import time

import kotext
import numpy as np
import pytest
import scipy.sparse as sp

# The interrupt fires this long after the call started; the call must then end within
# MAX_DELAY (the core checks every 20 ms; the margin is for a loaded CI machine, and a
# sanitizer build runs the GIL-held conversions around the core several times slower).
SANITIZED = any(s in os.environ.get("LD_PRELOAD", "") for s in ("libasan", "libtsan"))
FIRE_AFTER = 0.1
MAX_DELAY = 2.0 if SANITIZED else 0.5


def interrupt_delay(call) -> float:
    """Seconds from an interrupt_main() fired FIRE_AFTER s into call() to its KeyboardInterrupt."""
    fired: list[float] = []

    def fire() -> None:
        fired.append(time.perf_counter())
        _thread.interrupt_main()

    timer = threading.Timer(FIRE_AFTER, fire)
    timer.start()
    try:
        call()
    except KeyboardInterrupt:
        timer.join()
        return time.perf_counter() - fired[0]
    try:  # the call ended first: make sure no interrupt is left pending
        timer.cancel()
        timer.join()
        time.sleep(0.01)
    except KeyboardInterrupt:
        pass
    pytest.fail("the call finished before the interrupt: the input is too small to test")


def syllables(n_chars: int, seed: int = 0) -> str:
    """Random four-syllable words: text that does not repeat (no memo helps)."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0xAC00, 0xD7A4, size=n_chars, dtype=np.uint32)
    codes[4::5] = 0x20
    codes[999::1000] = 0x2E  # a full stop now and then, for the sentence splitter
    return codes.tobytes().decode("utf-32-le")


@pytest.fixture(scope="module")
def big_text() -> str:
    return syllables(30_000_000)


def test_normalize_of_one_big_string(big_text):
    # NFKC on text that needs it everywhere (full-width letters) keeps normalize busy.
    text = big_text.replace(" ", "ＡＢ ")
    assert interrupt_delay(lambda: kotext.normalize(text, form="NFKC")) < MAX_DELAY


def test_split_sentences_of_one_big_text(big_text):
    assert interrupt_delay(lambda: kotext.split_sentences(big_text)) < MAX_DELAY


def test_tokenizer_fit_keeps_its_previous_nouns(big_text):
    # 누리도, a made-up name the dictionary does not know (it learns no word it knows)
    tok = kotext.Tokenizer().fit(["누리도가 왔다", "누리도의 노래", "누리도는 인기다",
                                  "누리도를 만났다"], min_count=2)
    before = tok.learned_nouns_
    assert "누리도" in before
    docs = [big_text[i:i + 20000] + "정부가 예산을" for i in range(0, len(big_text), 20000)]
    assert interrupt_delay(lambda: tok.fit(docs, min_count=2)) < MAX_DELAY
    assert tok.learned_nouns_ == before


def sparse_rows(n_rows: int, n_cols: int, per_row: int) -> sp.csr_matrix:
    """Random rows with per_row entries each (sp.random would shuffle all n x m cells)."""
    rng = np.random.default_rng(0)
    indptr = np.arange(0, n_rows * per_row + 1, per_row)
    indices = rng.integers(0, n_cols, size=n_rows * per_row)
    return sp.csr_matrix((rng.random(n_rows * per_row), indices, indptr), shape=(n_rows, n_cols))


def test_similarity_top_n():
    X = sparse_rows(300_000, 300, 6)
    assert interrupt_delay(lambda: kotext.similarity(X, top_n=5)) < MAX_DELAY


def test_interrupted_refit_keeps_the_previous_fit(big_text):
    vec = kotext.TfidfVectorizer(n_jobs=2).fit(["정부가 예산을 발표했다", "예산 심사"])
    vocabulary = dict(vec.vocabulary_)
    idf = vec.idf_.copy()
    docs = [big_text[i:i + 1000] for i in range(0, 12_000_000, 1000)]
    assert interrupt_delay(lambda: vec.fit(docs)) < MAX_DELAY
    assert vec.vocabulary_ == vocabulary
    np.testing.assert_array_equal(vec.idf_, idf)
    assert vec.transform(["예산 발표"]).shape == (1, len(vocabulary))
