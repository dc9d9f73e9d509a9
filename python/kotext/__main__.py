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


def _demo_tfidf(text: str) -> None:
    """Keywords of the sample articles and which of them are most alike."""
    import kotext

    articles = kotext.segment_many(text)  # clean articles: no ranking lists, bylines...
    titles = [a.title for a in articles]
    pages = [a.title + "\n" + "\n".join(a.paragraphs) for a in articles]
    vec = kotext.TfidfVectorizer()
    X = vec.fit_transform(pages)
    print(f"  {X.shape[0]} articles -> {X.shape[1]} features (Korean tokenizer + sublinear TF-IDF)")
    kw = vec.keywords(X, top_k=5)
    for doc, group in kw.groupby("doc"):
        print(f"  [{doc}] {titles[doc][:40]}")
        print("      " + ", ".join(f"{t} {w:.2f}" for t, w in zip(group.term, group.weight)))
    if X.shape[0] < 2:
        return
    nb = kotext.similarity(X, top_n=1)
    best = int(nb.scores[:, 0].argmax())
    other = int(nb.indices[best, 0])
    print("  most similar articles:")
    for i in range(X.shape[0]):
        print(f"    [{i}] -> [{nb.indices[i, 0]}] cosine {nb.scores[i, 0]:.2f}")
    df = kotext.compare(X, best, other, vec.get_feature_names_out())
    shared = df[df.status == "shared"].head(5)
    print(f"  closest pair [{best}] & [{other}] (cosine {df.attrs['cosine']:.2f}) share: "
          + ", ".join(shared.term))


_DEMO_STEPS.append(("keywords and similar articles (TF-IDF)", _demo_tfidf))


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
