"""The dictionary backend (mecab-ko-dic through MeCab), the default of kotext.Tokenizer.

One test per error class of the rule tokenizer that the dictionary analysis fixes (issue
10), each with real eojeols; then the options, pickling, threads and the errors.
"""

from __future__ import annotations

import pickle
import sys
import threading
import unicodedata

import kotext
import pytest


@pytest.fixture(scope="module")
def tok() -> kotext.Tokenizer:
    return kotext.Tokenizer(stopwords=None)


def one_by_one(tok: kotext.Tokenizer, words: str) -> list[list[str]]:
    return [tok(w) for w in words.split()]


def test_verbs_and_adjectives_are_dropped(tok):
    assert one_by_one(tok, "되어 먹고 가까운 기쁜 노린 밝혔다 새로운 있는") == [[]] * 8


def test_particles_and_endings_are_cut(tok):
    assert one_by_one(tok, "속에서 후에 운동의 예를 정부가 산업을 학교에서") == [
        ["속"], ["후"], ["운동"], ["예"], ["정부"], ["산업"], ["학교"]]


def test_nouns_the_rules_dropped_are_kept(tok):
    # content nouns (정도, 경우, 때, 이후) and 하다-nouns before a negation
    assert one_by_one(tok, "정도가 생각하지 경우에는 때 이후") == [
        ["정도"], ["생각"], ["경우"], ["때"], ["이후"]]
    assert tok("생각하지 않는다") == ["생각"]
    assert tok("그치지 않고 쉽지 않다") == []


def test_adverbs_are_dropped(tok):
    assert one_by_one(tok, "자주 훨씬 계속 매우 이미 아주 가장") == [[]] * 7


def test_bound_nouns_are_dropped(tok):
    assert one_by_one(tok, "것인가 것이 때문에 데 바와 뿐이다") == [[]] * 6
    # 수 before a particle: the treebanks' bound noun (할 수가 없다, 할 수밖에), as 줄 and 판
    assert one_by_one(tok, "수가 수밖에 수는 줄을 판이니") == [[]] * 5
    # one-syllable nouns the dictionary rates far likelier as nouns stay
    assert one_by_one(tok, "법이 정부 법을") == [["법"], ["정부"], ["법"]]


def test_nouns_ending_like_a_particle_stay_whole(tok):
    assert one_by_one(tok, "목적을 다국적 이승만 아저씨 책상 미국은 경기도") == [
        ["목적"], ["다국적"], ["이승만"], ["아저씨"], ["책상"], ["미국"], ["경기도"]]


def test_particle_read_inside_an_unknown_noun_joins_it(tok):
    # the dictionary cuts these at syllables that are particles (수+로+원, 부양+의+무자,
    # 애+로+사항); a particle is never followed by a noun stem inside one eojeol
    assert one_by_one(tok, "수로원 부양의무자가 약사랑배움터에서 애로사항을 창작과비평사 "
                           "문학과지성사 출세가도를 충북도향교재단으로부터") == [
        ["수로원"], ["부양의무자"], ["약사랑배움터"], ["애로사항"], ["창작과비평사"],
        ["문학과지성사"], ["출세가도"], ["충북도향교재단"]]
    # particles at the end still go, and a particle followed by a verb is no noun
    assert one_by_one(tok, "학교에서 정부의 형태를") == [["학교"], ["정부"], ["형태"]]


def test_hada_nouns_are_reduced_to_the_noun(tok):
    assert one_by_one(tok, "출범했다 발표했다 개최했다 논의하는 지원했다") == [
        ["출범"], ["발표"], ["개최"], ["논의"], ["지원"]]
    assert tok("수석연구원은 주요20개국") == ["수석연구원", "주요20개국"]


def test_numbers_keep_their_units(tok):
    assert one_by_one(tok, "23만 14.3㎞로 30%까지 5·18 3.5% 2021년에 120만명이") == [
        ["23만"], ["14.3㎞"], ["30%"], ["5·18"], ["3.5%"], ["2021년"], ["120만명"]]
    assert tok("1950~1960년대 2-1로 10:30에") == ["1950~1960년대", "2-1", "10:30"]


def test_latin_urls_and_emails_stay_whole(tok):
    text = "B.C. www.encar.com에서 http://www.khmais.net, abc.def@naver.com으로 e-gima.com U.S.A."
    assert tok(text) == ["B.C.", "www.encar.com", "http://www.khmais.net", "abc.def@naver.com",
                         "e-gima.com", "U.S.A."]


