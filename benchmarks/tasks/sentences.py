"""sentences: kotext.split_sentences vs Kiwi, KSS and a regex baseline, EM / F1 / NF1.

Data and scoring are those of ``benchmarks/sentences.py`` (imported, not copied): the
kiwipiepy gold sets (``../shared/data/sentences/kiwipiepy``) and sci-news-sum, scored with
the definitions of kiwipiepy's ``benchmark/sentence_split/sentence_split.py`` (EM; F1 as
dice over character spans ignoring whitespace; NF1 = F1 x min(1, gold / predicted)).

KSS runs in one worker process (importing kss takes tens of seconds): its ``mecab`` backend
on every set, its ``pecab`` backend (pure Python, whose time grows much faster than the
text) on a fixed slice of short documents, the time-box, with Kiwi and kotext scored and
timed on the same slice; one timed pass each after the import and a warm-up. Last, the over-splitting check: the UD GSD test sentences must each stay whole.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import queue
import time

import _common as c
from peers import kiwi_peer, kss_peer, reference_peer

TITLE = "Sentence splitting"
# KSS in one worker process (importing kss takes ~40-60 s on the shared machine): its mecab
# backend on every set, like the other systems; its pecab backend (pure Python) on a fixed
# slice, its time-box: pecab's time grows much faster than the text (1.7 s for a 222-character
# blog post, 246 s for the 1,512-character "sample" document here), so the slice is the first
# KSS_DOCS documents of at most KSS_MAX_CHARS characters of every set, with Kiwi, kotext and
# KSS-mecab scored and timed on the same slice beside it.
KSS_DOCS = 5
KSS_MAX_CHARS = 250
# The KSS worker's limit: the import, mecab on everything, pecab on the slice; what is not
# done by then is reported as over the limit.
KSS_LIMIT_S = 480.0
WARM_UP = "워밍업입니다. 두 번째 문장입니다."


def kss_slice_of(sets: dict) -> dict:
    """The pecab time-box: per set, its first KSS_DOCS documents of at most KSS_MAX_CHARS
    characters (the sets without one are left out)."""
    part = {k: [d for d in v if len(d[0]) <= KSS_MAX_CHARS][:KSS_DOCS] for k, v in sets.items()}
    return {k: v for k, v in part.items() if v}


def _kss_worker(jobs: list[tuple[str, str, list[str]]], out) -> None:
    try:
        for b in {b for _, b, _ in jobs}:  # the import and one warm-up call per backend
            kss_peer.split_all([WARM_UP], b)
        for label, b, texts in jobs:
            t0 = time.perf_counter()
            preds = kss_peer.split_all(texts, b)
            out.put((label, preds, time.perf_counter() - t0))
    except Exception as err:  # noqa: BLE001 - reported to the parent as the reason
        out.put(("error", c.error_reason(err), 0.0))


def run_kss(jobs: list[tuple[str, str, list[str]]], limit: float) -> tuple[dict, dict, str | None]:
    """({label: predictions}, {label: seconds}, reason when it stopped early) of the jobs
    (label, backend, texts), one timed pass each in one worker process."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_kss_worker, args=(jobs, q), daemon=True)
    p.start()
    preds, secs, why = {}, {}, None
    deadline = time.perf_counter() + limit
    try:
        while len(preds) < len(jobs):
            try:
                name, value, sec = q.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                why = f"over the {limit:.0f} s limit of the KSS worker"
                break
            if name == "error":
                why = value
                break
            preds[name], secs[name] = value, sec
    finally:
        p.terminate()
        p.join(5)
    return preds, secs, why


