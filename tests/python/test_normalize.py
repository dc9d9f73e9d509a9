"""Tests of kotext.normalize: one group per option, bad input, batches, offsets, and
Hypothesis tests against the pure-Python reference (normalize_reference.py)."""

from __future__ import annotations

import json
import os
import sys
import unicodedata

import kotext
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(__file__))
from normalize_reference import has_reference, normalize_reference
from shared_data import DATA as SHARED_DATA

DATA = SHARED_DATA / "news"
norm = kotext.normalize


# --------------------------------------------------------------------------- forms
def test_default_example():
    assert norm("“ＫＯＴＥＸＴ”  최고ㅋㅋㅋㅋ!!!!") == '"KOTEXT" 최고ㅋㅋ!!'


def test_nfc_composes_latin_and_hangul():
    assert norm("e\u0301") == "\u00e9"
    assert norm("\u1100\u1161\u11a8") == "각"
    assert norm("Ω") == "Ω"  # U+2126 OHM SIGN is canonically Omega


def test_nfd_hangul_equals_precomposed():
    text = "대한민국 정부는 15일 '경제 회복' 대책을 발표했다. 각 부처는…"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    for form in ("NFC", "NFKC"):
        assert norm(nfd, form=form) == norm(text, form=form)
        assert norm(nfd, form=form, return_offsets=True)[0] == norm(text, form=form)


def test_nfkc_option():
    assert norm("㈜한국", form="NFKC") == "(주)한국"
    assert norm("㈜한국") == "㈜한국"
    assert norm("ｶﾞ", form="NFKC") == "ガ"
    assert norm("①", form="NFKC") == "1"
    assert norm("e\u0301", form="none") == "e\u0301"


@pytest.mark.parametrize("form", ["NFC", "NFKC", "none"])
def test_compatibility_jamo_kept_under_every_form(form):
    text = "ㅋㅋ ㅠㅠ ㄱㄴㄷ ㅏㅑ ㅎㆍㄴ ㆆ ㅥ"
    assert norm(text, form=form) == text
    # a combining mark after a jamo does not pull the jamo into NFKC
    assert norm("ㅋ\u0301", form=form).startswith("ㅋ")


def test_bad_form_and_errors_values():
    with pytest.raises(ValueError, match="form"):
        norm("a", form="NFD")
    with pytest.raises(ValueError, match="errors"):
        norm(b"a", errors="surrogateescape")
    with pytest.raises(ValueError, match="max_repeat"):
        norm("a", max_repeat=-1)


def test_utf8proc_hangul_composition_bug_avoided():
    # utf8proc < 2.10 merged a syllable and a following U+11A7 (utf8proc PR #317).
    assert norm("\uc8e0\u11a7") == "\uc8e0\u11a7"
    assert norm("\u110c\u116d\u11a7") == "\uc8e0\u11a7"
    assert norm("\uc8e0\u11a7", form="NFKC") == "\uc8e0\u11a7"


# --------------------------------------------------------------------------- width
def test_width():
    assert norm("ＡＢＣ１２３！") == "ABC123!"
    assert norm("ﾡﾤﾷ ￂ") == "ㄱㄴㅇ ㅏ"
    assert norm("￦1000 ￥") == "₩1000 ¥"
    assert norm("ＡＢＣ", width=False) == "ＡＢＣ"


# --------------------------------------------------------------------------- punctuation
def test_quotes():
    assert norm("‘a’ “b” 「c」 『d』 ＂e＂ ＇f＇") == "'a' \"b\" 'c' \"d\" \"e\" 'f'"
    assert norm("“b”", quotes=False) == "“b”"


def test_middle_dots():
    assert norm("한국‧미국・일본･중국∙러시아⋅영국") == "한국·미국·일본·중국·러시아·영국"
    # ㆍ between words is a separator, next to jamo it is a vowel letter
    assert norm("경제ㆍ사회") == "경제·사회"
    assert norm("ㅎㆍㄴ글") == "ㅎㆍㄴ글"
    assert norm("ㆍㄱ") == "ㆍㄱ"
    assert norm("ㄱㆍ") == "ㄱㆍ"
    assert norm("경제ㆍ사회", middle_dots=False) == "경제ㆍ사회"


