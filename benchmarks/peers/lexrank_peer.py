"""lexrank (the ``lexrank`` package): LexRank over sentences, IDF from the whole collection.

lexrankr, the Korean LexRank package, cannot be installed from PyPI (it depends on the
retired ``sklearn`` name); ``lexrank`` is language-neutral: its own tokenizer lower-cases and
splits on whitespace and punctuation, and the task can give it Kiwi's morphemes instead, as
it does textrankr. It ranks the human sentences, so its picks are indices into the same
sentences the gold is made of.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._util import missing

DIST = "lexrank"


def unavailable() -> str | None:
    return missing("lexrank", DIST)


def ranker(documents: list[list[str]], tokenizer: Callable[[str], list[str]] | None = None
           ) -> Any:
    """A LexRank whose IDF comes from ``documents`` (each a list of sentences)."""
    from lexrank import LexRank

    if tokenizer is None:
        return LexRank(documents)

    class Tokenized(LexRank):
        def tokenize_sentence(self, sentence: str) -> list[str]:
            return tokenizer(sentence)

    return Tokenized(documents)


def pick(lexrank: Any, sentences: list[str], k: int) -> list[int]:
    """Indices of the k sentences LexRank ranks highest (its default threshold 0.03)."""
    scores = lexrank.rank_sentences(sentences)
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:k]
    return sorted(best)
