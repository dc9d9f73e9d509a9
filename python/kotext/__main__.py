"""Command line: ``python -m kotext`` or the ``kotext`` console script.

Every command reads a file or standard input and detects what it holds: JSONL (one JSON
object a line with ``text``, or ``title`` + ``body``; optional ``id``, ``date`` and any other
fields), an HTML page, or plain text (a text dump of one or more news pages). Results are
printed as a table, CSV, JSON or JSONL (``--format``). Errors are one line on stderr,
``kotext: error: ...``, naming the file (and line), with exit status 2 for usage and
input errors and 1 for failures of an analysis.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from ._data import sample_news_path, sample_text
from ._terms import fold_whitespace

#: Output formats of every command.
FORMATS = ("table", "csv", "json", "jsonl")
#: Bytes examined for NUL bytes when deciding that an input is binary, not text.
BINARY_SNIFF = 8192
#: Largest share of control, unassigned and private-use characters among the first
#: BINARY_SNIFF decoded characters of a text input. Text has almost none (the odd form
#: feed or private-use symbol); binary data that decodes anyway (after a UTF-16 byte order
#: mark, or with --encoding latin-1) is full of them.
BINARY_CHAR_SHARE = 0.01
#: Control characters that text does hold (whitespace and separators).
_TEXT_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85")


class CliError(Exception):
    """An error to report as one line (``kotext: error: <message>``), exit status 2."""


class _HelpFormatter(argparse.HelpFormatter):
    """Adds "(default: X)" to an option's help unless the help already states its default."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if ("(default" not in text and action.default not in (None, False, argparse.SUPPRESS)
                and action.option_strings):
            text += " (default: %(default)s)"
        return text


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) so scripts can parse them."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"kotext: error: {message} (see '{self.prog} --help')\n")
        sys.exit(2)


# --------------------------------------------------------------------------- input
@dataclass
class Doc:
    """One input document: its text, and id / title / date / metadata when the input has them."""

    text: str
    id: Any = None
    title: str = ""
    date: Any = None
    meta: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class Input:
    name: str  # the file name, or "<stdin>"
    kind: str  # "jsonl", "html" or "text"
    text: str = ""  # the whole input (html and text)
    records: list[Doc] = field(default_factory=list)  # jsonl


def _read_bytes(path: str | None) -> tuple[str, bytes]:
    if path in (None, "-"):
        if sys.stdin is None or sys.stdin.isatty():
            raise CliError("no input: give a FILE (or 'sample', the shipped sample) or pipe "
                           "text into standard input")
        return "<stdin>", sys.stdin.buffer.read()
    if os.path.isdir(path):
        raise CliError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as f:
            return path, f.read()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except PermissionError:
        raise CliError(f"{path}: permission denied") from None
    except OSError as err:
        raise CliError(f"{path}: cannot read ({err.strerror or err})") from None


def _decode(name: str, raw: bytes, encoding: str | None) -> str:
    if not raw.strip():
        raise CliError(f"{name}: is empty")
    codec = encoding or "utf-8"
    if codec.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig"):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        codec = "utf-8"
    if encoding is None and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    elif b"\0" in raw[:BINARY_SNIFF] and not codec.lower().startswith("utf-16"):
        at = raw.index(b"\0")
        raise CliError(f"{name}: looks binary (a NUL byte at offset {at}), not text")
    try:
        text = raw.decode(codec)
    except LookupError:
        raise CliError(f"unknown --encoding {encoding!r}") from None
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        hint = (" (EUC-KR/CP949? pass --encoding cp949)" if _looks_cp949(raw)
                else " (pass --encoding)")
        raise CliError(f"{name}: line {line}: not valid {codec} at byte {err.start}"
                       + ("" if encoding else hint)) from None
    _check_looks_like_text(name, text, codec)
    return text


def _check_looks_like_text(name: str, text: str, codec: str) -> None:
    """CliError when decoded text is binary data in disguise (NULs, or over
    BINARY_CHAR_SHARE control / unassigned / private-use characters)."""
    sample = text[:BINARY_SNIFF]
    if "\0" in sample:
        raise CliError(f"{name}: looks binary (a NUL character at offset {sample.index(chr(0))} "
                       f"after decoding as {codec}), not text")
    odd = sum(1 for c in sample if c not in _TEXT_CONTROLS
              and unicodedata.category(c) in ("Cc", "Cn", "Co"))
    if odd > BINARY_CHAR_SHARE * len(sample):
        raise CliError(f"{name}: looks binary ({odd} of the first {len(sample)} characters "
                       f"decoded as {codec} are control, unassigned or private-use), not text")


