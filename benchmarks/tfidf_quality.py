"""TF-IDF topic separation: what limits kotext's default vectors, and the variants tried.

Companion of ``benchmarks/tfidf.py`` (same data and metrics). Two parts:

1. Error analysis of the default ``kotext.TfidfVectorizer()`` on knews8: leave-one-out 1-NN
   accuracy by the cosine of the nearest neighbour, the most frequent confusions, and what
   other unsupervised similarity methods on the same vectors reach (k-NN votes, LSA), with a
   supervised linear classifier as a reference for how separable the labels are.
2. A table of variants of the tokenizer, the features and the term weighting, each measured
   on knews8 (LOO 1-NN, LOO nearest centroid, and the mean LOO 1-NN over 10 random halves
   as a check against reading too much into one number) and on YNAT headlines (fit on
   train, 1-NN and nearest centroid on val). Token-level variants tokenize with a
   configured ``kotext.Tokenizer`` and give the token lists to ``kotext.TfidfVectorizer``;
   weighting variants reweight kotext's raw counts in numpy.

Run: ``.venv/bin/python benchmarks/tfidf_quality.py [--quick]`` (about 5 minutes; --quick
skips YNAT and the slow character n-gram variants).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tfidf import heldout, load_knews8, load_ynat, loo_1nn, loo_centroid


# ---- variants ------------------------------------------------------------------------------
class Tokenized:
    """Tokenize with a configured kotext.Tokenizer (plus an optional token filter), then
    vectorize the token lists with kotext.TfidfVectorizer(**vec)."""

    def __init__(self, tok: dict | None = None, vec: dict | None = None,
                 keep: Callable[[str], bool] | None = None, fit_tokenizer: bool = False,
                 join: bool = False) -> None:
        self.tok, self.vec, self.keep = tok or {}, vec or {}, keep
        self.fit_tokenizer, self.join = fit_tokenizer, join

    def _docs(self, texts: list[str]) -> list:
        docs = self.tokenizer.tokenize(texts)
        if self.keep is not None:
            docs = [[t for t in d if self.keep(t)] for d in docs]
        return [" ".join(d) for d in docs] if self.join else docs

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        import kotext

        self.tokenizer = kotext.Tokenizer(lowercase=True, **self.tok)
        if self.fit_tokenizer:
            self.tokenizer.fit(texts)
        self.vectorizer = kotext.TfidfVectorizer(**self.vec)
        return self.vectorizer.fit_transform(self._docs(texts))

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.vectorizer.transform(self._docs(texts))


class Reweighted:
    """kotext's default tokens and raw counts, reweighted: tf transform x global weight^p,
    l2-normalized rows."""

    def __init__(self, tf: str = "log", weight: str = "idf", power: float = 1.0,
                 max_df: float = 1.0) -> None:
        self.tf, self.weight, self.power, self.max_df = tf, weight, power, max_df

    def _apply(self, C: sp.csr_matrix) -> sp.csr_matrix:
        D = C.astype(np.float64)
        D.data = {"log": lambda d: 1 + np.log(d), "binary": np.ones_like, "sqrt": np.sqrt,
                  "loglog": lambda d: 1 + np.log1p(np.log(d))}[self.tf](D.data)
        X = sp.csr_matrix(D @ sp.diags(self.g))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        return sp.csr_matrix(sp.diags(1 / np.maximum(norms, 1e-300)) @ X)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        import kotext

        self.counter = kotext.TfidfVectorizer(use_idf=False, sublinear_tf=False, norm=None)
        C = self.counter.fit_transform(texts)
        n = C.shape[0]
        df = np.bincount(C.indices, minlength=C.shape[1]).astype(np.float64)
        if self.weight == "idf":
            g = np.log((1 + n) / (1 + df)) + 1
        elif self.weight == "idf unsmoothed":
            g = np.log(n / df)
        else:  # log-entropy (Dumais 1991): 1 + sum_j p_ij log p_ij / log n, times idf
            Cc = C.tocsc().astype(np.float64)
            cf = np.asarray(Cc.sum(axis=0)).ravel()
            p = Cc.data / np.repeat(cf, np.diff(Cc.indptr))
            ent = np.add.reduceat(p * np.log(p), Cc.indptr[:-1]) if Cc.nnz else np.zeros(0)
            g = 1 + ent / np.log(n)
            if self.weight == "idf x entropy":
                g = g * (np.log((1 + n) / (1 + df)) + 1)
        self.g = np.maximum(g, 1e-9) ** self.power * (df <= self.max_df * n)
        return self._apply(C)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self._apply(self.counter.transform(texts))


class Plain:
    def __init__(self, **params: Any) -> None:
        self.params = params

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        import kotext

        self.vectorizer = kotext.TfidfVectorizer(**self.params)
        return self.vectorizer.fit_transform(texts)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.vectorizer.transform(texts)


_DATE = re.compile(r"^[0-9][0-9.,]*(일|월|년|시|분|초|개월|시간)$")
_NUMBER = re.compile(r"^[0-9][0-9.,%]*$")
_GENERIC = ["말", "설명", "강조", "지적", "언급", "전망", "주장", "예정", "입장", "관계자",
            "사실", "상황", "최근", "결과", "문제", "생각", "뒤", "후", "앞", "점", "곳", "날",
            "일", "시작", "진행", "확인", "가능성", "이유", "모습", "시간", "과정", "처음",
            "지금", "계속", "내용", "해당", "동안", "대상", "사이", "포함", "자리", "오전",
            "오후", "지난해", "지난달", "올해"]


def variants(quick: bool) -> list[tuple[str, Callable[[], Any], bool]]:
    """(name, factory, slow)."""
    v: list[tuple[str, Callable[[], Any], bool]] = [
        ("default: kotext.TfidfVectorizer()", lambda: Plain(), False),
        # tokenizer
        ("tokenizer fit on the corpus (learned nouns)",
         lambda: Tokenized(fit_tokenizer=True), False),
        ("split_compounds=True", lambda: Tokenized({"split_compounds": True}), False),
        ("tokenizer fit + split_compounds",
         lambda: Tokenized({"split_compounds": True}, fit_tokenizer=True), False),
        ("strip_particles=False (whole eojeols)",
         lambda: Tokenized({"strip_particles": False}), False),
        ("drop_predicates=False", lambda: Tokenized({"drop_predicates": False}), False),
        ("no stopwords", lambda: Tokenized({"stopwords": None}), False),
        ("+46 generic news words as stopwords (말, 설명, 관계자, 오전...)",
         lambda: Tokenized({"extra_stopwords": _GENERIC}), False),
        ("keep_numbers=False", lambda: Tokenized({"keep_numbers": False}), False),
        ("dates dropped (17일, 5월, 2016년...)",
         lambda: Tokenized(keep=lambda t: not _DATE.match(t)), False),
        ("keep_latin=False", lambda: Tokenized({"keep_latin": False}), False),
        ("min_length=2 (one-syllable words dropped)",
         lambda: Tokenized({"min_length": 2}), False),
        # features
        ("word bigrams too: ngram_range=(1, 2)", lambda: Plain(ngram_range=(1, 2)), True),
        ("char_wb (2, 2) of the kotext tokens",
         lambda: Tokenized(vec={"analyzer": "char_wb", "ngram_range": (2, 2)}, join=True), True),
        ("char_wb (2, 3) of the raw text",
         lambda: Plain(analyzer="char_wb", ngram_range=(2, 3)), True),
        # pruning and weighting
        ("min_df=2", lambda: Plain(min_df=2), False),
        ("max_df=0.5", lambda: Plain(max_df=0.5), False),
        ("sublinear_tf=False", lambda: Plain(sublinear_tf=False), False),
        ("binary=True", lambda: Plain(binary=True), False),
        ("smooth_idf=False", lambda: Plain(smooth_idf=False), False),
        ("weighting='bm25'", lambda: Plain(weighting="bm25"), False),
        ("tf 1 + log(1 + log tf)", lambda: Reweighted(tf="loglog"), False),
        ("tf sqrt", lambda: Reweighted(tf="sqrt"), False),
        ("idf^0.5", lambda: Reweighted(power=0.5), False),
        ("idf^0.75", lambda: Reweighted(power=0.75), False),
        ("idf^1.5", lambda: Reweighted(power=1.5), False),
        ("log-entropy global weight instead of idf", lambda: Reweighted(weight="entropy"), False),
        ("idf x entropy", lambda: Reweighted(weight="idf x entropy"), False),
    ]
    return [x for x in v if not (quick and x[2])]


# ---- analysis ------------------------------------------------------------------------------
def topic_names() -> dict:
    from _common import DATA

    names = {}
    with (DATA / "news" / "knews8-train.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            names[d["label"]] = d["label_name"]
    return names


def error_analysis(texts: list[str], y: np.ndarray) -> None:
    import kotext
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    X = kotext.TfidfVectorizer().fit_transform(texts)
    nb = kotext.similarity(X, top_n=5)
    right = y[nb.indices[:, 0]] == y
    best = nb.scores[:, 0]
    print("## Error analysis of kotext.TfidfVectorizer() on knews8 (LOO 1-NN, cosine)\n")
    print(f"{len(y)} articles, {int((~right).sum())} errors (accuracy {right.mean():.3f})\n")
    print("| cosine of the nearest neighbour | articles | 1-NN accuracy | errors |")
    print("|---|---|---|---|")
    edges = [0, 0.1, 0.2, 0.3, 0.5, 1.01]
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (best >= lo) & (best < hi)
        print(f"| [{lo:.1f}, {min(hi, 1):.1f}) | {int(m.sum())} | "
              f"{right[m].mean() if m.any() else float('nan'):.3f} | {int((~right & m).sum())} |")
    names = topic_names()
    pairs = Counter(f"{names[a]}->{names[b]}" for a, b in zip(y[~right], y[nb.indices[~right, 0]]))
    print("\nMost frequent confusions (true label -> label of the nearest neighbour): "
          + ", ".join(f"{p} {c}" for p, c in pairs.most_common(8)))
    print("\nOther methods on the same vectors (the SVM: 10-fold CV; the rest: LOO):\n")
    print("| method | knews8 accuracy |")
    print("|---|---|")
    for k in (1, 3, 5):
        pred = []
        for i in range(len(y)):
            votes: dict = {}
            for j, s in zip(nb.indices[i, :k], nb.scores[i, :k]):
                votes[y[j]] = votes.get(y[j], 0.0) + s
            pred.append(max(votes, key=votes.get))
        print(f"| {k}-NN, cosine-weighted vote | {(np.array(pred) == y).mean():.3f} |")
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.svm import LinearSVC

    folds = StratifiedKFold(10, shuffle=True, random_state=0)
    svm = cross_val_score(LinearSVC(C=1.0), X, y, cv=folds).mean()
    print(f"| supervised reference: LinearSVC, 10-fold CV (trained on 90% of the labels) | "
          f"{svm:.3f} |")
    for dim in (100, 300):
        Z = normalize(TruncatedSVD(dim, random_state=0).fit_transform(X))
        S = Z @ Z.T
        np.fill_diagonal(S, -np.inf)
        print(f"| 1-NN on LSA ({dim} dimensions) | {(y[S.argmax(axis=1)] == y).mean():.3f} |")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip YNAT and the slow variants")
    args = ap.parse_args()
    texts, y = load_knews8()
    error_analysis(texts, y)
    rng = np.random.RandomState(0)
    halves = [np.sort(rng.permutation(len(y))[: len(y) // 2]) for _ in range(10)]
    if not args.quick:
        tr, ytr, _ = load_ynat("ynat-train.csv")
        va, yva, _ = load_ynat("ynat-val.csv")
    print("## Variants (knews8: LOO; halves: mean LOO 1-NN over 10 random halves; "
          "YNAT: fit on train, val accuracy)\n")
    print("| variant | knews8 1-NN | knews8 centroid | halves 1-NN | YNAT 1-NN | "
          "YNAT centroid | knews8 features |")
    print("|---|---|---|---|---|---|---|")
    for name, make, _slow in variants(args.quick):
        X = sp.csr_matrix(make().fit_transform(texts))
        half = np.mean([loo_1nn(X[h], y[h]) for h in halves])
        if args.quick:
            nn = cen = float("nan")
        else:
            vec = make()
            Xtr = vec.fit_transform(tr)
            nn, cen = heldout(Xtr, ytr, vec.transform(va), yva)
        print(f"| {name} | {loo_1nn(X, y):.3f} | {loo_centroid(X, y):.3f} | {half:.3f} | "
              f"{nn:.3f} | {cen:.3f} | {X.shape[1]:,} |", flush=True)


if __name__ == "__main__":
    main()
