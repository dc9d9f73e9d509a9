"""Command line: ``python -m kotext`` or the ``kotext`` console script."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Callable, Sequence


def _read_input(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


def sample_text() -> str:
    """The Korean news sample shipped with kotext (written for the project)."""
    return resources.files("kotext").joinpath("data/sample_pages.txt").read_text("utf-8")


def _cmd_normalize(args: argparse.Namespace) -> int:
    import kotext

    sys.stdout.write(kotext.normalize(_read_input(args.file), form=args.form) + "\n")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    import kotext

    text = sample_text()
    print(f"kotext {kotext.__version__} demo on the shipped sample ({len(text)} characters)\n")
    print("== normalize ==")
    messy = "“ＫＯＴＥＸＴ”&nbsp;데모ㅋㅋㅋㅋ!!!!  총론‧기획…"
    print(f"  {messy!r}\n  -> {kotext.normalize(messy)!r}")
    for name, step in _DEMO_STEPS:
        print(f"\n== {name} ==")
        step(text)
    return 0


# Later components append (title, function) pairs here to extend the demo.
_DEMO_STEPS: list[tuple[str, Callable[[str], None]]] = []


def _demo_segment(text: str) -> None:
    import kotext

    for i, article in enumerate(kotext.segment_many(text), 1):
        reasons = sorted({b.reason for b in article.boilerplate})
        print(f"  [{i}] {article.title}")
        print(f"      date={article.date} kicker={article.kicker!r} outlet={article.outlet!r} "
              f"reporters={article.reporters}")
        print(f"      {len(article.paragraphs)} paragraphs, {len(article.sentences)} sentences; "
              f"dropped {len(article.boilerplate)} blocks ({', '.join(reasons)})")


_DEMO_STEPS.append(("segment: pages -> articles", _demo_segment))


def _demo_tokenize(text: str) -> None:
    import kotext

    articles = kotext.segment_many(text)
    first = "\n\n".join([articles[0].title, *articles[0].paragraphs]) if articles else text
    tok = kotext.Tokenizer()
    print(f"  first article, {len(first)} characters -> tokens (particles and endings cut):")
    tokens = tok(first)
    for i in range(0, min(len(tokens), 48), 12):
        print("   ", " ".join(tokens[i:i + 12]))
    print("  with offsets and types:")
    for t in tok.tokenize(first, return_offsets=True)[:6]:
        print(f"    {t.text!r:<14} {t.type:<7} [{t.start}:{t.end}] {first[t.start:t.end]!r}")
    tok.add_words(["디지털 전환", "수요예측"])
    print("  with user words '디지털 전환', '수요예측' and bigrams:")
    print("   ", kotext.Tokenizer(user_words=["디지털 전환"], ngram_range=(2, 2))(first)[:6])
    docs = [a.text for a in articles] or [text]
    fitted = kotext.Tokenizer().fit(docs, min_count=2)
    nouns = sorted(fitted.learned_nouns_.items(), key=lambda kv: -kv[1])[:12]
    print(f"  nouns learned from the {len(docs)} sample articles (fit): "
          + ", ".join(w for w, _ in nouns))


_DEMO_STEPS.append(("tokenize: stems, offsets, user words, learned nouns", _demo_tokenize))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kotext",
        description="Korean news text analytics: normalize, segment, tokenize, TF-IDF, compare.",
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("demo", help="run the demo on the shipped Korean sample")
    p.set_defaults(func=_cmd_demo)
    p = sub.add_parser("normalize", help="normalize a text file (or stdin) to stdout")
    p.add_argument("file", nargs="?", help="UTF-8 text file; '-' or none reads stdin")
    p.add_argument("--form", default="NFC", choices=["NFC", "NFKC", "none"])
    p.set_defaults(func=_cmd_normalize)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