def _looks_cp949(raw: bytes) -> bool:
    try:
        raw[:BINARY_SNIFF * 4].decode("cp949")
    except UnicodeDecodeError as err:
        return err.start > BINARY_SNIFF * 4 - 4  # only a character cut by the slice
    return True


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def _parse_jsonl(name: str, text: str) -> list[Doc]:
    """The records of a JSONL input, read by the Corpus's own rules (one implementation:
    :func:`kotext._corpus.jsonl_records` and :func:`kotext._corpus.record_text`)."""
    from ._corpus import _DEFAULT_TEXT_FIELDS, jsonl_records, record_text

    docs: list[Doc] = []
    lines = text.split("\n")  # not splitlines: JSON may hold U+2028
    try:
        for n, rec in jsonl_records(lines, name):
            full = record_text(rec, f"{name}: line {n}")
            meta = {k: v for k, v in rec.items()
                    if k not in ("id", "date", "title", *_DEFAULT_TEXT_FIELDS)}
            docs.append(Doc(full, rec.get("id"), (rec.get("title") or _first_line(full)).strip(),
                            rec.get("date"), meta, n))
    except (ValueError, KeyError, TypeError) as err:
        raise CliError(str(err.args[0])) from None
    ids = [d.id for d in docs if d.id is not None]
    if len(set(map(repr, ids))) != len(ids):
        seen: set[str] = set()
        dup = next(d for d in docs if d.id is not None and (repr(d.id) in seen
                                                           or seen.add(repr(d.id))))
        raise CliError(f"{name}: line {dup.line}: id {dup.id!r} appears more than once")
    return docs


def _looks_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{"


def read_input(path: str | None, encoding: str | None = None) -> Input:
    """Read ``path`` (None or '-': stdin) and detect JSONL, HTML or plain text."""
    from ._segment import _detect_format

    name, raw = _read_bytes(path)
    text = _decode(name, raw, encoding)
    if _looks_jsonl(text):
        return Input(name, "jsonl", records=_parse_jsonl(name, text))
    return Input(name, _detect_format(text), text=text)


def documents(inp: Input) -> list[Doc]:
    """The documents of an input: JSONL records; the article of an HTML page; the articles
    of a text dump (one or more pages, split and cleaned by :func:`kotext.segment_many`)."""
    import kotext

    if inp.kind == "jsonl":
        return inp.records
    articles = [kotext.segment(inp.text)] if inp.kind == "html" else kotext.segment_many(inp.text)
    docs = []
    for a in articles:
        text = "\n\n".join(p for p in [a.title, *a.subtitle, a.text] if p)
        if text.strip():
            docs.append(Doc(text, None, a.title, a.date or None,
                            {"outlet": a.outlet} if a.outlet else {}))
    if not docs:  # plain text that holds no page structure: the text is the document
        docs = [Doc(inp.text, None, _first_line(inp.text))]
    return docs


def texts(inp: Input) -> list[tuple[Any, str]]:
    """(id, text) pairs for the text commands: each JSONL record, or the whole input."""
    if inp.kind == "jsonl":
        return [(d.id if d.id is not None else i, d.text) for i, d in enumerate(inp.records)]
    return [(None, inp.text)]


#: Names the Corpus keeps for itself: a record field so named is kept as "<name>_".
_RESERVED_FIELDS = ("date", "title", "chars", "terms", "texts", "ids", "dates", "titles",
                    "vectorizer", "progress")


def build_corpus(inp: Input, docs: list[Doc] | None = None) -> Any:
    """A :class:`kotext.Corpus` of the input's documents (ids, titles, dates, metadata)."""
    import kotext

    docs = documents(inp) if docs is None else docs
    ids = [d.id if d.id is not None else i for i, d in enumerate(docs)]
    fields = list(dict.fromkeys(k for d in docs for k in d.meta))
    meta = {(f"{k}_" if k in _RESERVED_FIELDS else k): [d.meta.get(k) for d in docs]
            for k in fields}
    try:
        return kotext.Corpus([d.text for d in docs], ids=ids, dates=[d.date for d in docs],
                             titles=[d.title for d in docs], **meta)
    except ValueError as err:
        raise CliError(f"{inp.name}: {err}") from None


def _group(corpus: Any, inp: Input, column: str, value: str | None) -> tuple[Any, str]:
    """The documents whose field ``column`` is ``value`` (default: its most common value)."""
    frame = corpus.frame()
    if column not in corpus.metadata.columns:
        raise CliError(f"{inp.name}: no field {column!r} in the records; fields: "
                       f"{', '.join(map(str, corpus.metadata.columns)) or 'none'}")
    col = frame[column].astype(str)
    if value is None:
        value = col.value_counts().index[0]
    mask = pd.Series((col == value).to_numpy(), index=corpus.ids)
    if not mask.any():
        values = ", ".join(sorted(col.unique())[:20])
        raise CliError(f"{inp.name}: no record has {column} = {value!r}; values: {values}")
    return mask, value


# --------------------------------------------------------------------------- output
def emit(df: pd.DataFrame, fmt: str, *, table: Callable[[pd.DataFrame], str] | None = None) -> None:
    """Print a result frame in the chosen format."""
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=2,
                                    date_format="iso") + "\n")
    elif fmt == "jsonl":
        if len(df):
            sys.stdout.write(df.to_json(orient="records", lines=True, force_ascii=False,
                                        date_format="iso").rstrip("\n") + "\n")
    elif df.empty:
        sys.stdout.write("(no results)\n")
    else:  # Hangul is two columns wide in a terminal: pad by display width
        with pd.option_context("display.unicode.east_asian_width", True):
            sys.stdout.write(table(df) if table is not None
                             else df.to_string(index=False, max_colwidth=60) + "\n")


