"""Terms as an analyst reads them: noise that is not a keyword, and Latin in its printed case.

The vectorizer lowercases Latin letters (``AI`` and ``ai`` are one feature); tables show the
spelling the corpus uses most (``AI``, ``SNS``, ``K패션``). Keyword-like tables leave out
tokens that carry no topic on their own: numbers, single Latin letters (``A씨`` -> ``a``)
and one-syllable surnames used as shorthand for a person named earlier (``최 부상`` -> ``최``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["SURNAME_SHORTHAND", "fold_whitespace", "is_noise", "latin_counts", "latin_spellings", "noise_mask",
           "spellings_of"]

# Digits with the separators and signs that numbers carry ("2018", "1.5", "3,000", "10%"),
# and dates or clock times written with their unit ("20일", "5월", "2018년", "8시").
_NUMBER = re.compile(r"^[+\-]?[\d][\d.,:/%~\-]*(?:[년월일시분초])?$")
_SINGLE_LATIN = re.compile(r"^[A-Za-z]$")
_LATIN_RUN = re.compile(r"[A-Za-z]+")

# Common Korean surnames (about 85% of the population) that news writes alone before a
# title for a person already named ("최 부상은", "홍 회장은"). Surnames that are also
# everyday one-syllable nouns in news (정 情, 한 韓, 전 前, 강 江, 금 金, 차 車, 문 門, 배,
# 성, 원 won, 방, 공, 도, 소, 마, 기, 국, 사, 부, 안, 천, 구, 나, 반, 주 株/週, 양, 선) are
# left out on purpose: as keywords they more often mean the noun. 문 is in: "문 대통령"
# outnumbers the noun 門 in news.
_SURNAMES = ("김 이 박 최 윤 장 임 홍 황 송 류 손 허 곽 심 엄 채 변 염 탁 맹 봉 권 조 노 오 서 신 "
             "고 백 유 남 하 민 진 지 함 현 설 여 육 우 표 길 위 연 명 석 추 옥 왕 인 은 용 예 경 문")
SURNAME_SHORTHAND = frozenset(_SURNAMES.split())


_WHITESPACE = re.compile(r"\s+")


def fold_whitespace(text: str | None) -> str:
    """A title as tables print it: every run of whitespace (line breaks of a headline
    with a subtitle, tabs) one space, the ends stripped; None gives "".

    The one rule for title columns of result frames and the command line's tables.

    Examples
    --------
    >>> fold_whitespace("반도체 수출 급증\\n\\n3개월 연속 ")
    '반도체 수출 급증 3개월 연속'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return _WHITESPACE.sub(" ", str(text)).strip()


def is_noise(term: str) -> bool:
    """True for a term that is not a keyword on its own (see the module docstring).

    Examples
    --------
    >>> [is_noise(t) for t in ["2018", "a", "최", "비", "반도체", "ai"]]
    [True, True, True, False, False, False]
    """
    return bool(_NUMBER.match(term) or _SINGLE_LATIN.match(term) or term in SURNAME_SHORTHAND)


def noise_mask(names: Sequence[str]) -> np.ndarray:
    """Boolean array: which feature names are noise (:func:`is_noise`)."""
    return np.fromiter((is_noise(str(t)) for t in names), dtype=bool, count=len(names))


def latin_counts(texts: Iterable[str], chunk: int = 2000) -> Counter[str]:
    """Occurrences of each Latin run (as written) in ``texts``, in order of first sight.

    Counts of consecutive parts of a corpus, added in order (``a.update(b)``), equal the
    counts of the whole, first-sight order included (:mod:`kotext.dask` counts apart)."""
    counts: Counter[str] = Counter()
    batch: list[str] = []
    for t in texts:
        batch.append(t)
        if len(batch) >= chunk:
            counts.update(_LATIN_RUN.findall("\n".join(batch)))
            batch.clear()
    counts.update(_LATIN_RUN.findall("\n".join(batch)))
    return counts


def spellings_of(counts: Counter[str]) -> dict[str, str]:
    """Lowercased Latin run -> its most frequent spelling in ``counts`` (ties: first seen)."""
    best: dict[str, tuple[int, str]] = {}
    for surface, c in counts.items():
        key = surface.lower()
        if key not in best or c > best[key][0]:
            best[key] = (c, surface)
    return {k: v for k, (_, v) in best.items()}


def latin_spellings(texts: Iterable[str], chunk: int = 2000) -> dict[str, str]:
    """Lowercased Latin run -> its most frequent spelling in ``texts`` (ties: first seen).

    Examples
    --------
    >>> latin_spellings(["AI 반도체", "생성형 AI", "ai 스피커", "SNS"])["ai"]
    'AI'
    """
    return spellings_of(latin_counts(texts, chunk))


def display(term: str, spellings: dict[str, str]) -> str:
    """``term`` with each Latin run in its corpus spelling (``k패션`` -> ``K패션``)."""
    if not _LATIN_RUN.search(term):
        return term
    return _LATIN_RUN.sub(lambda m: spellings.get(m.group(0).lower(), m.group(0)), term)
