"""Shared helpers of the segment tests: the hand-written page builders (a news page around
any body: navigation, a ranking list, a footer; script payloads of each kind) and the
listers of the shared gold pages (which skip cleanly without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import kotext
import pytest
from shared_data import DATA

PAGES = DATA / "pages"

TITLE = "정부, 내년부터 중소기업 디지털 전환 지원 확대"
BODY = [
    "정부가 내년부터 중소기업의 디지털 전환을 돕는 지원 사업을 크게 늘리기로 했다.",
    ("산업통상자원부는 11일 이런 내용을 담은 중소기업 디지털 전환 종합 대책을 발표했다. "
    "대책에는 스마트공장 보급 확대와 데이터 활용 교육, 전문 인력 양성 방안이 담겼다."),
    ("정부는 지원 대상 기업을 올해 3천 곳에서 내년 5천 곳으로 늘리고, 기업당 지원 한도도 "
    "두 배로 올린다고 밝혔다."),
    ("업계는 환영한다는 입장을 냈다. 한 중소기업 대표는 \"비용 부담이 줄어 도입을 서두를 수 "
    "있게 됐다\"고 말했다."),
]
NAV = """<header><nav><ul><li><a href="/">홈</a></li><li><a href="/p">정치</a></li>
<li><a href="/e">경제</a></li><li><a href="/s">사회</a></li></ul></nav></header>"""
FOOTER = """<footer><p>회사소개 | 광고문의 | 개인정보처리방침</p>
<p>Copyright ⓒ 예시일보. All rights reserved.</p></footer>"""
RANKING = """<div class="ranking"><h3>많이 본 뉴스</h3><ol>
<li><a href="/1">주가 급등에 투자자 몰려</a></li><li><a href="/2">올여름 폭염 예고</a></li>
<li><a href="/3">신작 영화 흥행 돌풍</a></li></ol></div>"""


def page(body_html: str, *, head: str = "", scripts: str = "", title: str | None = None,
         site: str = "예시일보", charset: str = "utf-8") -> str:
    """A whole page: head (title, og:site_name, extra head), navigation, the body HTML, a
    ranking list, a footer and the scripts."""
    title = f"{TITLE} - {site}" if title is None else title
    return (f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title>"
            f"<meta property='og:site_name' content='{site}'>{head}</head><body>{NAV}"
            f"{body_html}{RANKING}{FOOTER}{scripts}</body></html>")


def paragraphs_html(paragraphs: list[str], tag: str = "p", attrs: str = "") -> str:
    space = " " if attrs else ""
    return "".join(f"<{tag}{space}{attrs}>{p}</{tag}>" for p in paragraphs)


def visible_article(title: str = TITLE, paragraphs: list[str] = BODY) -> str:
    return f"<article><h1>{title}</h1>" + paragraphs_html(paragraphs) + "</article>"


def flight(row: str) -> str:
    """One Next.js flight chunk pushing @p row (Next.js escapes "<" as \\u003c)."""
    return ("<script>self.__next_f.push("
            + json.dumps([1, row]).replace("<", "\\u003c") + ")</script>")


def assert_body(article: kotext.Article, paragraphs: list[str] = BODY) -> None:
    assert article.paragraphs == paragraphs, article.paragraphs


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared test data not found: {path} (checkout without ../shared)")
    return path


def gold_pages(folder: str) -> list:
    """The ``*.html.gz`` pages of ``pages/<folder>`` (a skipped parameter without them)."""
    where = PAGES / folder
    if not where.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"shared data not found: {where}"))]
    return sorted(where.glob("*.html.gz"))


def naver_pages() -> list[tuple[str, str]]:
    """(name, html) of every naver-html page ([] without them)."""
    where = PAGES / "naver-html"
    if not where.exists():
        return []
    pages = [(item["id"], item["content"])
             for item in json.loads((where / "naver.json").read_text("utf-8"))]
    pages += [(p.name, p.read_text("utf-8")) for p in sorted(where.glob("*.html"))]
    return pages
