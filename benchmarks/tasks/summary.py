"""key sentences: lead-k, TextRank (textrankr), LexRank (lexrank) and Corpus.summary on sci-news-sum.

Each of the 25 IT/science articles comes split into sentences by people, with the sentences
people chose as its summary. Every system picks k sentences, k = the number of human picks
of that article; the score is the precision of the picks (= recall, since k is fixed),
averaged over articles (macro) and pooled (micro). The article is given to kotext as its
human sentences joined by newlines, with its title as the headline when Corpus takes one;
kotext's picks are mapped back to the human sentence they overlap most.
"""

from __future__ import annotations

import glob
import inspect
import json
import os
import re

import _common as c
from peers import kiwi_peer, lexrank_peer, reference_peer, textrankr_peer

TITLE = "Key sentences"
_WS = re.compile(r"\s+")


def load() -> list[dict]:
    docs = []
    for path in sorted(glob.glob(str(c.DATA / "news" / "sci-news-sum" / "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        pairs = [(i, s) for i, s in enumerate(d["sentences"]) if s.strip()]
        keep = {i for i, _ in pairs}
        docs.append({"id": os.path.basename(path), "title": d.get("title", ""),
                     "sentences": [s for _, s in pairs],
                     "gold": {[i for i, _ in pairs].index(g) for g in d["summaries"] if g in keep}})
    return docs


def best_match(text: str, sentences: list[str]) -> int:
    """Index of the human sentence sharing the most characters (whitespace removed) with text."""
    t = _WS.sub("", text)

    def common(s: str) -> int:
        s = _WS.sub("", s)
        return len(s) if s in t else (len(t) if t in s else 0)

    scores = [common(s) for s in sentences]
    return max(range(len(sentences)), key=lambda i: scores[i])


def kotext_picks(docs: list[dict]) -> list[list[int]]:
    import kotext

    kw = {}
    if "titles" in inspect.signature(kotext.Corpus).parameters:
        kw["titles"] = [d["title"] for d in docs]
    corpus = kotext.Corpus(["\n".join(d["sentences"]) for d in docs], **kw)
    out = []
    for i, d in enumerate(docs):
        frame = corpus.summary(i, n=len(d["gold"]))
        out.append(sorted({best_match(t, d["sentences"]) for t in frame["text"]}))
    return out


def kiwi_morphs(text: str) -> list[str]:
    return [t.form for t in kiwi_peer.kiwi().tokenize(text)]


def score(docs: list[dict], picks: list[list[int]]) -> tuple[float, float]:
    hits = [len(set(p) & d["gold"]) for d, p in zip(docs, picks)]
    ks = [len(d["gold"]) for d in docs]
    macro = sum(h / k for h, k in zip(hits, ks) if k) / sum(1 for k in ks if k)
    return macro, sum(hits) / sum(ks)


def run(quick: bool) -> str:
    if (why := c.have_data("news", "sci-news-sum")):
        return c.na(why)
    docs = [d for d in load() if d["gold"]]
    systems = {"lead-k (first k sentences)":
               lambda: [reference_peer.lead_k(d["sentences"], len(d["gold"])) for d in docs]}
    # QUICK: whitespace tokens, so that loading Kiwi's model does not take the budget
    tok = kiwi_morphs if kiwi_peer.unavailable() is None and not quick else str.split
    label = "Kiwi morphemes" if tok is kiwi_morphs else "whitespace tokens"
    if (why := textrankr_peer.unavailable()):
        systems["TextRank (textrankr)"] = why
    else:
        systems[f"TextRank (textrankr {c.version('textrankr')}, {label})"] = lambda: [
            textrankr_peer.pick(d["sentences"], len(d["gold"]), tok) for d in docs]
    if (why := lexrank_peer.unavailable()):
        systems["LexRank (lexrank)"] = why
    else:
        def lexrank(tokenizer):
            ranker = lexrank_peer.ranker([d["sentences"] for d in docs], tokenizer)
            return [lexrank_peer.pick(ranker, d["sentences"], len(d["gold"])) for d in docs]

        name = f"LexRank (lexrank {c.version('lexrank')}"
        systems[name + ", its own tokens)"] = lambda: lexrank(None)
        if tok is kiwi_morphs:
            systems[f"{name}, {label})"] = lambda: lexrank(tok)
    if c.version("lexrankr") is None:
        systems["LexRank (lexrankr)"] = ("does not install from PyPI: it depends on the "
                                         "retired 'sklearn' package name")
    import kotext

    if hasattr(kotext.Corpus, "summary"):
        systems["kotext Corpus.summary"] = lambda: kotext_picks(docs)
    else:
        systems["kotext Corpus.summary"] = "Corpus.summary not in this kotext"
    rows, times = [], {}
    runs = c.MIN_RUNS
    for name, fn in systems.items():
        if isinstance(fn, str):
            rows.append([name, c.na(fn), "-", "-"])
            continue
        picks, why = c.attempt(fn)
        if why:
            rows.append([name, c.na(why), "-", "-"])
            continue
        macro, micro = score(docs, picks)
        times[name] = c.timed(fn, runs, warmup=0)  # the scored call above was the warm-up
        rows.append([name, macro, micro, f"{times[name]['seconds']:.3f}"])
    ours = next((r for r in rows if r[0] == "kotext Corpus.summary"), None)
    c.headline("key-sentence precision (macro), sci-news-sum",
               ours[1] if ours else "-", c.best_peer(rows, 1))
    n_k = sum(len(d["gold"]) for d in docs)
    head = (f"{len(docs)} sci-news-sum articles, {n_k} human-chosen sentences; precision of the "
            f"k picks (higher is better). Times: all articles, median of {runs} runs.")
    return head + "\n\n" + c.md_table(["system", "precision (macro)", "precision (micro)",
                                       "seconds"], rows)
