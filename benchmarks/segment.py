"""Article segmentation: kotext.segment against trafilatura on real Korean news pages.

Run standalone from the repository root::

    .venv/bin/python benchmarks/segment.py [--runs N] [--no-peers]

Data (never copied into the repository) is read from ``../shared/data/pages``:

* ``fundus-kr/*.html.gz`` with ``*.gold.json`` (title, authors, publishing_date, body
  sections): body quality is the character-level F1 of the extracted body against the gold
  section headlines + paragraphs (multisets of characters, whitespace ignored);
* ``naver-html/``: article-body HTML without gold; we count boilerplate that leaks into the
  body (photo captions, e-mail bylines, "(서울=연합뉴스)" datelines, "▶" promo links).

Both tools get the same bytes/str. Before timing, the outputs are checked for agreement
(the body F1 of both tools against gold, side by side). Times are medians of ``--runs``
(default 7) runs of the whole set; the machine is shared, so expect noise of 10-20%.
The peer is installed with ``pip install trafilatura`` (``bench`` extra).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
# The body metric is the one the golden tests enforce.
sys.path.insert(0, os.path.join(HERE, "..", "tests", "python"))
from segment_metrics import char_f1

PAGES = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "pages"))



def load_fundus() -> list[tuple[str, str, dict]]:
    folder = os.path.join(PAGES, "fundus-kr")
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(folder, name)) as f:
                html = f.read().decode("utf-8")
            with open(os.path.join(folder, name.replace(".html.gz", ".gold.json")),
                      encoding="utf-8") as f:
                gold = json.load(f)
            out.append((name, html, gold))
    return out


def load_naver() -> list[tuple[str, str]]:
    folder = os.path.join(PAGES, "naver-html")
    with open(os.path.join(folder, "naver.json"), encoding="utf-8") as f:
        pages = [(item["id"], item["content"]) for item in json.load(f)]
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                pages.append((name, f.read()))
    return pages


# Each adapter: html -> (title, date string, authors, body text)
def kotext_adapter() -> Callable[[str], tuple[str, str, list[str], str]]:
    import kotext

    def run(html: str) -> tuple[str, str, list[str], str]:
        a = kotext.segment(html)
        return a.title, a.date, a.reporters, a.text

    return run


def trafilatura_adapter() -> Callable[[str], tuple[str, str, list[str], str]] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str) -> tuple[str, str, list[str], str]:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if doc is None:
            return "", "", [], ""
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        authors = [a.strip() for a in re.split(r"[;,]", d.get("author") or "") if a.strip()]
        return d.get("title") or "", d.get("date") or "", authors, d.get("text") or ""

    return run


_LEAKS = {
    "e-mail": re.compile(r"[\w.]+@[\w-]+\.[a-z]{2,}"),
    "dateline": re.compile(r"^\s*[(\[【][^)\]】\n]{0,20}=", re.MULTILINE),
    "promo": re.compile(r"^\s*[▶☞◆◈★]", re.MULTILINE),
    "copyright": re.compile(r"무단\s?전재|재배포"),
}


def leaks(body: str, captions: list[str]) -> Counter:
    c: Counter = Counter()
    for name, pattern in _LEAKS.items():
        c[name] += len(pattern.findall(body))
    c["caption"] += sum(1 for cap in captions if len(cap) >= 10 and cap[:30] in body)
    return c


def captions_of(html: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    return [n.text(deep=True).strip() for n in tree.css(".img_desc, .news_img_caption")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(PAGES):
        print(f"data not found: {PAGES}")
        return 1
    fundus, naver = load_fundus(), load_naver()
    tools = {"kotext": kotext_adapter()}
    if not args.no_peers:
        peer = trafilatura_adapter()
        if peer is None:
            print("trafilatura not installed (pip install trafilatura): kotext only")
        else:
            tools["trafilatura"] = peer

    # Quality (and the agreement check before timing).
    print("fundus-kr pages (gold): body character F1, title exact, date, authors")
    print(f"{'page':34} {'tool':12} {'F1':>6} {'title':>6} {'date':>6} {'authors':>8}")
    for name, html, gold in fundus:
        gold_body = "".join(p for s in gold["body"]["sections"]
                            for p in s["headline"] + s["paragraphs"])
        for tool, run in tools.items():
            title, date, authors, body = run(html)
            f1 = char_f1(body, gold_body)
            print(f"{name:34} {tool:12} {f1:6.3f} {title == gold['title']!s:>6} "
                  f"{date[:10] == gold['publishing_date'][:10]!s:>6} "
                  f"{authors == gold['authors']!s:>8}")
    print("\nnaver-html bodies: boilerplate leaked into the body (counts over all pages)")
    for tool, run in tools.items():
        total: Counter = Counter()
        chars = 0
        for _, html in naver:
            body = run(html)[3]
            chars += len(body)
            total += leaks(body, captions_of(html))
        kinds = ", ".join(f"{k} {total[k]}" for k in ["caption", "e-mail", "dateline", "promo",
                                                       "copyright"])
        print(f"  {tool:12} {kinds}  (body characters: {chars})")

    # Speed.
    pages = [html for _, html, _ in fundus] + [html for _, html in naver]
    size = sum(len(p.encode("utf-8")) for p in pages)
    print(f"\nspeed: {len(pages)} pages, {size / 1e6:.2f} MB, median of {args.runs} runs")
    results = {}
    for tool, run in tools.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for p in pages:
                run(p)
            times.append(time.perf_counter() - start)
        results[tool] = statistics.median(times)
    base = results["kotext"]
    print(f"{'tool':12} {'seconds':>9} {'pages/s':>9} {'MB/s':>7} {'x kotext':>9}")
    for tool, t in results.items():
        print(f"{tool:12} {t:9.4f} {len(pages) / t:9.1f} {size / 1e6 / t:7.2f} {t / base:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
