// pybind11 shim for the segment component: converts the blocks once, releases the GIL,
// runs the core classifier and returns plain Python lists.
#include <pybind11/stl.h>

#include "common.hpp"
#include "kotext/parallel.hpp"
#include "kotext/segment.hpp"
#include "kotext/segment_html.hpp"
#include "kotext/utf8.hpp"

namespace kotext::bindings {
namespace {

// Blocks from parallel lists (the fields of kotext::Block); errors name the block.
std::vector<Block> blocks_from_py(const py::list& texts, const std::vector<int>& tags,
                                  const std::vector<int>& heading_levels,
                                  const std::vector<std::size_t>& link_chars,
                                  const std::vector<bool>& navigation,
                                  const std::vector<bool>& near_image,
                                  const std::vector<bool>& hidden) {
  const std::size_t n = texts.size();
  if (tags.size() != n || heading_levels.size() != n || link_chars.size() != n ||
      navigation.size() != n || near_image.size() != n || (!hidden.empty() && hidden.size() != n)) {
    throw py::value_error("all block lists must have the same length");
  }
  std::vector<Block> blocks(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::object item = texts[i];
    blocks[i].text = std::string(utf8_view(item.ptr(), "block " + std::to_string(i)));
    if (tags[i] < 0 || tags[i] > static_cast<int>(BlockTag::Quote))
      throw py::value_error("block " + std::to_string(i) + ": tag out of range");
    blocks[i].tag = static_cast<BlockTag>(tags[i]);
    blocks[i].heading_level = heading_levels[i];
    blocks[i].link_chars = link_chars[i];
    blocks[i].navigation = navigation[i];
    blocks[i].near_image = near_image[i];
    blocks[i].hidden = !hidden.empty() && hidden[i];
  }
  return blocks;
}

py::dict classify(const py::list& texts, const std::vector<int>& tags,
                  const std::vector<int>& heading_levels, const std::vector<std::size_t>& link_chars,
                  const std::vector<bool>& navigation, const std::vector<bool>& near_image,
                  const std::string& title_hint, const std::vector<bool>& hidden, bool text_dump) {
  std::vector<Block> blocks =
      blocks_from_py(texts, tags, heading_levels, link_chars, navigation, near_image, hidden);
  const std::size_t n = blocks.size();
  SegmentOptions options;
  options.title_hint = title_hint;
  options.text_dump = text_dump;
  Segmentation seg;
  {
    py::gil_scoped_release release;
    seg = classify_blocks(blocks, options);
  }
  py::list labels(n), reasons(n), chars(n), scores(n), content(n);
  for (std::size_t i = 0; i < n; ++i) {
    labels[i] = py::str(label_name(seg.labels[i]));
    reasons[i] = py::str(reason_name(seg.reasons[i]));
    chars[i] = py::int_(seg.features[i].chars);
    scores[i] = py::float_(seg.features[i].score);
    content[i] = py::bool_(seg.features[i].content);
  }
  py::dict out;
  out["labels"] = labels;
  out["reasons"] = reasons;
  out["chars"] = chars;
  out["scores"] = scores;
  out["content"] = content;
  out["title"] = seg.title;
  out["body_begin"] = seg.body_begin;
  out["body_end"] = seg.body_end;
  return out;
}

py::list find_dates_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "text");
  py::list out;
  std::vector<DateMatch> dates;
  {
    py::gil_scoped_release release;
    dates = find_dates(v);
  }
  for (const auto& d : dates) {
    // Byte offsets to code point offsets.
    std::size_t b = utf8::length(v.substr(0, d.begin));
    std::size_t e = b + utf8::length(v.substr(d.begin, d.end - d.begin));
    py::object tz = d.has_tz ? py::object(py::int_(d.tz_minutes)) : py::object(py::none());
    out.append(py::make_tuple(b, e, d.year, d.month, d.day, d.hour, d.minute, d.second, tz,
                              d.modified));
  }
  return out;
}

py::tuple parse_byline_py(const py::str& text) {
  Byline b = parse_byline(utf8_view(text.ptr(), "text"));
  py::list reporters, emails;
  for (auto& r : b.reporters) reporters.append(to_py_str(r));
  for (auto& e : b.emails) emails.append(to_py_str(e));
  return py::make_tuple(reporters, emails, to_py_str(b.outlet));
}

std::size_t dateline_length_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "text");
  std::size_t bytes = dateline_length(v);
  return utf8::length(v.substr(0, bytes));
}