def test_lowercase_is_full_unicode():
    assert kotext.tokenize("RÉSUMÉ ΑΘΗΝΑ AI", lowercase=True) == ["résumé", "αθηνα", "ai"]


def test_stopwords_keep_content_nouns():
    for word in ("때", "경우", "정도", "중", "이후", "현재"):
        assert word not in kotext.default_stopwords()
    assert kotext.tokenize("연합뉴스 기자 경우에는") == ["경우"]


def test_tags_lemmas_and_plural(tok):
    toks = tok.tokenize("정부가 2021년에 AI를", return_offsets=True)
    assert [(t.text, t.tag) for t in toks] == [("정부", "NNG"), ("2021년", "SN"), ("AI", "SL")]
    lem = kotext.Tokenizer(stopwords=None, keep_lemmas=True)
    assert lem("기쁜 소식을 먹고") == ["기쁘다", "소식", "먹다"]
    t = lem.tokenize("기쁜 소식", return_offsets=True)[0]
    assert (t.text, t.start, t.end, t.tag) == ("기쁘다", 0, 2, "VA")
    assert tok("사람들이") == ["사람들"]
    assert kotext.Tokenizer(strip_plural=True)("사람들이") == ["사람"]
    assert kotext.Tokenizer(backend="rules").tokenize("정부가", return_offsets=True)[0].tag == ""


def test_nfc_and_nfd_give_the_same_tokens(tok):
    text = "한국패션산업협회는 2월 3일 'K패션 디지털 전환 포럼'을 개최했다. 생각하지 않는다"
    nfd = unicodedata.normalize("NFD", text)
    assert tok(nfd) == tok(text)
    for t in tok.tokenize(nfd, return_offsets=True):
        assert unicodedata.normalize("NFC", nfd[t.start:t.end]) == t.text


def test_new_words_not_in_the_dictionary():
    # 누리도 (a made-up brand) is read as a verb, 블랙핑크 piecewise: add_words and fit fix it
    assert "누리도" not in kotext.tokenize("누리도와 누리도")
    assert kotext.Tokenizer(user_words=["누리도"])("누리도와 누리도는") == ["누리도", "누리도"]
    docs = ["누리도가 무대에 섰다", "누리도의 노래", "누리도는 인기다", "누리도를 만났다"] * 2
    tok = kotext.Tokenizer().fit(docs, min_count=2)
    assert "누리도" in tok.learned_nouns_
    assert tok("누리도와 누리도") == ["누리도", "누리도"]
    # an unknown name glued to nothing stays whole (modifier + noun read as one noun)
    assert kotext.tokenize("한준석은") == ["한준석"]


def test_pickle_carries_a_reference_not_the_dictionary():
    tok = kotext.Tokenizer(user_words=["누리도"])
    blob = pickle.dumps(tok)
    assert len(blob) < 100_000
    state = tok.__getstate__()
    assert state["dictionary"]["package"] == "python-mecab-ko-dic"
    assert len(state["dictionary"]["checksum"]) == 16
    tok2 = pickle.loads(blob)
    assert tok2("누리도와 정부가") == tok("누리도와 정부가") == ["누리도", "정부"]
    state["dictionary"]["checksum"] = "0" * 16
    other = kotext.Tokenizer.__new__(kotext.Tokenizer)
    with pytest.warns(UserWarning, match="dictionary loaded now differs"):
        other.__setstate__(state)


def test_shared_tokenizer_is_thread_safe(tok):
    docs = ["정부가 디지털 전환을 발표했다", "수석연구원은 23만 명을", "기쁜 소식이 자주 온다"] * 50
    expected = tok.tokenize(docs, n_jobs=1)
    results: list = [None] * 4

    def work(i: int) -> None:
        results[i] = tok.tokenize(docs, n_jobs=2)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_missing_dictionary_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "mecab_ko_dic", None)  # import fails
    with pytest.raises(ImportError, match="pip install python-mecab-ko-dic"):
        kotext.Tokenizer()
    assert kotext.Tokenizer(backend="rules")("정부가") == ["정부"]
    monkeypatch.undo()
    with pytest.raises(ValueError, match="/nonexistent/dic"):
        kotext.Tokenizer(dictionary="/nonexistent/dic")


