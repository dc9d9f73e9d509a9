"""A slow, obviously correct pure-Python implementation of kotext's normalization rules.

It follows the rules as cpp/include/kotext/normalize.hpp states them, step by step, with
``unicodedata`` and ``re`` and no attempt at speed. The tests compare the C++ normalizer
against it on random text (Hypothesis), and the benchmark uses it as the pure-Python
baseline. It returns the text only (no offsets).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

__all__ = ["has_reference", "normalize_reference"]

NAMED_REFS = {
    "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0",
    "middot": "\u00b7", "hellip": "\u2026", "lsquo": "\u2018", "rsquo": "\u2019",
    "ldquo": "\u201c", "rdquo": "\u201d", "sbquo": "\u201a", "bdquo": "\u201e",
    "ndash": "\u2013", "mdash": "\u2014", "bull": "\u2022", "copy": "\u00a9",
    "reg": "\u00ae", "trade": "\u2122", "laquo": "\u00ab", "raquo": "\u00bb",
    "lsaquo": "\u2039", "rsaquo": "\u203a", "times": "\u00d7", "divide": "\u00f7",
    "deg": "\u00b0", "plusmn": "\u00b1", "sdot": "\u22c5", "prime": "\u2032",
    "Prime": "\u2033", "ensp": "\u2002", "emsp": "\u2003", "thinsp": "\u2009",
    "zwnj": "\u200c", "zwj": "\u200d", "lrm": "\u200e", "rlm": "\u200f", "shy": "\u00ad",
    "euro": "\u20ac", "yen": "\u00a5", "pound": "\u00a3", "cent": "\u00a2",
    "sect": "\u00a7", "para": "\u00b6", "micro": "\u00b5", "frac12": "\u00bd",
    "frac14": "\u00bc", "frac34": "\u00be", "sup1": "\u00b9", "sup2": "\u00b2",
    "sup3": "\u00b3", "larr": "\u2190", "rarr": "\u2192", "uarr": "\u2191",
    "darr": "\u2193", "harr": "\u2194", "hyphen": "\u2010", "dash": "\u2010",
    "minus": "\u2212", "quest": "?", "excl": "!", "num": "#", "percnt": "%", "lpar": "(",
    "rpar": ")", "comma": ",", "period": ".", "colon": ":", "semi": ";", "sol": "/",
    "bsol": "\\", "lsqb": "[", "rsqb": "]", "lowbar": "_", "verbar": "|", "ast": "*",
    "plus": "+", "equals": "=", "Tab": "\t", "NewLine": "\n", "dollar": "$",
    "commat": "@", "tilde": "~",
}

# Rule 1: a reference is '&', then a name of 1-11 ASCII letters/digits from the table, or
# '#' and 1-10 decimal digits, or '#x' and 1-10 hex digits; then ';'.
REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,10})|#([0-9]{1,10})|([A-Za-z0-9]{1,11}));")


def _decode_numeric(value: int) -> str:
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= value <= 0x9F:  # HTML5: these numbers mean their windows-1252 characters
        try:
            return bytes([value]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(value)
    return chr(value)


def _match_reference(text: str, pos: int) -> tuple[str, int] | None:
    """The decoded reference starting at text[pos] == '&' and the index after it."""
    m = REFERENCE.match(text, pos)
    if not m:
        return None
    if m.group(1) is not None:
        return _decode_numeric(int(m.group(1), 16)), m.end()
    if m.group(2) is not None:
        return _decode_numeric(int(m.group(2))), m.end()
    if m.group(3) in NAMED_REFS:
        return NAMED_REFS[m.group(3)], m.end()
    return None


def has_reference(text: str) -> bool:
    """True when ``text`` still holds a reference that rule 1 decodes."""
    return any(_match_reference(text, m.start()) for m in re.finditer("&", text))


def is_emoji(c: str) -> bool:
    o = ord(c)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2B05 <= o <= 0x2B07
            or 0x2B1B <= o <= 0x2B1C or o in (0x2B50, 0x2B55, 0x231A, 0x231B, 0x2328, 0x23CF)
            or 0x23E9 <= o <= 0x23F3 or 0x23F8 <= o <= 0x23FA
            or o in (0x3030, 0x303D, 0x3297, 0x3299))


def is_emoji_component(c: str) -> bool:
    return c in "\ufe0e\ufe0f\u20e3" or 0xE0020 <= ord(c) <= 0xE007F


INVISIBLE = set("\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f\u180e") | {
    chr(c) for c in itertools.chain(range(0x202A, 0x202F), range(0x2066, 0x206A))}
SPACES = {"\u00a0", "\u1680", "\u202f", "\u205f", "\u3000"} | {
    chr(c) for c in range(0x2000, 0x200B)}
FULLWIDTH_SIGNS = dict(zip("\uffe0\uffe1\uffe2\uffe3\uffe4\uffe5\uffe6",
                           "\u00a2\u00a3\u00ac\u00af\u00a6\u00a5\u20a9"))


def _halfwidth_hangul(c: str) -> str:
    o = ord(c)
    if o == 0xFFA0:
        return "\u3164"
    for lo, hi, base in ((0xFFA1, 0xFFBE, 0x3131), (0xFFC2, 0xFFC7, 0x314F),
                         (0xFFCA, 0xFFCF, 0x3155), (0xFFD2, 0xFFD7, 0x315B),
                         (0xFFDA, 0xFFDC, 0x3161)):
        if lo <= o <= hi:
            return chr(base + o - lo)
    return c


def _clean(text: str, o: dict) -> str:
    """Rules 1-3: references, line breaks, control/invisible characters, spaces, widths,
    emoji removal."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c, nxt = text[i], i + 1
        if c == "&" and o["decode_html"]:
            ref = _match_reference(text, i)
            if ref:
                c, nxt = ref
        if c == "\r":
            if nxt < n and text[nxt] == "\n":
                nxt += 1
            c = "\n"
        elif c in "\x85\u2028\u2029":
            c = "\n"
        i = nxt
        cat = unicodedata.category(c)
        if cat == "Cc" and c not in "\n\t":
            continue
        if c in INVISIBLE:
            continue
        # a joiner stays only right after an emoji (or emoji component) and right before an
        # emoji, both without a decomposition (NFKC would turn them into text: 🈀 -> ほか)
        if c == "\u200d" and not (
                out and (is_emoji(out[-1]) or is_emoji_component(out[-1]))
                and not unicodedata.decomposition(out[-1])
                and i < n and is_emoji(text[i]) and not unicodedata.decomposition(text[i])):
            continue
        if c in SPACES:
            c = " "
        if o["width"]:
            if "\uff01" <= c <= "\uff5e":
                c = chr(ord(c) - 0xFF01 + 0x21)
            elif "\uffa0" <= c <= "\uffdc":
                c = _halfwidth_hangul(c)
            elif c in FULLWIDTH_SIGNS:
                c = FULLWIDTH_SIGNS[c]
        if o["strip_emoji"] and (is_emoji(c) or is_emoji_component(c) or c == "\u200d"):
            continue
        out.append(c)
    return "".join(out)