py::object limit_html_nesting_py(const py::str& html, std::size_t max_depth) {
  std::string_view v = utf8_view(html.ptr(), "html");
  bool changed = false;
  std::string out;
  {
    py::gil_scoped_release release;
    out = limit_html_nesting(v, max_depth, &changed);
  }
  if (!changed) return py::none();
  return to_py_str(out);
}

py::tuple clean_paragraph_py(const py::str& text, bool first) {
  std::string_view v = utf8_view(text.ptr(), "text");
  CleanParagraph c = clean_paragraph(v, first);
  py::list cuts;
  for (auto& cut : c.cuts) cuts.append(py::make_tuple(to_py_str(cut.text), reason_name(cut.reason)));
  return py::make_tuple(to_py_str(c.text), cuts);
}

py::str strip_site_name_py(const py::str& title, const std::vector<std::string>& site_names) {
  return to_py_str(strip_site_name(utf8_view(title.ptr(), "title"), site_names));
}

py::tuple text_dump_blocks_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "page");
  std::vector<Block> blocks;
  {
    py::gil_scoped_release release;
    blocks = text_dump_blocks(v);
  }
  py::list texts(blocks.size()), tags(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    texts[i] = to_py_str(blocks[i].text);
    tags[i] = py::int_(static_cast<int>(blocks[i].tag));
  }
  return py::make_tuple(texts, tags);
}

// Blocks as parallel lists: texts, tags, heading levels, link chars, navigation, near image,
// hidden (the fields of kotext::Block).
py::tuple blocks_to_py(const std::vector<Block>& blocks) {
  const std::size_t n = blocks.size();
  py::list texts(n), tags(n), levels(n), links(n), nav(n), image(n), hidden(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Block& b = blocks[i];
    texts[i] = to_py_str(b.text);
    tags[i] = py::int_(static_cast<int>(b.tag));
    levels[i] = py::int_(b.heading_level);
    links[i] = py::int_(b.link_chars);
    nav[i] = py::bool_(b.navigation);
    image[i] = py::bool_(b.near_image);
    hidden[i] = py::bool_(b.hidden);
  }
  return py::make_tuple(texts, tags, levels, links, nav, image, hidden);
}

py::object optional_str(bool present, const std::string& s) {
  return present ? py::object(to_py_str(s)) : py::object(py::none());
}

// The raw metadata texts of a parsed page: meta [(key, content or None)], json_ld [str],
// scripts [(type, id, text)].
py::tuple page_texts(const HtmlPage& page) {
  py::list meta, json_ld, scripts;
  for (const auto& m : page.meta)
    meta.append(py::make_tuple(to_py_str(m.key), optional_str(m.has_content, m.content)));
  for (const auto& t : page.json_ld) json_ld.append(to_py_str(t));
  for (const auto& s : page.scripts)
    scripts.append(py::make_tuple(to_py_str(s.type), to_py_str(s.id), to_py_str(s.text)));
  return py::make_tuple(meta, json_ld, scripts);
}

py::dict parse_html_page_py(const py::str& html) {
  std::string_view v = utf8_view(html.ptr(), "page");
  HtmlPage page;
  {
    py::gil_scoped_release release;
    page = parse_html_page(v);
  }
  py::tuple texts = page_texts(page);
  py::dict out;
  out["blocks"] = blocks_to_py(page.blocks);
  out["template_blocks"] = blocks_to_py(page.template_blocks);
  out["meta"] = texts[0];
  out["json_ld"] = texts[1];
  out["scripts"] = texts[2];
  out["title"] = optional_str(page.has_title, page.title);
  out["time_datetime"] = optional_str(page.has_time, page.time_datetime);
  return out;
}

py::tuple html_blocks_py(const py::str& html, bool hidden) {
  std::string_view v = utf8_view(html.ptr(), "html");
  std::vector<Block> blocks;
  {
    py::gil_scoped_release release;
    blocks = html_blocks(v, hidden);
  }
  return blocks_to_py(blocks);
}


// PageEvidence from None (a text dump) or the tuple (headline, titles, site_names, date,
// authors, author_strings, outlet, section) that kotext._segment builds from the metadata.
using EvidenceTuple = std::tuple<std::string, std::vector<std::string>, std::vector<std::string>,
                                 std::string, std::vector<std::string>, std::vector<std::string>,
                                 std::string, std::string>;

PageEvidence to_evidence(const py::object& obj) {
  PageEvidence e;
  if (obj.is_none()) return e;
  auto t = obj.cast<EvidenceTuple>();
  e.present = true;
  std::tie(e.headline, e.titles, e.site_names, e.date, e.authors, e.author_strings, e.outlet,
           e.section) = std::move(t);
  return e;
}