def test_dashes_and_ellipsis():
    assert norm("1‐2‑3‒4–5—6―7−8﹘9﹣0－") == "1-2-3-4-5-6-7-8-9-0-"
    assert norm("그런데… 음⋯") == "그런데... 음..."
    assert norm("그런데……") == "그런데..."
    assert norm("a–b", dashes=False) == "a–b"
    assert norm("a…", ellipsis=False) == "a…"


# --------------------------------------------------------------------------- whitespace
def test_whitespace():
    assert norm("가\u00a0나\u3000다\u2009라") == "가 나 다 라"
    assert norm("가\u200b나\u200c다\ufeff라\u00ad마\u2060바") == "가나다라마바"
    assert norm("가\u200d나") == "가나"
    assert norm("👨\u200d👩\u200d👧") == "👨\u200d👩\u200d👧"
    assert norm("😀\u200d🈀", form="NFKC") == "😀ほか"  # found by the fuzzer
    assert norm("가\r\n나\r다\n라") == "가\n나\n다\n라"
    assert norm("  가   나  \t 다  ") == "가 나\t다"
    assert norm("\n\n 가 \n \n\n 나\n\n\n") == "가\n\n나"
    assert norm("가\u2028나\u2029다") == "가\n나\n다"


def test_keep_paragraphs():
    text = "첫 문단.\n\n\n둘째 문단.\r\n\r\n셋째\n줄"
    assert norm(text) == "첫 문단.\n\n둘째 문단.\n\n셋째\n줄"
    assert norm(text, keep_paragraphs=False) == "첫 문단.\n둘째 문단.\n셋째\n줄"


def test_control_characters():
    assert norm("가\x00나\x07다\x1b라\x7f마\x85바\x9f사\t아") == "가나다라마\n바사\t아"


# --------------------------------------------------------------------------- references
def test_html_references():
    assert norm("&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;") == "<b> & \"x\" 'y'"
    assert norm("가&nbsp;나&middot;다&hellip;") == "가 나·다..."
    assert norm("&lsquo;a&rsquo; &ldquo;b&rdquo;") == "'a' \"b\""
    assert norm("&#44032;&#xAC01;&#XAC02;") == "가각갂"
    assert norm("&#147;인용&#148; &#150;") == '"인용" -'  # windows-1252 numbers
    assert norm("&amp;quot;이중&amp;quot; &amp;amp;lt;") == '"이중" <'
    assert norm("&#0; &#xD800; &#x110000;") == "\ufffd \ufffd \ufffd"
    assert norm("&bogus; &amp &#; &#x; AT&T &#12345678901;") == (
        "&bogus; &amp &#; &#x; AT&T &#12345678901;")
    assert norm("&AMP;") == "&AMP;"  # names are case-sensitive
    assert norm("&amp;lt;", decode_html=False) == "&amp;lt;"


def test_references_completed_by_other_rules_are_decoded():
    assert norm("&am\u200bp;lt;") == "<"
    assert norm("＆ａｍｐ；") == "&"
    assert norm("&amp&#59;") == "&"


# --------------------------------------------------------------------------- repeats
def test_repeats():
    assert norm("ㅋㅋㅋㅋㅋ") == "ㅋㅋ"
    assert norm("!!!!!") == "!!"
    assert norm("ㅠㅠㅠㅠ") == "ㅠㅠ"
    assert norm("하하하하") == "하하"
    assert norm("1000000원") == "1000000원"
    assert norm("www III") == "www III"
    assert norm("그래서...") == "그래서..."
    assert norm("그래서......") == "그래서..."
    assert norm("ㅋㅋㅋㅋ", max_repeat=3) == "ㅋㅋㅋ"
    assert norm("ㅋㅋㅋㅋ", max_repeat=0) == "ㅋㅋㅋㅋ"
    assert norm("ㅋㅋㅋ...", max_repeat=1) == "ㅋ..."
    assert norm("٣٣٣٣") == "٣٣٣٣"  # digits of any script


