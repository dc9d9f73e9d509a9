"""Tests of kotext.tokenize / kotext.Tokenizer."""

from __future__ import annotations

import pickle
import re
import threading
from pathlib import Path

import kotext
import pytest
from shared_data import DATA, SEEDS

ROOT = Path(__file__).resolve().parents[2]
SEED = SEEDS / "000_f7bf2c567565b81f.txt"

# The article body of the seed page, eojeol by eojeol, with the stems a reader expects
# (space-separated when one eojeol holds several tokens; empty for predicates and
# function words). Written out by hand; stopwords are off so that every content word
# shows. Mixed words (서울대학교AI연구원장) and numbers with units (10여명) stay whole.
SEED_TABLE: list[tuple[str, str]] = [
    ('산업통상자원부와', '산업통상자원부'),
    ('한국패션산업협회는', '한국패션산업협회'),
    ('산업부', '산업부'),
    ('산업정책실장,', '산업정책실장'),
    ('한국패션산업협회장,', '한국패션산업협회장'),
    ('서울대학교AI연구원장', '서울대학교AI연구원장'),
    ('등', ''),
    ('패션업계', '패션업계'),
    ('전문가', '전문가'),
    ('10여명이', '10여명'),
    ('참석한', '참석'),
    ('가운데,', '가운데'),
    ('2월', '2월'),
    ('3일', '3일'),
    ('(수)', ''),
    ("'K패션", 'K패션'),
    ('디지털', '디지털'),
    ('전환', '전환'),
    ("포럼'", '포럼'),
    ('정책협의회를', '정책협의회'),
    ('개최했다.', '개최'),
    ('이', ''),
    ('포럼은', '포럼'),
    ('패션', '패션'),
    ('산업의', '산업'),
    ('디지털', '디지털'),
    ('전환', '전환'),
    ('방향을', '방향'),
    ('논의하는', '논의'),
    ('등', ''),
    ('산업', '산업'),
    ('활력제고를', '활력제고'),
    ('위해', ''),
    ('정부와', '정부'),
    ('산업계가', '산업계'),
    ('협업해', '협업'),
    ('적극적인', '적극적'),  # XSN 적 is part of the content word (gold rule)
    ('역할을', '역할'),
    ('수행해야', '수행'),
    ('한다는', ''),
    ('인식에', '인식'),
    ('따라', ''),
    ('출범했다.', '출범'),
    ('‘패션산업의', '패션산업'),
    ('디지털', '디지털'),
    ('전환’을', '전환'),
    ('대주제로', '대주제'),
    ('총론‧기획·생산·유통', '총론 기획 생산 유통'),
    ('등의', ''),
    ('하위', '하위'),
    ('분과', '분과'),
    ('포럼을', '포럼'),
    ('격월로', '격월'),
    ('개최해', '개최'),
    ('패션산업의', '패션산업'),
    ('가치사슬', '가치사슬'),
    ('별로', ''),
    ('소주제를', '소주제'),
    ('논의해', '논의'),
    ('나갈', ''),
    ('예정이다.', '예정'),
    ('향후', '향후'),
    ('이', ''),
    ('포럼은', '포럼'),
    ('전문가', '전문가'),
    ('발제', '발제'),
    ('및', ''),
    ('패널', '패널'),
    ('토론,', '토론'),
    ('현장의견', '현장의견'),
    ('청취를', '청취'),
    ('통해', ''),
    ('각', ''),
    ('주제별', '주제별'),
    ('디지털', '디지털'),
    ('전환', '전환'),
    ('전략', '전략'),
    ('과제를', '과제'),
    ('발굴하고,', '발굴'),
    ('새로운', ''),
    ('비즈니스', '비즈니스'),
    ('모델', '모델'),
    ('창출을', '창출'),
    ('위한', ''),
    ('논의의', '논의'),
    ('장으로써', '장'),
    ('활용할', '활용'),
    ('계획이다.', '계획'),
    ('이날', '이날'),
    ('포럼에서는', '포럼'),
    ('서울대', '서울대'),
    ('AI연구원의', 'AI연구원'),
    ('‘패션산업에서의', '패션산업'),
    ('AI역할,', 'AI역할'),
    ('현재와', '현재'),
    ('미래’', '미래'),
    ('특별강연', '특별강연'),
    ('및', ''),
    ('한국패션산업협회의', '한국패션산업협회'),
    ('‘K패션', 'K패션'),
    ('디지털', '디지털'),
    ('전환', '전환'),
    ('추진방향’', '추진방향'),
    ('발표로', '발표'),
    ('민관', '민관'),
    ('합동', '합동'),
    ('전략', '전략'),
    ('수립의', '수립'),
    ('첫', ''),
    ('발을', '발'),
    ('내딛었다.', ''),
    ('또한', ''),
    ('산업부,', '산업부'),
    ('패션협회,', '패션협회'),
    ('서울대학교', '서울대학교'),
    ('간의', ''),
    ('3자', '3자'),
    ('상호협력협약을', '상호협력협약'),
    ('체결해', '체결'),
    ('패션산업', '패션산업'),
    ('디지털', '디지털'),
    ('생태계', '생태계'),
    ('조성을', '조성'),
    ('위한', ''),
    ('민관의', '민관'),
    ('상호', '상호'),
    ('협력을', '협력'),
    ('다짐했다.', '다짐'),
    ('한국패션산업협회', '한국패션산업협회'),
    ('한준석', '한준석'),
    ('회장은', '회장'),
    ('이날', '이날'),
    ('“패션', '패션'),
    ('산업의', '산업'),
    ('디지털', '디지털'),
    ('전환에는', '전환'),
    ('기획-디자인-생산-유통', '기획 디자인 생산 유통'),
    ('전', ''),
    ('밸류체인상의', '밸류체인상'),  # 상 (上) is a noun suffix: part of the content word
    ('프로세스', '프로세스'),
    ('혁신이', '혁신'),
    ('요구된다”며,', '요구'),
    ('“디지털', '디지털'),
    ('전환이', '전환'),
    ('온라인', '온라인'),
    ('비즈니스', '비즈니스'),
    ('확대에', '확대'),
    ('그치지', ''),
    ('않고', ''),
    ('트렌드의', '트렌드'),
    ('정확한', '정확'),
    ('예측,', '예측'),
    ('자원의', '자원'),
    ('효율적', '효율적'),
    ('배분,', '배분'),
    ('소비자', '소비자'),
    ('니즈를', '니즈'),
    ('빠르게', ''),
    ('충족시키는', '충족'),
    ('새로운', ''),
    ('시스템의', '시스템'),
    ('구축으로', '구축'),
    ('이어져야', ''),
    ('한다”고', ''),
    ('강조했다.', '강조'),
    ('한편,', '한편'),  # a noun (NNG) in the dictionary and the treebanks
    ('산업부', '산업부'),
    ('강경성', '강경성'),
    ('실장은', '실장'),
    ('“정부도', '정부'),
    ('올', ''),
    ('상반기를', '상반기'),
    ('목표로,', '목표'),
    ('패션산업', '패션산업'),
    ('전반을', '전반'),
    ('아우르는', ''),
    ('구체적인', '구체적'),
    ('디지털', '디지털'),
    ('전환', '전환'),
    ('추진전략을', '추진전략'),
    ('조속히', ''),
    ('마련할', '마련'),
    ('예정”이라고', '예정'),
    ('밝혔다.', ''),
]


