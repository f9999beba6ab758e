// libFuzzer target: tokenizer.json parsing (and encoding/decoding with whatever parses) must
// fail only with peftdesk::Error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto tok = peftdesk::Tokenizer::fromTokenizerJsonText(std::string_view(reinterpret_cast<const char*>(data), size),
                                                          "fuzz/tokenizer.json");
    const auto ids = tok->encode("Hello wörld  12345 \xe4\xbd\xa0\xe5\xa5\xbd <s>\n\t", true);
    tok->decode(ids, false);
    tok->decode(ids, true);
  } catch (const peftdesk::Error&) {
  }
  return 0;
}
