// LoKr's shape rule, exposed for its test against PEFT's table.
#pragma once

#include <cstdint>
#include <utility>

namespace peftdesk {

// PEFT's lokr.factorization: (m, n) with m·n = dimension and m ≤ n; factor > 0 dividing the
// dimension gives (factor, dimension / factor) unsorted; -1 looks for the pair nearest the root.
std::pair<int64_t, int64_t> lokrFactorization(int64_t dimension, int64_t factor);

}  // namespace peftdesk
