/// @file segment.hpp
/// @brief Article segmentation: label the blocks of a news page (title, subtitle, kicker,
/// date, body, byline, boilerplate with a reason).
///
/// The caller turns a page into an ordered list of Block (lines or paragraphs of a text dump,
/// or the block-level elements of an HTML page found by an HTML parser) and passes what the
/// markup says about each block (heading level, list item, characters inside links, caption
/// or navigation container). classify_blocks() then works only with features that hold
/// across sites:
///  - length (non-space code points), Hangul ratio, density of Korean sentence endings;
///  - link density (HTML), list items and list numbering ("1.", "2)", "①");
///  - repetition of the same text within the page;
///  - position relative to the title and to the body region;
///  - byline ("홍길동 기자"), e-mail, dateline ("(서울=연합뉴스)"), copyright ("ⓒ",
///    "무단전재") and photo-credit ("[사진=...]") patterns.
///
/// The body is the contiguous run of blocks with the largest total content score (a
/// maximum-subarray search over per-block scores: positive for text-like blocks, negative for
/// link lists, numbered lists, repeated and boilerplate blocks), searched after the title when
/// the title is known. There are no site-specific rules.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kotext {

/// What the markup says about a block (text dumps use Text and ListItem only).
enum class BlockTag : std::uint8_t {
  Text = 0,       ///< a line of a text dump, or text in a generic container (div, span)
  Paragraph = 1,  ///< <p>
  Heading = 2,    ///< <h1>..<h6> (see Block::heading_level)
  ListItem = 3,   ///< <li>, <dt>, <dd>, or a bulleted line of a text dump
  TableCell = 4,  ///< <td>, <th>
  Caption = 5,    ///< <figcaption>, <caption>, or text inside a <figure>
  Quote = 6,      ///< <blockquote>
};

/// One block of a page, in document order.
struct Block {
  std::string text;                ///< UTF-8 text of the block (original characters)
  BlockTag tag = BlockTag::Text;   ///< markup role
  int heading_level = 0;           ///< 1..6 for headings, 0 otherwise
  std::size_t link_chars = 0;      ///< code points of the text that lie inside links
  bool navigation = false;         ///< inside <nav>, <header>, <footer>, <aside>, <form>
  bool near_image = false;         ///< shares its container with an image (a caption spot)
  /// Not shown to the reader: inside a display:none / "hide" container, or recovered from a
  /// script payload. A hidden block that repeats a visible one is a copy (the visible one
  /// is kept); hidden text that is the only copy competes for the body like any block.
  bool hidden = false;
};

/// Label of a block.
enum class BlockLabel : std::uint8_t {
  Title = 0,
  Subtitle = 1,
  Kicker = 2,  ///< section label printed above the title ("HOT & NEW", "경제")
  Date = 3,
  Body = 4,
  Byline = 5,  ///< the article's byline (reporter, outlet, e-mail)
  Boilerplate = 6,
};

/// Why a block was dropped (Boilerplate), or None.
enum class BoilerplateReason : std::uint8_t {
  None = 0,
  RankingList = 1,
  Navigation = 2,
  PhotoCaption = 3,
  Copyright = 4,
  RelatedLinks = 5,
  Advertisement = 6,
  Byline = 7,
  Dateline = 8,  ///< "(서울=연합뉴스) 홍길동 기자 =" cut from the start of the body
  Other = 9,
  Duplicate = 10,  ///< a second copy of body text (hidden print/mail copy, script payload)
};

/// Name of a label ("title", "subtitle", "kicker", "date", "body", "byline", "boilerplate").
const char* label_name(BlockLabel label);
/// Name of a reason ("", "ranking list", "navigation", "photo caption", "copyright notice",
/// "related links", "advertisement", "byline", "dateline", "other", "duplicate copy").
const char* reason_name(BoilerplateReason reason);