// ArticleParts as (title, subtitle, kicker, date, outlet, reporters, emails, paragraphs,
// boilerplate [(text, reason)], sentences [(begin, end, paragraph)]); date is None or
// (year, month, day, hour, minute, second, tz_minutes or None).
py::tuple parts_to_py(const ArticleParts& a) {
  auto strs = [](const std::vector<std::string>& v) {
    py::list out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_py_str(v[i]);
    return out;
  };
  py::object date = py::none();
  if (a.has_date) {
    const DateMatch& d = a.date;
    py::object tz = d.has_tz ? py::object(py::int_(d.tz_minutes)) : py::object(py::none());
    date = py::make_tuple(d.year, d.month, d.day, d.hour, d.minute, d.second, tz);
  }
  py::list boilerplate(a.boilerplate.size());
  for (std::size_t i = 0; i < a.boilerplate.size(); ++i)
    boilerplate[i] = py::make_tuple(to_py_str(a.boilerplate[i].text),
                                    reason_name(a.boilerplate[i].reason));
  py::list sentences(a.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    sentences[i] = py::make_tuple(a.sentences[i].begin, a.sentences[i].end, a.sentences[i].paragraph);
  return py::make_tuple(to_py_str(a.title), strs(a.subtitle), to_py_str(a.kicker), date,
                        to_py_str(a.outlet), strs(a.reporters), strs(a.emails),
                        strs(a.paragraphs), boilerplate, sentences);
}

py::tuple segment_blocks_py(const py::list& texts, const std::vector<int>& tags,
                            const std::vector<int>& heading_levels,
                            const std::vector<std::size_t>& link_chars,
                            const std::vector<bool>& navigation, const std::vector<bool>& near_image,
                            const std::vector<bool>& hidden, const py::object& evidence) {
  std::vector<Block> blocks =
      blocks_from_py(texts, tags, heading_levels, link_chars, navigation, near_image, hidden);
  PageEvidence e = to_evidence(evidence);
  ArticleParts parts;
  {
    py::gil_scoped_release release;
    parts = segment_article(blocks, e);
  }
  return parts_to_py(parts);
}

// A batch of pages between the two C++ stages of kotext.segment_many: parse_pages() parses
// every page on the core's thread pool (gumbo for HTML, text_dump_blocks for dumps); the
// caller reads each HTML page's metadata (metadata()); segment() then assembles every
// article on the pool. A page that fails records its error (error()) instead of stopping
// the batch.
class PageBatch {
 public:
  PageBatch(const py::list& pages, const std::vector<bool>& html, int n_jobs) {
    const std::size_t n = pages.size();
    if (html.size() != n) throw py::value_error("parse_pages: pages and html differ in length");
    texts_.resize(n);
    html_ = html;
    errors_.assign(n, std::string());
    parsed_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      py::object item = pages[i];
      try {
        texts_[i] = std::string(utf8_view(item.ptr(), "page " + std::to_string(i)));
      } catch (const std::exception& err) {  // a lone surrogate, a non-str item
        PyErr_Clear();
        errors_[i] = err.what();
      }
    }
    run_batch(n, n_jobs, [&](std::size_t i) {
      if (!errors_[i].empty()) return;
      guarded(i, [&] {
        if (html_[i]) {
          parsed_[i] = parse_html_page(texts_[i]);
        } else {
          parsed_[i].blocks = text_dump_blocks(texts_[i]);
        }
      });
      std::string().swap(texts_[i]);  // the blocks hold copies of the text
    });
  }

  std::size_t size() const { return parsed_.size(); }

  py::object error(std::size_t i) const {
    check(i);
    return errors_[i].empty() ? py::object(py::none()) : py::object(to_py_str(errors_[i]));
  }

  // (meta [(key, content or None)], json_ld [str], title or None, time_datetime or None,
  // scripts [(type, id, text)], payload_hint, has_templates) of HTML page i.
  py::tuple metadata(std::size_t i) const {
    check(i);
    const HtmlPage& page = parsed_[i];
    py::tuple texts = page_texts(page);
    return py::make_tuple(texts[0], texts[1], optional_str(page.has_title, page.title),
                          optional_str(page.has_time, page.time_datetime), texts[2],
                          page.payload_hint, !page.template_blocks.empty());
  }

  // Articles of every page without an error, in order (None for a page with an error):
  // evidence[i] as segment_blocks takes it (None for a dump), payloads[i] an HTML fragment
  // recovered from the page's scripts (or None), templates[i] whether the page's <template>
  // blocks are candidates too.
  py::list segment(const py::list& evidence, const py::list& payloads,
                   const std::vector<bool>& templates, int n_jobs) {
    const std::size_t n = parsed_.size();
    if (evidence.size() != n || payloads.size() != n || templates.size() != n)
      throw py::value_error("PageBatch.segment: one evidence, payload and template flag per page");
    std::vector<PageEvidence> ev(n);
    std::vector<std::string> fragments(n);
    std::vector<bool> has_fragment(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      ev[i] = to_evidence(evidence[i]);
      py::object p = payloads[i];
      if (!p.is_none()) {
        fragments[i] = std::string(utf8_view(p.ptr(), "payload " + std::to_string(i)));
        has_fragment[i] = true;
      }
    }
    std::vector<ArticleParts> parts(n);
    run_batch(n, n_jobs, [&](std::size_t i) {
      if (!errors_[i].empty()) return;
      guarded(i, [&] {
        std::vector<Block>& blocks = parsed_[i].blocks;
        if (has_fragment[i]) {
          std::vector<Block> extra = html_blocks(fragments[i], true);
          blocks.insert(blocks.end(), std::make_move_iterator(extra.begin()),
                        std::make_move_iterator(extra.end()));
        }
        if (templates[i]) {
          auto& t = parsed_[i].template_blocks;
          blocks.insert(blocks.end(), std::make_move_iterator(t.begin()),
                        std::make_move_iterator(t.end()));
          t.clear();
        }
        parts[i] = segment_article(blocks, ev[i]);
      });
    });
    py::list out(n);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = errors_[i].empty() ? py::object(parts_to_py(parts[i])) : py::object(py::none());
    return out;
  }

 private:
  void check(std::size_t i) const {
    if (i >= parsed_.size()) throw py::index_error("page index out of range");
  }
  // Runs fn for page i; an error is recorded on the page (an interruption still stops the
  // whole call).
  template <class Fn>
  void guarded(std::size_t i, Fn&& fn) {
    try {
      fn();
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& err) {
      errors_[i] = std::string(err.what()).empty() ? "error" : err.what();
    }
  }

  std::vector<std::string> texts_;
  std::vector<bool> html_;
  std::vector<std::string> errors_;
  std::vector<HtmlPage> parsed_;
};
}  // namespace

