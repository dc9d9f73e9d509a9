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

    return call, _offsets, {"backend": backend}


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
            c.progress(f"tokenize quality, {split}: {name}")
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


# The speed time-box: every system runs on the first SLICE articles of knews8 (Kiwi analyses
# about 0.2-0.5 MB/s, so all 3.3 MB would take minutes per run), kotext also on all of them.
SLICE, QUICK_SLICE = 150, 12


def kotext_cold(backend: str, threads: int):
    """(setup, call) timing a first pass: a new Tokenizer per run, opened before the clock.

    The dictionary backend memoizes each distinct eojeol's analysis in the dictionary it
    opened, which lives as long as a tokenizer uses it: a new Tokenizer, made once the
    previous one is gone, starts with an empty memo. ("warm" rows reuse one tokenizer.)
    """
    import gc

    import kotext

    def setup():
        gc.collect()
        tok = kotext.Tokenizer(stopwords=None, keep_numbers=True, n_jobs=threads,
                               backend=backend)
        tok("가")  # opens the dictionary outside the clock
        return tok

    return setup, lambda texts: (lambda tok: tok.tokenize(texts, return_offsets=True))


def _offsets(res: list) -> list:
    return [[(t.text, t.start, t.end) for t in toks] for toks in res]


def speed_rows(docs: list[str], plan: dict, base_name: str) -> tuple[list, dict]:
    """Rows [name, MB/s, speed-up over base, content tokens, setup s] of each system."""
    size = c.mb(docs)
    rows, times = [], {}
    for name, make in plan.items():
        # drop the previous row's tokenizer first: a live one keeps its eojeol memo alive
        sysm = call = fn = setup = res = None
        c.progress(f"tokenize speed: {name}")
        if isinstance(make, str):
            rows.append([name, c.na(make), "-", "-"])
            continue
        t0 = time.perf_counter()
        if isinstance(make, tuple):  # (setup, fn) of a cold kotext row
            setup, fn = make[0], make[1](docs)
            res, why = c.attempt(lambda fn=fn, setup=setup: fn(setup()))
            convert, t_setup = _offsets, 0.0
        else:
            sysm, why = c.attempt(make)
            t_setup = time.perf_counter() - t0
            if why is None:
                call, convert, _info = sysm
                setup, fn = None, call
                res, why = c.attempt(call)
        if why:
            rows.append([name, c.na(why), "-", "-"])
            continue
        n_tok = sum(len(x) for x in convert(res))
        t = times[name] = c.timed(fn, setup=setup)
        rows.append([name, c.sig(size / t["seconds"]), f"{n_tok:,}", f"{t_setup:.1f}"])
    base = times.get(base_name)
    for row in rows:
        row.insert(2, c.speedup(times.get(row[0]), base))
    return rows, times


def speed(quick: bool) -> str:
    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    docs, _ = c.knews8()
    part = docs[:QUICK_SLICE if quick else SLICE]
    cores = min(2, c.os_cores())
    cold = "kotext (backend='kotext'), first pass"
    plan: dict = {cold: kotext_cold("kotext", 1),
                  f"kotext (backend='kotext'), first pass, {cores} threads": kotext_cold(
                      "kotext", cores),
                  "kotext (backend='rules')": kotext_cold("rules", 1),
                  "kotext (backend='kotext'), text seen before": (
                      lambda: kotext_system(part, 1, "kotext"))}
    plan["Kiwi"] = kiwi_peer.unavailable() or (lambda: kiwi_peer.content_system(part, 1))
    plan[f"Kiwi, {cores} threads"] = kiwi_peer.unavailable() or (
        lambda: kiwi_peer.content_system(part, cores))
    plan["MeCab-ko"] = mecab_peer.unavailable() or (lambda: mecab_peer.content_system(part))
    plan["soynlp LTokenizer"] = soynlp_peer.unavailable() or (
        lambda: soynlp_peer.content_system(part))
    rows, times = speed_rows(part, plan, cold)
    base = times.get(cold)
    if base:
        kiwi = times.get("Kiwi")
        c.headline("tokenize MB/s, first pass (1 thread)", c.sig(c.mb(part) / base["seconds"]),
                   "Kiwi " + (c.sig(c.mb(part) / kiwi["seconds"]) if kiwi else "-"),
                   c.speedup(kiwi, base))
    head = (f"Speed on the first {len(part)} distinct knews8 articles ({c.mb(part):.2f} MB "
            "UTF-8; the time-box of the slow peers), one text at a time on one thread unless "
            f"noted, median of {c.MIN_RUNS} runs after a warm-up. \"first pass\" rows use a "
            "new Tokenizer for every run, so kotext's memo of analysed eojeols starts empty "
            "(text it has not seen); \"text seen before\" reuses one. The speed-up column is "
            "the row's time over kotext's first pass (1 thread) in the same run, on wall and "
            "on process CPU time; \"content tokens\" applies the gold rule to each system's "
            "output (a check that every system did the whole job); setup is model loading "
            "or, for soynlp, training its WordExtractor on the same texts.")
    table = c.md_table(["system", "MB/s", "kotext first-pass speed-up over this row",
                        "content tokens", "setup s"], rows)
    if quick:
        return head + "\n\n" + table
    full = {"kotext (backend='kotext'), first pass": kotext_cold("kotext", 1),
            f"kotext (backend='kotext'), first pass, {cores} threads": kotext_cold("kotext",
                                                                                  cores),
            "kotext (backend='rules')": kotext_cold("rules", 1),
            f"kotext (backend='rules'), {cores} threads": kotext_cold("rules", cores)}
    rows2, _ = speed_rows(docs, full, "kotext (backend='kotext'), first pass")
    head2 = (f"kotext alone on all {len(docs):,} distinct knews8 articles ({c.mb(docs):.2f} MB), "
             "1 and 2 threads (speed-up over its own first pass on 1 thread):")
    return "\n\n".join([head, table, head2, c.md_table(
        ["system", "MB/s", "speed-up over 1 thread", "content tokens", "setup s"], rows2)])


def run(quick: bool) -> str:
    q = quality(quick)
    return ("Content-token F1 (precision, recall) on the human-annotated UD dev splits, scored "
            "by `../shared/tools/content_tokens.py`:\n\n" + q + "\n\n" + speed(quick))
