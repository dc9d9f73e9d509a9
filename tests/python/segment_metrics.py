"""The body-quality metric shared by the segmentation tests and benchmarks/segment.py."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["char_f1"]


def char_f1(pred: str, gold: str) -> float:
    """Character-level F1 over multisets of characters, whitespace ignored."""
    p = Counter(re.sub(r"\s", "", pred))
    g = Counter(re.sub(r"\s", "", gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)
