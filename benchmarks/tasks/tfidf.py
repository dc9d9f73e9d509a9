"""TF-IDF: scikit-learn's TfidfVectorizer (default, char_wb 2-3, Kiwi nouns) vs kotext's.

1. Agreement before timing: kotext.TfidfVectorizer on pre-tokenized input against sklearn on
   the same tokens (same features, values within 1e-9); kotext.sklearn.TfidfVectorizer (when
   this kotext has it) against sklearn with the same defaults on raw text.
2. Speed and memory: fit_transform in a fresh process per vectorizer (warm-up on 50
   documents, then the median of the timed runs; peak RSS of the first timed run above the
   RSS before it), on distinct articles and on knews8 repeated to >= 50 MB.
3. Topic separation: knews8 leave-one-out 1-NN and nearest-centroid accuracy, YNAT headlines
   fit on train and scored on val, with the measures of ``benchmarks/tfidf.py``.
"""

from __future__ import annotations

import importlib
import importlib.util

import _common as c
from peers import kiwi_peer, sklearn_peer

TITLE = "TF-IDF"


def has_kotext_sklearn() -> bool:
    try:
        return importlib.util.find_spec("kotext.sklearn") is not None
    except (ImportError, ValueError):
        return False


# quick mode: the rows that check the harness end to end (one per family)
QUICK = ("sklearn default", "kotext default, all cores", "kotext.sklearn default")


# Kiwi analyses about 0.2-0.5 MB/s: the Kiwi-nouns analyzer is timed on a slice (its
# time-box), the first KIWI_SLICE knews8 articles, beside scikit-learn's default and kotext's
# on the same slice; at that speed the 50 MB corpus would take most of an hour per run.
KIWI_SLICE = 150


def names(kind: str = "distinct") -> list[str]:
    """The vectorizers timed on a corpus kind ('distinct', 'slice', 'repeated')."""
    if c.quick():
        return list(QUICK)
    if kind == "slice":
        return ["sklearn default", "sklearn + Kiwi nouns analyzer", "kotext default, all cores"]
    out = ["sklearn default", "sklearn char_wb (2, 3)"]
    out += ["kotext default, all cores", "kotext default, 1 thread", "kotext char_wb (2, 3)"]
    out += ["kotext.sklearn default", "kotext.sklearn char_wb (2, 3)"]
    # char_wb's time-box: the distinct corpus (6.7 MB) only. scikit-learn's char_wb 2-3 grams
    # take minutes per run on 50 MB, more than every other row of the task together.
    return [n for n in out if kind != "repeated" or "char_wb" not in n]


def unavailable(name: str) -> str | None:
    if name.startswith("sklearn") and (why := sklearn_peer.unavailable()):
        return why
    if "Kiwi" in name and (why := kiwi_peer.unavailable()):
        return why
    if name.startswith("kotext.sklearn") and not has_kotext_sklearn():
        return "kotext.sklearn not in this kotext"
    return None


def agreement(quick: bool) -> list[str]:
    if (why := sklearn_peer.unavailable()):
        return [f"Agreement check: {c.na(why)}"]
    import kotext
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, _ = c.knews8()
    texts = texts[:100] if quick else texts
    notes = []
    tokens = kotext.Tokenizer().tokenize(texts)
    a = kotext.TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=False).fit_transform(tokens)
    b = TfidfVectorizer(analyzer=lambda d: d).fit_transform(tokens)
    same = a.shape == b.shape
    diff = float(abs(a - b).max()) if same else float("nan")
    notes.append(f"Check: kotext.TfidfVectorizer == sklearn on the same (kotext) tokens of "
                 f"{len(texts)} knews8 articles: shapes {a.shape} / {b.shape}, max |diff| "
                 f"{diff:.1e}" + ("" if same and diff < 1e-9 else " **DISAGREE**"))
    if has_kotext_sklearn():
        import kotext.sklearn as ks

        for kw in ({}, {"analyzer": "char_wb", "ngram_range": (2, 3)}):
            x, why = c.attempt(lambda kw=kw: ks.TfidfVectorizer(**kw).fit_transform(texts))
            y = TfidfVectorizer(**kw).fit_transform(texts)
            if why:
                notes.append(f"Check kotext.sklearn {kw or 'default'}: {c.na(why)}")
                continue
            ok = x.shape == y.shape
            d = float(abs(x - y).max()) if ok else float("nan")
            notes.append(f"Check: kotext.sklearn.TfidfVectorizer({kw or ''}) == sklearn on raw "
                         f"text: shapes {x.shape} / {y.shape}, max |diff| {d:.1e}"
                         + ("" if ok and d < 1e-9 else " **DISAGREE**"))
    else:
        notes.append("kotext.sklearn: n/a (not in this kotext)")
    return notes