# --------------------------------------------------------------------------- case, emoji
def test_lowercase():
    assert norm("KOTEXT Ünïcode İ", lowercase=True) == "kotext ünïcode i"
    assert norm("KOTEXT") == "KOTEXT"
    assert norm("W\u030a", lowercase=True) == "\u1e98"  # ẘ exists only in lowercase


def test_strip_emoji():
    assert norm("좋아요😀👍🏻 ❤️ 🇰🇷 1️⃣", strip_emoji=True) == "좋아요 1"
    assert norm("👨\u200d👩\u200d👧 가족", strip_emoji=True) == "가족"
    assert norm("좋아요😀") == "좋아요😀"


# --------------------------------------------------------------------------- offsets
def test_offsets_single():
    text, src = norm("a  b", return_offsets=True)
    assert text == "a b"
    assert src.dtype == np.int64 and src.tolist() == [0, 1, 3]


def test_offsets_non_bmp():
    raw = "😀  가&amp;🇰🇷  나…"
    text, src = norm(raw, return_offsets=True)
    assert text == "😀 가&🇰🇷 나..."
    assert len(src) == len(text)
    assert [raw[i] for i in src] == list("😀 가&🇰🇷 나…") + ["…", "…"]


def test_offsets_batch():
    out = norm(["😀  b", "가\u200b나"], return_offsets=True)
    assert [t for t, _ in out] == ["😀 b", "가나"]
    assert [s.tolist() for _, s in out] == [[0, 1, 3], [0, 2]]


# --------------------------------------------------------------------------- batches
def test_batch_in_order_and_n_jobs():
    docs = [f"문서 {i}  ㅋㅋㅋㅋ &amp; “{i}”" for i in range(5000)]
    one = norm(docs, n_jobs=1)
    assert one == [f'문서 {i} ㅋㅋ & "{i}"' for i in range(5000)]
    assert norm(docs, n_jobs=-1) == one
    assert norm(docs, n_jobs=3) == one
    assert norm(tuple(docs[:3])) == one[:3]
    assert norm([]) == []
    assert norm([""]) == [""]


def test_batch_of_bytes_and_str():
    assert norm([b"\xea\xb0\x80  a", "나"]) == ["가 a", "나"]


# --------------------------------------------------------------------------- bad input
def test_invalid_utf8_strict():
    with pytest.raises(UnicodeDecodeError) as info:
        norm(b"abc\xff\xfedef")
    assert info.value.start == 3
    with pytest.raises(UnicodeDecodeError) as info:
        norm([b"ok", "ok", b"\xea\xb0\x80\xea\xb0"])
    assert info.value.start == 3
    assert "document 2" in str(info.value)


def test_invalid_utf8_replace_and_ignore():
    raw = b"\xea\xb0\x80\xff\xea\xb0 \xed\xa0\x80!"
    assert norm(raw, errors="replace") == norm(raw.decode("utf-8", "replace"))
    assert norm(raw, errors="ignore") == norm(raw.decode("utf-8", "ignore"))
    _, src = norm(raw, errors="replace", return_offsets=True)
    decoded = raw.decode("utf-8", "replace")
    assert decoded[src[-1]] == "!"


def test_lone_surrogates():
    with pytest.raises(ValueError, match="character 2"):
        norm("가나\ud800다")
    with pytest.raises(ValueError, match=r"document 1 .*character 0"):
        norm(["가", "\udc00"])


def test_non_str_items():
    with pytest.raises(TypeError, match="document 1"):
        norm(["a", None])
    with pytest.raises(TypeError, match="document 2"):
        norm(["a", "b", 3])
    with pytest.raises(TypeError):
        norm(None)
    with pytest.raises(TypeError, match="int"):
        norm(5)


