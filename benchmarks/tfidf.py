"""TF-IDF topic separation: kotext.TfidfVectorizer against scikit-learn's TfidfVectorizer.

Quality (topic separation, higher is better):
- knews8 (title + body, duplicates dropped): leave-one-out 1-nearest-neighbour topic accuracy
  (cosine) and leave-one-out nearest-centroid accuracy (the document is removed from its own
  topic's centroid).
- YNAT headlines: fit on ynat-train.csv, classify ynat-val.csv by its nearest training
  headline (1-NN) and by the nearest topic centroid.
Each vectorizer runs with its defaults (kotext: Korean tokenizer + sublinear tf; sklearn:
regex tokens, raw tf); sklearn with sublinear_tf=True is shown too.

The measures (``loo_1nn``, ``loo_centroid``, ``heldout``) are those of the TF-IDF task of
``run_all.py`` too. Speed and memory (fit_transform on distinct text and on knews8 repeated
to >= 50 MB, each vectorizer in a fresh process) are measured by that task only:
``.venv/bin/python benchmarks/run_all.py --tasks tfidf``.

Run: ``.venv/bin/python benchmarks/tfidf.py`` (this table, with a few more variants)
"""

from __future__ import annotations

import argparse

import _common as c
import numpy as np
import scipy.sparse as sp


def load_knews8() -> tuple[list[str], np.ndarray]:
    texts, labels = c.knews8()
    return texts, np.array(labels)


def load_ynat(name: str) -> tuple[list[str], np.ndarray, list[str]]:
    texts, topics = c.ynat(name)
    return texts, np.array(topics), sorted(set(topics))


def loo_1nn(X: sp.csr_matrix, y: np.ndarray) -> float:
    import kotext

    nb = kotext.similarity(X, top_n=1)
    return float((y[nb.indices[:, 0]] == y).mean())


def loo_centroid(X: sp.csr_matrix, y: np.ndarray) -> float:
    classes, yi = np.unique(y, return_inverse=True)
    n = len(y)
    member = sp.csr_matrix((np.ones(n), (yi, np.arange(n))), shape=(len(classes), n))
    C = np.asarray((member @ X).todense())
    S = np.asarray(X @ C.T)
    self_dot = np.asarray(X.multiply(X).sum(axis=1)).ravel()
    c_norm2 = (C * C).sum(axis=1)
    norms = np.sqrt(np.tile(c_norm2, (n, 1)))
    own = S[np.arange(n), yi]
    S[np.arange(n), yi] = own - self_dot
    norms[np.arange(n), yi] = np.sqrt(np.maximum(c_norm2[yi] - 2 * own + self_dot, 1e-300))
    return float((classes[(S / norms).argmax(axis=1)] == y).mean())


def heldout(Xtr, ytr, Xva, yva) -> tuple[float, float]:
    import kotext

    nb = kotext.similarity(Xva, Xtr, top_n=1)
    acc_nn = float((ytr[nb.indices[:, 0]] == yva).mean())
    classes, yi = np.unique(ytr, return_inverse=True)
    member = sp.csr_matrix((np.ones(len(ytr)), (yi, np.arange(len(ytr)))))
    C = np.asarray((member @ Xtr).todense())
    C /= np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-300)
    acc_c = float((classes[np.asarray(Xva @ C.T).argmax(axis=1)] == yva).mean())
    return acc_nn, acc_c


def vectorizers() -> dict:
    import kotext
    from sklearn.feature_extraction.text import TfidfVectorizer

    return {
        "kotext default": lambda: kotext.TfidfVectorizer(),
        "kotext weighting='bm25'": lambda: kotext.TfidfVectorizer(weighting="bm25"),
        "kotext char_wb (2, 3)": lambda: kotext.TfidfVectorizer(analyzer="char_wb",
                                                               ngram_range=(2, 3)),
        "sklearn default": lambda: TfidfVectorizer(),
        "sklearn sublinear_tf": lambda: TfidfVectorizer(sublinear_tf=True),
    }


def quality() -> None:
    texts, y = load_knews8()
    tr, ytr, _ = load_ynat("ynat-train.csv")
    va, yva, _ = load_ynat("ynat-val.csv")
    print(f"## Topic separation (knews8: {len(texts)} articles, 8 topics; YNAT: {len(tr)} train / "
          f"{len(va)} val headlines, 7 topics)\n")
    print("| vectorizer | knews8 LOO 1-NN | knews8 LOO centroid | YNAT val 1-NN | "
          "YNAT val centroid | knews8 features |")
    print("|---|---|---|---|---|---|")
    for name, make in vectorizers().items():
        X = make().fit_transform(texts)
        vec = make()
        Xtr = vec.fit_transform(tr)
        Xva = vec.transform(va)
        nn, cen = heldout(Xtr, ytr, Xva, yva)
        print(f"| {name} | {loo_1nn(X, y):.3f} | {loo_centroid(X, y):.3f} | {nn:.3f} | "
              f"{cen:.3f} | {X.shape[1]:,} |", flush=True)
    print()


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    quality()


if __name__ == "__main__":
    main()