def speed(kind: str, size: float, runs: int) -> str:
    rows, res = [], {}
    for name in names(kind):
        if (why := unavailable(name)):
            rows.append([name, c.na(why), "-", "-", "-", "-", "-"])
            continue
        c.progress(f"tfidf speed, {kind}: {name}")
        r, why = c.attempt(c.peak_rss_child, "tasks.tfidf_child", "prepare", "run",
                           [name, kind, size], runs=runs)
        if why:
            rows.append([name, c.na(why), "-", "-", "-", "-", "-"])
            continue
        res[name] = r
        shape = r.get("shape") or [0, 0]
        rows.append([name, f"{r['seconds']:.2f}", f"{r['all'][0]:.2f}", c.sig(r["mb"] / r["seconds"]),
                     f"{max(0.0, r['peak_mb'] - r['base_mb']):.0f}",
                     f"{shape[0]:,} x {shape[1]:,}, nnz {r.get('nnz') or 0:,}"])
    sk = res.get("sklearn default")
    ko = res.get("kotext default, all cores")
    if sk and ko and kind != "slice":
        c.headline(f"fit_transform s, {kind} ({ko['mb']:.0f} MB), peak RSS growth MB",
                   f"{ko['seconds']:.2f} s, {max(0.0, ko['peak_mb'] - ko['base_mb']):.0f} MB",
                   f"sklearn default {sk['seconds']:.2f} s, "
                   f"{max(0.0, sk['peak_mb'] - sk['base_mb']):.0f} MB", c.speedup(sk, ko))
    if sk and ko and kind == "distinct":
        # The first fit of a process is the cold one for the dictionary tokenizer: its memo of
        # analysed words is shared by every fit in the process, so the later runs are warm.
        c.headline(f"fit_transform s, {kind}, first fit in a fresh process (cold word memo)",
                   f"{ko['all'][0]:.2f} s", f"sklearn default {sk['all'][0]:.2f} s",
                   f"{sk['all'][0] / ko['all'][0]:.2f}x")
    if sk and ko and kind == "distinct":
        c.headline(*second_corpus(runs))
    ks = res.get("kotext.sklearn default")
    if sk and ks and kind != "slice":
        c.headline(f"fit_transform s, {kind}: kotext.sklearn (same output)",
                   f"{ks['seconds']:.2f} s", f"sklearn default {sk['seconds']:.2f} s",
                   c.speedup(sk, ks))
    for row in rows:
        if len(row) == 6:
            row.insert(2, c.speedup(sk, res.get(row[0])))
    any_r = next(iter(res.values()), None)
    size = (f"{any_r['docs']:,} documents, {any_r['mb']:.1f} MB UTF-8" if any_r else "no data")
    what = {"repeated": "QUICK: a slice of knews8, not the 50 MB corpus" if c.quick()
            else "knews8 repeated",
            "distinct": "news in which no text repeats: knews8, YNAT train headlines, the "
            "Naver sample, the soynlp dump",
            "slice": f"the first {KIWI_SLICE} knews8 articles: the Kiwi analyzer's time-box"}[kind]
    if kind == "repeated" and not c.quick():
        what += "; the char_wb rows are timed on the distinct corpus only, their time-box"
    head = (f"fit_transform on {size} ({what}); median of {runs} runs in a fresh process per "
            "vectorizer after a 50-document warm-up. kotext's dictionary tokenizer keeps its memo "
            "of analysed words for the whole process, so its later runs reuse it: the first run "
            "is the cold fit of text never seen, given apart:")
    return head + "\n\n" + c.md_table(
        ["vectorizer", "median s", "speed-up over sklearn default (wall, CPU)", "first run s", "MB/s",
         "peak RSS growth MB", "matrix"], rows)


