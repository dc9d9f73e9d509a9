"""sentences: kotext.split_sentences vs Kiwi, KSS and a regex baseline, EM / F1 / NF1.

Data and scoring are those of ``benchmarks/sentences.py`` (imported, not copied): the
kiwipiepy gold sets (``../shared/data/sentences/kiwipiepy``) and sci-news-sum, scored with
the definitions of kiwipiepy's ``benchmark/sentence_split/sentence_split.py`` (EM; F1 as
dice over character spans ignoring whitespace; NF1 = F1 x min(1, gold / predicted)).

KSS runs in a worker process per backend, set after set, with a time budget: importing kss
takes tens of seconds, and its ``pecab`` backend (pure Python) is hundreds of times slower
than Kiwi, so the sets it does not finish in time are reported as n/a (over budget). Its
times are one run of each set inside the worker (after the import and a warm-up).
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import queue
import time

import _common as c
from peers import kiwi_peer, kss_peer, reference_peer

TITLE = "Sentence splitting"
KSS_BUDGET = {"mecab": 600.0, "pecab": 300.0}  # seconds per backend after its import


def _kss_worker(sets: dict, backend: str, out) -> None:
    try:
        kss_peer.split_all(["워밍업입니다. 두 번째 문장입니다."], backend)
        out.put(("ready", None, 0.0))
        for name, docs in sets.items():
            t0 = time.perf_counter()
            preds = kss_peer.split_all([t for t, _ in docs], backend)
            out.put((name, preds, time.perf_counter() - t0))
    except Exception as err:  # noqa: BLE001 - reported to the parent as the reason
        out.put(("error", c.error_reason(err), 0.0))


def kss_sets(sets: dict, backend: str, budget: float) -> tuple[dict, dict, str | None]:
    """({set: predictions}, {set: seconds}, reason when it stopped early)."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_kss_worker, args=(sets, backend, q), daemon=True)
    p.start()
    preds, secs, why = {}, {}, None
    deadline = time.perf_counter() + 300.0  # the import and warm-up
    try:
        while len(preds) < len(sets):
            try:
                name, value, sec = q.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                why = f"over the {budget:.0f} s budget" if deadline > 0 else "import too slow"
                break
            if name == "ready":
                deadline = time.perf_counter() + budget
            elif name == "error":
                why = value
                break
            else:
                preds[name], secs[name] = value, sec
    finally:
        p.terminate()
        p.join(5)
    return preds, secs, why


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
        if isinstance(split, str):
            results[name] = split
            continue
        r, why = c.attempt(lambda split=split: {k: bench.evaluate(v, split) for k, v in sets.items()})
        results[name] = r or why
        if r:
            times[name] = c.timed(lambda split=split: [split(t) for t in texts], runs)
    t_batch = c.timed(lambda: kotext.split_sentences(texts), runs)
    if quick:
        for b in KSS_BUDGET:
            results[f"KSS ({b} backend)"] = "skipped in QUICK mode: importing kss alone takes ~40 s"
    elif (why := kss_peer.unavailable()):
        for b in KSS_BUDGET:
            results[f"KSS ({b} backend)"] = why
    else:
        for b, budget in KSS_BUDGET.items():
            preds, secs, why = kss_sets(sets, b, budget)
            per = {}
            for k, docs in sets.items():
                if k in preds:
                    it = iter(preds[k])
                    per[k] = bench.evaluate(docs, lambda _t, it=it: next(it))
            name = f"KSS ({b} backend)"
            results[name] = per if per else (why or "no output")
            if len(per) == len(sets):
                times[name] = {"seconds": sum(secs.values())}
            elif why:
                notes.append(f"{name}: stopped after {len(per)}/{len(sets)} sets ({why}).")
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
            "warm-up (KSS: one run); in brackets Kiwi's time over this row's, same run.")
    table = c.md_table(["system", "EM", "F1", "NF1", "seconds (speed-up over Kiwi)",
                        *[f"NF1 {k}" for k in sets]], rows)
    return "\n\n".join([head, table, *notes])