/// Features of one block, computed on its normalized text.
struct BlockFeatures {
  std::size_t chars = 0;           ///< non-space code points
  double hangul_ratio = 0;         ///< Hangul syllables / letters (Hangul + Latin + Han)
  std::size_t sentence_ends = 0;   ///< Korean sentence endings ("다." "요." "까?" ...)
  bool terminal = false;           ///< ends like a sentence
  double link_density = 0;         ///< link_chars / chars
  bool numbered = false;           ///< starts with a list number ("1.", "2)", "①", "[3]")
  bool bullet = false;             ///< starts with a bullet ("•", "·", "-", "▶", "※")
  bool promo = false;              ///< starts with a promotion marker (▶ ◆ ◈ ★ ☞ ...)
  bool menu = false;               ///< short items between separators ("홈 > 경제 > 산업")
  std::size_t repeats = 1;         ///< blocks in the page with the same text
  bool email = false;              ///< holds an e-mail address
  bool byline = false;             ///< looks like a byline (short, "이름 기자" or e-mail)
  bool copyright = false;          ///< copyright notice
  bool caption = false;            ///< photo-caption pattern or caption markup
  bool date = false;               ///< mostly a date ("2021-02-04", "입력 2021.02.04 10:21")
  bool content = false;            ///< text-like: counts toward the body
  double score = 0;                ///< body score used by the region search
};

/// Every tuning value of the segmenter, in one place. The defaults are the values the tests
/// and benchmarks/segment.py were measured with; each says what it measures and why it has
/// its value. Lengths count non-space code points (BlockFeatures::chars) unless they say
/// otherwise; link densities are link_chars / chars. They are properties of how Korean news
/// pages are written (headline and byline lengths, how long a menu item is), not of any one
/// site: no value was fitted to a single publisher.
struct SegmentTuning {
  // ---- block features (block_features) -------------------------------------------------
  /// A line of at most this many characters ending in one "?" or "!" is a headline
  /// ("...신국방정책 채택?"), not a sentence: body questions come inside longer paragraphs.
  std::size_t question_headline_max_chars = 50;
  /// Menus and breadcrumbs ("홈 > 경제 > 산업") are looked for in blocks up to this long.
  std::size_t menu_max_chars = 200;
  /// A menu has at least this many separators ("|", ">", "›", "»", " / ")...
  std::size_t menu_min_separators = 2;
  /// ...and items of at most this many characters on average (menu labels are one word).
  std::size_t menu_max_item_chars = 8;
  /// Copyright notices are short; a longer block that mentions "ⓒ" is text.
  std::size_t copyright_max_chars = 300;
  /// Bylines are looked for in blocks up to this long ("패션엔 권승주 기자 fashionn@...").
  std::size_t byline_max_chars = 90;
  /// A block this short with a reporter's name and role is a byline...
  std::size_t byline_short_chars = 40;
  /// ...and so is a longer one whose role word is at most this far from its end (code
  /// points): what follows the role is an e-mail or a phone number, not text.
  std::size_t byline_tail_chars = 30;
  /// A block that is an e-mail plus at most this many other characters is a byline.
  std::size_t byline_email_extra_chars = 30;
  /// Photo-credit markers ("사진=", "[자료사진]") make a caption of blocks up to this long.
  std::size_t caption_marker_max_chars = 400;
  /// A sentence followed by a short bare credit ("... 있다. 연합뉴스") is a caption up to
  /// this long.
  std::size_t credit_tail_block_max_chars = 250;
  /// Captions hold at most this many sentences; more is a paragraph.
  std::size_t caption_max_sentences = 2;
  /// Text next to an image (not a <p> or heading) is its caption up to this long.
  std::size_t near_image_caption_max_chars = 300;
  /// The bare credit after the last sentence ("연합뉴스", "AP=연합뉴스") is found within this
  /// many code points of the end, and is at most credit_tail_max_chars long, in at most
  /// credit_tail_max_words words: outlet names are one to three words.
  std::size_t credit_tail_window = 16;
  std::size_t credit_tail_max_chars = 14;
  std::size_t credit_tail_max_words = 3;
  /// Date lines ("입력 2021.02.04 10:21 | 수정 ...") are looked for in blocks up to this long.
  std::size_t date_line_max_chars = 60;
  /// A date line holds at most this many characters besides its dates and labels.
  std::size_t date_line_max_letters = 24;
  /// A final "다" without a period ends a paragraph only in text at least this long:
  /// headlines often end in a quoted "...맞다”".
  std::size_t terminal_min_chars = 60;
  /// Korean text: at least this share of its letters are Hangul...
  double korean_min_ratio = 0.5;
  /// ...or, with a Korean sentence ending, at least korean_cited_min_hangul syllables and
  /// this share (sentences citing English titles, "저널(the Journal of ...)에 실렸다.").
  double korean_cited_min_ratio = 0.25;
  std::size_t korean_cited_min_hangul = 15;
  /// A promo line ("▶ 관련기사 ...") is one with at least this link density, or no sentence.
  double promo_link_density = 0.3;
  /// Content (text that counts toward the body): at least this long, with at least
  /// content_min_hangul Hangul syllables, below content_max_link_density; a numbered
  /// block is content only from numbered_content_min_chars on (a ranking item is a
  /// headline; a numbered paragraph of an explainer is long).
  std::size_t content_min_chars = 15;
  std::size_t content_min_hangul = 8;
  double content_max_link_density = 0.4;
  std::size_t numbered_content_min_chars = 120;
  /// List numbers have at most this many digits ("1.", "12)"): "2024." is a year.
  std::size_t list_number_max_digits = 2;

