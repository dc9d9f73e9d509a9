"""Tokenizer faults seen in news headlines, counted on YNAT and knews8.

Each pattern below is found in the raw text by a regular expression (what the text says,
not what any tokenizer makes of it); a hit is a fault when kotext's tokens (the default
``Tokenizer(stopwords=None)``, offsets on) do not give the expected token there:

======================  ==================================================================
pattern                 fault
======================  ==================================================================
이란 (Iran)             an eojeol that begins with 이란 (not after Hangul, a closing quote
                        or bracket) and gets no token holding it (中이란 counts as held)
러 (Russia)             the eojeol 러 alone (or next to an interpunct) gets no token
interpunct              a Hangul word joined by · to another Hangul word (미·중, 한·러;
                        not 7명·영국인: a number's unit) gets no token starting there
Latin/digit + 서         G20서, MWC서: the token keeps the particle 서
headline tag            a headline ending in a word glued to 종합 / 종합N보 (논의종합, the
                        bracketed "(종합)" of wire headlines with its brackets stripped):
                        the token keeps 종합
noun + adverb           드루킹 (read 드루/NNG + 킹/MAG): the token is cut short (드루)
======================  ==================================================================

Counts are occurrences (hits / faults) in the YNAT training headlines (``ynat-train.csv``,
40,000) and in the knews8 articles (title and body).

Run: ``.venv/bin/python benchmarks/tokenizer_news.py``
"""

from __future__ import annotations

import argparse
import re
import sys

import _common as common
import kotext

HANGUL = "가-힣"
CLOSING = "'\"’”)\\]}>」』〉》】"
NOT_AFTER = f"(?<![{HANGUL}{CLOSING}])"


def _starts_with(tokens, start: int, prefix: str) -> bool:
    return any(t.start == start and t.text.startswith(prefix) for t in tokens)


def _covers(tokens, start: int, end: int) -> bool:
    return any(t.start <= start and t.end >= end for t in tokens)


def _glued(tokens, start: int, end: int, tail: str) -> bool:
    return any(t.start < end and t.end >= end and t.text.endswith(tail) and t.text != tail for t in tokens)


# (name, pattern, fault(tokens, match) -> bool)
PATTERNS = [
    ("이란 (Iran)", re.compile(NOT_AFTER + "이란"),
     lambda toks, m: not any(t.start <= m.start() < t.end and "이란" in t.text for t in toks)),
    ("러 (Russia)", re.compile(f"(?<![{HANGUL}])러(?![{HANGUL}])"),
     lambda toks, m: not _covers(toks, m.start(), m.end())),
    ("interpunct (미·중)", re.compile(f"(?<=[{HANGUL}]·)[{HANGUL}]+|(?<![{HANGUL}\\w])[{HANGUL}]+(?=·[{HANGUL}])"),
     lambda toks, m: not any(t.start == m.start() for t in toks)),
    ("Latin/digit + 서", re.compile(f"[A-Za-z0-9]서(?![{HANGUL}])"),
     lambda toks, m: _glued(toks, m.start() + 1, m.end(), "서")),
    ("headline tag 종합", re.compile(f"[{HANGUL}](종합(?:[0-9]+보)?)$"),
     lambda toks, m: any(t.start < m.start(1) and t.end > m.start(1) for t in toks)),
    ("noun + adverb (드루킹)", re.compile(f"(?<![{HANGUL}])드루킹"),
     lambda toks, m: not _starts_with(toks, m.start(), "드루킹")),
]


def count(texts: list[str], tokenizer: kotext.Tokenizer) -> dict[str, tuple[int, int]]:
    tokens = tokenizer.tokenize(texts, return_offsets=True)
    out = {}
    for name, pattern, fault in PATTERNS:
        hits = faults = 0
        for text, toks in zip(texts, tokens):
            for line_start, line in _lines(text):
                for m in pattern.finditer(line):
                    hits += 1
                    shifted = _Shift(m, line_start)
                    faults += fault(toks, shifted)
        out[name] = (hits, faults)
    return out


def _lines(text: str):
    """(offset, line) pairs: the headline-end pattern anchors at each line's end."""
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1


class _Shift:
    """A match with its offsets moved by @p base (a line's offset in its text)."""

    def __init__(self, m: re.Match, base: int) -> None:
        self.m, self.base = m, base

    def start(self, g: int = 0) -> int:
        return self.m.start(g) + self.base

    def end(self, g: int = 0) -> int:
        return self.m.end(g) + self.base


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        sets = {"YNAT train": common.ynat("ynat-train.csv")[0], "knews8": common.knews8()[0]}
    except FileNotFoundError as err:
        sys.exit(str(err))
    tok = kotext.Tokenizer(stopwords=None)
    results = {name: count(texts, tok) for name, texts in sets.items()}
    print(f"| {'pattern':<24} | " + " | ".join(f"{n} hits / faults" for n in sets) + " |")
    print(f"|{'-' * 26}|" + "|".join("-" * (len(n) + 17) for n in sets) + "|")
    for name, _, _ in PATTERNS:
        cells = [f"{results[s][name][0]:>{len(s) + 7}} / {results[s][name][1]:<6}" for s in sets]
        print(f"| {name:<24} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
