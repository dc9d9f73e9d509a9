"""A second set of hand-written pages for the patterns of the modern Korean web, each in
another site's shape than test_segment_web.py (another headline and body, other markup
around them): they guard the rules against fitting the first set. No real page is copied:
each reproduces a pattern only (Arc XP state with subheads and ads, Next.js flight chunks
beside other rows, ``__NEXT_DATA__`` nested deep, a hidden print copy holding the header too,
a title carrying section and site name, a charset declared in http-equiv, boilerplate glued
into paragraphs), then the batch contract on a mix of them."""

from __future__ import annotations

import html
import json

import kotext
import pytest
import segment_pages
from segment_pages import flight, page, paragraphs_html

TITLE = "기상청, 올여름 폭염일수 평년보다 많을 듯"
SITE = "한빛신문"
BODY = [
    "기상청은 올여름 폭염일수가 평년보다 많을 것으로 내다봤다고 20일 밝혔다.",
    ("기상청에 따르면 7월과 8월 기온은 평년보다 높을 확률이 50%로 나타났다. 열대야 일수도 "
     "지난해와 비슷하거나 많을 것으로 예상됐다."),
    ("전문가들은 폭염에 취약한 고령층과 야외 노동자를 위한 대책이 필요하다고 지적했다. 지방자치"
     "단체들은 무더위 쉼터를 늘리기로 했다."),
    "기상청은 다음 달 초 3개월 전망을 다시 발표할 예정이다.",
]
SUBHEAD = "올여름 폭염 대책의 주요 내용은 무엇인가"


def assert_body(article: kotext.Article, paragraphs: list[str] = BODY) -> None:
    segment_pages.assert_body(article, paragraphs)


def site_page(body_html: str, **options) -> str:
    options.setdefault("title", f"{TITLE} | {SITE}")
    return page(body_html, site=SITE, **options)


def test_arc_xp_state_with_subheads_and_ads():
    elements = ([{"type": "text", "content": p} for p in BODY[:2]]
                + [{"type": "header", "content": SUBHEAD},
                   {"type": "raw_html", "content": "<div class='ad'>광고</div>"},
                   {"type": "image", "url": "/heat.jpg", "caption": "서울 도심의 한낮"}]
                + [{"type": "text", "content": p} for p in BODY[2:]])
    state = {"_id": "ABC", "headlines": {"basic": TITLE}, "content_elements": elements}
    script = (f"<script>window.Fusion=window.Fusion||{{}};Fusion.globalContent="
              f"{json.dumps(state, ensure_ascii=False)};Fusion.globalContentConfig={{}};</script>")
    article = kotext.segment(site_page("<div id='fusion-app'><div class='skeleton'></div></div>",
                                       scripts=script))
    assert_body(article, BODY[:2] + [SUBHEAD] + BODY[2:])
    assert article.title == TITLE
    assert all("광고" not in p for p in article.paragraphs)


def test_next_flight_html_beside_other_rows():
    inner = "".join(f'<p class="editor-p">{html.escape(p)}</p>' for p in BODY)
    rows = ['0:["$","$L1",null,{}]\n',
            '2:I["123",["static/chunks/1.js"],"Default"]\n',
            "7:" + json.dumps(["$", "div", None, {"dangerouslySetInnerHTML": {"__html": inner}}])
            + "\n",
            '8:["$","ul",null,{"children":[["$","li","a",{"children":"다른 기사 제목 하나"}]]}]\n']
    scripts = "".join(flight(r) for r in rows)
    article = kotext.segment(site_page("<main><div id='article'></div></main>", scripts=scripts))
    assert_body(article)
    assert article.title == TITLE


def test_next_data_nested_deep():
    data = {"props": {"pageProps": {"dehydratedState": {"queries": [{"state": {"data": {
        "article": {"id": 7, "headline": TITLE,
                    "bodyHtml": "<div>" + "<br><br>".join(html.escape(p) for p in BODY) + "</div>"},
    }}}]}}}, "page": "/article/[id]"}
    script = (f"<script id='__NEXT_DATA__' type='application/json'>"
              f"{json.dumps(data, ensure_ascii=False)}</script>")
    assert_body(kotext.segment(site_page("<div id='__next'></div>", scripts=script)))


