"""jusText: paragraph-level boilerplate removal with its Korean stoplist (body only).

jusText classifies paragraphs by length in characters (``length_low`` 70, ``length_high``
200) and stopword density; its defaults were set on English. Korean packs a word into
fewer characters, so ``scaled_lengths`` shrinks the two length thresholds by the ratio of
characters per word (space included) of Korean news to English text.
"""

from __future__ import annotations

from ._util import missing

DIST = "jusText"
LENGTH_LOW, LENGTH_HIGH = 70, 200  # jusText's defaults
# Mean characters per whitespace-separated word of English running text, space included
# (4.7 letters + 1): the length scale jusText's defaults assume.
ENGLISH_CHARS_PER_WORD = 5.7


def unavailable() -> str | None:
    return missing("justext", DIST)


def scaled_lengths(korean_texts: list[str]) -> tuple[int, int]:
    """jusText's length thresholds scaled by Korean / English characters per word.

    ``korean_texts`` should be news text that is not the pages being scored (the task
    uses knews8 articles), so that nothing is fitted to the gold.
    """
    chars = sum(len(t) for t in korean_texts)
    words = sum(len(t.split()) for t in korean_texts)
    scale = (chars / max(words, 1)) / ENGLISH_CHARS_PER_WORD
    return round(LENGTH_LOW * scale), round(LENGTH_HIGH * scale)


def extract(html: str, lengths: tuple[int, int] | None = None) -> tuple[str, str, list[str]]:
    """("", "", body paragraphs): jusText finds neither titles nor dates."""
    import justext

    kw = {} if lengths is None else {"length_low": lengths[0], "length_high": lengths[1]}
    paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("Korean"), **kw)
    return "", "", [p.text.strip() for p in paras if not p.is_boilerplate and p.text.strip()]
