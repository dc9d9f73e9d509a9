"""The body-quality metrics shared by the segmentation tests and benchmarks/segment.py."""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

__all__ = ["bigram_f1", "char_f1", "same_day_kst", "title_exact"]

_WS = re.compile(r"\s")
_KST = _dt.timezone(_dt.timedelta(hours=9))


def char_f1(pred: str, gold: str) -> float:
    """Character-level F1 over multisets of characters, whitespace ignored."""
    p = Counter(_WS.sub("", pred))
    g = Counter(_WS.sub("", gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _bigrams(text: str) -> Counter:
    s = _WS.sub("", text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def bigram_f1(pred: str, gold: str) -> float:
    """Dice F1 of the character-bigram multisets, all whitespace removed (the gold rule of
    ``../shared/data/README.md``): unlike :func:`char_f1`, it sees order and duplicates."""
    p, g = _bigrams(pred), _bigrams(gold)
    total = sum(p.values()) + sum(g.values())
    return 2 * sum((p & g).values()) / total if total else 1.0


def title_exact(pred: str, gold: str) -> bool:
    """Titles equal once all whitespace is removed."""
    return _WS.sub("", pred) == _WS.sub("", gold)


def same_day_kst(pred: str, gold: str) -> bool:
    """Both ISO 8601 dates fall on the same calendar day in Korean time (a date without a
    time or zone is taken as written)."""
    def day(text: str) -> str:
        text = (text or "").strip()
        if not text:
            return ""
        try:
            when = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text[:10]
        if when.tzinfo is not None:
            when = when.astimezone(_KST)
        return when.date().isoformat()
    return bool(day(gold)) and day(pred) == day(gold)


# A hand-written page in the layout of KSS's clean-news example (a Korean wire story as
# portals printed it): a "[사진]" tag in the title, a dateline and byline glued to the
# first sentence, and a photo credit, copyright notice and promo links glued to the last.
KSS_CLEAN_NEWS = (
    "[사진]에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장\n\n"
    "(서울=뉴스1) 이동원 기자 = 10일 경기도 용인 에버랜드에서 직원들이 봄꽃 축제를 앞두고 "
    "튤립 정원을 손질하고 있다. 에버랜드는 다음 달 말까지 튤립 100만 송이를 심은 정원을 "
    "공개한다고 밝혔다. (에버랜드 제공)2013.3.10/뉴스1 < 저작권자 뉴스1 코리아, 무단전재 "
    "및 재배포 금지 > ☞ 뉴스1 바로가기 [스타뉴스 핫이슈] 봄나들이 명소 총정리")
KSS_CLEAN_NEWS_GOLD = {
    "title": "에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장",
    "body": ("10일 경기도 용인 에버랜드에서 직원들이 봄꽃 축제를 앞두고 튤립 정원을 손질하고 "
             "있다. 에버랜드는 다음 달 말까지 튤립 100만 송이를 심은 정원을 공개한다고 밝혔다."),
    "reporters": ["이동원"],
    "outlet": "뉴스1",
}