def kss_results(bench, sets: dict, quick: bool) -> tuple[dict, dict, dict, dict]:
    """KSS's per-set scores and seconds on all sets (mecab) and on the slice (both backends):
    (results, times, slice results, slice times)."""
    names = {"all": f"KSS {c.version('kss')} (mecab backend)",
             "slice mecab": f"KSS {c.version('kss')} (mecab backend)",
             "slice pecab": f"KSS {c.version('kss')} (pecab backend)"}
    why = ("skipped in QUICK mode: importing kss alone takes ~40 s" if quick
           else kss_peer.unavailable())
    if why:
        return ({names["all"]: why}, {}, {names["slice mecab"]: why, names["slice pecab"]: why},
                {})
    part = kss_slice_of(sets)
    texts = [t for docs in sets.values() for t, _ in docs]
    part_texts = [t for docs in part.values() for t, _ in docs]
    c.progress(f"sentences: KSS, mecab on {len(texts)} documents, pecab on {len(part_texts)}")
    preds, secs, why = run_kss([("slice pecab", "pecab", part_texts),
                                ("slice mecab", "mecab", part_texts),
                                ("all", "mecab", texts)], KSS_LIMIT_S)
    out: list[tuple[dict, dict]] = [({}, {}), ({}, {})]
    for label, name in names.items():
        res, tim = out[0 if label == "all" else 1]
        if label not in preds:
            res[name] = why or "no output"
            continue
        it = iter(preds[label])
        res[name] = {k: bench.evaluate(v, lambda _t, it=it: next(it))
                     for k, v in (sets if label == "all" else part).items()}
        tim[name] = {"seconds": secs[label]}
    return out[0][0], out[0][1], out[1][0], out[1][1]


def slice_table(bench, sets: dict, splitters: dict, kss: tuple[dict, dict]) -> str:
    """KSS's pecab backend beside the others on its time-box, the fixed slice."""
    part = kss_slice_of(sets)
    texts = [t for docs in part.values() for t, _ in docs]
    head = (f"KSS's pecab backend, time-boxed: the first {KSS_DOCS} documents of at most "
            f"{KSS_MAX_CHARS} characters of every set ({len(texts)} documents from "
            f"{', '.join(part)}; {sum(len(t) for t in texts):,} characters), every system on "
            "the same slice. KSS: one timed pass per backend after the import and a warm-up "
            f"call; the others: median of {c.MIN_RUNS} runs after a warm-up.")
    rows, times, results = [], {}, {}
    for name, split in splitters.items():
        if isinstance(split, str):
            results[name] = split
            continue
        results[name] = {k: bench.evaluate(v, split) for k, v in part.items()}
        times[name] = c.timed(lambda split=split: [split(t) for t in texts])["seconds"]
    results.update(kss[0])
    times.update({k: v["seconds"] for k, v in kss[1].items()})
    base = times.get("Kiwi split_into_sents")
    for name, per in results.items():
        if isinstance(per, str):
            rows.append([name, c.na(per), "-", "-", "-"])
            continue
        n = sum(per[k]["gold"] for k in per if k in part)
        em, f1, nf1 = (sum(per[k][m + "_sum"] for k in per if k in part) / n
                       for m in ("em", "f1", "nf1"))
        t = times.get(name)
        rows.append([name, em, f1, nf1, f"{t:.3f} ({c.ratio(base, t)})" if t else "-"])
    return head + "\n\n" + c.md_table(["system (slice)", "EM", "F1", "NF1",
                                         "seconds (speed-up over Kiwi)"], rows)


def ud_table(bench, splitters: dict, quick: bool) -> str:
    """Over-splitting: the UD GSD test sentences, each of which must stay one sentence."""
    sents, why = c.attempt(bench.load_ud)
    if why or not sents:
        return c.na(why or "no UD sentences")
    sents = sents[:100] if quick else sents
    rows = []
    for name, split in splitters.items():
        if isinstance(split, str):
            rows.append([name, c.na(split)])
            continue
        rate, why = c.attempt(bench.ud_whole_rate, sents, split)
        rows.append([name, rate if why is None else c.na(why)])
    return (f"Over-splitting check: {len(sents)} single sentences of UD Korean GSD test "
            "(`sentences/ud-ko-gsd-test-sentences.txt`); the share each system keeps whole "
            "(higher is better):\n\n" + c.md_table(["system", "kept as one sentence"], rows))


