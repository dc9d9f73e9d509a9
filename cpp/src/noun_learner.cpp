// L-R noun learner. Counting is done on unique eojeols (with their frequencies), so the
// cost grows with the vocabulary rather than with the corpus.
#include "kotext/noun_learner.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "korean_rules.hpp"
#include "kotext/error.hpp"
#include "kotext/parallel.hpp"
#include "kotext/utf8.hpp"

namespace kotext {
namespace {

using detail::KoreanRules;

struct LeftStats {
  std::int64_t count = 0;
  std::int64_t positive = 0;
  std::int64_t negative = 0;
  std::int64_t bare = 0;
  std::unordered_map<std::u32string, std::int64_t> rights;  // positive right parts
};

// Verb endings as whole right parts; ambiguous ones that are also particles (는, 은, 을)
// are matched as particles first.
bool is_verb_ending(const std::u32string& r) {
  static const std::unordered_set<std::u32string> endings = [] {
    std::unordered_set<std::u32string> s;
    for (const char* e : {"고", "게", "지", "며", "면", "서", "어", "아", "여", "기", "니",
                          "자", "도록", "려고", "려는", "면서", "지만", "는다", "어서", "아서",
                          "어야", "아야", "으며", "으면", "으나", "을", "는", "은", "던", "세요",
                          "습니다", "니다", "ㄴ다", "는데", "는지", "게된", "겠다", "기로", "기도",
                          "게", "지도", "지는", "어도", "아도", "어진", "아진", "어졌다", "어지는",
                          "려", "러", "라", "냐", "나요", "네요", "죠", "든지", "거나", "다가",
                          "도", "며", "고는", "고도", "기에", "기를", "기가", "음", "을까", "을지"}) {
      s.insert(utf8::decode(e));
    }
    return s;
  }();
  if (r.empty()) return false;
  if (endings.count(r)) return true;
  // A right part starting with a past-tense syllable (었 았 였 혔 켰 졌 ... any ㅆ final).
  return detail::jongseong(r[0]) == 20 || r[0] == U'\uC5C6';
}

// Hangul syllable runs of one text, counted.
void count_text_eojeols(std::string_view text, std::unordered_map<std::u32string, std::int64_t>& out) {
  std::u32string cps = utf8::decode(text);
  std::size_t i = 0, steps = 0;
  const std::size_t n = cps.size();
  while (i < n) {
    if ((++steps & 0xFFFF) == 0) check_interrupt();  // a huge text: stoppable inside it too
    if (!detail::is_hangul_syllable(cps[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < n && detail::is_hangul_syllable(cps[j])) ++j;
    ++out[cps.substr(i, j - i)];
    i = j;
  }
}

}  // namespace

EojeolCounts count_eojeols(const std::vector<std::string_view>& texts, int n_jobs) {
  // per thread, then merged
  std::unordered_map<std::u32string, std::int64_t> eojeols;
  std::mutex merge_mutex;
  const int threads = resolve_n_jobs(n_jobs, texts.size());
  const std::size_t per = (texts.size() + threads - 1) / std::max(threads, 1);
  parallel_for(static_cast<std::size_t>(threads), threads, [&](std::size_t t) {
    std::unordered_map<std::u32string, std::int64_t> local;
    const std::size_t b = t * per, e = std::min(texts.size(), b + per);
    for (std::size_t i = b; i < e; ++i) {
      check_interrupt();
      count_text_eojeols(texts[i], local);
    }
    std::lock_guard<std::mutex> lock(merge_mutex);
    if (eojeols.empty()) eojeols.swap(local);
    else for (auto& [k, v] : local) eojeols[k] += v;
  });
  std::vector<std::pair<std::string, std::int64_t>> sorted;
  sorted.reserve(eojeols.size());
  for (const auto& [w, f] : eojeols) sorted.emplace_back(utf8::encode(w), f);
  std::sort(sorted.begin(), sorted.end());
  EojeolCounts out;
  out.words.reserve(sorted.size());
  out.counts.reserve(sorted.size());
  for (auto& [w, f] : sorted) {
    out.words.push_back(std::move(w));
    out.counts.push_back(f);
  }
  return out;
}

EojeolCounts merge_eojeol_counts(const std::vector<const EojeolCounts*>& parts) {
  std::unordered_map<std::string, std::int64_t> sum;
  for (const EojeolCounts* p : parts) {
    if (p->words.size() != p->counts.size()) throw InvalidArgument("words and counts differ in length");
    for (std::size_t i = 0; i < p->words.size(); ++i) sum[p->words[i]] += p->counts[i];
  }
  std::vector<std::pair<std::string, std::int64_t>> sorted(sum.begin(), sum.end());
  std::sort(sorted.begin(), sorted.end());
  EojeolCounts out;
  for (auto& [w, f] : sorted) {
    out.words.push_back(std::move(w));
    out.counts.push_back(f);
  }
  return out;
}

std::vector<NounCandidate> learn_nouns(const std::vector<std::string_view>& texts,
                                       const NounLearnerOptions& options, int n_jobs) {
  if (options.min_count < 1) throw InvalidArgument("min_count must be >= 1");
  if (options.max_length < 1) throw InvalidArgument("max_length must be >= 1");
  return learn_nouns(count_eojeols(texts, n_jobs), options);
}

std::vector<NounCandidate> learn_nouns(const EojeolCounts& counts,
                                       const NounLearnerOptions& options) {
  if (options.min_count < 1) throw InvalidArgument("min_count must be >= 1");
  if (options.max_length < 1) throw InvalidArgument("max_length must be >= 1");
  if (counts.words.size() != counts.counts.size()) {
    throw InvalidArgument("words and counts differ in length");
  }
  const KoreanRules& rules = detail::korean_rules();

  // 1. the eojeol frequencies, decoded once.
  std::unordered_map<std::u32string, std::int64_t> eojeols;
  eojeols.reserve(counts.words.size());
  for (std::size_t i = 0; i < counts.words.size(); ++i) {
    if (counts.counts[i] < 0) throw InvalidArgument("eojeol counts must be >= 0");
    std::u32string w = utf8::decode(counts.words[i]);
    if (w.empty()) continue;
    for (char32_t c : w) {
      if (!detail::is_hangul_syllable(c)) {
        throw InvalidArgument("eojeol " + std::to_string(i) + " holds a character that is not a Hangul syllable");
      }
    }
    eojeols[w] += counts.counts[i];
  }

  check_interrupt();

  // 2. left-part statistics.
  std::unordered_map<std::u32string, LeftStats> lefts;
  std::unordered_map<char32_t, std::int64_t> first_syllable;
  auto classify = [&](const std::u32string& w, std::size_t i, std::int64_t f, LeftStats& st) {
    if (i == w.size()) { st.bare += f; return; }
    std::u32string r = w.substr(i);
    if (r.size() == 1 && r[0] == U'\uB2E4') return;  // 다: copula (인기다) or verb ending: neutral
    const detail::SuffixInfo* info = rules.find_suffix(r.data(), r.size());
    if (info && detail::attach_ok(info->attach, w[i - 1])) {
      // Evidence for a shorter left part: 대통령이|라고 is 대통령|이라고, 사람들|이 is
      // 사람|들이, 등으|로 is 등|으로.
      for (std::size_t j = (i > 3 ? i - 3 : 1); j < i; ++j) {
        const detail::SuffixInfo* longer = rules.find_suffix(w.data() + j, w.size() - j);
        if (longer && detail::attach_ok(longer->attach, w[j - 1])) return;
      }
      st.positive += f;
      st.rights[r] += f;
    } else if (is_verb_ending(r)) {
      st.negative += f;
    }
  };
  // Interruption points every kInterruptStride eojeols in the serial loops below (nothing
  // is committed until learn_nouns returns, so stopping anywhere is safe).
  constexpr std::size_t kInterruptStride = 4096;
  std::size_t seen = 0;
  for (const auto& [w, f] : eojeols) {
    if (++seen % kInterruptStride == 0) check_interrupt();
    first_syllable[w[0]] += f;
    const std::size_t m = std::min<std::size_t>(w.size(), static_cast<std::size_t>(options.max_length));
    for (std::size_t i = 1; i <= m; ++i) {
      LeftStats& st = lefts[w.substr(0, i)];
      st.count += f;
      classify(w, i, f, st);
    }
  }

  // Left parts that cannot be nouns: one syllable (the built-in list covers those),
  // particles and function words themselves, and anything holding a past-tense / 없
  // syllable or ending in 다 (있다, 했다).
  auto excluded = [&](const std::u32string& l) {
    if (l.size() < 2) return true;
    if (rules.find_suffix(l.data(), l.size())) return true;
    if (rules.has(detail::kFunctionWord, l.data(), l.size())) return true;
    if (rules.has(detail::kQuoteEnding, l.data(), l.size())) return true;
    if (l.back() == U'\uB2E4') return true;
    for (char32_t c : l) {
      int j = detail::jongseong(c);
      if (j == 20 || c == U'\uC5C6' /*없*/) return true;
    }
    return false;
  };
  auto passes = [&](const std::u32string& l, const LeftStats& st, double score) {
    if (excluded(l)) return false;
    const std::size_t need_types = l.size() == 1 ? 3 : 2;
    return st.count >= options.min_count && st.positive >= options.min_particle_count &&
           st.rights.size() >= need_types && score >= options.min_score;
  };
  auto score_of = [&](const std::u32string& l, const LeftStats& st) {
    double s = static_cast<double>(st.positive) / static_cast<double>(st.positive + st.negative + 1);
    const double need_types = l.size() == 1 ? 3.0 : 2.0;
    s *= std::min(1.0, static_cast<double>(st.rights.size()) / need_types);
    return s;
  };

  // 3. preliminary nouns; then remove evidence belonging to a longer noun (경기|도 in 경기도).
  std::unordered_set<std::u32string> preliminary;
  for (const auto& [l, st] : lefts) {
    if (passes(l, st, score_of(l, st))) preliminary.insert(l);
  }
  for (const auto& [w, f] : eojeols) {
    if (++seen % kInterruptStride == 0) check_interrupt();
    const std::size_t m = std::min<std::size_t>(w.size(), static_cast<std::size_t>(options.max_length));
    // longest preliminary noun prefix of w
    std::size_t longest = 0;
    for (std::size_t j = m; j >= 1; --j) {
      if (preliminary.count(w.substr(0, j))) { longest = j; break; }
    }
    if (longest == 0) continue;
    for (std::size_t i = 1; i < longest; ++i) {
      auto it = lefts.find(w.substr(0, i));
      if (it == lefts.end()) continue;
      LeftStats& st = it->second;
      std::u32string r = w.substr(i);
      auto rt = st.rights.find(r);
      if (rt != st.rights.end()) {
        st.positive -= f;
        rt->second -= f;
        if (rt->second <= 0) st.rights.erase(rt);
      }
    }
  }

  // 4. output.
  std::vector<NounCandidate> out;
  for (const auto& [l, st] : lefts) {
    if (st.count < options.min_count) continue;
    if (st.positive < options.min_particle_count && st.negative < options.min_count) continue;
    NounCandidate c;
    c.word = utf8::encode(l);
    c.count = st.count;
    c.positive = st.positive;
    c.negative = st.negative;
    c.score = score_of(l, st);
    double total = static_cast<double>(st.bare);
    for (const auto& [r, k] : st.rights) total += static_cast<double>(k);
    double h = 0;
    if (total > 0) {
      auto add = [&](double k) { if (k > 0) { double p = k / total; h -= p * std::log(p); } };
      add(static_cast<double>(st.bare));
      for (const auto& [r, k] : st.rights) add(static_cast<double>(k));
    }
    c.entropy = h;
    if (l.size() >= 2) {
      double base = static_cast<double>(first_syllable[l[0]]);
      double ratio = base > 0 ? static_cast<double>(st.count) / base : 0.0;
      c.cohesion = std::pow(std::min(1.0, ratio), 1.0 / static_cast<double>(l.size() - 1));
    } else {
      c.cohesion = 1.0;
    }
    c.noun = passes(l, st, c.score);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(),
            [](const NounCandidate& a, const NounCandidate& b) { return a.word < b.word; });
  return out;
}

}  // namespace kotext
