"""scikit-learn's TfidfVectorizer: its default, char_wb 2-3 grams, and Kiwi nouns as analyzer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._util import missing

DIST = "scikit-learn"


def unavailable() -> str | None:
    return missing("sklearn.feature_extraction.text", DIST)


def vectorizers() -> dict[str, Callable[[], Any]]:
    """name -> factory of an unfitted vectorizer."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from . import kiwi_peer

    out: dict[str, Callable[[], Any]] = {
        "sklearn default": lambda: TfidfVectorizer(),
        "sklearn char_wb (2, 3)": lambda: TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)),
    }
    if kiwi_peer.unavailable() is None:
        out["sklearn + Kiwi nouns analyzer"] = lambda: TfidfVectorizer(analyzer=kiwi_peer.nouns)
    return out
