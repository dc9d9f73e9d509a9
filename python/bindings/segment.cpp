// pybind11 shim for the segment component: converts the blocks once, releases the GIL,
// runs the core classifier and returns plain Python lists.
#include <pybind11/stl.h>

#include "common.hpp"
#include "kotext/segment.hpp"
#include "kotext/segment_html.hpp"
#include "kotext/utf8.hpp"

namespace kotext::bindings {
namespace {

py::dict classify(const py::list& texts, const std::vector<int>& tags,
                  const std::vector<int>& heading_levels, const std::vector<std::size_t>& link_chars,
                  const std::vector<bool>& navigation, const std::vector<bool>& near_image,
                  const std::string& title_hint, const std::vector<bool>& hidden, bool text_dump) {
  const std::size_t n = texts.size();
  if (tags.size() != n || heading_levels.size() != n || link_chars.size() != n ||
      navigation.size() != n || near_image.size() != n || (!hidden.empty() && hidden.size() != n)) {
    throw py::value_error("classify_blocks: all block lists must have the same length");
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

py::dict parse_html_page_py(const py::str& html) {
  std::string_view v = utf8_view(html.ptr(), "page");
  HtmlPage page;
  {
    py::gil_scoped_release release;
    page = parse_html_page(v);
  }
  py::list meta, json_ld, scripts;
  for (const auto& m : page.meta)
    meta.append(py::make_tuple(to_py_str(m.key), optional_str(m.has_content, m.content)));
  for (const auto& t : page.json_ld) json_ld.append(to_py_str(t));
  for (const auto& s : page.scripts)
    scripts.append(py::make_tuple(to_py_str(s.type), to_py_str(s.id), to_py_str(s.text)));
  py::dict out;
  out["blocks"] = blocks_to_py(page.blocks);
  out["template_blocks"] = blocks_to_py(page.template_blocks);
  out["meta"] = meta;
  out["json_ld"] = json_ld;
  out["scripts"] = scripts;
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