def _emit_records(rows: list[dict[str, Any]], fmt: str, line: Callable[[dict], str]) -> None:
    """Per-document outputs of the text commands: one line each as a table, else rows."""
    if fmt == "table":
        for row in rows:
            sys.stdout.write(line(row) + "\n")
        return
    emit(pd.DataFrame(rows), fmt)


# --------------------------------------------------------------------------- demo
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


# --------------------------------------------------------------------------- text commands
def _cmd_normalize(args: argparse.Namespace) -> int:
    import kotext

    inp = read_input(args.file, args.encoding)
    pairs = texts(inp)
    out = kotext.normalize([t for _, t in pairs], form=args.form)
    if inp.kind != "jsonl" and args.format in (None, "table"):
        sys.stdout.write(out[0] + "\n")
        return 0
    _emit_records([{"id": i, "text": t} for (i, _), t in zip(pairs, out)], args.format or "table",
                  lambda r: f"{r['id']}\t{r['text']}")
    return 0


def _cmd_tokenize(args: argparse.Namespace) -> int:
    import kotext

    inp = read_input(args.file, args.encoding)
    if inp.kind == "jsonl":
        pairs = texts(inp)
    else:  # plain text and pages: one line of tokens per input line
        pairs = list(enumerate(inp.text.splitlines(), 1))
    tokens = kotext.tokenize([t for _, t in pairs])
    key = "id" if inp.kind == "jsonl" else "line"
    _emit_records([{key: i, "tokens": toks} for (i, _), toks in zip(pairs, tokens)],
                  args.format or "table", lambda r: " ".join(r["tokens"]))
    return 0


def _cmd_sentences(args: argparse.Namespace) -> int:
    import kotext

    inp = read_input(args.file, args.encoding)
    pairs = texts(inp)
    batch = kotext.split_sentences([t for _, t in pairs])
    rows = [{"id": i, "n": n, "sentence": s}
            for (i, _), sents in zip(pairs, batch) for n, s in enumerate(sents, 1)]
    if inp.kind != "jsonl":
        for r in rows:
            del r["id"]
    _emit_records(rows, args.format or "table", lambda r: r["sentence"])
    return 0


def _cmd_segment(args: argparse.Namespace) -> int:
    import kotext

    inp = read_input(args.file, args.encoding)
    if inp.kind == "jsonl":
        articles = [kotext.segment(d.text, format=args.page_format) for d in inp.records]
    elif args.many:
        articles = kotext.segment_many(inp.text)
    else:
        articles = [kotext.segment(inp.text, format=args.page_format)]
    out = [a.to_dict() for a in articles]
    fmt = args.format or "json"
    if fmt == "json":
        single = not args.many and inp.kind != "jsonl"
        json.dump(out[0] if single else out, sys.stdout, ensure_ascii=False, indent=2,
                  default=str)
        print()
    elif fmt == "jsonl":
        for d in out:
            print(json.dumps(d, ensure_ascii=False, default=str))
    else:
        emit(pd.DataFrame([{"title": a.title, "date": a.date, "outlet": a.outlet,
                            "reporters": ", ".join(a.reporters), "paragraphs": len(a.paragraphs),
                            "sentences": len(a.sentences), "boilerplate": len(a.boilerplate)}
                           for a in articles]), fmt)
    return 0


# --------------------------------------------------------------------------- corpus commands
def _corpus_input(args: argparse.Namespace) -> tuple[Input, Any]:
    path = sample_news_path() if args.file == "sample" else args.file
    inp = read_input(path, args.encoding)
    if args.file == "sample":
        inp.name = "sample"  # errors and report titles name it as the user did
    return inp, build_corpus(inp)


