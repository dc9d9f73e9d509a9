"""Error classes of kotext's content tokens on the UD Korean dev splits.

Each UD token (an eojeol, or a punctuation piece) whose gold content token (the rule of
``../shared/data/README.md`` "Content tokens", scored by ``../shared/tools/content_tokens.py``)
differs from the kotext tokens inside its span gets one class, the classes of issue 10:

=========================  ===========================================================
verb/adjective leaked      no gold, a token made of a verb/adjective eojeol (되어, 기쁜)
verb cut to noun stem      no gold, a proper prefix of a verb eojeol (말했으니 -> 말)
adverb leaked              no gold, the eojeol starts with an adverb (자주, 훨씬)
bound noun kept            no gold, its nominal prefix is bound nouns only (수도, 것인가)
other leaked               no gold, anything else (pronouns, determiners, interjections)
noun dropped               gold, no token
particle attached          the token is the gold plus a particle/ending (속에서, 예를)
suffix attached            the token is the gold plus 하다/되다 or another suffix
noun cut short             the token is a proper prefix of the gold (목적 -> 목)
compound split             the tokens joined give the gold (수석 + 연구원)
number with unit           the eojeol holds a digit and the number part is wrong (23만)
5·18                       digits joined by a middle dot
B.C. / URL                 Latin with dots, URLs, e-mails
Latin case                 equal but for letter case
other mismatch             anything else
=========================  ===========================================================

Counts are given for the first half of each split (used for tuning), the second half
(held out) and whole; ``--examples N`` prints N eojeols per class, ``--mecab`` also says for
each class how many of kotext's errors MeCab-ko on the whole sentence gets right
(python-mecab-ko, in the ``bench`` extra).

Run: ``.venv/bin/python benchmarks/tokenizer_errors.py [--split gsd-dev] [--examples 5] [--mecab]``
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import kotext

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"
DATA = ROOT.parent / "shared" / "data" / "ud"

CLASSES = ["verb/adjective leaked", "verb cut to noun stem", "adverb leaked",
           "bound noun kept", "other leaked", "noun dropped", "particle attached",
           "suffix attached", "noun cut short", "compound split", "number with unit", "5·18",
           "B.C. / URL", "Latin case", "other mismatch"]

MIDDLE_DOT = re.compile(r"\d[·ㆍ･・]\d")
LATIN_DOTTED = re.compile(r"[A-Za-z]\.[A-Za-z]|https?:|www\.|@[A-Za-z]")
PREDICATE = ("VV", "VA", "VX", "VCP", "VCN")


def classify(tok, gold: list[str], pred: list[str]) -> str:
    """The class of one UD token whose gold and predicted content tokens differ."""
    form = tok.form
    tags = [t for _, t in tok.morphs]
    first = tags[0] if tags else ""
    g = gold[0] if gold else None
    if MIDDLE_DOT.search(form):
        return "5·18"
    if LATIN_DOTTED.search(form):
        return "B.C. / URL"
    if g is not None and len(pred) == 1 and pred[0] != g and pred[0].lower() == g.lower():
        return "Latin case"
    if any(c.isdigit() for c in form):
        return "number with unit"
    if g is None:
        p = pred[0]
        if first.startswith(PREDICATE):
            return "verb/adjective leaked" if not form.startswith(p) or p == form or len(p) > len(
                tok.morphs[0][0]) else "verb cut to noun stem"
        if first.startswith("MA"):
            return "adverb leaked"
        if first in ("NNB", "NR", "XSN", "XPN"):
            return "bound noun kept"
        return "other leaked"
    if not pred:
        return "noun dropped"
    if len(pred) > 1 and "".join(pred) == g:
        return "compound split"
    p = pred[0]
    if len(pred) == 1 and p.startswith(g) and len(p) > len(g):
        # the morpheme after the gold prefix
        k, acc = 0, ""
        while k < len(tok.morphs) and len(acc) < len(g):
            acc += tok.morphs[k][0]
            k += 1
        nxt = tags[k] if k < len(tags) else ""
        return "particle attached" if nxt[:1] in ("J", "E") or nxt == "VCP" else "suffix attached"
    if len(pred) == 1 and g.startswith(p):
        return "noun cut short"
    return "other mismatch"


def by_token(sent, toks) -> dict[int, list[str]]:
    """Predicted token strings per UD token index (the token a prediction starts in)."""
    out: dict[int, list[str]] = defaultdict(list)
    spans = [(t.start, t.end, i) for i, t in enumerate(sent.tokens) if t.start is not None]
    for text, start, _end in toks:
        if start is None:
            continue
        for s, e, i in spans:
            if s <= start < e:
                out[i].append(text)
                break
    return out


def errors(sents, preds) -> list[tuple[int, str, str, list[str], list[str]]]:
    """[(sentence index, class, eojeol, gold, predicted)] of every mismatched UD token."""
    out = []
    for n, (sent, pred) in enumerate(zip(sents, preds)):
        gold: dict[int, list[str]] = defaultdict(list)
        for s, *_r, idx, _alt in sent.gold:
            gold[idx].append(s)
        got = by_token(sent, pred)
        for i in sorted(set(gold) | set(got)):
            g, p = gold.get(i, []), got.get(i, [])
            if g == p:
                continue
            out.append((n, classify(sent.tokens[i], g, p), sent.tokens[i].form, g, p))
    return out


def in_half(n: int, half: int, which: str) -> bool:
    """Whether sentence n is in the half `which` ('first', 'second', 'all') of a split."""
    return which == "all" or (n < half) == (which == "first")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", help="gsd-dev, kaist-dev (default both)")
    ap.add_argument("--examples", type=int, default=0, help="eojeols shown per class")
    ap.add_argument("--half", choices=["first", "second", "all"], default="first",
                    help="which half the examples come from (default: the tuning half)")
    ap.add_argument("--mecab", action="store_true",
                    help="count the errors MeCab-ko on whole sentences gets right")
    ap.add_argument("--backend", default="kotext")
    args = ap.parse_args(argv)
    if not (TOOLS / "content_tokens.py").exists():
        print(f"(no {TOOLS / 'content_tokens.py'}: nothing to score)")
        return 0
    sys.path.insert(0, str(TOOLS))
    import content_tokens as ct

    for split in args.split or ["gsd-dev", "kaist-dev"]:
        sents = ct.read_sentences(split, str(DATA))
        texts = [s.text for s in sents]
        tok = kotext.Tokenizer(stopwords=None, keep_numbers=True, backend=args.backend, n_jobs=1)
        preds = [[(t.text, t.start, t.end) for t in toks]
                 for toks in tok.tokenize(texts, return_offsets=True)]
        half = len(sents) // 2
        errs = errors(sents, preds)
        mecab_right: Counter = Counter()
        if args.mecab:
            call, convert, _ = ct.get_system("mecab", texts, 1)
            mpreds = convert(call())
            mecab_errs = {(n, form) for n, _c, form, _g, _p in errors(sents, mpreds)}
            for n, c, form, _g, _p in errs:
                if (n, form) not in mecab_errs:
                    mecab_right[c, n < half] += 1
        counts = Counter((c, n < half) for n, c, *_ in errs)
        scores = [ct.score(sents[:half], preds[:half]), ct.score(sents[half:], preds[half:]),
                  ct.score(sents, preds)]
        print(f"{split} ({args.backend}): F1 first half {scores[0]['F1']:.3f} "
              f"(P {scores[0]['P']:.3f} R {scores[0]['R']:.3f}), second half "
              f"{scores[1]['F1']:.3f} (P {scores[1]['P']:.3f} R {scores[1]['R']:.3f}), whole "
              f"{scores[2]['F1']:.3f} (P {scores[2]['P']:.3f} R {scores[2]['R']:.3f})")
        head = f"| {'class':<22} | {'1st':>5} | {'2nd':>5} | {'all':>5} |"
        if args.mecab:
            head += f" {'MeCab right, 1st':>16} |"
        print(head)
        for c in CLASSES:
            a, b = counts[c, True], counts[c, False]
            row = f"| {c:<22} | {a:>5} | {b:>5} | {a + b:>5} |"
            if args.mecab:
                row += f" {mecab_right[c, True]:>16} |"
            print(row)
        a, b = sum(v for (c, h), v in counts.items() if h), sum(
            v for (c, h), v in counts.items() if not h)
        print(f"| {'total':<22} | {a:>5} | {b:>5} | {a + b:>5} |\n")
        if args.examples:
            shown: Counter = Counter()
            for n, c, form, g, p in errs:
                if in_half(n, half, args.half) and shown[c] < args.examples:
                    shown[c] += 1
                    morphs = "+".join(f"{m}/{t}" for m, t in next(
                        t.morphs for t in sents[n].tokens if t.form == form))
                    print(f"  [{c}] {form}: gold {g} pred {p}   {morphs}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