  // ---- reasons and scores --------------------------------------------------------------
  /// A short block: what menus, labels and list headers are (at most this long).
  std::size_t short_text_chars = 30;
  /// Headings that introduce a list ("많이 본 뉴스", "관련기사") are at most this long.
  std::size_t list_header_max_chars = 20;
  /// Blocks mostly inside links (at least this density) are link lists: related links
  /// from related_min_chars on (headlines), navigation below (menu words).
  double link_list_density = 0.5;
  std::size_t related_min_chars = 15;
  /// A promo-marked block ("▶", "☞") is an advertisement up to this long.
  std::size_t advert_max_chars = 100;
  /// The longest ad label ("광고", "Advertisement", "[광고]").
  std::size_t ad_label_max_chars = 16;
  /// Text this short without a sentence ending is UI text ("공유", "댓글 0").
  std::size_t ui_text_max_chars = 12;
  /// Body scores (the region search maximizes their sum): a content block scores its
  /// length (capped at score_max_chars: one huge block must not outweigh everything)
  /// times (1 - link density)^2 plus content_bonus; a block shorter than score_min_chars
  /// costs tiny_penalty; a noise block (links, lists, repeats, navigation, menus, short
  /// bullets, copyright, promo) costs noise_penalty plus its length; any other block costs
  /// other_penalty plus other_penalty_per_char of its length (a short aside between
  /// paragraphs must not cut the body in two).
  std::size_t score_max_chars = 2000;
  double content_bonus = 10.0;
  std::size_t score_min_chars = 3;
  double tiny_penalty = 1.0;
  double noise_penalty = 10.0;
  double other_penalty = 3.0;
  double other_penalty_per_char = 0.3;
  /// A bulleted block shorter than this is a menu item (a noise block), not a list item.
  std::size_t bullet_noise_max_chars = 60;

  // ---- headlines -----------------------------------------------------------------------
  /// Headline lengths: Korean headlines run 10-60 characters; 8 leaves room for short
  /// ones ("한파 특보"), 200 for long feature titles with subheads.
  std::size_t headline_min_chars = 8;
  std::size_t headline_max_chars = 200;
  /// A bulleted block is a headline only when longer than this (a bullet before a short
  /// line is a list).
  std::size_t bulleted_headline_min_chars = 20;
  /// A headline may repeat (a sticky header, a related list) up to this many times.
  std::size_t headline_max_repeats = 6;
  /// Right under a page-header date line, or opening a dump, a headline may be as short
  /// as this ("경제 2026-03-12" / "협의체 출범").
  std::size_t short_headline_min_chars = 4;
  /// A level-1 heading is the title when it sits at most this many blocks before the
  /// body, and holds title_h1_min_chars to headline_max_chars characters.
  std::size_t title_h1_window = 40;
  std::size_t title_h1_min_chars = 2;
  /// A headline anchored by a date line or byline is looked for this many blocks before
  /// the body; the anchor is within anchor_window blocks of it.
  std::size_t anchored_title_window = 60;
  std::size_t anchor_window = 3;
  /// A run of headline-like blocks right before the body is the title and subtitles:
  /// at most headline_run_max blocks, within headline_run_window blocks of the body.
  std::size_t headline_run_max = 4;
  std::size_t headline_run_window = 10;
  /// A small page's first block is its title when it is at most small_page_window blocks
  /// before the body, and at least this share of its letters are Hangul.
  std::size_t small_page_window = 3;
  double small_page_min_hangul_ratio = 0.3;
  /// The title hint (metadata) matches a block that holds it, or is held by it, when the
  /// shorter of the two is at least hint_min_partial code points and at least
  /// hint_min_overlap_percent of the longer; blocks longer than hint_max_chars are
  /// paragraphs.
  std::size_t hint_min_partial = 8;
  std::size_t hint_min_overlap_percent = 70;
  std::size_t hint_max_chars = 400;