COMPAT_JAMO = re.compile("([\u3131-\u318e]+)")


def _unicode_form(text: str, form: str) -> str:
    """Rule 5: NFC or NFKC, leaving compatibility jamo as they are."""
    if form == "none":
        return text
    parts = COMPAT_JAMO.split(text)
    return "".join(p if k % 2 else unicodedata.normalize(form, p) for k, p in enumerate(parts))


def _is_latin_letter_range(c: str) -> bool:
    return "A" <= c <= "Z" or "\u00c0" <= c < "\u0250" or "\u1e00" <= c <= "\u1eff"


def _lower(c: str) -> str:
    """Simple (one-to-one) lowercase mapping of one Latin letter."""
    if not _is_latin_letter_range(c):
        return c
    if c == "\u0130":
        return "i"
    low = c.lower()
    return low if len(low) == 1 else c


QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u300c\u300d\uff07"}
                       | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u300e\u300f\uff02"})
DOTS = str.maketrans({c: "\u00b7" for c in "\u2027\u30fb\uff65\u2219\u22c5"})
AREA_SEPARATOR = re.compile("(?<![\u3131-\u318c\u318e])\u318d(?![\u3131-\u318c\u318e])")
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
                        "\ufe58\ufe63\uff0d"})
ELLIPSIS = str.maketrans({"\u2026": "...", "\u22ef": "..."})


def _punctuation(text: str, o: dict) -> str:
    """Rule 6."""
    if o["quotes"]:
        text = text.translate(QUOTES)
    if o["middle_dots"]:
        text = AREA_SEPARATOR.sub("\u00b7", text).translate(DOTS)
    if o["dashes"]:
        text = text.translate(DASHES)
    if o["ellipsis"]:
        text = text.translate(ELLIPSIS)
    return text


def _spaces(text: str, keep_paragraphs: bool) -> str:
    """Rule 7."""
    lines = [re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group() else " ", line).strip(" \t")
             for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{2,}", "\n\n" if keep_paragraphs else "\n", text)


def _never_squeezed(c: str) -> bool:
    if c in " \t\n":
        return True
    if c < "\x80":
        return c.isascii() and c.isalnum()
    if "\u0080" <= c < "\u0250" or "\u1e00" <= c <= "\u1eff":
        return unicodedata.category(c).startswith("L")
    return unicodedata.category(c) == "Nd"


def _repeats(text: str, max_repeat: int) -> str:
    """Rule 8."""
    if max_repeat == 0:
        return text
    out = []
    for c, run in itertools.groupby(text):
        k = len(list(run))
        if not _never_squeezed(c):
            k = min(k, max(3, max_repeat) if c == "." else max_repeat)
        out.append(c * k)
    return "".join(out)


def _one_round(text: str, o: dict) -> str:
    text = _clean(text, o)
    text = _unicode_form(text, o["form"])
    if o["lowercase"]:
        lowered = "".join(map(_lower, text))
        if lowered != text:
            text = _unicode_form(lowered, o["form"])
    text = _punctuation(text, o)
    return _spaces(text, o["keep_paragraphs"])


def normalize_reference(text: str, *, form: str = "NFC", decode_html: bool = True,
                        width: bool = True, quotes: bool = True, middle_dots: bool = True,
                        dashes: bool = True, ellipsis: bool = True, keep_paragraphs: bool = True,
                        lowercase: bool = False, strip_emoji: bool = False,
                        max_repeat: int = 2) -> str:
    """Normalize ``text`` by the documented rules (same options as ``kotext.normalize``)."""
    o = {"form": form, "decode_html": decode_html, "width": width, "quotes": quotes,
         "middle_dots": middle_dots, "dashes": dashes, "ellipsis": ellipsis,
         "keep_paragraphs": keep_paragraphs, "lowercase": lowercase,
         "strip_emoji": strip_emoji, "max_repeat": max_repeat}
    text = _one_round(text, o)
    # The rules run again while the result still holds a reference (double escapes, or a
    # reference that only appeared once other characters were removed or mapped).
    while decode_html and has_reference(text):
        text = _one_round(text, o)
    # Repeats are cut once, after the last round: cut earlier, they could eat the ';' of a
    # reference that only a later round decodes ('&amp;quot;;;' is '";;', not '";').
    return _repeats(text, o["max_repeat"])
