"""Article segmentation: kotext.segment against trafilatura and readability-lxml.

Run standalone from the repository root::

    .venv/bin/python benchmarks/segment.py [--runs N] [--no-peers] [--no-speed]

Data (never copied into the repository) is read from ``../shared/data/pages``:

* ``dev/*.html.gz`` with ``*.gold.json`` (17 pages, 5 publishers) and ``fundus-kr`` (2
  pages with gold): body = Dice F1 of the character-bigram multisets (whitespace removed),
  title exact (whitespace removed), date = calendar day in Korean time; per page and per
  publisher. The publishers are split in two: kotext was developed looking at the
  ``VISIBLE`` ones; the ``HELD_OUT`` ones are reported apart (they were only measured);
* ``naver-html/``: article-body HTML without gold; we count boilerplate that leaks into the
  body (photo captions, e-mail bylines, "(서울=연합뉴스)" datelines, "▶" promo links);
* the KSS clean-news case (``segment_metrics.KSS_CLEAN_NEWS``, hand-written).

All tools get the same str. Times are medians of ``--runs`` runs of the whole set (the
machine is shared: expect noise of 10-20%): kotext on one thread (``segment`` in a loop)
and on two (``segment_many(pages, n_jobs=2)``), the peers on one. The peers come from the
``bench`` extra (``pip install trafilatura readability-lxml``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
from collections import Counter, defaultdict
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "python"))
import _common as common
from segment_metrics import (
    KSS_CLEAN_NEWS,
    KSS_CLEAN_NEWS_GOLD,
    bigram_f1,
    same_day_kst,
    title_exact,
)

PAGES = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "pages"))
# Publishers kotext's rules were developed on, and publishers kept for measuring only.
VISIBLE = ("매일경제", "SBS", "YTN", "한국일보", "MBN")
HELD_OUT = ("MBC", "TV조선")

Result = tuple[str, str, list[str], str]  # title, date, authors, body
Adapter = Callable[[str], Result]


def load_gold() -> list[tuple[str, str, str, dict]]:
    """(name, publisher, html, gold) of every page with gold; gold has title, date, body."""
    out = []
    folder = os.path.join(PAGES, "dev")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html.gz"):
            with open(os.path.join(folder, name.replace(".html.gz", ".gold.json")),
                      encoding="utf-8") as f:
                gold = json.load(f)
            with gzip.open(os.path.join(folder, name)) as f:
                html = f.read().decode(gold.get("encoding") or "utf-8")
            publisher = gold["publisher"].split(" (")[0]
            out.append((name, publisher, html, {"title": gold["title"], "date": gold["date"],
                                                "body": "\n".join(gold["body"])}))
    folder = os.path.join(PAGES, "fundus-kr")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html.gz"):
            with open(os.path.join(folder, name.replace(".html.gz", ".gold.json")),
                      encoding="utf-8") as f:
                gold = json.load(f)
            with gzip.open(os.path.join(folder, name)) as f:
                html = f.read().decode("utf-8")
            body = "\n".join(p for s in gold["body"]["sections"]
                             for p in s["headline"] + s["paragraphs"])
            publisher = {"HankookIlbo": "한국일보", "MBN": "MBN"}[name.split("_")[0]]
            out.append((name, publisher, html, {"title": gold["title"],
                                                "date": gold["publishing_date"], "body": body}))
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


def kotext_adapter() -> Adapter:
    import kotext

    def run(html: str) -> Result:
        a = kotext.segment(html)
        return a.title, a.date, a.reporters, a.text

    return run


def trafilatura_adapter() -> Adapter | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str) -> Result:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if doc is None:
            return "", "", [], ""
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        authors = [a.strip() for a in re.split(r"[;,]", d.get("author") or "") if a.strip()]
        return d.get("title") or "", d.get("date") or "", authors, d.get("text") or ""

    return run


def readability_adapter() -> Adapter | None:
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:
        return None

    def run(html: str) -> Result:
        doc = Document(html)
        summary = doc.summary(html_partial=True)
        text = lxml_html.fromstring(summary).text_content() if summary.strip() else ""
        return doc.short_title() or "", "", [], text

    return run


def quality(tools: dict[str, Adapter], pages: list) -> None:
    print("pages with gold: body bigram F1, title exact, date day (KST)")
    print(f"{'page':28} {'publisher':9} {'tool':12} {'F1':>6} {'title':>6} {'date':>6}")
    per: dict[tuple[str, str], list[tuple[float, bool, bool]]] = defaultdict(list)
    for name, publisher, html, gold in pages:
        for tool, run in tools.items():
            title, date, _, body = run(html)
            row = (bigram_f1(body, gold["body"]), title_exact(title, gold["title"]),
                   same_day_kst(date, gold["date"]))
            per[(tool, publisher)].append(row)
            print(f"{name:28} {publisher:9} {tool:12} {row[0]:6.3f} {row[1]!s:>6} {row[2]!s:>6}")
    for group, publishers in (("visible", VISIBLE), ("held-out", HELD_OUT)):
        print(f"\n{group} publishers: mean body F1 / titles exact / dates right")
        print(f"{'publisher':10} " + " ".join(f"{t:>22}" for t in tools))
        for publisher in publishers:
            cells = []
            for tool in tools:
                rows = per[(tool, publisher)]
                cells.append(f"{statistics.mean(r[0] for r in rows):6.3f} "
                             f"{sum(r[1] for r in rows):3d}/{len(rows)} "
                             f"{sum(r[2] for r in rows):3d}/{len(rows)}")
            print(f"{publisher:10} " + " ".join(f"{c:>22}" for c in cells))
        cells = []
        for tool in tools:
            rows = [r for p in publishers for r in per[(tool, p)]]
            cells.append(f"{statistics.mean(r[0] for r in rows):6.3f} "
                         f"{sum(r[1] for r in rows):3d}/{len(rows)} "
                         f"{sum(r[2] for r in rows):3d}/{len(rows)}")
        print(f"{'all':10} " + " ".join(f"{c:>22}" for c in cells))


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


def kss_case() -> None:
    import kotext

    a = kotext.segment(KSS_CLEAN_NEWS)
    g = KSS_CLEAN_NEWS_GOLD
    print("\nKSS clean-news case (hand-written in its layout):")
    print(f"  body F1 {bigram_f1(a.text, g['body']):.3f}, title exact "
          f"{title_exact(a.title, g['title'])}, reporters {a.reporters} (gold {g['reporters']}),"
          f" outlet {a.outlet!r} (gold {g['outlet']!r})")


def speed(tools: dict[str, Adapter], pages: list[str], runs: int) -> None:
    import kotext

    size = sum(len(p.encode("utf-8")) for p in pages)
    print(f"\nspeed: {len(pages)} pages, {size / 1e6:.2f} MB, median of {runs} runs")
    timed: dict[str, Callable[[], object]] = {
        name: (lambda run=run: [run(p) for p in pages]) for name, run in tools.items()}
    timed["kotext"] = lambda: kotext.segment_many(pages, n_jobs=1)
    timed["kotext 2 threads"] = lambda: kotext.segment_many(pages, n_jobs=2)
    timed["kotext selectolax"] = lambda: kotext.segment_many(pages, parser="selectolax")
    results, cpu = {}, {}
    for tool, fn in timed.items():
        r = common.timed(fn, runs, warmup=0)
        results[tool], cpu[tool] = r["seconds"], r["cpu"]
    # The machine may be shared: CPU time per page (all threads) is the steadier figure.
    base = results.get("trafilatura")
    print(f"{'tool':18} {'seconds':>9} {'pages/s':>9} {'MB/s':>7} {'x trafilatura':>14} "
          f"{'CPU ms/page':>12}")
    for tool, t in results.items():
        ratio = f"{base / t:14.2f}" if base else f"{'n/a':>14}"
        print(f"{tool:18} {t:9.4f} {len(pages) / t:9.1f} {size / 1e6 / t:7.2f} {ratio} "
              f"{1000 * cpu[tool] / len(pages):12.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(PAGES):
        print(f"data not found: {PAGES}")
        return 1
    gold, naver = load_gold(), load_naver()
    tools: dict[str, Adapter] = {"kotext": kotext_adapter()}
    if not args.no_peers:
        for name, make in (("trafilatura", trafilatura_adapter),
                           ("readability", readability_adapter)):
            peer = make()
            if peer is None:
                print(f"{name} not installed (pip install '.[bench]'): left out")
            else:
                tools[name] = peer
    quality(tools, gold)
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
    kss_case()
    if not args.no_speed:
        speed(tools, [html for _, _, html, _ in gold] + [html for _, html in naver], args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