def second_corpus(runs: int) -> tuple[str, str, str, str]:
    """The first fit of news never seen, in a process that has fitted other news before (the
    odd documents of the distinct corpus after a fit of the even ones): between the cold
    first fit of a fresh process and the warm re-fit of the same text."""
    res = {}
    for name in ("sklearn default", "kotext default, all cores"):
        c.progress(f"tfidf speed, second half: {name}")
        r, why = c.attempt(c.peak_rss_child, "tasks.tfidf_child", "prepare", "run",
                           [name, "second half", 0.0], runs=1)
        if why:
            return ("fit_transform s, distinct, second half after the first", c.na(why), "-", "-")
        res[name] = r
    sk, ko = res["sklearn default"], res["kotext default, all cores"]
    measure = (f"fit_transform s, distinct: {ko['mb']:.1f} MB never seen, after fitting the "
               "other half (first fit)")
    return (measure, f"{ko['all'][0]:.2f} s",
            f"sklearn default {sk['all'][0]:.2f} s", f"{sk['all'][0] / ko['all'][0]:.2f}x")


def separation(quick: bool, with_kiwi: bool) -> str:
    import numpy as np

    bench, why = c.attempt(importlib.import_module, "tfidf")
    if why or not all(hasattr(bench, f) for f in ("loo_1nn", "loo_centroid", "heldout",
                                                  "load_ynat")):
        return c.na(f"benchmarks/tfidf.py measures not importable ({why or 'names changed'})")
    texts, y = c.knews8()
    y = np.array(y)
    tr, ytr, *_ = bench.load_ynat("ynat-train.csv")
    va, yva, *_ = bench.load_ynat("ynat-val.csv")
    if quick:  # every 8th article keeps all 8 topics; the first headlines of YNAT
        texts, y = texts[::8], y[::8]
        tr, ytr, va, yva = tr[:1000], ytr[:1000], va[:200], yva[:200]
    rows = []
    kinds = names() + (["sklearn + Kiwi nouns analyzer"] if with_kiwi else [])
    for name in dict.fromkeys(kinds):
        if "1 thread" in name:
            continue
        if (why := unavailable(name)):
            rows.append([name.replace(", all cores", ""), c.na(why), "-", "-", "-", "-"])
            continue
        from tasks.tfidf_child import make

        c.progress(f"tfidf separation: {name}")

        def one(name=name):
            X = make(name).fit_transform(texts)
            vec = make(name)
            Xtr = vec.fit_transform(tr)
            nn, cen = bench.heldout(Xtr, ytr, vec.transform(va), yva)
            return [bench.loo_1nn(X, y), bench.loo_centroid(X, y), nn, cen, f"{X.shape[1]:,}"]

        r, why = c.attempt(one)
        rows.append([name.replace(", all cores", ""), *(r or [c.na(why), "-", "-", "-", "-"])])
    ours = next((r for r in rows if r[0] == "kotext default"), None)
    if ours and isinstance(ours[1], float):
        c.headline("knews8 LOO 1-NN topic accuracy", ours[1], c.best_peer(rows, 1))
        c.headline("YNAT val centroid topic accuracy", ours[4], c.best_peer(rows, 4))
    head = (f"Topic separation (higher is better): knews8 {len(texts)} articles, 8 topics, "
            f"leave-one-out; YNAT fit on {len(tr):,} train headlines, scored on {len(va):,} "
            "val headlines.")
    return head + "\n\n" + c.md_table(["vectorizer", "knews8 LOO 1-NN", "knews8 LOO centroid",
                                       "YNAT val 1-NN", "YNAT val centroid", "knews8 features"],
                                      rows)


def run(quick: bool) -> str:
    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    parts = agreement(quick)
    big = 1.0 if quick else 50.0
    runs = c.MIN_RUNS
    if not quick:  # (in quick mode the Kiwi rows alone would take the time budget)
        parts.append(speed("distinct", 0.0, runs))
        parts.append(speed("slice", KIWI_SLICE, runs))
    parts.append(speed("repeated", big, runs))
    parts.append(separation(quick, not quick))
    return "\n\n".join(parts)