def _by_eojeol(text: str, tokens: list[kotext.Token]) -> list[str]:
    """Tokens grouped by the whitespace-separated word their offsets fall in."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    groups: list[list[str]] = [[] for _ in spans]
    k = 0
    for tok in tokens:
        while spans[k][1] <= tok.start:
            k += 1
        assert spans[k][0] <= tok.start < tok.end <= spans[k][1], tok
        groups[k].append(tok.text)
    return [" ".join(g) for g in groups]


def test_seed_table_hand_written():
    assert len(SEED_TABLE) >= 100
    text = " ".join(w for w, _ in SEED_TABLE)
    got = _by_eojeol(text, kotext.tokenize(text, stopwords=None, return_offsets=True))
    wrong = [(w, exp, g) for (w, exp), g in zip(SEED_TABLE, got) if exp != g]
    assert not wrong, wrong


def test_seed_table_matches_seed_page():
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED} (../shared is absent)")
    page = SEED.read_text(encoding="utf-8")
    body = page[page.index("산업통상자원부와"):page.index("패션엔 권승주")]
    assert body.split() == [w for w, _ in SEED_TABLE]
    got = _by_eojeol(body, kotext.tokenize(body, stopwords=None, return_offsets=True))
    assert got == [exp for _, exp in SEED_TABLE]
    # with the default stopwords the byline of the page goes away
    # (패션엔, the outlet's name, is not in the dictionary, which reads 패션+엔 as a noun
    # and a particle: a user word fixes that)
    assert kotext.tokenize("패션엔 권승주 기자", user_words=["패션엔"]) == ["패션엔", "권승주"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("패션산업의", "패션산업"), ("포럼은", "포럼"), ("출범했다", "출범"), ("개최했다", "개최"),
        ("논의하는", "논의"), ("전환에는", "전환"), ("협력을", "협력"), ("디지털화가", "디지털화"),
        ("미국", "미국"), ("한국", "한국"), ("가구", "가구"), ("도로", "도로"), ("고가", "고가"),
        ("경기도", "경기도"), ("비가", "비"), ("눈이", "눈"), ("옷을", "옷"), ("값이", "값"),
        ("법은", "법"), ("비", "비"), ("기업들이", "기업"), ("김씨는", "김"), ("연구결과를", "연구결과"),
        ("밝혔다", None), ("새로운", None), ("있는", None), ("발표했다는", "발표"),
    ],
)
def test_stems_rules_backend(word, stem):
    assert kotext.Tokenizer(stopwords=None, backend="rules").stem(word) == stem


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("패션산업의", "패션산업"), ("포럼은", "포럼"), ("출범했다", "출범"), ("개최했다", "개최"),
        ("논의하는", "논의"), ("전환에는", "전환"), ("협력을", "협력"), ("디지털화가", "디지털화"),
        ("미국", "미국"), ("한국", "한국"), ("가구", "가구"), ("도로", "도로"),
        ("경기도", "경기도"), ("비가", "비"), ("눈이", "눈"), ("옷을", "옷"), ("값이", "값"),
        ("법은", "법"), ("기업들이", "기업들"), ("김씨는", "김씨"), ("연구결과를", "연구결과"),
        ("밝혔다", None), ("새로운", None), ("있는", None), ("발표했다는", "발표"),
    ],
)
def test_stems_dictionary_backend(word, stem):
    # plural 들 and the title 씨 belong to the content word (the treebank gold keeps them)
    assert kotext.Tokenizer(stopwords=None).stem(word) == stem


def test_types_numbers_and_mixed_words():
    toks = kotext.tokenize("2021년에 120만명이 3.5% 늘었고 K패션과 5G, 3D프린팅을 R&D로 AI에",
                           return_offsets=True, stopwords=None)
    assert [(t.text, t.type) for t in toks] == [
        ("2021년", "number"), ("120만명", "number"), ("3.5%", "number"), ("K패션", "mixed"),
        ("5G", "mixed"), ("3D프린팅", "mixed"), ("R&D", "latin"), ("AI", "latin"),
    ]


def test_offsets_point_into_the_original_text():
    text = "😀  ＡＩ와 “정부가”\u200b 발표했다"
    toks = kotext.tokenize(text, return_offsets=True)
    assert [t.text for t in toks] == ["AI", "정부", "발표"]
    assert [(t.start, t.end) for t in toks] == [(3, 5), (8, 10), (14, 16)]
    assert text[3:5] == "ＡＩ" and text[8:10] == "정부" and text[14:16] == "발표"


def test_nfd_input_gives_nfc_tokens():
    import unicodedata

    nfc = "한국패션산업협회는 디지털 전환을"
    nfd = unicodedata.normalize("NFD", nfc)
    toks = kotext.tokenize(nfd, return_offsets=True)
    assert [t.text for t in toks] == kotext.tokenize(nfc) == ["한국패션산업협회", "디지털", "전환"]
    for t in toks:
        assert unicodedata.normalize("NFC", nfd[t.start:t.end]) == t.text


def test_stopwords_default_replace_extend_off():
    text = "연합뉴스 김진방 특파원 = 정부가 발표 무단 전재 재배포 금지"
    assert kotext.tokenize(text) == ["김진방", "정부", "발표", "금지"]
    # content nouns that copyright notes and promos also use stay (the segmenter drops notes)
    assert kotext.tokenize("드루킹의 댓글 조작 기사와 사진, 영상 이용 금지") == [
        "드루킹", "댓글", "조작", "기사", "사진", "영상", "이용", "금지"]
    assert "특파원" in kotext.tokenize(text, stopwords=None)
    assert kotext.tokenize(text, stopwords=["정부"]) == [
        "연합뉴스", "김진방", "특파원", "발표", "무단", "전재", "재배포", "금지"]
    assert kotext.tokenize(text, extra_stopwords=["발표"]) == ["김진방", "정부", "금지"]
    tok = kotext.Tokenizer().add_stopwords(["김진방"])
    assert tok(text) == ["정부", "발표", "금지"]
    assert "기자" in tok.stopwords and "기자" in kotext.default_stopwords()
    assert kotext.Tokenizer(stopwords=False).stopwords == []
    with pytest.raises(ValueError):
        kotext.Tokenizer(stopwords="korean")


def test_user_words_and_multi_word_terms():
    tok = kotext.Tokenizer(user_words=["디지털 전환", "밸류체인"])
    toks = tok.tokenize("디지털 전환에는 밸류체인상의 혁신이, 디지털의 전환은", return_offsets=True)
    assert [(t.text, t.start, t.end, t.type) for t in toks] == [
        ("디지털 전환", 0, 6, "ngram"), ("밸류체인", 9, 13, "hangul"), ("혁신", 16, 18, "hangul"),
        ("디지털", 21, 24, "hangul"), ("전환", 26, 28, "hangul"),
    ]
    # a user word is cut before its particles and wins over the rules
    assert kotext.Tokenizer().add_words("솥")("솥이 솥을") == ["솥", "솥"]
    assert kotext.Tokenizer(backend="rules")("솥이") == ["솥이"]
    assert kotext.Tokenizer()("솥이") == ["솥"]
    assert tok.user_words == ["디지털 전환", "밸류체인"]


def test_ngrams():
    assert kotext.tokenize("정부가 산업을 지원했다", ngram_range=(1, 2)) == [
        "정부", "산업", "지원", "정부 산업", "산업 지원"]
    assert kotext.tokenize("정부가 산업을 지원했다", ngram_range=(2, 2),
                           return_offsets=True)[0] == kotext.Token("정부 산업", 0, 6, "ngram")
    with pytest.raises(ValueError):
        kotext.Tokenizer(ngram_range=(2, 1))
    with pytest.raises(ValueError):
        kotext.Tokenizer(ngram_range=(0, 1))


def test_fit_learns_new_nouns():
    # 누리도 (a made-up brand) ends in 도, a particle: the rules alone cut it.
    docs = ["누리도가 무대에 섰다", "누리도의 노래", "누리도는 인기다", "누리도를 만났다",
            "아우르는 전략", "아우르고 있다", "아우르며 간다", "아우르게 됐다"] * 2
    rules = kotext.Tokenizer(backend="rules")
    assert rules("누리도와 누리도") == ["누리도", "누리"]
    assert rules.fit(docs, min_count=2)("누리도와 누리도") == ["누리도", "누리도"]
    # the dictionary reads 누리도 as a verb (누리+도): the learned noun wins over it
    tok = kotext.Tokenizer()
    assert "누리도" not in tok("누리도와 누리도")
    with pytest.raises(AttributeError):
        tok.learned_nouns_  # noqa: B018
    assert tok.fit(docs, min_count=2) is tok
    assert "누리도" in tok.learned_nouns_
    assert "아우르" not in tok.learned_nouns_
    assert tok("누리도와 누리도") == ["누리도", "누리도"]
    assert "fitted" in repr(tok)


def test_learn_nouns_scores():
    docs = ["블랙핑크가 무대에 섰다. 블랙핑크의 노래와 블랙핑크는 인기다. 블랙핑크를 만났다."] * 3
    rows = {r[0]: r for r in kotext._core.learn_nouns(docs, 3, 10, 0.5, 2, 1)}
    _word, score, count, pos, _neg, entropy, _cohesion, noun = rows["블랙핑크"]
    assert noun and score > 0.9 and count == 12 and pos == 12 and entropy > 1.0


@pytest.mark.parametrize("fitted", [False, True])
def test_pickle(fitted):
    docs = ["블랙핑크가 무대에 섰다", "블랙핑크의 노래", "블랙핑크는 인기다"]
    tok = kotext.Tokenizer(ngram_range=(1, 2), user_words=["디지털 전환"], extra_stopwords=["노래"])
    if fitted:
        tok.fit(docs, min_count=2)
    tok2 = pickle.loads(pickle.dumps(tok))
    text = "블랙핑크와 디지털 전환을 노래한 블랙핑크가"
    assert tok2(text) == tok(text)
    assert tok2.get_params() == tok.get_params()
    assert tok2.stopwords == tok.stopwords
    if fitted:
        assert tok2.learned_nouns_ == tok.learned_nouns_


def test_sklearn_analyzer_and_pipeline():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.base import clone
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    docs = ["정부가 디지털 전환을 발표했다", "정부는 비가 오면 옷을 산다", "디지털 전환에는 혁신이"]
    vec = TfidfVectorizer(analyzer=kotext.Tokenizer())
    X = vec.fit_transform(docs)
    assert X.shape[0] == 3
    assert {"정부", "디지털", "전환", "비", "옷"} <= set(vec.get_feature_names_out())
    pipe = make_pipeline(CountVectorizer(analyzer=kotext.Tokenizer(ngram_range=(1, 2))))
    assert "디지털 전환" in pipe.fit(docs)[0].vocabulary_
    assert clone(vec).analyzer.get_params() == vec.analyzer.get_params()
    assert pickle.loads(pickle.dumps(vec)).transform(docs).shape == X.shape
    del sklearn


def test_bad_input():
    with pytest.raises(TypeError, match="None"):
        kotext.tokenize(None)
    with pytest.raises(TypeError, match="bytes"):
        kotext.tokenize(b"abc")
    with pytest.raises(TypeError, match="document 2 must be str, not int"):
        kotext.tokenize(["가", "나", 3])
    with pytest.raises(TypeError, match="document 1 must be str, not NoneType"):
        kotext.Tokenizer().fit(["가", None])
    with pytest.raises(ValueError, match="surrogate"):
        kotext.tokenize("가\ud800나")
    with pytest.raises(ValueError, match="document 1"):
        kotext.tokenize(["가", "가\ud800나"])
    with pytest.raises(TypeError):
        kotext.Tokenizer()(["not", "a", "str"])
    with pytest.raises(ValueError):
        kotext.Tokenizer(backend="mecab")
    assert kotext.tokenize([]) == []
    docs = ["", " ", "\u200b", "가", "😀", "...", "ㅋㅋㅋ", "a" * 10000]
    out = kotext.tokenize(docs)
    assert len(out) == len(docs)
    assert out[:7] == [[], [], [], [], [], [], []]  # 가 alone: the verb "go"
    assert kotext.tokenize(docs, backend="rules")[:7] == [[], [], [], ["가"], [], [], []]


def test_batches_equal_single_calls_and_threads():
    docs = [w for w, _ in SEED_TABLE] * 3
    tok = kotext.Tokenizer()
    single = [tok(d) for d in docs]
    assert tok.tokenize(docs, n_jobs=1) == single
    assert tok.tokenize(docs, n_jobs=4) == single
    results: list = [None] * 4

    def work(i: int) -> None:
        results[i] = tok.tokenize(docs, n_jobs=2)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    tok.add_words(["디지털 전환"])  # copy-on-write: running batches keep their tables
    for t in threads:
        t.join()
    assert all(r == single for r in results)


def test_kiwi_backend():
    pytest.importorskip("kiwipiepy")
    tok = kotext.Tokenizer(backend="kiwi", user_words=["디지털 전환"])
    toks = tok.tokenize("ＫＯＴＥＸＴ 정부가 디지털 전환을 발표했다", return_offsets=True)
    texts = [t.text for t in toks]
    assert "정부" in texts and "디지털 전환" in texts and "발표" in texts
    text = "ＫＯＴＥＸＴ 정부가 디지털 전환을 발표했다"
    for t in toks:
        if t.type != "ngram":
            assert kotext.normalize(text[t.start:t.end]) == t.text
    tok2 = pickle.loads(pickle.dumps(tok))
    assert tok2("정부가 발표했다") == tok("정부가 발표했다")


def test_split_compounds():
    tok = kotext.Tokenizer(split_compounds=True, user_words=["패션", "산업", "협회"])
    toks = tok.tokenize("한국패션산업협회는 패션산업의", return_offsets=True)
    assert [(t.text, t.start, t.end) for t in toks] == [
        ("한국", 0, 2), ("패션", 2, 4), ("산업", 4, 6), ("협회", 6, 8), ("패션", 10, 12),
        ("산업", 12, 14)]
    assert kotext.Tokenizer()("한국패션산업협회는") == ["한국패션산업협회"]


# Tokenizing a text gives the tokens of its normalization: the tokenizer skips normalize()
# for text it would not change word by word, so these must agree whatever else the text
# holds (curly quotes, no-break spaces, CR LF, an '&' that starts no HTML reference).
INVARIANT_CASES = [
    "“무엇보다 중요한 것은 속도”라고 말했다",
    "‘K패션 디지털 전환 포럼’을 열었다 「무엇보다」 『중요』하다",
    "가운데\xa0어느\xa0팀도\xa0밀리지\xa0않고\xa0승리를 위해",
    "쉽지\r\n않다 쉽지\t않다 쉽지 \xa0않다",
    "R&D 투자 확대 & 반도체",
    "AT&amp;T 주가 상승 &#51228;품 R&D",
]


@pytest.mark.parametrize("text", INVARIANT_CASES)
def test_tokens_are_the_tokens_of_the_normalized_text(text):
    tok = kotext.Tokenizer()
    assert tok(text) == tok(kotext.normalize(text))


def test_tokens_are_the_tokens_of_the_normalized_text_on_news():
    import json

    path = DATA / "news" / "knews8-train.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent")
    tok = kotext.Tokenizer()
    with path.open(encoding="utf-8") as f:
        docs = [d["title"] + "\n" + d["body"] for d in map(json.loads, f)]
    differ = [i for i, d in enumerate(docs) if tok(d) != tok(kotext.normalize(d))]
    assert differ == []


def test_one_long_document_in_pieces_gives_the_same_tokens():
    # Documents over Tokenizer::kPieceUnits (1M units) are tokenized and counted piece by
    # piece, cut at line breaks (memory stays the size of a piece); the tokens must be those
    # of the whole: the offsets path tokenizes the whole text at once. Lines ending in 지
    # (the negation rule looks across the line break) and CRLF line ends included.
    pages = [p.strip() for p in kotext.sample_text().split("----") if p.strip()]
    block = ("\n".join(pages) + "\n그는 그 일을 하지\n않았다고 말했다.\r\n변동이 없지 \n 않다\n"
             "쉽지\u3000\n않은 일\n")
    text = block * (1_100_000 // len(block) + 1)
    assert len(text) > 1 << 20 and len(text.encode()) > 1 << 20
    tok = kotext.Tokenizer()
    whole = [t.text for t in tok.tokenize(text, return_offsets=True)]
    assert tok.tokenize(text) == whole
    vec = kotext.TfidfVectorizer(tokenizer=tok, lowercase=False, norm=None, use_idf=False,
                                 sublinear_tf=False)
    X = vec.fit_transform([text])
    ref = kotext.TfidfVectorizer(lowercase=False, norm=None, use_idf=False, sublinear_tf=False)
    R = ref.fit_transform([whole])  # pre-tokenized: the tokens counted as they are
    assert vec.vocabulary_ == ref.vocabulary_
    assert (X != R).nnz == 0