def test_tfidf_word_analyzer_gives_the_tokens_of_tokenize():
    docs = ["정부가 디지털 전환을 발표했다", "생각하지 않는다 www.encar.com에서 14.3㎞로",
            "수석연구원은 23만 명을 만났다"]
    vec = kotext.TfidfVectorizer().fit(docs)
    tok = kotext.Tokenizer()
    assert set(vec.vocabulary_) == {t for d in docs for t in tok(d)}


def test_first_pass_is_independent_of_order_and_threads():
    # Every distinct word is analysed once, by whichever thread meets it first: a fresh
    # process (empty memo) must give the same tokens whatever the order of the documents
    # and the thread count, since each analysis depends on the word alone.
    import json
    import subprocess

    docs = ["정부가 디지털 전환을 발표했다", "수석연구원은 23만 명을 만났다", "기쁜 소식이 자주 온다",
            "할 수 있는 일과 업계 간의 협력", "출판의 자유와 밸류체인 전략을 K패션의 2021년에",
            "이러한 생각하지 않는다 것들 등의 법을 지켜야"] * 3
    docs = [f"{d} {i}번째 기사의 문장들" for i, d in enumerate(docs)]
    code = ("import json, sys, kotext\n"
            "docs, n_jobs = json.loads(sys.stdin.read())\n"
            "print(json.dumps(kotext.Tokenizer(stopwords=None).tokenize(docs, n_jobs=n_jobs)))\n")

    def fresh(batch: list[str], n_jobs: int) -> list[list[str]]:
        out = subprocess.run([sys.executable, "-c", code], input=json.dumps([batch, n_jobs]),
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    forward = fresh(docs, 1)
    backward = fresh(docs[::-1], 2)
    assert backward[::-1] == forward
    assert any(forward)


def test_fit_learns_only_the_words_the_dictionary_lacks():
    # made-up names (하루꼬: the dictionary keeps 하루; 뭉게톡, 누리도: it reads a verb) and
    # nouns it knows (정부, 사람): fit learns the former only, and they come out whole
    def docs_for(word: str, vowel: bool) -> list[str]:
        p = ["가", "의", "는", "를"] if vowel else ["이", "의", "은", "을"]
        return [f"{word}{p[0]} 왔다", f"{word}{p[1]} 노래", f"{word}{p[2]} 인기다", f"{word}{p[3]} 만났다"]

    docs = (docs_for("하루꼬", True) + docs_for("뭉게톡", False) + docs_for("누리도", True)
            + docs_for("정부", True) + docs_for("사람", False)) * 2
    text = "하루꼬와 뭉게톡이 누리도가 정부에 사람"
    assert kotext.tokenize(text) == ["하루", "정부", "사람"]
    tok = kotext.Tokenizer().fit(docs, min_count=2)
    assert set(tok.learned_nouns_) == {"하루꼬", "뭉게톡", "누리도"}
    assert tok(text) == ["하루꼬", "뭉게톡", "누리도", "정부", "사람"]
    # without a dictionary the learner has nothing to check against: 정부 and 사람 too
    rules = kotext.Tokenizer(backend="rules").fit(docs, min_count=2)
    assert {"정부", "사람"} <= set(rules.learned_nouns_)
    # add_words gives the same tokens with no corpus
    assert kotext.Tokenizer(user_words=["하루꼬", "뭉게톡", "누리도"])(text) == tok(text)


@pytest.mark.parametrize("word, expected", [
    # the dictionary cuts these compounds at a syllable that reads as the copula 인 (+ETM)
    ("전국경제인연합회가", "전국경제인연합회"), ("한국경제인협회는", "한국경제인협회"),
    ("기계인쇄시대가", "기계인쇄시대"), ("활판인쇄의", "활판인쇄"), ("정부인사가", "정부인사"),
    # a real copula after a noun, with no noun after it, still ends the word
    ("사람인데", "사람"), ("학생이라고", "학생"),
])
def test_an_ending_between_two_nouns_is_inside_one_noun(word, expected):
    assert kotext.tokenize(word) == [expected]


# Faults seen in news headlines (issue 10 follow-up), each in hand-written headline-like
# text: general rules over the dictionary's own readings, not a word list.

def test_lone_particle_word_at_an_eojeol_start_is_the_dictionarys_noun(tok):
    # 이란 is both the particle JX and the country (NNP): an eojeol cannot begin with a
    # particle, so where one begins it is the country
    assert tok("이란 외무장관 방한") == ["이란", "외무장관", "방한"]
    assert tok("이란, 핵합의 복귀 시사") == ["이란", "핵합의", "복귀", "시사"]
    # 러 (Russia) has only ending readings in the dictionary
    assert tok("러 외무차관 방북") == ["러", "외무차관", "방북"]
    # after a closing quote, attached or detached, it is the particle
    assert tok("'위기'이란 말") == ["위기", "말"]
    assert tok("'위기' 이란 말이") == ["위기", "말"]


def test_detached_particle_gives_the_same_tokens_when_counted():
    # the detached-particle rule looks back past a space: those chunks are not memoized,
    # so TF-IDF's counting path gives the tokens of tokenize
    docs = ["'위기' 이란 말이 나왔다", "이란 외무장관 방한", "'위기' 이란 말이 나왔다 이란 외무"]
    tok = kotext.Tokenizer(stopwords=None)
    vec = kotext.TfidfVectorizer(tokenizer=tok).fit(docs)
    counts = vec.transform(docs).toarray() > 0
    names = list(vec.get_feature_names_out())
    for row, doc in zip(counts, docs):
        assert {n for n, present in zip(names, row) if present} == set(tok(doc))


def test_words_joined_by_an_interpunct_are_nouns(tok):
    # bound nouns, determiners and endings read there are coordinated abbreviations
    assert tok("미·중 무역협상 재개") == ["미", "중", "무역협상", "재개"]
    assert tok("한·러 정상 통화") == ["한", "러", "정상", "통화"]
    assert tok("초·중·고교 개학") == ["초", "중", "고교", "개학"]
    # without an interpunct the bound noun stays out; longer non-nouns stay out too
    assert tok("회의 중 퇴장") == ["회의", "퇴장"]
    assert tok("광기의 날개·나는 걷기로") == ["광기", "날개"]


def test_digits_after_latin_are_a_name_before_a_particle(tok):
    assert tok("정상들 G20서 회동") == ["정상들", "G20", "회동"]
    assert tok("MWC서 공개") == ["MWC", "공개"]
    assert tok("20명이 참석") == ["20명", "참석"]  # a unit after a number stays


@pytest.mark.parametrize("text, expected", [
    ("바다킹 우승", ["바다킹", "우승"]),      # 바다 + 킹/MAG: an unknown name
    ("모모킹 등장", ["모모킹", "등장"]),
    ("행정안전부는", ["행정안전부"]),          # 행정 + 안/MAG + 전부
    ("이란군 훈련", ["이란군", "훈련"]),      # 이란/JX + 군: no eojeol begins with a particle
    ("의욕은 넘쳤다", ["의욕"]),              # 의/JKG + 욕
    ("인스타그램 계정", ["인스타그램", "계정"]),  # 인/VCP+ETM + 스타 + 그램
    ("다문화 가정", ["다문화", "가정"]),      # 다/MAG + 문화
    ("어나이 참가", ["어나이", "참가"]),      # 어/IC + 나이: an interjection begins no word
    ("스크럭스 축포", ["스크럭스", "축포"]),  # 스/IC + 크/IC + 럭스
    ("뷸러 호투", ["뷸러", "호투"]),          # no entry at all (UNKNOWN): a name
])
def test_unknown_words_read_piecewise_stay_whole(tok, text, expected):
    assert tok(text) == expected


def test_real_suffixes_and_adverbs_after_a_noun_are_not_absorbed(tok):
    # the copula's 다 (also an adverb in the dictionary), a two-syllable adverb
    assert tok("마찬가지다") == ["마찬가지"]
    assert tok("차질없이 추진") == ["차질", "추진"]
    assert tok("5%이고") == ["5%"]


def test_bracketed_headline_tags_are_their_own_tokens(tok):
    # brackets separate a wire tag from the word before it; YNAT's headlines come with the
    # brackets already stripped (사망종합), which no rule here splits
    assert tok("회담 결렬(종합)") == ["회담", "결렬", "종합"]
    assert tok("[속보] 휴전 합의") == ["속보", "휴전", "합의"]
    assert tok("<앵커> 회담 결렬") == ["앵커", "회담", "결렬"]
