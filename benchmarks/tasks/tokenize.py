"""tokenize: content-token F1 on human gold (UD Korean GSD / Kaist dev) and MB/s on news.

Quality uses ``../shared/tools/content_tokens.py`` as it is: its gold rule, its adapters for
Kiwi, MeCab-ko and soynlp, and its scorer (multiset P / R / F1 of content-token strings per
sentence, micro-averaged). kotext runs once per tokenizer backend it offers (except 'kiwi',
which is Kiwi itself), with stopwords off and numbers kept, as the tool defines.

Speed: one pass of every system over distinct knews8 articles, single-threaded (kotext also
with all cores), MB/s of UTF-8 input and the speed-up of kotext (1 thread) over each row.
"""

from __future__ import annotations

import time

import _common as c
from peers import _util, kiwi_peer, mecab_peer, soynlp_peer

TITLE = "Tokenization"
SPLITS = ("gsd-dev", "kaist-dev")


def _backends() -> list[str]:
    from kotext import _tokenize

    return [b for b in getattr(_tokenize, "_BACKENDS", ("kotext",)) if b != "kiwi"]


def kotext_system(texts: list[str], threads: int, backend: str, fit: bool = False):
    """content_tokens' kotext system, for any backend (its own takes the default only)."""
    ct = _util.content_tokens()
    if backend == "kotext":
        return ct.system_kotext(texts, fit, threads)
    import kotext

    tok = kotext.Tokenizer(stopwords=None, keep_numbers=True, n_jobs=threads, backend=backend)
    if fit:
        tok.fit(texts)

    def call():
        return tok.tokenize(texts, return_offsets=True)

    def convert(res):
        return [[(t.text, t.start, t.end) for t in toks] for toks in res]

    return call, convert, {"backend": backend}


def systems(texts: list[str], threads: int) -> dict:
    """name -> factory of (call, convert, info), or the reason it is unavailable."""
    out: dict = {}
    for b in _backends():
        out[f"kotext (backend={b!r})"] = lambda b=b: kotext_system(texts, threads, b)
    if not c.quick():
        out["kotext (backend='kotext', fit on the split first)"] = (
            lambda: kotext_system(texts, threads, "kotext", fit=True))
    out["Kiwi"] = kiwi_peer.unavailable() or (lambda: kiwi_peer.content_system(texts, threads))
    out["MeCab-ko"] = mecab_peer.unavailable() or (lambda: mecab_peer.content_system(texts))
    out["soynlp LTokenizer"] = soynlp_peer.unavailable() or (
        lambda: soynlp_peer.content_system(texts))
    return out


def quality(quick: bool) -> str:
    ct = _util.content_tokens()
    data = c.DATA / "ud"
    n = 80 if quick else None
    cols, results, scores = [], {}, {}
    for split in SPLITS[:1] if quick else SPLITS:  # QUICK: GSD only (each loads Kiwi again)
        sents, why = c.attempt(ct.read_sentences, split, str(data))
        if why:
            return c.na(why)
        sents = sents[:n] if n else sents
        cols.append(f"{split} ({len(sents)} sent.)")
        for name, make in systems([s.text for s in sents], 1).items():
            cell = results.setdefault(name, [])
            if isinstance(make, str):
                cell.append(c.na(make))
                continue
            sysm, why = c.attempt(make)
            if why:
                cell.append(c.na(why))
                continue
            call, convert, _info = sysm
            preds, why = c.attempt(lambda call=call, convert=convert: convert(call()))
            if why:
                cell.append(c.na(why))
                continue
            r = ct.score(sents, preds)
            cell.append(f"{r['F1']:.3f} (P {r['P']:.3f} R {r['R']:.3f})")
            scores.setdefault(split, []).append([name, r["F1"]])
    for split, rows in scores.items():
        ours = next((f for n, f in rows if n == "kotext (backend='kotext')"), None)
        c.headline(f"content-token F1, UD {split}", ours, c.best_peer(rows, 1))
    return c.md_table(["system", *cols], [[k, *v] for k, v in results.items()])


def speed(quick: bool) -> str:
    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    docs, _ = c.knews8()
    docs = docs[:12] if quick else docs
    size = c.mb(docs)
    rows, times = [], {}
    plan = systems(docs, 1)
    plan = {k: v for k, v in plan.items() if "fit on" not in k}
    plan[f"kotext (backend='kotext'), all cores ({c.os_cores()})"] = (
        lambda: kotext_system(docs, -1, "kotext"))
    runs = c.MIN_RUNS
    for name, make in plan.items():
        if isinstance(make, str):
            rows.append([name, c.na(make), "-", "-"])
            continue
        t0 = time.perf_counter()
        sysm, why = c.attempt(make)
        setup = time.perf_counter() - t0
        if why:
            rows.append([name, c.na(why), "-", "-"])
            continue
        call, convert, _info = sysm
        res, why = c.attempt(call)
        if why:
            rows.append([name, c.na(why), "-", "-"])
            continue
        n_tok = sum(len(x) for x in convert(res))
        t = times[name] = c.timed(call, runs)
        rows.append([name, c.sig(size / t["seconds"]), f"{n_tok:,}", f"{setup:.1f}"])
    base = times.get("kotext (backend='kotext')")
    if base:
        c.headline("tokenize MB/s (1 thread)", c.sig(size / base["seconds"]),
                   "Kiwi " + (c.sig(size / times["Kiwi"]["seconds"]) if "Kiwi" in times else "-"),
                   c.speedup(times.get("Kiwi"), base))
    for row in rows:
        row.insert(2, c.speedup(times.get(row[0]), base))
    head = (f"Speed on {len(docs)} distinct knews8 articles, {size:.2f} MB UTF-8, one text at a "
            f"time unless noted (median of {runs} runs after a warm-up). The speed-up column is "
            "the row's time over kotext's (default backend, 1 thread) in the same run, on wall "
            "and on process CPU time; "
            "\"content tokens\" applies the gold rule to each system's output (a check that "
            "every system did the whole job); setup is model loading or, for soynlp, training "
            "its WordExtractor on the same texts.")
    table = c.md_table(["system", "MB/s", "kotext 1-thread speed-up over this row",
                           "content tokens", "setup s"], rows)
    return head + "\n\n" + table


def run(quick: bool) -> str:
    q = quality(quick)
    return ("Content-token F1 (precision, recall) on the human-annotated UD dev splits, scored "
            "by `../shared/tools/content_tokens.py`:\n\n" + q + "\n\n" + speed(quick))
