"""normalize: kotext.normalize against the pure-Python reference and soynlp's normalizers.

The reference (``tests/python/normalize_reference.py``) implements kotext's documented
rules with ``unicodedata`` + ``re``: the outputs must be identical before anything is timed.
soynlp's functions do a smaller, different job (repeat and whitespace folding, Hangul-only
filters); they are timed for scale, and the table says how many documents kotext with only
the matching rules on gives the same output as ``repeat_normalize``.
"""

from __future__ import annotations

import os

import _common as c
from peers import reference_peer, soynlp_peer

TITLE = "Normalization"


def run(quick: bool) -> str:
    import kotext

    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    docs, _ = c.knews8()
    docs = docs[:40] if quick else docs
    size = c.mb(docs)
    notes = []

    ref = None if (why := reference_peer.unavailable()) else [reference_peer.normalize(d) for d in docs]
    ours = kotext.normalize(docs, n_jobs=1)
    if ref is not None:
        same = sum(a == b for a, b in zip(ours, ref))
        notes.append(f"Check before timing: kotext.normalize == the pure-Python reference on "
                     f"{same}/{len(docs)} documents.")

    runs = c.MIN_RUNS
    r_k1 = c.timed(lambda: kotext.normalize(docs, n_jobs=1), runs)
    r_kall = c.timed(lambda: kotext.normalize(docs, n_jobs=-1), runs)
    rows = [["kotext.normalize, 1 thread", c.sig(size / r_k1["seconds"]), c.speedup(r_k1, r_k1)],
            [f"kotext.normalize, all cores ({os.cpu_count()})", c.sig(size / r_kall["seconds"]),
             c.speedup(r_kall, r_k1)]]
    if ref is None:
        rows.append(["pure-Python reference (same rules)", c.na(why), "-"])
    else:
        r = c.timed(lambda: [reference_peer.normalize(d) for d in docs], runs)
        rows.append(["pure-Python reference (same rules)", c.sig(size / r["seconds"]),
                     c.speedup(r, r_k1)])
        c.headline("MB/s, same output as the pure-Python reference", c.sig(size / r_k1["seconds"]),
                   f"reference {c.sig(size / r['seconds'])}", c.speedup(r, r_k1))
    if (why := soynlp_peer.unavailable()):
        rows.append(["soynlp normalizers", c.na(why), "-"])
    else:
        for name, fn in soynlp_peer.normalizers().items():
            r = c.timed(lambda fn=fn: [fn(d) for d in docs], runs)
            rows.append([f"soynlp {name} (a smaller job)", c.sig(size / r["seconds"]),
                         c.speedup(r, r_k1)])
        from soynlp.normalizer import repeat_normalize

        only, _ = c.attempt(kotext.normalize, docs, n_jobs=1, form="none", decode_html=False,
                            width=False, quotes=False, middle_dots=False, dashes=False,
                            ellipsis=False, max_repeat=2)
        if only is not None:
            same = sum(" ".join(a.split()) == repeat_normalize(d, num_repeats=2)
                       for a, d in zip(only, docs))
            notes.append(f"kotext with only repeat folding (max_repeat=2) and whitespace joined "
                         f"equals soynlp repeat_normalize(num_repeats=2) on {same}/{len(docs)} "
                         "documents (soynlp also folds repeated digits: 10000 -> 100).")
    table = c.md_table(["engine", "MB/s", "kotext 1-thread speed-up over this row (wall, CPU)"], rows)
    head = (f"{len(docs)} knews8 articles (title + body), {size:.2f} MB UTF-8; median of "
            f"{runs} runs after a warm-up. The speed-up divides the row's time by kotext's "
            "1-thread time measured in the same run.")
    return "\n\n".join([head, table, *notes])

