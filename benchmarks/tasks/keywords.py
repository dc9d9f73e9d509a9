"""keywords: KR-WordRank on its own published example, kotext on the same comments; new words.

1. KR-WordRank on the 15,603 La La Land comments with the settings of its README (min_count
   5, max_length 10, beta 0.85, 10 iterations): its top 100 must reproduce the published
   list (``krwordrank_keyword.txt``) before anything else is compared.
2. kotext on the same comments: the corpus's keywords as the terms with the largest summed
   TF-IDF weight over all comments (``kotext.Corpus``, default Korean vectorizer). Overlap
   with KR-WordRank's published top k (exact strings, and "prefix" where one is a prefix of
   the other: KR-WordRank keeps L-parts such as 꿈을, 아름), and time.
3. New-word discovery: ``Kiwi.extract_words`` against ``kotext.Tokenizer.fit`` (its
   ``learned_nouns_``) on the same news articles: how many, how many in common, time.
"""

from __future__ import annotations

import _common as c
from peers import kiwi_peer, krwordrank_peer

TITLE = "Keywords and new words"
FOLDER = ("keywords", "krwordrank-lalaland")
KS = (10, 20, 50, 100)


def load_comments() -> list[str]:
    path = c.DATA.joinpath(*FOLDER, "134963_norm.txt")
    with open(path, encoding="utf-8") as f:
        return [line.split("\t")[0] for line in f if line.strip()]


def load_published() -> list[tuple[str, float]]:
    path = c.DATA.joinpath(*FOLDER, "krwordrank_keyword.txt")
    with open(path, encoding="utf-8") as f:
        return [(w, float(s)) for w, s in (line.split() for line in f if line.strip())]


def kotext_keywords(texts: list[str], top: int = 100) -> list[str]:
    import kotext
    import numpy as np

    corpus = kotext.Corpus(texts)
    mass = np.asarray(corpus.X.sum(axis=0)).ravel()
    return [str(corpus.feature_names[i]) for i in np.argsort(-mass, kind="stable")[:top]]


def overlap(a: list[str], b: list[str], k: int, prefix: bool = False) -> int:
    a, b = a[:k], b[:k]
    if not prefix:
        return len(set(a) & set(b))
    return sum(any(x.startswith(y) or y.startswith(x) for y in b) for x in a)


def keyword_table(quick: bool) -> str:
    if (why := c.have_data(*FOLDER)):
        return c.na(why)
    texts = load_comments()
    published = [w for w, _ in load_published()]
    notes, rows, times = [], [], {}
    if quick:
        texts = texts[:1000]
        notes.append(f"QUICK: the first {len(texts)} comments only, so KR-WordRank's list is not "
                     "expected to match the published one.")
    runs = c.MIN_RUNS
    if (why := krwordrank_peer.unavailable()):
        rows.append(["KR-WordRank", c.na(why), "-", "-", "-", "-"])
        kr = None
    else:
        kr = [w for w, _ in krwordrank_peer.keywords(texts)]  # also the warm-up
        n = overlap(kr, published, 100)
        notes.insert(0, f"Reproduction: KR-WordRank {c.version('krwordrank')} gives {n}/100 of "
                        f"the published top 100 on {len(texts):,} comments "
                        f"(top 10 published: {' '.join(published[:10])}; ours: {' '.join(kr[:10])}).")
        times["KR-WordRank"] = c.timed(lambda: krwordrank_peer.keywords(texts), runs, warmup=0)
        rows.append(["KR-WordRank", *[overlap(kr, published, k) for k in KS], "-"])
    ours, why = c.attempt(kotext_keywords, texts)
    if why:
        rows.append(["kotext (Corpus, summed TF-IDF)", c.na(why), "-", "-", "-", "-"])
    else:
        times["kotext"] = c.timed(lambda: kotext_keywords(texts), runs)
        rows.append(["kotext (Corpus, summed TF-IDF)",
                     *[f"{overlap(ours, published, k)} (prefix {overlap(ours, published, k, True)})"
                       for k in KS], c.speedup(times.get("KR-WordRank"), times["kotext"])])
        notes.append(f"kotext top 10: {' '.join(ours[:10])}")
        c.headline("in KR-WordRank's published top 100 (exact)", overlap(ours, published, 100),
                   f"KR-WordRank {overlap(kr, published, 100) if kr else '-'}",
                   c.speedup(times.get("KR-WordRank"), times["kotext"]))
    for r in rows:
        name = "KR-WordRank" if r[0] == "KR-WordRank" else "kotext"
        if name in times:
            r.insert(1, f"{times[name]['seconds']:.2f}")
        else:
            r.insert(1, "-")
    table = c.md_table(["system", "median s", *[f"in published top {k}" for k in KS],
                        "kotext speed-up over KR-WordRank (wall, CPU)"], rows)
    return "\n\n".join([table, *notes])


def not_in_dictionary(words: set[str]) -> set[str] | None:
    """The words mecab-ko-dic does not know as one noun (the truly new ones), or None."""
    from peers import mecab_peer

    if mecab_peer.unavailable():
        return None
    import mecab

    m = mecab.MeCab()
    return {w for w in words if not ((ms := m.parse(w)) and len(ms) == 1
                                     and ms[0].feature.pos in ("NNG", "NNP"))}


def _new_cells(words: set[str], other: set[str] | None) -> list:
    new = not_in_dictionary(words)
    sample = sorted((new if new is not None else words) - (other or set()))[:12]
    return [len(words), "-" if new is None else len(new),
            "-" if other is None else len(words & other), " ".join(sample)]


def new_words(quick: bool) -> str:
    import time

    import kotext

    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    texts, _ = c.knews8()
    texts = texts[:10] if quick else texts
    rows = []
    t0 = time.perf_counter()
    learned = set(kotext.Tokenizer().fit(texts).learned_nouns_)
    t_k = time.perf_counter() - t0
    kiwi_words: set[str] | None = None
    if (why := kiwi_peer.unavailable()):
        rows.append(["Kiwi extract_words", c.na(why), "-", "-", "-", "-"])
    else:
        t0 = time.perf_counter()
        kiwi_words = set(kiwi_peer.extract_words(texts))
        t_w = time.perf_counter() - t0
        rows.append(["Kiwi extract_words (defaults)", f"{t_w:.2f}",
                     *_new_cells(kiwi_words, learned)])
    rows.append(["kotext Tokenizer.fit (learned_nouns_)", f"{t_k:.2f}",
                 *_new_cells(learned, kiwi_words)])
    head = (f"New-word discovery on {len(texts):,} knews8 articles (no gold: counts, agreement, "
            "and a sample of the words only one side found; one run each, as a user runs it "
            "once per corpus):")
    return head + "\n\n" + c.md_table(["system", "seconds", "words",
                                       "not one mecab-ko-dic noun", "in common",
                                       "sample: new to mecab-ko-dic, this side only"], rows)


def run(quick: bool) -> str:
    return keyword_table(quick) + "\n\n" + new_words(quick)
