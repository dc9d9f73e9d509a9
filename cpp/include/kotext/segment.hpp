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

/// Tuning values of the segmenter that are not plain properties of Korean text, in one place.
/// The defaults are the values the tests and benchmarks/segment.py were measured with; each
/// says why it has its value. (The classifier's older per-feature thresholds still live in
/// segment.cpp as literals next to the rule they belong to; they move here as they are
/// revisited.)
struct SegmentTuning {
  /// A repeated block at least this long (non-space code points) with a sentence ending is
  /// a copy of the text (hidden print copy, AMP copy), not navigation: menus and ranking
  /// lists repeat headlines (no sentence ending) and short labels.
  std::size_t copy_min_chars = 30;
  /// The visible body wins over a hidden candidate (script payload, hidden copy) unless the
  /// hidden one holds more than this many times its text: a teaser over a paywalled payload.
  std::size_t visible_body_share = 2;
  /// The longest first line of a text dump taken as its headline without other evidence
  /// (Korean headlines run 20-60 characters; 120 leaves room for long feature titles).
  std::size_t dump_headline_max_chars = 120;
  /// A dump is hard-wrapped when at least wrap_min_lines of its lines have wrap_min_line
  /// code points or more: fewer long lines say nothing about a width.
  std::size_t wrap_min_line = 30;
  std::size_t wrap_min_lines = 8;
  /// The longest bracketed photo credit clean_paragraph() cuts ("(사진=연합뉴스)",
  /// "(에버랜드 제공)"); a longer bracket is an aside of the sentence.
  std::size_t max_credit_chars = 30;
  /// The longest byline glued to the end of a paragraph ("홍길동 기자 hong@example.com").
  std::size_t max_tail_byline_chars = 48;
  /// The longest dateline bracket holding a byline ("[OO일보 홍길동 기자]").
  std::size_t max_bracket_byline_chars = 40;
  /// The longest part strip_site_name() drops after a strong separator without it naming a
  /// known site ("제목 | 예시뉴스"): site names are short, headline halves are not.
  std::size_t max_site_label_chars = 20;
  /// The longest section label dropped next to a stripped site name ("-정치ㅣ한국일보").
  std::size_t max_section_chars = 8;
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
BlockFeatures block_features(const Block& block);

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
Byline parse_byline(std::string_view text);

/// Length in bytes of a dateline at the start of @p text ("(로마=연합뉴스) 전성훈 특파원 = ",
/// "[헤럴드경제] ", "[뉴욕=뉴스핌] 황숙혜 특파원 = "), including the spaces after it; 0 if none.
std::size_t dateline_length(std::string_view text);

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

/// Flattens pathologically deep HTML before it reaches an HTML parser: opening tags nested
/// deeper than @p max_depth (and their matching closing tags) are dropped, so that parsers
/// whose cost grows with the depth of the open-element stack stay linear. This is a single
/// tokenizer-level pass (comments, <!...>, raw text of script/style/textarea/title are
/// skipped); void elements and elements whose end tag is optional (p, li, td, ...) are not
/// counted. @p changed (optional) is set to whether anything was dropped; the input is
/// returned unchanged otherwise.
std::string limit_html_nesting(std::string_view html, std::size_t max_depth = 512,
                               bool* changed = nullptr);

}  // namespace kotext
