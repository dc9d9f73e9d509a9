"""The C++ HTML walk (on libxml2, the default, and on gumbo) against the reference walk in
Python (selectolax).

Differential: every HTML page segmented by the segment tests (hand-written pages of
test_segment.py and test_segment_web.py, re-run here with both walks) and every real page in
../shared/data (dev, fundus-kr, naver-html; skipped when absent) must give the same Article
with ``parser="libxml2"`` and ``parser="gumbo"`` as with ``parser="selectolax"``.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import kotext
import pytest
from kotext import _core, _segment
from segment_pages import PAGES, gold_pages, naver_pages

pytest.importorskip("selectolax")



def assert_same(page, parsers=("libxml2", "gumbo"), **options) -> kotext.Article:
    """Segment with the reference walk and the C++ walks; they must agree field by field."""
    ref = kotext.segment(page, parser="selectolax", **options)
    ref_d = ref.to_dict()
    for parser in parsers:
        new = kotext.segment(page, parser=parser, **options)
        new_d = new.to_dict()
        for key in ref_d:
            assert new_d[key] == ref_d[key], f"{parser}: {key} differs"
    return new


def real_pages():
    pages = []
    for folder in ("dev", "fundus-kr"):
        for path in gold_pages(folder):
            if isinstance(path, Path):
                pages.append(pytest.param(gzip.decompress(path.read_bytes()),
                                          id=f"{folder}/{path.name}"))
    pages += [pytest.param(html, id=f"naver/{name}") for name, html in naver_pages()]
    if not pages:
        pages.append(pytest.param(None, marks=pytest.mark.skip(reason=f"shared data not found: {PAGES}")))
    return pages


@pytest.mark.parametrize("page", real_pages())
def test_real_pages_same_article(page):
    article = assert_same(page)
    assert article.paragraphs or article.title  # every real page has an article


def _hand_written_pages() -> list[tuple[str, str, bool]]:
    """The HTML pages the segment tests segment, recorded by running them."""
    import test_segment
    import test_segment_web

    seen: list[tuple[str, str, bool]] = []
    original = _segment._segment_pages
    generated = False  # whether the running test generates its pages (hypothesis)

    def record(items, format, parser, n_jobs):
        for page in items:
            if (isinstance(page, str) and len(page) < 1_000_000
                    and (format == "html" or _segment._detect_format(page) == "html")):
                seen.append((page, format, generated))
        return original(items, format, parser, n_jobs)

    _segment._segment_pages = record
    try:
        for module in (test_segment, test_segment_web):
            for name in dir(module):
                fn = getattr(module, name)
                # Plain test functions without fixtures or parameters (the data tests are
                # covered by test_real_pages_same_article).
                if (name.startswith("test_") and callable(fn)
                        and fn.__code__.co_argcount == 0 and not hasattr(fn, "pytestmark")):
                    generated = hasattr(fn, "hypothesis")
                    try:
                        fn()
                    except pytest.skip.Exception:
                        pass
    finally:
        _segment._segment_pages = original
    return seen


def _tag_soup(page: str | bytes) -> bool:
    """Tag soup that HTML 4 (libxml2) and HTML5 (gumbo, lexbor) repair differently: text
    before any element (libxml2 wraps it in a <p> HTML5 does not imply), or nothing but "<"
    (dropped by libxml2)."""
    head = page.lstrip()[:1] if isinstance(page, str) else page.lstrip()[:1].decode("latin-1")
    return head != "<" or page == "<" * 1000


def test_hand_written_pages_same_article():
    pages = _hand_written_pages()
    assert len(pages) >= 30  # the segment tests hold dozens of hand-written HTML pages
    documents = 0
    for page, fmt, generated in pages:
        # libxml2 is compared on the written pages that start with markup; the generated
        # pages of the property tests are random tag soup (gumbo only).
        both = not generated and not _tag_soup(page)
        documents += both
        assert_same(page, ("libxml2", "gumbo") if both else ("gumbo",), format=fmt)
    assert documents >= 30


def test_walk_blocks_and_metadata():
    html = ("<html><head><title> 제목 | 사이트 </title><meta property='og:title' content='제목'>"
            "<meta name=description><script type='application/ld+json'>{\"headline\": \"제목\"}"
            "</script></head><body><nav><a href='/'>홈</a></nav><h2>소제목</h2>"
            "<p>첫 줄<br>둘째 줄<br><br>셋째 <a href='#'>링크 글</a></p>"
            "<div style='display: none'>숨은 글</div><figure><img src=x><figcaption>사진 설명"
            "</figcaption></figure><time datetime='2024-01-02'>1월 2일</time></body></html>")
    page = _core.parse_html_page(html)
    texts, tags, levels, links, nav, image, hidden = page["blocks"]
    assert texts == ["홈", "소제목", "첫 줄\n둘째 줄", "셋째 링크 글", "숨은 글", "사진 설명", "1월 2일"]
    assert tags[1] == int(_core.BlockTag.Heading) and levels[1] == 2
    assert tags[2] == tags[3] == int(_core.BlockTag.Paragraph)
    assert links[3] == 3 and nav[0] and not nav[2]
    assert hidden == [False, False, False, False, True, False, False]
    assert tags[5] == int(_core.BlockTag.Caption) and not any(image)
    assert page["meta"] == [("og:title", "제목"), ("description", None)]
    assert page["json_ld"] == ['{"headline": "제목"}']
    assert page["title"] == " 제목 | 사이트 " and page["time_datetime"] == "2024-01-02"


def test_walk_deep_nesting_and_templates():
    deep = "<div>" * 100_000 + "<p>깊은 곳의 문단이다.</p>" + "</div>" * 100_000
    texts = _core.html_blocks(deep)[0]
    assert texts == ["깊은 곳의 문단이다."]
    tpl = "<body><p>보이는 글</p><template><p>" + "템플릿 안의 글이다. " * 20 + "</p></template></body>"
    page = _core.parse_html_page(tpl)
    assert page["blocks"][0] == ["보이는 글"]
    assert page["template_blocks"][6] == [True] and page["template_blocks"][0][0].startswith("템플릿")


def test_parser_argument():
    with pytest.raises(ValueError, match="parser"):
        kotext.segment("<p>x</p>", parser="lxml")  # type: ignore[arg-type]