def _doc_id(corpus: Any, inp: Input, value: str | None, default: int) -> Any:
    """A document named on the command line: its id (as given, or as a number), or its
    position when the input has no ids."""
    if value is None:
        if len(corpus) <= default:
            raise CliError(f"{inp.name}: needs at least {default + 1} documents, has "
                           f"{len(corpus)}")
        return corpus.ids[default]
    for cand in (value, *([int(value)] if value.lstrip("-").isdigit() else [])):
        if cand in corpus.ids:
            return cand
    raise CliError(f"{inp.name}: no document with id {value!r}")


def _cmd_keywords(args: argparse.Namespace) -> int:
    _, corpus = _corpus_input(args)
    df = corpus.keywords(args.top_k)

    def table(d: pd.DataFrame) -> str:
        grouped = d.groupby("id", sort=False).agg(title=("title", "first"),
                                                  keywords=("term", " ".join))
        return grouped.reset_index().to_string(index=False, max_colwidth=80) + "\n"

    emit(df, args.format or "table", table=table)
    return 0


def _cmd_similar(args: argparse.Namespace) -> int:
    inp, corpus = _corpus_input(args)
    doc = None if args.doc is None else _doc_id(corpus, inp, args.doc, 0)
    df = corpus.similar(doc, args.top_n)
    emit(df, args.format or "table")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    inp, corpus = _corpus_input(args)
    a, b = _doc_id(corpus, inp, args.a, 0), _doc_id(corpus, inp, args.b, 1)
    df = corpus.compare(a, b).head(args.top)
    df = df.rename(columns={"weight_i": "weight_a", "weight_j": "weight_b"})
    df["status"] = df["status"].replace({"only_i": "only_a", "only_j": "only_b"})
    fmt = args.format or "table"
    if fmt == "table":
        titles = corpus.titles
        print(f"A = {a}: {fold_whitespace(titles[a])[:70]}\n"
              f"B = {b}: {fold_whitespace(titles[b])[:70]}\n"
              f"cosine {df.attrs.get('cosine', float('nan')):.3f}\n")
    emit(df, fmt)
    return 0


def _cmd_duplicates(args: argparse.Namespace) -> int:
    _, corpus = _corpus_input(args)
    df = corpus.duplicates(args.threshold)
    emit(df, args.format or "table")
    return 0


def _cmd_contrast(args: argparse.Namespace) -> int:
    inp, corpus = _corpus_input(args)
    mask_a, value_a = _group(corpus, inp, args.by, args.a)
    mask_b, value_b = (None, f"not {value_a}") if args.b is None else _group(
        corpus, inp, args.by, args.b)
    df = corpus.contrast(mask_a, mask_b, top=args.top, labels=(value_a, value_b))
    emit(df, args.format or "table")
    return 0


def _cmd_stories(args: argparse.Namespace) -> int:
    _, corpus = _corpus_input(args)
    df = corpus.stories(args.threshold, days=None if args.days <= 0 else args.days)
    if not args.all:
        df = df[df["size"] > 1]
    fmt = args.format or "table"
    if fmt in ("table", "csv"):  # one cell per value: members as "id id id"
        df = df.assign(ids=[" ".join(map(str, m)) for m in df["ids"]])
    emit(df.reset_index(drop=True), fmt)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    inp, corpus = _corpus_input(args)
    if args.by is not None and args.by not in corpus.metadata.columns:
        raise CliError(f"{inp.name}: no field {args.by!r} to group by; fields: "
                       f"{', '.join(map(str, corpus.metadata.columns)) or 'none'}")
    try:
        out = corpus.report(args.output, by=args.by, title=args.title or f"kotext: {inp.name}",
                            freq=args.freq)
    except OSError as err:
        raise CliError(f"{args.output}: cannot write ({err.strerror or err})") from None
    print(out)
    return 0