# --------------------------------------------------------------------------- real data
def _news_texts(limit: int) -> list[str]:
    path = DATA / "knews8-train.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (real data lives in ../shared/data)")
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            texts.append(doc["title"] + "\n" + doc["body"])
    return texts[:limit]


def test_real_news_matches_reference():
    docs = _news_texts(300)
    assert norm(docs) == [normalize_reference(d) for d in docs]
    assert norm(docs, form="NFKC", lowercase=True, strip_emoji=True, max_repeat=1) == [
        normalize_reference(d, form="NFKC", lowercase=True, strip_emoji=True, max_repeat=1)
        for d in docs]


def test_real_news_idempotent():
    once = norm(_news_texts(300))
    assert norm(once) == once


# --------------------------------------------------------------------------- Hypothesis
TOKENS = (
    list("가각나닭힣 ㅋㅠㄱㅏㆍㆆㅥ aZéÅ09٣.!?,;#&x") + ["e\u0301", "W\u030a", "\u0323\u0307"]
    + list("\u1100\u1161\u11a8\u11a7\u110c\u116d\u3164")  # conjoining jamo, filler
    + list("‘’“”‚„′″「」『』＂＇‧・･∙⋅‐‑‒–—―−﹘﹣－…⋯·")
    + ["\r\n"] + list(" \t\n\r\u00a0\u3000\u2009\u200b\u200c\u200d\ufeff\u00ad\u2028\x85")
    + list("\x00\x07\x1b\x7f\x9f")
    + ["&amp;", "&lt;", "&nbsp;", "&hellip;", "&middot;", "&#8230;", "&#x2026;", "&amp;quot;",
       "&#147;", "&#0;", "&bogus;", "&AMP;", "&#44032;", "amp;", "&am", "#x41;", "&#"]
    + list("ＡｚＺ０＆；＃ｘﾡￂ￦")
    + ["😀", "👍", "🏻", "\ufe0f", "\u20e3", "🇰", "🇷", "❤", "㈜", "①", "ｶ", "ﾞ", "Ω", "🈀", "㊗"]
)
token = st.one_of(
    st.sampled_from(TOKENS),
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
    st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),
    st.characters(min_codepoint=0x3131, max_codepoint=0x318E),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
)
texts = st.lists(
    st.tuples(token, st.integers(1, 5)).map(lambda t: t[0] * t[1]), max_size=30
).map("".join)
options = st.fixed_dictionaries({
    "form": st.sampled_from(["NFC", "NFKC", "none"]),
    "decode_html": st.booleans(), "width": st.booleans(), "quotes": st.booleans(),
    "middle_dots": st.booleans(), "dashes": st.booleans(), "ellipsis": st.booleans(),
    "keep_paragraphs": st.booleans(), "lowercase": st.booleans(),
    "strip_emoji": st.booleans(), "max_repeat": st.integers(0, 4),
})
SETTINGS = settings(max_examples=600, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
@example("&amp;quot;;;")  # a double escape followed by a run of the ';' it ends with
def test_matches_reference_default_options(text):
    assert norm(text) == normalize_reference(text)


@SETTINGS
@given(texts, options)
def test_matches_reference_any_options(text, opts):
    assert norm(text, **opts) == normalize_reference(text, **opts)


@pytest.mark.parametrize("text", ["\u1100\uffc2", "\uac00\uffa3", "\uffa1\uffc2 \uffc2"])
def test_nfkc_half_width_jamo_compose_in_one_pass(text):
    # Found by Hypothesis: NFKC turns half-width letters into conjoining jamo, which must
    # compose with the letter before them at once (ᄀ + ﾏ -> 가), or a second pass differs.
    opts = {"form": "NFKC", "width": False}
    once = norm(text, **opts)
    assert once == unicodedata.normalize("NFKC", text)
    assert norm(once, **opts) == once


@SETTINGS
@given(texts, options)
def test_idempotent(text, opts):
    once = norm(text, **opts)
    assert norm(once, **opts) == once
    if opts["decode_html"]:
        assert not has_reference(once)


@SETTINGS
@given(texts, options)
def test_offsets_monotonic_and_in_range(text, opts):
    out, src = norm(text, return_offsets=True, **opts)
    assert out == norm(text, **opts)
    assert len(src) == len(out)
    if len(src):
        assert src[0] >= 0 and src[-1] < len(text)
        assert np.all(np.diff(src) >= 0)


@SETTINGS
@given(st.lists(st.sampled_from(list("가나다 ab12\n")), max_size=40).map("".join))
def test_offsets_point_at_the_same_character(text):
    out, src = norm(text, return_offsets=True)
    assert all(text[s] == c for s, c in zip(src, out))


@SETTINGS
@given(texts, options)
def test_str_and_utf8_bytes_agree(text, opts):
    # str is read in CPython's own storage (1, 2 or 4 bytes per character), bytes as UTF-8
    assert norm(text.encode("utf-8"), **opts) == norm(text, **opts)
    out, src = norm(text, return_offsets=True, **opts)
    out8, src8 = norm(text.encode("utf-8"), return_offsets=True, **opts)
    assert (out8, src8.tolist()) == (out, src.tolist())


@pytest.mark.parametrize("text", ["plain ascii  text", "caf\u00e9  \u00b7", "한국  어",
                                  "😀  한국"])
def test_every_str_storage_kind(text):
    assert norm(text) == normalize_reference(text)
    assert norm([text, text.encode()]) == [norm(text)] * 2


@SETTINGS
@given(st.binary(max_size=40), st.sampled_from(["replace", "ignore"]))
def test_bytes_decode_like_python(raw, errors):
    assert norm(raw, errors=errors) == norm(raw.decode("utf-8", errors))


@SETTINGS
@given(st.binary(max_size=40))
def test_strict_error_offset_like_python(raw):
    try:
        expected = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        with pytest.raises(UnicodeDecodeError) as info:
            norm(raw)
        assert (info.value.start, info.value.end) == (err.start, err.end)
    else:
        assert norm(raw) == norm(expected)


@SETTINGS
@given(st.lists(texts, max_size=8))
def test_batch_equals_singles(docs):
    assert norm(docs) == [norm(d) for d in docs]


# The Unicode form alone, on text outside every custom rule, must equal unicodedata's:
# this checks the chunk-by-chunk use of utf8proc (Python's tables are Unicode 14.0, so
# characters it does not know are left out).
_CUSTOM = set("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u180e\u0085") | {
    chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))
    + list(range(0x3131, 0x318F))}