def run(quick: bool) -> str:
    bench, why = c.attempt(importlib.import_module, "sentences")
    if why or not all(hasattr(bench, f) for f in ("load_sets", "evaluate")):
        return c.na(f"benchmarks/sentences.py not importable ({why or 'names changed'})")
    if (why := c.have_data("sentences", "kiwipiepy")):
        return c.na(why)
    import kotext

    sets = bench.load_sets()
    if quick:
        sets = {k: v[:4] for k, v in sets.items()}
    texts = [t for docs in sets.values() for t, _ in docs]
    # Check before timing: kotext never alters or loses text.
    bad = sum(1 for t in texts if "".join(kotext.split_sentences(t)).replace(" ", "")
              .replace("\n", "") != t.replace(" ", "").replace("\n", ""))
    notes = [(f"Check: kotext's sentences put together give back the input (whitespace aside) "
             f"on {len(texts) - bad}/{len(texts)} documents.")]

    systems: dict = {"kotext.split_sentences": kotext.split_sentences,
                     "regex split after .!? (baseline)": reference_peer.regex_split}
    systems["Kiwi split_into_sents"] = kiwi_peer.unavailable() or kiwi_peer.split_sentences
    results, times = {}, {}
    runs = c.MIN_RUNS
    for name, split in systems.items():
        c.progress(f"sentences: {name}")
        if isinstance(split, str):
            results[name] = split
            continue
        r, why = c.attempt(lambda split=split: {k: bench.evaluate(v, split) for k, v in sets.items()})
        results[name] = r or why
        if r:
            times[name] = c.timed(lambda split=split: [split(t) for t in texts], runs)
    t_batch = c.timed(lambda: kotext.split_sentences(texts), runs)
    kss_all, kss_times, kss_part, kss_part_times = kss_results(bench, sets, quick)
    results.update(kss_all)
    times.update(kss_times)
    kiwi_names = [k for k in sets if k != "sci-news-sum"]
    rows = []
    base = times.get("Kiwi split_into_sents")
    for name, per in results.items():
        if isinstance(per, str):
            rows.append([name, c.na(per), "-", "-", "-", *["-"] * len(sets)])
            continue
        done = [k for k in kiwi_names if k in per]
        if len(done) == len(kiwi_names):
            n = sum(per[k]["gold"] for k in done)
            overall = [sum(per[k][m + "_sum"] for k in done) / n for m in ("em", "f1", "nf1")]
        else:
            overall = [c.na("not every set"), "-", "-"]
        t = times.get(name)
        rows.append([name, *overall, "-" if not t else f"{t['seconds']:.3f} "
                     f"({c.ratio(base['seconds'] if base else None, t['seconds'])})",
                     *[f"{per[k]['NF1']:.3f}" if k in per else "n/a" for k in sets]])
    ours = next((r for r in rows if r[0] == "kotext.split_sentences"), None)
    if ours and isinstance(ours[3], float):
        c.headline("sentence NF1 (kiwipiepy sets)", ours[3], c.best_peer(rows, 3),
                   c.speedup(base, times.get("kotext.split_sentences")))
    rows.append(["kotext.split_sentences, one batch call (all cores)", "-", "-", "-",
                 (f"{t_batch['seconds']:.3f} "
                 f"({c.ratio(base['seconds'] if base else None, t_batch['seconds'])})"),
                 *["-"] * len(sets)])
    n_gold = sum(len(g) for docs in sets.values() for _, g in docs)
    head = (f"{len(texts)} documents, {n_gold:,} gold sentences"
            + (" (QUICK: the first 4 documents of each set)" if quick else "")
            + f". EM / F1 / NF1 pooled over the kiwipiepy sets; NF1 per set after. Seconds: "
            f"splitting every document one call per text, median of {runs} runs after a "
            "warm-up (KSS: one timed pass after the import and a warm-up call); in brackets "
            "Kiwi's time over this row's, same run. KSS's pecab backend is in the next table, "
            "on its time-box.")
    table = c.md_table(["system", "EM", "F1", "NF1", "seconds (speed-up over Kiwi)",
                        *[f"NF1 {k}" for k in sets]], rows)
    return "\n\n".join([head, table, *notes, slice_table(bench, sets, systems, (kss_part, kss_part_times)),
                        ud_table(bench, systems, quick)])
