"""kiwipiepy (Kiwi): morphological analysis, sentence splitting, new-word extraction.

Kiwi ships its model in the ``kiwipiepy_model`` wheel, so it works offline.
"""

from __future__ import annotations

import functools
import warnings

from ._util import content_tokens, missing

DIST = "kiwipiepy"
NOUN_TAGS = ("NNG", "NNP")


def unavailable() -> str | None:
    return missing("kiwipiepy", DIST)


@functools.cache
def kiwi(num_workers: int = 0):
    """One Kiwi per worker count (loading the model takes seconds: shared by every task)."""
    from kiwipiepy import Kiwi

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=num_workers)


def content_system(texts: list[str], threads: int):
    """(call, convert, info) of ``content_tokens.system_kiwi``: the gold rule on Kiwi's morphemes."""
    return content_tokens().system_kiwi(texts, threads)


def nouns(text: str) -> list[str]:
    """Common and proper nouns (NNG, NNP): the analyzer users plug into scikit-learn."""
    return [t.form for t in kiwi().tokenize(text) if t.tag in NOUN_TAGS]


def split_sentences(text: str) -> list[str]:
    return [s.text for s in kiwi().split_into_sents(text)]


def extract_words(texts: list[str], min_cnt: int = 10) -> list[str]:
    """New-word candidates from raw text (``Kiwi.extract_words`` with its defaults).

    On a ``Kiwi(num_workers=0)`` this call crashes the process (kiwipiepy 0.24), so it uses
    a one-worker Kiwi.
    """
    return [w for w, *_ in kiwi(1).extract_words(texts, min_cnt=min_cnt)]
