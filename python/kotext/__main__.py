"""Command line: ``python -m kotext`` or the ``kotext`` console script."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import resources
from typing import Callable


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


def _demo_sentences(text: str) -> None:
    import kotext

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    batch = kotext.split_sentences(paragraphs)
    print(f"  {len(paragraphs)} paragraphs -> {sum(map(len, batch))} sentences (one batch call)")
    articles = kotext.segment_many(text)
    body = articles[0].text if articles and articles[0].text else max(paragraphs, key=len)
    for s in kotext.split_sentences(body, return_offsets=True)[:4]:
        print(f"  [{s.start}:{s.end}] {s.text[:60]}")


_DEMO_STEPS.append(("split_sentences: text -> sentences with offsets", _demo_sentences))


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


def _cmd_tokenize(args: argparse.Namespace) -> int:
    import kotext

    lines = _read_input(args.file).splitlines()
    for tokens in kotext.tokenize(lines):
        print(" ".join(tokens))
    return 0


def _cmd_sentences(args: argparse.Namespace) -> int:
    import kotext

    for sentence in kotext.split_sentences(_read_input(args.file)):
        print(sentence)
    return 0


def _cmd_segment(args: argparse.Namespace) -> int:
    import json

    import kotext

    if args.file in (None, "-"):
        raw = sys.stdin.buffer.read()
    else:
        with open(args.file, "rb") as f:
            raw = f.read()
    articles = kotext.segment_many(raw.decode("utf-8")) if args.many else [
        kotext.segment(raw, format=args.format)]
    out = [a.to_dict() for a in articles]
    json.dump(out if args.many else out[0], sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()
    return 0


def _cmd_keywords(args: argparse.Namespace) -> int:
    import kotext

    text = sample_text() if args.file == "sample" else _read_input(args.file)
    corpus = kotext.Corpus.from_articles(kotext.segment_many(text))
    table = corpus.keywords(top_k=args.top_k)
    print(table.groupby("id", sort=False)["term"].apply(" ".join).to_string())
    return 0
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
    p = sub.add_parser("tokenize", help="tokenize each line of a text file (or stdin)")
    p.add_argument("file", nargs="?", help="UTF-8 text file; '-' or none reads stdin")
    p.set_defaults(func=_cmd_tokenize)
    p = sub.add_parser("sentences", help="split a text file (or stdin) into sentences, one a line")
    p.add_argument("file", nargs="?", help="UTF-8 text file; '-' or none reads stdin")
    p.set_defaults(func=_cmd_sentences)
    p = sub.add_parser("segment", help="segment a news page (text dump or HTML) into JSON")
    p.add_argument("file", nargs="?", help="page file; '-' or none reads stdin")
    p.add_argument("--format", default="auto", choices=["auto", "text", "html"])
    p.add_argument("--many", action="store_true", help="the input holds several articles")
    p.set_defaults(func=_cmd_segment)
    p = sub.add_parser("keywords", help="keywords of each article in a dump ('sample': the shipped one)")
    p.add_argument("file", nargs="?", default="sample", help="UTF-8 dump of articles")
    p.add_argument("--top-k", type=int, default=8)
    p.set_defaults(func=_cmd_keywords)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
