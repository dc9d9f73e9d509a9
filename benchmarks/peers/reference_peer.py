"""Pure-Python baselines: the normalize reference of the tests, a regex sentence split, lead-k."""

from __future__ import annotations

import re
import sys
from pathlib import Path

DIST = None  # part of this repository
_TESTS = Path(__file__).resolve().parents[2] / "tests" / "python"
_SPLIT = re.compile(r"(?<=[.!?])\s+")


def unavailable() -> str | None:
    return None if (_TESTS / "normalize_reference.py").exists() else "tests/python missing"


def normalize(text: str) -> str:
    """``tests/python/normalize_reference.py``: kotext.normalize's rules in unicodedata + re."""
    if str(_TESTS) not in sys.path:
        sys.path.insert(0, str(_TESTS))
    from normalize_reference import normalize_reference

    return normalize_reference(text)


def regex_split(text: str) -> list[str]:
    """Split after . ! ? followed by whitespace: the baseline of kiwipiepy's benchmark."""
    return [s for s in _SPLIT.split(text) if s.strip()]


def lead_k(sentences: list[str], k: int) -> list[int]:
    """The first k sentences: the baseline every news summarizer must beat."""
    return list(range(min(k, len(sentences))))