  // ---- repetitions, lists --------------------------------------------------------------
  /// A repeated block at least this long (non-space code points) with a sentence ending is
  /// a copy of the text (hidden print copy, AMP copy), not navigation: menus and ranking
  /// lists repeat headlines (no sentence ending) and short labels.
  std::size_t copy_min_chars = 30;
  /// A copy is text, not links: below this link density.
  double copy_max_link_density = 0.3;
  /// Visible blocks longer than this are not counted for repetitions (menus are short).
  std::size_t repeat_max_chars = 200;
  /// A run of at least this many blocks numbered 1, 2, 3... is a ranking list; blocks
  /// longer than numbered_run_max_chars are paragraphs, not list items.
  std::size_t numbered_run_min = 3;
  std::size_t numbered_run_max_chars = 150;
  /// Items under a list header ("많이 본 뉴스") are at most this long; navigation items
  /// shorter than list_nav_min_chars are menu words, not list items.
  std::size_t list_item_max_chars = 120;
  std::size_t list_nav_min_chars = 8;

  // ---- body region, header -------------------------------------------------------------
  /// The visible body wins over a hidden candidate (script payload, hidden copy) unless the
  /// hidden one holds more than this many times its text: a teaser over a paywalled payload.
  std::size_t visible_body_share = 2;
  /// A page with no content block: blocks from this length on with a Korean sentence
  /// ending count as content (a two-line notice is still an article).
  std::size_t short_page_min_chars = 4;
  /// A byline or copyright notice ends the article: content after the last one is cut
  /// when the body before it holds at least this many times as much.
  std::size_t trailing_content_ratio = 4;
  /// Short blocks inside the body region (intertitles, list items) up to this long are
  /// body; list items need at least item_min_chars.
  std::size_t intertitle_max_chars = 200;
  std::size_t item_min_chars = 8;
  /// Subtitles, the date and bylines are looked for this many blocks after the title (and
  /// before the body).
  std::size_t header_window = 40;
  /// The kicker and date are looked for this many blocks above the title; a kicker (and a
  /// menu item above it) is at most kicker_max_chars long.
  std::size_t kicker_window = 3;
  std::size_t kicker_max_chars = 20;
  /// Without a date in the header, a date line is looked for this many blocks after the
  /// body starts, and at most date_after_body_blocks after it ends.
  std::size_t date_search_window = 60;
  std::size_t date_after_body_blocks = 4;
  /// The byline is looked for in this many blocks after the body.
  std::size_t byline_after_body_blocks = 4;

  // ---- bylines and datelines (parse_byline, dateline_length) ---------------------------
  /// A byline's role word ("기자") is looked for in its first byline_max_words words; at
  /// most byline_max_names names stand before it ("홍길동·김철수·이영희 기자"); the word
  /// before the names is the outlet when at most byline_outlet_max_chars code points long.
  std::size_t byline_max_words = 40;
  std::size_t byline_max_names = 6;
  std::size_t byline_outlet_max_chars = 12;
  /// The names, role and "=" of a dateline ("(서울=연합뉴스) 홍길동 기자 =") end within
  /// this many code points after its bracket.
  std::size_t dateline_max_chars = 40;

  // ---- text dumps ----------------------------------------------------------------------
  /// The longest first line of a text dump taken as its headline without other evidence
  /// (Korean headlines run 20-60 characters; 120 leaves room for long feature titles).
  std::size_t dump_headline_max_chars = 120;
  /// A dump is hard-wrapped when at least wrap_min_lines of its lines have wrap_min_line
  /// code points or more: fewer long lines say nothing about a width.
  std::size_t wrap_min_line = 30;
  std::size_t wrap_min_lines = 8;
  /// The wrap width is this percentile of the long lines' lengths (the longest lines may
  /// overrun it by a word)...
  std::size_t wrap_width_percentile = 90;
  /// ...and a dump is wrapped when wrap_near_share percent of them end within
  /// [wrap_near_low, wrap_near_high] percent of it; a line ending before wrap_near_low
  /// percent of the width is a paragraph end, not a wrap.
  std::size_t wrap_near_share = 60;
  std::size_t wrap_near_low = 85;
  std::size_t wrap_near_high = 105;