plain_char = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zs", "Zl", "Zp"),
                  max_codepoint=0x10FFFF),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),
    st.sampled_from(list("\u0f71\u0f72\u0f73\u0f75\u0f81\u09be\u09c7\u0b47\u0b3e\u0bc6\u0bbe"
                         "\uff76\uff9e\u0d46\u0d3e\u102e\u1025\u1b05\u1b35")),
).filter(lambda c: c not in _CUSTOM)
plain_texts = st.lists(plain_char, max_size=25).map("".join)
FORM_ONLY = {"decode_html": False, "width": False, "quotes": False, "middle_dots": False,
             "dashes": False, "ellipsis": False, "max_repeat": 0}


@settings(max_examples=1500, deadline=None)
@given(plain_texts, st.sampled_from(["NFC", "NFKC"]))
def test_unicode_form_agrees_with_unicodedata(text, form):
    expected = unicodedata.normalize(form, text)
    # NFKC may produce spaces ("¨" is " \u0308"), which the space rules then handle
    assume(not any(c.isspace() for c in expected))
    assert norm(text, form=form, **FORM_ONLY) == expected


def test_crlf_split_by_an_ignored_invalid_byte_is_one_line_break():
    # Found by Hypothesis: the decoded text is "!\r\n!", so it is one break, not a paragraph.
    assert kotext.normalize(b"!\r\x80\n!", errors="ignore") == "!\n!"
    assert kotext.normalize(b"!\r\x80\n!", errors="replace") == "!\n\ufffd\n!"