def test_hidden_print_copy_with_its_own_header():
    header = f"<h1>{TITLE}</h1><p class='date'>입력 2025.06.20 10:21</p>"
    copy = f"<div id='printArea' style='display: none;'>{header}{paragraphs_html(BODY)}</div>"
    visible = (f"<div class='article-head'>{header}</div>"
               f"<div class='article-body'>{paragraphs_html(BODY)}</div>")
    article = kotext.segment(site_page(visible + copy))
    assert_body(article)
    assert article.title == TITLE
    assert article.date == "2025-06-20T10:21:00"
    assert sum(b.reason == "duplicate copy" for b in article.boilerplate) >= len(BODY)


@pytest.mark.parametrize("raw", [f"{TITLE}-사회ㅣ{SITE}", f"{TITLE} - 사회 - {SITE}",
                                 f"[{SITE}] {TITLE}", f"{TITLE} :: {SITE} 모바일"])
def test_title_with_section_and_site_name_and_no_heading(raw):
    body = f"<div class='news_body'>{paragraphs_html(BODY)}</div>"
    head = f"<meta property='og:title' content='{raw}'>"
    article = kotext.segment(site_page(body, head=head, title=raw))
    assert article.title == TITLE
    assert_body(article)


def test_http_equiv_euc_kr_but_utf8_bytes():
    text = site_page(f"<h1>{TITLE}</h1>{paragraphs_html(BODY)}").replace(
        "<meta charset='utf-8'>",
        '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')
    article = kotext.segment(text.encode("utf-8"))
    assert_body(article)
    assert article.encoding.startswith("utf-8") and "euc-kr" in article.encoding.lower()
    assert article.to_dict() | {"encoding": ""} == kotext.segment(text).to_dict() | {"encoding": ""}
    cp949 = kotext.segment(text.encode("cp949"))
    assert_body(cp949)
    assert cp949.encoding == "cp949 (declared)"


def test_bracket_byline_and_glued_copyright():
    paragraphs = ([f"[{SITE} 김하늘 기자] {BODY[0]}"] + BODY[1:-1]
                  + [f"{BODY[-1]} ⓒ {SITE}, 무단 전재 및 재배포 금지"])
    article = kotext.segment(site_page(f"<h2>[포토] {TITLE}</h2>{paragraphs_html(paragraphs)}",
                                       title=TITLE))
    assert_body(article)
    assert article.title == TITLE
    assert article.reporters == ["김하늘"]
    assert {"dateline", "copyright notice"} <= {b.reason for b in article.boilerplate}


def test_batch_of_mixed_pages_in_order_with_errors_recorded():
    pages = [site_page(f"<h1>{TITLE}</h1>{paragraphs_html(BODY)}"),
             f"{TITLE}\n\n" + "\n\n".join(BODY),
             site_page(f"<h1>{TITLE}</h1>{paragraphs_html(BODY)}").encode("utf-8"),
             b"<p>\xff\xfa</p>",
             None,
             "   "]
    one = kotext.segment_many(pages, errors="record")
    two = kotext.segment_many(pages, errors="record", n_jobs=2)
    assert [a.to_dict() for a in one] == [a.to_dict() for a in two]
    assert len(one) == len(pages)
    for a in (one[0], one[1], one[2]):
        assert a.title == TITLE and a.paragraphs == BODY and a.error is None
    assert one[3].error.startswith("page 3: UnicodeDecodeError") and "byte offset 3" in one[3].error
    assert one[4].error == "page 4: page is None, not str or bytes"
    assert one[5].error is None and one[5].paragraphs == []
    with pytest.raises(ValueError, match="^page 3: UnicodeDecodeError") as info:
        kotext.segment_many(pages, n_jobs=2)
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    # The batch gives what segment() gives, page by page.
    assert [a.to_dict() for a in one[:3]] == [kotext.segment(p).to_dict() for p in pages[:3]]