  // ---- in-paragraph cleaning and titles ------------------------------------------------
  /// The longest bracketed photo credit clean_paragraph() cuts ("(사진=연합뉴스)",
  /// "(에버랜드 제공)"); a longer bracket is an aside of the sentence.
  std::size_t max_credit_chars = 30;
  /// The longest bracket looked into at all (code points): a longer one is a quotation.
  std::size_t max_bracket_chars = 80;
  /// The longest date-and-outlet credit word ("2013.3.10/뉴스1").
  std::size_t max_credit_word_chars = 16;
  /// The longest byline glued to the end of a paragraph ("홍길동 기자 hong@example.com").
  std::size_t max_tail_byline_chars = 48;
  /// The longest dateline bracket holding a byline ("[OO일보 홍길동 기자]").
  std::size_t max_bracket_byline_chars = 40;
  /// The longest part strip_site_name() drops after a strong separator without it naming a
  /// known site ("제목 | 예시뉴스"): site names are short, headline halves are not.
  std::size_t max_site_label_chars = 20;
  /// The longest section label dropped next to a stripped site name ("-정치ㅣ한국일보").
  std::size_t max_section_chars = 8;
  /// A title part names a site when it holds the site name and at most this many more
  /// code points ("예시일보 뉴스", "예시일보 모바일").
  std::size_t site_name_extra_chars = 8;
  /// The shortest visible block matched against a meta title (title_hint()): shorter
  /// blocks ("속보", "포토") are labels that any title starts with.
  std::size_t title_match_min_chars = 4;
  /// The longest label of a date line above the title taken as the kicker ("경제
  /// 2026-03-12" -> "경제"); a longer rest is a sentence, not a section label.
  std::size_t max_date_kicker_chars = 30;
};

/// Options of classify_blocks().
struct SegmentOptions {
  /// Title known from the page's metadata (HTML <meta>/JSON-LD), used to find the title
  /// block; empty: the title is found from the blocks.
  std::string title_hint;
  /// The blocks are the lines of a text dump (no markup): its first block, when it reads
  /// like a headline, is the title ("title, blank line, body").
  bool text_dump = false;
  /// Tuning values (see SegmentTuning).
  SegmentTuning tuning;
};

/// Result of classify_blocks().
struct Segmentation {
  std::vector<BlockLabel> labels;          ///< one per block
  std::vector<BoilerplateReason> reasons;  ///< one per block (None unless Boilerplate/Byline)
  std::vector<BlockFeatures> features;     ///< one per block
  std::ptrdiff_t title = -1;               ///< index of the title block, or -1
  std::ptrdiff_t body_begin = -1;          ///< first block of the body region, or -1
  std::ptrdiff_t body_end = -1;            ///< one past its last block
};

/// Labels @p blocks. Never throws on any text (invalid UTF-8 is treated leniently); runs in
/// time linear in the total text size (plus a hash table for repetitions). Thread-safe.
Segmentation classify_blocks(const std::vector<Block>& blocks, const SegmentOptions& options = {});

/// Blocks of a text dump: its non-blank lines, in order. A line holding only a role word
/// ("기자") joins the line before it (a byline cut after the name); the lines of a dump
/// hard-wrapped at a fixed width are joined back into paragraphs; bulleted lines are
/// ListItem, other lines (numbered ones included) Text. Never throws (invalid UTF-8 is read
/// leniently).
std::vector<Block> text_dump_blocks(std::string_view text, const SegmentTuning& tuning = {});

/// Features of one block in isolation (repeats = 1, no page context).
BlockFeatures block_features(const Block& block, const SegmentTuning& tuning = {});

/// A date (and optional time) found in text.
struct DateMatch {
  std::size_t begin = 0, end = 0;  ///< byte span in the input; begin == end: none found
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = -1, second = -1;  ///< -1 when no time is given
  bool has_tz = false;
  int tz_minutes = 0;  ///< UTC offset in minutes when has_tz
  bool modified = false;  ///< preceded by a "modified" label (수정, 업데이트, Updated)
};

