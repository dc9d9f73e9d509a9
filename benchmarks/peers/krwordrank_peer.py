"""KR-WordRank: unsupervised keyword extraction from many short texts."""

from __future__ import annotations

from ._util import missing, quiet

DIST = "krwordrank"
# The settings of KR-WordRank's README for the La La Land comments (its published result).
MIN_COUNT, MAX_LENGTH, BETA, MAX_ITER = 5, 10, 0.85, 10


def unavailable() -> str | None:
    return missing("krwordrank.word", DIST)


def keywords(texts: list[str], top: int = 100) -> list[tuple[str, float]]:
    """The ``top`` keywords with their rank scores, best first."""
    from krwordrank.word import KRWordRank

    with quiet():
        kw, _rank, _graph = KRWordRank(min_count=MIN_COUNT, max_length=MAX_LENGTH,
                                       verbose=False).extract(texts, BETA, MAX_ITER)
    return sorted(kw.items(), key=lambda x: -x[1])[:top]
