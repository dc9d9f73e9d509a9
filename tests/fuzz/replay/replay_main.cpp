// Replays saved inputs through a fuzz target without libFuzzer: `fuzz_x FILE...` calls
// LLVMFuzzerTestOneInput once per file, as a libFuzzer binary does when given files.
// Built with -DKOTEXT_FUZZ_REPLAY=ON in the GCC ASan + UBSan build (make fuzz-replay), so
// that replaying the corpus needs neither clang nor a separate instrumented build of the core.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "replay: cannot read %s\n", argv[i]);
      return 2;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A copy of exactly `size` bytes, so that ASan reports any read past the input's end.
    std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
  }
  std::fprintf(stderr, "replay: %d inputs, no failure\n", argc - 1);
  return 0;
}