/// All dates in UTF-8 @p text: 2021-02-04, 2021.02.04, 2021/2/4, "2010. 01. 01.",
/// 2021년 2월 4일, each optionally followed by a time (10:21, 10:21:05, 오후 3시 5분, ISO
/// "T10:21:05+09:00"). Years 1900-2099, months and days validated.
std::vector<DateMatch> find_dates(std::string_view text);

/// Reporters, outlet and e-mails found in a byline or dateline.
struct Byline {
  std::vector<std::string> reporters;  ///< names before 기자 / 특파원 / ... ("권승주")
  std::vector<std::string> emails;
  std::string outlet;                  ///< "패션엔" in "패션엔 권승주 기자", "연합뉴스" in "(서울=연합뉴스)"
};

/// Parses a byline ("패션엔 권승주 기자", "(서울=연합뉴스) 임화섭 김지헌 기자 =",
/// "순천, 광양 구현모 기자 ninek@hankookilbo.com", "lucho@yna.co.kr").
Byline parse_byline(std::string_view text, const SegmentTuning& tuning = {});

/// Length in bytes of a dateline at the start of @p text ("(로마=연합뉴스) 전성훈 특파원 = ",
/// "[헤럴드경제] ", "[뉴욕=뉴스핌] 황숙혜 특파원 = "), including the spaces after it; 0 if none.
std::size_t dateline_length(std::string_view text, const SegmentTuning& tuning = {});

/// A part cut from a body paragraph by clean_paragraph().
struct ParagraphCut {
  std::string text;  ///< the cut text (trimmed)
  BoilerplateReason reason = BoilerplateReason::Other;
};

/// Result of clean_paragraph().
struct CleanParagraph {
  std::string text;                ///< the paragraph without the cut parts (may be empty)
  std::vector<ParagraphCut> cuts;  ///< the cut parts, in page order
};

/// Cuts boilerplate glued inside a body paragraph (portals and wire copies print it in the
/// same paragraph as the text):
///  - at the start, with @p first (the first paragraph of the body): a dateline or byline
///    ("(서울=뉴스1) 이동원 기자 =", "[OO일보 홍길동 기자]", "【서울=뉴시스】");
///  - at the start of any paragraph: photo tags ("[사진]", "[포토]");
///  - at the end, a run that starts after a sentence ending and holds only photo credits
///    ("(에버랜드 제공)", "2013.3.10/뉴스1", "(사진=연합뉴스)"), copyright notices
///    ("< 저작권자 ... >", "ⓒ ... 무단전재 및 재배포 금지"), promo link runs ("☞ ...",
///    "▶ ...") and a closing byline ("홍길동 기자 hong@example.com").
/// Text between the parts is never dropped silently: a credit followed by more sentences
/// is kept. Never throws (invalid UTF-8 is read leniently).
CleanParagraph clean_paragraph(std::string_view text, bool first,
                               const SegmentTuning& tuning = {});

/// A title without the site name and section the page appends or prepends
/// ("제목 - 정치ㅣ한국일보", "제목 | 예시뉴스", "예시뉴스 :: 제목", "[사진]제목") -> "제목".
/// Separators: "-", "|", "｜", "ㅣ", "::", "<", ":", "–", "—". A part is stripped when it
/// names one of @p site_names (spaces and case ignored), or, after a strong separator
/// ("|", "｜", "ㅣ", "::", " - "), when it is short and not sentence-like; once a site name
/// is stripped, a short section label next to it goes too. Never returns an empty title
/// for a non-empty one.
std::string strip_site_name(std::string_view title, const std::vector<std::string>& site_names,
                            const SegmentTuning& tuning = {});