# --------------------------------------------------------------------------- parser
def _parser() -> argparse.ArgumentParser:
    import kotext
    from kotext._analysis import STORY_DAYS, STORY_THRESHOLD

    fmt = _HelpFormatter
    parser = _Parser(
        prog="kotext", formatter_class=fmt,
        description="Korean news text analytics: normalize, segment, tokenize, keywords, "
                    "similar articles, comparisons, stories, reports. Every command reads FILE "
                    "(or standard input when FILE is '-' or missing) holding JSONL records "
                    "(text, or title + body; optional id, date, other fields), an HTML page, "
                    "or plain text.",
        epilog="Run 'kotext COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"kotext {kotext.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str, *,
                corpus: bool = False, formats: bool = True,
                default_format: str = "table") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, formatter_class=fmt)
        p.set_defaults(func=func)
        if name == "demo":
            return p
        file_help = "input file; '-' or none reads standard input"
        if corpus:
            file_help += "; 'sample' reads kotext's dated sample (30 articles)"
        p.add_argument("file", nargs="?", default=None, metavar="FILE", help=file_help)
        p.add_argument("--encoding", default=None,
                       help="encoding of FILE, e.g. cp949 for EUC-KR (default: UTF-8)")
        if formats:
            p.add_argument("--format", choices=FORMATS, default=None,
                           help=f"output format (default: {default_format})")
        return p

    command("demo", _cmd_demo, "run the demo on the shipped Korean sample")
    p = command("normalize", _cmd_normalize, "normalize text (each record of a JSONL file)")
    p.add_argument("--form", default="NFC", choices=["NFC", "NFKC", "none"],
                   help="Unicode normalization form")
    command("tokenize", _cmd_tokenize,
            "tokenize each line of a text (each record of a JSONL file)")
    command("sentences", _cmd_sentences, "split text (each JSONL record) into sentences")
    p = command("segment", _cmd_segment, "segment a news page (text dump or HTML) into an "
                "article: title, date, byline, paragraphs, sentences, boilerplate",
                default_format="json")
    p.add_argument("--page-format", default="auto", choices=["auto", "text", "html"],
                   help="what the page is")
    p.add_argument("--many", action="store_true", help="the text dump holds several articles")
    p = command("keywords", _cmd_keywords, "top keywords of each article",
                corpus=True)
    p.add_argument("-k", "--top-k", type=int, default=8, help="keywords per article")
    p = command("similar", _cmd_similar, "nearest articles by TF-IDF cosine similarity",
                corpus=True)
    p.add_argument("-d", "--doc", default=None, metavar="ID",
                   help="one article's id (default: every article)")
    p.add_argument("-n", "--top-n", type=int, default=5, help="neighbours per article")
    p = command("compare", _cmd_compare, "terms two articles share and terms only one has",
                corpus=True)
    p.add_argument("-a", default=None, metavar="ID", help="first article (default: the first)")
    p.add_argument("-b", default=None, metavar="ID",
                   help="second article (default: the second)")
    p.add_argument("--top", type=int, default=20, help="rows to print")
    p = command("duplicates", _cmd_duplicates, "pairs of near-identical articles",
                corpus=True)
    p.add_argument("--threshold", type=float, default=0.8, help="minimum cosine similarity")
    p = command("contrast", _cmd_contrast, "terms that set one group of JSONL records apart "
                "from another (log-odds z-scores)", corpus=True)
    p.add_argument("--by", required=True, metavar="FIELD",
                   help="the record field that defines the groups, e.g. label")
    p.add_argument("-a", default=None, metavar="VALUE",
                   help="group A: records whose FIELD is VALUE (default: the most common)")
    p.add_argument("-b", default=None, metavar="VALUE",
                   help="group B (default: every record not in A)")
    p.add_argument("--top", type=int, default=15, help="terms per side")
    p = command("stories", _cmd_stories, "articles grouped into stories (the same event "
                "from several outlets or updates)", corpus=True)
    p.add_argument("--threshold", type=float, default=STORY_THRESHOLD,
                   help="minimum cosine similarity that links two articles")
    p.add_argument("--days", type=float, default=STORY_DAYS,
                   help="most days between linked articles (0: no limit)")
    p.add_argument("--all", action="store_true",
                   help="also list stories of a single article")
    p = command("report", _cmd_report, "write a self-contained HTML report (summary, "
                "keywords per group, stories, emerging terms, trends, articles)",
                corpus=True, formats=False)
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write")
    p.add_argument("--by", default=None, metavar="FIELD",
                   help="group the report by this record field (e.g. label)")
    p.add_argument("--title", default=None, help="heading (default: kotext: FILE)")
    p.add_argument("--freq", default="M", help="period of trends and emerging terms "
                   "(D, W, M, Q or Y)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except CliError as err:
        sys.stderr.write(f"kotext: error: {err}\n")
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("kotext: interrupted\n")
        return 130
    except (ValueError, KeyError, TypeError, OSError, UnicodeError, ImportError) as err:
        # An analysis refused its input: one line naming the input, never a traceback.
        name = getattr(args, "file", None) or "<stdin>"
        msg = err.args[0] if isinstance(err, KeyError) and err.args else err
        sys.stderr.write(f"kotext: error: {name}: {msg}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
