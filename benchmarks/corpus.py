"""Corpus benchmarks: key sentences against people, and the speed of the pair searches.

1. Key sentences (``Corpus.summary``'s MEAD scoring) on ``sci-news-sum``: 25 IT/science
   articles with human-chosen summary sentences. With k = the number of human sentences,
   the score is the share of a system's k picks that people chose, averaged over articles.
   Systems: kotext, lead-k, LexRank from PyPI (``lexrank``, its own tokenizer and idf
   over the same 25 articles, default threshold 0.03) and TextRank from PyPI
   (``textrankr``'s sentence graph and PageRank over kotext's tokens,
   ``benchmarks/peers/textrankr_peer.py``). The files are split in two halves by name:
   the first 13 were looked at while the method was chosen, the last 12 were not; each
   half is reported apart.
2. Speed at 10k and 100k articles of a synthetic but realistic news stream built from the
   visible texts (:func:`synthetic_news`: distinct originals over a year of dates, 7% of
   them republished 1-5 times with small edits, as wire stories are): corpus build,
   ``duplicates(0.8)`` (with the recall of the original-copy pairs), ``stories()`` (with
   the share of copies in their original's story) and ``similar(n=5)`` for every article,
   against scikit-learn's ``NearestNeighbors(metric="cosine", algorithm="brute")`` on the
   same matrix (``kneighbors`` for similar, ``radius_neighbors(radius=0.2)`` for
   duplicates), time-boxed to ``--sklearn-queries`` query rows and scaled to all rows
   (brute force costs the same per query row). Outputs are checked to agree on those rows
   before timings are printed; the peak RSS of the process is printed after each step.

Usage: ``python benchmarks/corpus.py [--sizes 10000 100000] [--skip-speed]
[--skip-key-sentences] [--sklearn-max N] [--sklearn-queries N] [--similar-max N]
[--skip-pairs]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import kotext
import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
SUM = DATA / "sci-news-sum"
KNEWS = DATA / "knews8-train.jsonl"
#: Files looked at while choosing the method; the rest are held out.
N_DEVELOPMENT = 13


def precision_at_k(picked: list[int], gold: list[int]) -> float:
    return len(set(picked) & set(gold)) / len(gold)


def key_sentences() -> None:
    from kotext._summary import score_sentences

    files = sorted(SUM.glob("*.json"))
    if not files:
        print(f"sci-news-sum not found at {SUM}; skipped")
        return
    arts = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    # the same TF-IDF a Corpus of these articles would hold (headline + sentences)
    corpus = kotext.Corpus([a["title"] + "\n\n" + "\n".join(a["sentences"]) for a in arts],
                           titles=[a["title"] for a in arts], progress=False)
    try:
        from lexrank import LexRank

        lxr = LexRank([a["sentences"] for a in arts], stopwords=set())
    except ImportError:
        lxr = None
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from peers import textrankr_peer

    textrank = textrankr_peer.unavailable() is None
    rows = {"kotext (MEAD)": [], "lead-k": [], "LexRank (lexrank 0.1)": [],
            "TextRank (textrankr)": []}
    for a in arts:
        k = len(a["summaries"])
        scores = score_sentences(corpus.vectorizer.transform(a["sentences"]),
                                 corpus.vectorizer.transform([a["title"]]))
        rows["kotext (MEAD)"].append(
            precision_at_k(list(np.argsort(-scores, kind="stable")[:k]), a["summaries"]))
        rows["lead-k"].append(precision_at_k(list(range(k)), a["summaries"]))
        if lxr is not None:
            s = lxr.rank_sentences(a["sentences"], threshold=0.03)
            rows["LexRank (lexrank 0.1)"].append(
                precision_at_k(list(np.argsort(-np.asarray(s), kind="stable")[:k]),
                               a["summaries"]))
        if textrank:  # textrankr's graph + PageRank over kotext's tokens
            rows["TextRank (textrankr)"].append(precision_at_k(
                textrankr_peer.pick(a["sentences"], k, kotext.tokenize), a["summaries"]))
    print(f"\nKey sentences: precision of the k picks (sci-news-sum, {len(arts)} articles)")
    print(f"{'system':24s} {'dev (first 13)':>15s} {'held-out (12)':>14s} {'all 25':>8s}")
    for name, vals in rows.items():
        if not vals:
            print(f"{name:24s} (not installed: pip install '.[bench]')")
            continue
        v = np.asarray(vals)
        print(f"{name:24s} {v[:N_DEVELOPMENT].mean():15.3f} {v[N_DEVELOPMENT:].mean():14.3f} "
              f"{v.mean():8.3f}")


YNAT = DATA / "ynat-train.csv"
NAVER = DATA / "naver-2016-10-20-sample.txt"
SOYNLP = DATA / "soynlp-news-2018.dat"
#: YNAT topics -> knews8 sections (the sentence pools of the synthetic bodies).
_TOPIC = {"IT과학": "IT/과학", "생활문화": "생활/문화"}
#: Share of articles republished by other outlets, and how many copies each gets: wire
#: stories picked up by a few outlets (a few percent of a day's news), not every story.
COPY_SHARE = 0.07
COPY_RANGE = (1, 5)
#: Days the synthetic corpus spans (copies appear within two days of the original).
SPAN_DAYS = 365


def _edit_words(words: list[str], rng: np.random.Generator, edits: int) -> list[str]:
    """Drop or swap ``edits`` words (a copy-editor's touch; the story stays the same)."""
    words = list(words)
    for _ in range(edits):
        if len(words) < 2:
            break
        i = int(rng.integers(len(words)))
        if rng.random() < 0.5:
            words.pop(i)
        else:
            j = int(rng.integers(len(words)))
            words[i], words[j] = words[j], words[i]
    return words


def synthetic_news(n: int, seed: int = 0) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """``n`` articles built from the visible texts: (texts, titles, dates, copy_of).

    Each original is a YNAT headline (45,000 real, distinct ones, reused with a word edit
    beyond that) over 6-20 sentences drawn from the real sentences of its section (knews8
    bodies; sci-news-sum for IT/과학; the Naver and soynlp samples for every section), each
    sentence with a 20% chance of a one-word edit, so that no two originals share more than
    a topic. Then ``COPY_SHARE`` of the originals are republished 1-5 times (the wire story
    picked up by other outlets) with 1-3 word edits, a dropped closing sentence half of the
    time, and a date within two days. ``copy_of[i]`` is the original's row (or -1).
    """
    import csv

    rng = np.random.default_rng(seed)
    pools: dict[str, list[str]] = {}
    rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")]
    bodies = {r["body"]: r["label_name"] for r in rows}  # knews8 repeats 19 bodies
    sents = kotext.split_sentences(list(bodies))
    for (_, label), ss in zip(bodies.items(), sents):
        pools.setdefault(label, []).extend(s for s in ss if len(s) > 20)
    shared: list[str] = []
    for f in sorted(SUM.glob("*.json")):
        pools.setdefault("IT/과학", []).extend(json.loads(f.read_text("utf-8"))["sentences"])
    if NAVER.exists():
        for line in NAVER.read_text(encoding="utf-8").splitlines():
            shared.extend(s for s in line.split("  ") if len(s) > 20)
    if SOYNLP.exists():
        shared.extend(s for s in kotext.split_sentences(SOYNLP.read_text(encoding="utf-8"))
                      if len(s) > 20)
    with YNAT.open(encoding="utf-8") as f:
        heads = [(r["title"], _TOPIC.get(r["topic"], r["topic"])) for r in csv.DictReader(f)]
    heads = [h for h in heads if h[1] in pools]
    n_orig = int(np.ceil(n / (1 + COPY_SHARE * np.mean(COPY_RANGE))))
    texts: list[str] = []
    titles: list[str] = []
    days: list[int] = []
    for k in range(n_orig):
        title, topic = heads[k % len(heads)]
        if k >= len(heads):
            title = " ".join(_edit_words(title.split(), rng, 1))
        pool = pools[topic]
        picks = [pool[i] if rng.random() < 0.9 or not shared else shared[i % len(shared)]
                 for i in rng.integers(len(pool), size=int(rng.integers(6, 21)))]
        body = [" ".join(_edit_words(s.split(), rng, 1)) if rng.random() < 0.2 else s
                for s in picks]
        titles.append(title)
        texts.append(title + "\n\n" + " ".join(body))
        days.append(int(rng.integers(SPAN_DAYS)))
    copy_of = [-1] * n_orig
    # the copies: 1-5 for each of a random COPY_SHARE of the originals (n - n_orig in all)
    for k in rng.permutation(n_orig):
        if len(texts) >= n:
            break
        for _ in range(int(rng.integers(COPY_RANGE[0], COPY_RANGE[1] + 1))):
            if len(texts) >= n:
                break
            head, _, body = texts[k].partition("\n\n")
            words = _edit_words(body.split(), rng, int(rng.integers(1, 4)))
            if rng.random() < 0.5:  # the closing sentence dropped
                cut = " ".join(words).rsplit(". ", 1)[0]
                words = cut.split() if len(cut) > len(body) // 2 else words
            texts.append(head + "\n\n" + " ".join(words))
            titles.append(head)
            days.append(days[k] + int(rng.integers(3)))
            copy_of.append(int(k))
    texts, titles, days, copy_of = texts[:n], titles[:n], days[:n], copy_of[:n]
    dates = [str(np.datetime64("2024-01-01") + d) for d in days]
    return texts, titles, dates, np.asarray(copy_of)


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(sizes: list[int], sklearn_max: int, sklearn_queries: int,
          similar_max: int, skip_pairs: bool = False) -> None:
    if not (KNEWS.exists() and YNAT.exists()):
        print(f"knews8 / YNAT not found under {DATA}; speed skipped")
        return
    from sklearn.neighbors import NearestNeighbors

    print("\nSpeed (seconds; 2-core shared machine; kotext uses both cores, scikit-learn "
          "n_jobs=2); one line per step as it finishes; 'peak' = the process's peak RSS so far")
    for n in sizes:
        texts, titles, dates, copy_of = synthetic_news(n)
        n_copies = int((copy_of >= 0).sum())
        print(f"{n:>7d} articles  ({n - n_copies} originals, {n_copies} republished copies "
              f"of {len(set(copy_of[copy_of >= 0]))} of them)", flush=True)
        corpus, t = timed(kotext.Corpus, texts, titles=titles, dates=dates, progress=False)
        print(f"{n:>7d} articles  build {t:7.1f}  ({corpus.X.shape[1]} terms, "
              f"{corpus.X.nnz} stored values)  peak {_peak_mb():.0f} MB", flush=True)
        rows = {v: i for i, v in enumerate(corpus.ids)}
        found = None
        if not skip_pairs:
            dup, t = timed(corpus.duplicates, 0.8)
            found = {(rows[a], rows[b]) for a, b in zip(dup["id_a"], dup["id_b"])}
            wire = [(int(o), i) for i, o in enumerate(copy_of) if o >= 0]
            recall = np.mean([p in found for p in wire])
            print(f"{n:>7d} articles  kotext duplicates(0.8) {t:7.1f}  ({len(dup)} pairs; recall "
                  f"of original-copy pairs {recall:.3f})  peak {_peak_mb():.0f} MB", flush=True)
            st, t = timed(corpus.stories)
            story_of = np.empty(n, dtype=np.int64)
            for k, ids in zip(st["story"], st["ids"]):
                story_of[[rows[i] for i in ids]] = k
            together = np.mean([story_of[a] == story_of[b] for a, b in wire])
            print(f"{n:>7d} articles  kotext stories() {t:7.1f}  ({len(st)} stories, "
                  f"{int((st['size'] > 1).sum())} of 2+ articles, largest {st['size'].max()}; "
                  f"copies in their original's story {together:.3f})  peak {_peak_mb():.0f} MB",
                  flush=True)
        if n <= similar_max:
            sim, t = timed(corpus.similar, n=5)
            print(f"{n:>7d} articles  kotext similar(n=5) {t:7.1f}  ({len(sim)} rows)  "
                  f"peak {_peak_mb():.0f} MB", flush=True)
            best = sim[sim["rank"] == 1].set_index("id")["score"]
        else:  # time-boxed as scikit-learn is: similar()'s own block call on q rows
            q = min(n, sklearn_queries)
            nb, t = timed(kotext.similarity, corpus.X[:q], corpus.X, top_n=6, include_self=True)
            own = nb.indices == np.arange(q)[:, None]
            first = np.where(own | (nb.indices < 0), -np.inf, nb.scores).max(axis=1)
            best = pd.Series(np.maximum(first, 0), index=corpus.ids[:q])
            print(f"{n:>7d} articles  kotext similar(n=5) {t * n / q:7.1f} on {q} query rows, "
                  f"x{n / q:.0f} extrapolated to all (--similar-max {similar_max})  "
                  f"peak {_peak_mb():.0f} MB", flush=True)
        if n > sklearn_max:
            print(f"{n:>7d} articles  scikit-learn skipped (--sklearn-max {sklearn_max})")
            continue
        nn = NearestNeighbors(metric="cosine", algorithm="brute", n_jobs=2).fit(corpus.X)
        # Time-boxed: at most sklearn_queries query rows against the whole matrix, the
        # time scaled by n / queries (brute force costs the same per query row).
        q = min(n, sklearn_queries)
        scale = n / q
        label = "" if q == n else f" on {q} query rows, x{scale:.0f} extrapolated to all"
        (dist, _), t = timed(nn.kneighbors, corpus.X[:q], n_neighbors=6)
        # agreement: each article's best score (ties make the ids differ)
        ours = best.reindex(corpus.ids[:q]).fillna(0).to_numpy()
        sk_best = np.sort(1 - dist, axis=1)[:, ::-1][:, 1]
        assert np.allclose(ours, np.maximum(sk_best, 0), atol=1e-9), \
            "similar() and scikit-learn disagree"
        print(f"{n:>7d} articles  scikit-learn kneighbors(6) {t * scale:7.1f}{label}  (best "
              f"scores agree)", flush=True)
        (rd, ri), t = timed(nn.radius_neighbors, corpus.X[:q], radius=0.2)
        sk_pairs = {(i, int(j)) for i, (d, r) in enumerate(zip(rd, ri))
                    for j in r[(r > i) & (d <= 0.2 - 1e-9)]}
        if found is None:
            print(f"{n:>7d} articles  scikit-learn radius_neighbors(0.2) {t * scale:7.1f}"
                  f"{label}  ({len(sk_pairs)} pairs from those rows)", flush=True)
            continue
        ours_q = {p for p in found if p[0] < q}
        assert sk_pairs <= ours_q and len(ours_q - sk_pairs) <= max(2, len(ours_q) // 10000), \
            f"duplicates: kotext {len(ours_q)} pairs, scikit-learn {len(sk_pairs)}"
        print(f"{n:>7d} articles  scikit-learn radius_neighbors(0.2) {t * scale:7.1f}{label}  "
              f"({len(sk_pairs)} pairs from those rows, the same as kotext's)  "
              f"peak {_peak_mb():.0f} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-key-sentences", action="store_true")
    ap.add_argument("--skip-pairs", action="store_true",
                    help="time build and similar only (not duplicates and stories)")
    ap.add_argument("--sklearn-max", type=int, default=100_000,
                    help="largest size at which scikit-learn is timed too")
    ap.add_argument("--sklearn-queries", type=int, default=10_000,
                    help="query rows scikit-learn is timed on (time-box; scaled to all)")
    ap.add_argument("--similar-max", type=int, default=10**9,
                    help="above this size, kotext's similar() is time-boxed like scikit-learn")
    args = ap.parse_args(argv)
    if not args.skip_key_sentences:
        key_sentences()
    if not args.skip_speed:
        speed(args.sizes, args.sklearn_max, args.sklearn_queries, args.similar_max,
              args.skip_pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