/// What a page's metadata says about its article (JSON-LD, <meta>, <title>), read by the
/// caller (the Python API reads it with a JSON parser) and weighed against the blocks by
/// segment_article().
struct PageEvidence {
  /// Metadata was read (an HTML page). Without it the blocks are a text dump: its first
  /// headline-like block is the title ("title, blank line, body").
  bool present = false;
  std::string headline;                 ///< JSON-LD headline ("" when none)
  std::vector<std::string> titles;      ///< og:title, twitter:title, <meta name=title>, <title>
  std::vector<std::string> site_names;  ///< og:site_name, publisher, application-name, ...
  std::string date;                     ///< datePublished / article:published_time / <time>
  std::vector<std::string> authors;         ///< JSON-LD author names (people only)
  std::vector<std::string> author_strings;  ///< author meta tags ("홍길동 기자", "By 홍길동")
  std::string outlet;                   ///< og:site_name, else the JSON-LD publisher
  std::string section;                  ///< articleSection / article:section
};

/// One body sentence of an assembled article: code points of ArticleParts::text().
struct ArticleSentenceSpan {
  std::size_t begin = 0, end = 0;  ///< code point offsets into the joined body text
  std::size_t paragraph = 0;       ///< index of the paragraph the sentence starts in
};

/// An article assembled from labelled blocks by segment_article().
struct ArticleParts {
  std::string title;
  std::vector<std::string> subtitle;    ///< one entry per line of the subtitle blocks
  std::string kicker;
  bool has_date = false;
  DateMatch date;                       ///< the publication date (when has_date)
  std::string outlet;
  std::vector<std::string> reporters;
  std::vector<std::string> emails;
  std::vector<std::string> paragraphs;  ///< body paragraphs, cleaned (clean_paragraph)
  std::vector<ParagraphCut> boilerplate;  ///< dropped blocks and cut parts, in page order
  std::vector<ArticleSentenceSpan> sentences;
  /// The body paragraphs joined with blank lines (what sentence offsets count in).
  std::string text() const;
};

/// Segments a page given as blocks: classify_blocks() (with the title hint found from
/// @p evidence), then the article: the title reconciled with the metadata (a JSON-LD
/// headline wins; a meta title is the fallback, its site name stripped), subtitles,
/// kicker (or the date line's label, or the section), date (metadata, else a date block,
/// else a byline or a wire photo credit), the body paragraphs cleaned by clean_paragraph()
/// and split into sentences, the dropped blocks with their reasons, reporters, e-mails and
/// outlet (metadata authors, else bylines and datelines; a copyright owner as the last
/// resort for the outlet). Never throws on any text; thread-safe.
ArticleParts segment_article(const std::vector<Block>& blocks, const PageEvidence& evidence,
                             const SegmentTuning& tuning = {});

/// The title hint of @p blocks: the JSON-LD headline, else the visible heading a meta title
/// starts with, else the visible block equal to a meta title without its site name, else
/// that stripped meta title; "" without metadata titles.
std::string title_hint(const std::vector<Block>& blocks, const PageEvidence& evidence,
                       const SegmentTuning& tuning = {});

/// Reporter names and e-mails in author metadata ("홍길동 기자", "By Jane Doe", "홍길동,
/// 김철수", "작성자: 홍길동"): bylines as parse_byline() reads them, else the parts between
/// separators ("," "·" "/" "&" "|" " and ") without author labels and role words that are
/// Korean names (2-4 syllables) or Latin names of two or more words. Outlet and desk names
/// ("예시일보", "온라인팀") are never reporters.
Byline author_names(const std::vector<std::string>& strings);

/// @p text without its dates and date labels ("경제 입력 2026-03-12 10:21" -> "경제"): the
/// section label printed on a date line.
std::string without_dates(std::string_view text);

/// Flattens pathologically deep HTML before it reaches an HTML parser: opening tags nested
/// deeper than @p max_depth (and their matching closing tags) are dropped, so that parsers
/// whose cost grows with the depth of the open-element stack stay linear. This is a single
/// tokenizer-level pass (comments, <!...>, raw text of script/style/textarea/title are
/// skipped); void elements and elements whose end tag is optional (p, li, td, ...) are not
/// counted. With @p drop_bogus_comments, the markup HTML5 reads as a bogus comment (ignored)
/// is dropped too: "<!" not opening a comment or a doctype ("<![if !IE]>"), "</" not followed
/// by a letter ("</#-- -->"); libxml2's HTML 4 parser would keep it as text. @p changed
/// (optional) is set to whether anything was dropped; the input is returned unchanged
/// otherwise.
std::string limit_html_nesting(std::string_view html, std::size_t max_depth = 512,
                               bool* changed = nullptr, bool drop_bogus_comments = false);

}  // namespace kotext