void bind_segment(py::module_& m) {
  // The enums are defined once, in segment.hpp; Python reads their values from here.
  py::enum_<BlockTag>(m, "BlockTag", py::arithmetic(), "kotext::BlockTag")
      .value("Text", BlockTag::Text)
      .value("Paragraph", BlockTag::Paragraph)
      .value("Heading", BlockTag::Heading)
      .value("ListItem", BlockTag::ListItem)
      .value("TableCell", BlockTag::TableCell)
      .value("Caption", BlockTag::Caption)
      .value("Quote", BlockTag::Quote);
  py::enum_<BlockLabel>(m, "BlockLabel", py::arithmetic(), "kotext::BlockLabel")
      .value("Title", BlockLabel::Title)
      .value("Subtitle", BlockLabel::Subtitle)
      .value("Kicker", BlockLabel::Kicker)
      .value("Date", BlockLabel::Date)
      .value("Body", BlockLabel::Body)
      .value("Byline", BlockLabel::Byline)
      .value("Boilerplate", BlockLabel::Boilerplate);
  py::enum_<BoilerplateReason>(m, "BoilerplateReason", py::arithmetic(),
                               "kotext::BoilerplateReason")
      .value("None_", BoilerplateReason::None)
      .value("RankingList", BoilerplateReason::RankingList)
      .value("Navigation", BoilerplateReason::Navigation)
      .value("PhotoCaption", BoilerplateReason::PhotoCaption)
      .value("Copyright", BoilerplateReason::Copyright)
      .value("RelatedLinks", BoilerplateReason::RelatedLinks)
      .value("Advertisement", BoilerplateReason::Advertisement)
      .value("Byline", BoilerplateReason::Byline)
      .value("Dateline", BoilerplateReason::Dateline)
      .value("Other", BoilerplateReason::Other)
      .value("Duplicate", BoilerplateReason::Duplicate);
  m.def("label_name", &label_name, py::arg("label"), "Name of a block label (\"title\", ...).");
  m.def("reason_name", &reason_name, py::arg("reason"),
        "Name of a boilerplate reason (\"navigation\", ...).");
  m.def("classify_blocks", &classify, py::arg("texts"), py::arg("tags"), py::arg("heading_levels"),
        py::arg("link_chars"), py::arg("navigation"), py::arg("near_image"),
        py::arg("title_hint") = std::string(), py::arg("hidden") = std::vector<bool>(), py::arg("text_dump") = false,
        "Label page blocks (title, subtitle, kicker, date, body, byline, boilerplate).");
  m.def("segment_blocks", &segment_blocks_py, py::arg("texts"), py::arg("tags"),
        py::arg("heading_levels"), py::arg("link_chars"), py::arg("navigation"),
        py::arg("near_image"), py::arg("hidden"), py::arg("evidence"),
        "Article parts (title, subtitle, kicker, date, outlet, reporters, emails, paragraphs, "
        "boilerplate, sentences) of blocks given as parallel lists; evidence None for a text "
        "dump, else (headline, titles, site_names, date, authors, author_strings, outlet, "
        "section).");
  py::class_<PageBatch>(m, "PageBatch", "Pages parsed on the core's thread pool (parse_pages).")
      .def("__len__", &PageBatch::size)
      .def("error", &PageBatch::error, py::arg("index"), "The page's error, or None.")
      .def("metadata", &PageBatch::metadata, py::arg("index"),
           "(meta, json_ld, title, time_datetime, scripts, payload_hint, has_templates) of an "
           "HTML page.")
      .def("segment", &PageBatch::segment, py::arg("evidence"), py::arg("payloads"),
           py::arg("templates"), py::arg("n_jobs") = 1,
           "Article parts of every page (None for a page with an error), in order; the "
           "pages run on the core's thread pool with the GIL released.");
  m.def("parse_pages", [](const py::list& pages, const std::vector<bool>& html, int n_jobs) {
        return std::make_unique<PageBatch>(pages, html, n_jobs);
      }, py::arg("pages"), py::arg("html"), py::arg("n_jobs") = 1,
        "Parse pages (HTML with gumbo where html[i], else text dumps) on the core's thread "
        "pool with the GIL released; errors are recorded per page.");
  m.def("author_names", [](const std::vector<std::string>& strings) {
        Byline b = author_names(strings);
        return py::make_tuple(b.reporters, b.emails);
      }, py::arg("strings"), "(names, emails) in author metadata strings.");
  m.def("without_dates", [](const std::string& text) { return without_dates(text); },
        py::arg("text"), "The text without its dates and date labels.");
  m.def("find_dates", &find_dates_py, py::arg("text"),
        "Dates in text: (begin, end, year, month, day, hour, minute, second, tz_minutes, "
        "modified) with code point offsets; -1 for missing time parts, None for no zone.");
  m.def("parse_byline", &parse_byline_py, py::arg("text"),
        "(reporters, emails, outlet) found in a byline or dateline.");
  m.def("parse_html_page", &parse_html_page_py, py::arg("html"),
        "Parse an HTML page with gumbo and walk it (GIL released): a dict with blocks and "
        "template_blocks (tuples of parallel lists: texts, tags, levels, link_chars, "
        "navigation, near_image, hidden), meta [(key, content or None)], json_ld [str], "
        "scripts [(type, id, text)], title (str or None), time_datetime (str or None).");
  m.def("payload_hint", [](const py::str& html) {
        return payload_hint(utf8_view(html.ptr(), "html"));
      }, py::arg("html"), "Whether the page mentions a script-payload or <template> marker.");
  m.def("html_blocks", &html_blocks_py, py::arg("html"), py::arg("hidden") = false,
        "Blocks of an HTML fragment (the tuple of parallel lists of parse_html_page).");
  m.def("limit_html_nesting", &limit_html_nesting_py, py::arg("html"), py::arg("max_depth") = 512,
        "HTML with tags nested deeper than max_depth dropped, or None when nothing was dropped.");
  m.def("clean_paragraph", &clean_paragraph_py, py::arg("text"), py::arg("first") = false,
        "(text, [(cut, reason), ...]): datelines, photo credits, copyright and promo runs cut "
        "from a body paragraph.");
  m.def("strip_site_name", &strip_site_name_py, py::arg("title"),
        py::arg("site_names") = std::vector<std::string>(),
        "The title without the site name / section the page glued to it.");
  m.def("text_dump_blocks", &text_dump_blocks_py, py::arg("text"),
        "(texts, tags): the blocks of a text dump (lines; wrapped lines joined).");
  m.def("dateline_length", &dateline_length_py, py::arg("text"),
        "Length in code points of a dateline at the start of text (0 if none).");
}

}  // namespace kotext::bindings
