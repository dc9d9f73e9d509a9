"""Corpus benchmarks: key sentences against people, and the speed of the pair searches.

1. Key sentences (``Corpus.summary``'s MEAD scoring) on ``sci-news-sum``: 25 IT/science
   articles with human-chosen summary sentences. With k = the number of human sentences,
   the score is the share of a system's k picks that people chose, averaged over articles.
   Systems: kotext, lead-k, and LexRank from PyPI (``lexrank``, its own tokenizer and idf
   over the same 25 articles, default threshold 0.03). The files are split in two halves by
   name: the first 13 were looked at while the method was chosen, the last 12 were not;
   each half is reported apart.
2. Speed at 10k and 100k articles (knews8 repeated with small random word edits, so no two
   copies are identical): corpus build, ``similar(n=5)`` for every article and
   ``duplicates(0.8)`` / ``stories()``, against scikit-learn's
   ``NearestNeighbors(metric="cosine", algorithm="brute")`` on the same matrix
   (``kneighbors`` for similar, ``radius_neighbors(radius=0.2)`` for duplicates). Outputs
   are checked to agree before timings are printed.

Usage: ``python benchmarks/corpus.py [--sizes 10000 100000] [--skip-speed] [--sklearn-max N]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import kotext
import numpy as np

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
    rows = {"kotext (MEAD)": [], "lead-k": [], "LexRank (lexrank 0.1)": []}
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
    print(f"\nKey sentences: precision of the k picks (sci-news-sum, {len(arts)} articles)")
    print(f"{'system':24s} {'dev (first 13)':>15s} {'held-out (12)':>14s} {'all 25':>8s}")
    for name, vals in rows.items():
        if not vals:
            print(f"{name:24s} (not installed: pip install lexrank)")
            continue
        v = np.asarray(vals)
        print(f"{name:24s} {v[:N_DEVELOPMENT].mean():15.3f} {v[N_DEVELOPMENT:].mean():14.3f} "
              f"{v.mean():8.3f}")


def edited_copies(texts: list[str], n: int, seed: int = 0) -> list[str]:
    """``n`` documents: the texts, then copies with 1-3 words dropped or swapped each."""
    rng = np.random.default_rng(seed)
    out = list(texts[:n])
    while len(out) < n:
        words = texts[len(out) % len(texts)].split()
        for _ in range(int(rng.integers(1, 4))):
            i = int(rng.integers(len(words)))
            if rng.random() < 0.5 and len(words) > 1:
                words.pop(i)
            else:
                j = int(rng.integers(len(words)))
                words[i], words[j] = words[j], words[i]
        out.append(" ".join(words))
    return out


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def speed(sizes: list[int], sklearn_max: int) -> None:
    if not KNEWS.exists():
        print(f"knews8 not found at {KNEWS}; speed skipped")
        return
    rows = [json.loads(line) for line in KNEWS.open(encoding="utf-8")]
    base = [r["title"] + "\n\n" + r["body"] for r in rows]
    print("\nSpeed (seconds; 2-core shared machine; kotext uses both cores, scikit-learn "
          "n_jobs=2); one line per step as it finishes")
    for n in sizes:
        texts = edited_copies(base, n)
        corpus, t = timed(kotext.Corpus, texts, progress=False)
        print(f"{n:>7d} articles  build {t:7.1f}  ({corpus.X.shape[1]} terms, "
              f"{corpus.X.nnz} stored values)", flush=True)
        dup, t = timed(corpus.duplicates, 0.8)
        print(f"{n:>7d} articles  kotext duplicates(0.8) {t:7.1f}  ({len(dup)} pairs)", flush=True)
        st, t = timed(corpus.stories)
        print(f"{n:>7d} articles  kotext stories() {t:7.1f}  ({len(st)} stories)", flush=True)
        sim, t = timed(corpus.similar, n=5)
        print(f"{n:>7d} articles  kotext similar(n=5) {t:7.1f}", flush=True)
        if n > sklearn_max:
            continue
        from sklearn.neighbors import NearestNeighbors

        nn = NearestNeighbors(metric="cosine", algorithm="brute", n_jobs=2).fit(corpus.X)
        (dist, _), t = timed(nn.kneighbors, corpus.X, n_neighbors=6)
        # agreement: each article's best score (ties make the ids differ)
        first = sim[sim["rank"] == 1]["score"].to_numpy()
        sk_best = np.sort(1 - dist, axis=1)[:, ::-1][:, 1]
        assert np.allclose(np.sort(first), np.sort(sk_best[sk_best > 0]), atol=1e-9), \
            "similar() and scikit-learn disagree"
        print(f"{n:>7d} articles  scikit-learn kneighbors(6) {t:7.1f}  (best scores agree)",
              flush=True)
        (rd, ri), t = timed(nn.radius_neighbors, corpus.X, radius=0.2)
        sk_pairs = sum(int(((r > i) & (d <= 0.2 + 1e-12)).sum())
                       for i, (d, r) in enumerate(zip(rd, ri)))
        assert abs(sk_pairs - len(dup)) <= max(2, len(dup) // 10000), \
            f"duplicates: kotext {len(dup)} pairs, scikit-learn {sk_pairs}"
        print(f"{n:>7d} articles  scikit-learn radius_neighbors(0.2) {t:7.1f}  ({sk_pairs} "
              "pairs)", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--sklearn-max", type=int, default=100_000,
                    help="largest size at which scikit-learn is timed too")
    args = ap.parse_args(argv)
    key_sentences()
    if not args.skip_speed:
        speed(args.sizes, args.sklearn_max)
    return 0


if __name__ == "__main__":
    sys.exit(main())
