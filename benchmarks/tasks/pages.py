"""pages: kotext.segment vs trafilatura, readability-lxml and jusText on every gold page.

Gold pages: ``../shared/data/pages/dev`` (17 pages of 5 publishers, body = paragraphs) and
``pages/fundus-kr`` (2 pages; body = the sections' headlines and paragraphs; the bullet
summary is left out, as it is in ``benchmarks/segment.py``). Scores follow the data
README's rules: title exact after removing whitespace; body = Dice F1 of the character-
bigram multisets of gold and predicted body with all whitespace removed; date = the same
calendar day in Korean time. readability and jusText find no dates, jusText no titles:
"-" there. jusText runs with its defaults and with its length thresholds scaled for
Korean (``peers.justext_peer.scaled_lengths``, computed on knews8 articles, not on the
pages). Speed: pages/s over all pages, median of the timed runs after a warm-up, and the
speed-up of kotext over each row in the same run.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import json
import os
import re
from collections import Counter

import _common as c
from peers import justext_peer, readability_peer, trafilatura_peer

TITLE = "Article extraction from pages"
KST = dt.timezone(dt.timedelta(hours=9))
_WS = re.compile(r"\s+")


def load() -> list[dict]:
    pages = []
    for path in sorted(glob.glob(str(c.DATA / "pages" / "dev" / "*.gold.json"))):
        with open(path, encoding="utf-8") as f:
            g = json.load(f)
        with gzip.open(path.replace(".gold.json", ".html.gz")) as f:
            html = f.read().decode(g.get("encoding") or "utf-8", errors="replace")
        pages.append({"name": "dev/" + os.path.basename(path)[:-10], "html": html,
                      "title": g["title"], "date": g.get("date"), "body": g["body"]})
    for path in sorted(glob.glob(str(c.DATA / "pages" / "fundus-kr" / "*.gold.json"))):
        with open(path, encoding="utf-8") as f:
            g = json.load(f)
        with gzip.open(path.replace(".gold.json", ".html.gz")) as f:
            html = f.read().decode("utf-8", errors="replace")
        body = [x for s in g["body"]["sections"] for x in [*s.get("headline", []),
                                                            *s.get("paragraphs", [])]]
        pages.append({"name": "fundus-kr/" + os.path.basename(path)[:-10], "html": html,
                      "title": g["title"], "date": g.get("publishing_date"), "body": body})
    return pages


def _bigram_f1(pred: str, gold: str) -> float:
    """Dice F1 of character-bigram multisets, all whitespace removed (the data README's rule)."""
    p, g = _WS.sub("", pred), _WS.sub("", gold)
    bp = Counter(p[i:i + 2] for i in range(len(p) - 1))
    bg = Counter(g[i:i + 2] for i in range(len(g) - 1))
    total = sum(bp.values()) + sum(bg.values())
    return 2 * sum((bp & bg).values()) / total if total else 1.0


def kst_day(value: str | None) -> dt.date | None:
    """The calendar day in Korean time of an ISO-like date string (no zone = Korean time)."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    for cand in (text, text.replace(" ", "T", 1), text[:10]):
        try:
            d = dt.datetime.fromisoformat(cand)
        except ValueError:
            continue
        if d.tzinfo is None:
            return d.date()
        return d.astimezone(KST).date()
    return None


def _same_day_kst(pred: str, gold: str) -> bool:
    return kst_day(pred) is not None and kst_day(pred) == kst_day(gold)


# The segmentation tests' own metrics when this checkout has them (one implementation per
# rule); the definitions above are the same rules for a checkout that has only char_f1.
try:
    from segment_metrics import bigram_f1, same_day_kst
except ImportError:
    bigram_f1, same_day_kst = _bigram_f1, _same_day_kst


def kotext_extract(html: str) -> tuple[str, str, list[str]]:
    import kotext

    a = kotext.segment(html)
    date = a.datetime or a.date
    return a.title or "", "" if date is None else str(date), list(a.paragraphs)


def systems() -> dict:
    out: dict = {"kotext.segment": kotext_extract}
    out["trafilatura"] = trafilatura_peer.unavailable() or trafilatura_peer.extract
    out["readability-lxml"] = readability_peer.unavailable() or readability_peer.extract
    why = justext_peer.unavailable()
    out["jusText (defaults)"] = why or justext_peer.extract
    if why is None:
        texts, _ = c.knews8()
        lengths = justext_peer.scaled_lengths(texts)
        out[f"jusText (lengths scaled for Korean: {lengths[0]}/{lengths[1]})"] = (
            lambda html, lengths=lengths: justext_peer.extract(html, lengths))
    return out


def run(quick: bool) -> str:
    if (why := c.have_data("pages", "dev")):
        return c.na(why)
    pages = load()
    if quick:
        pages = pages[::6]
    rows, times = [], {}
    runs = c.MIN_RUNS
    htmls = [p["html"] for p in pages]
    for name, fn in systems().items():
        if isinstance(fn, str):
            rows.append([name, c.na(fn), "-", "-", "-", "-"])
            continue
        outs, why = c.attempt(lambda fn=fn: [fn(h) for h in htmls])
        if why:
            rows.append([name, c.na(why), "-", "-", "-", "-"])
            continue
        f1 = [bigram_f1("".join(o[2]), "".join(p["body"])) for o, p in zip(outs, pages)]
        titles = [_WS.sub("", o[0]) == _WS.sub("", p["title"]) for o, p in zip(outs, pages)]
        dates = [same_day_kst(o[1], p["date"] or "") for o, p in zip(outs, pages)]
        has_title = any(o[0] for o in outs)
        has_date = any(o[1] for o in outs)
        times[name] = c.timed(lambda fn=fn: [fn(h) for h in htmls], runs)
        rows.append([name, sum(f1) / len(f1), min(f1),
                     f"{sum(titles)}/{len(pages)}" if has_title else "-",
                     f"{sum(dates)}/{len(pages)}" if has_date else "-",
                     c.sig(len(pages) / times[name]["seconds"])])
    notes = []
    cores = min(2, c.os_cores())
    import kotext

    if hasattr(kotext, "segment_many") and cores > 1:
        # the same pages in one call on all cores: the same articles, checked, then timed
        name = f"kotext.segment_many, {cores} threads"

        def many():
            return kotext.segment_many(htmls, n_jobs=cores)

        arts, why = c.attempt(many)
        if why is None:
            same = sum((a.title or "", list(a.paragraphs)) == (o[0], o[2]) for a, o in
                       zip(arts, [kotext_extract(h) for h in htmls]))
            notes.append(f"Check: segment_many with {cores} threads gives kotext.segment's "
                         f"title and paragraphs on {same}/{len(pages)} pages.")
            times[name] = c.timed(many, runs)
            rows.append([name, "-", "-", "-", "-", c.sig(len(pages) / times[name]["seconds"])])
        else:
            rows.append([name, c.na(why), "-", "-", "-", "-"])
    base = times.get("kotext.segment")
    ours = next((r for r in rows if r[0] == "kotext.segment"), None)
    if ours and isinstance(ours[1], float):
        c.headline("page body bigram F1 (mean)", ours[1], c.best_peer(rows, 1),
                   c.speedup(times.get("trafilatura"), base) + " vs trafilatura")
    for r in rows:
        r.append(c.speedup(times.get(r[0]), base))
    head = (f"{len(pages)} gold pages" + (" (QUICK: every sixth page)" if quick else "")
            + f"; median of {runs} runs after a warm-up for pages/s.")
    return "\n\n".join([head, c.md_table(["system", "body bigram F1 (mean)", "worst page",
                                          "title exact", "date (KST day)", "pages/s",
                                          "kotext speed-up (wall, CPU)"], rows), *notes])
