// See optim_reference.h. Compiled without FMA contraction (train/sources.cmake) so every fp32
// operation of optim_codec.h is rounded on its own, as in the CUDA kernel.
#include "peftdesk/optim_reference.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace peftdesk::optim {

using codec::kOptimBlock;

void adam8bitBlocks(void* p, const void* g, int dtype, uint8_t* st1, uint8_t* st2, float* am1, float* am2, const float* map1,
                    const float* map2, const codec::AdamScalars& s, int64_t n, int64_t blockBegin, int64_t blockEnd) {
  float mid1[255], mid2[255];
  codec::pdMidpoints(map1, mid1);
  codec::pdMidpoints(map2, mid2);
  float m[kOptimBlock], v[kOptimBlock];
  bool finite[kOptimBlock];
  for (int64_t b = blockBegin; b < blockEnd; ++b) {
    const int64_t start = b * kOptimBlock;
    const int valid = static_cast<int>(std::min<int64_t>(kOptimBlock, n - start));
    // Every lane of the block, padding included (gradient 0, codes 128 / 0), enters the absmax.
    float a1 = -FLT_MAX, a2 = -FLT_MAX;
    for (int j = 0; j < kOptimBlock; ++j) {
      const bool lane = j < valid;
      const float gj = lane ? codec::pdLoadParam(g, start + j, dtype) : 0.0f;
      const uint8_t c1 = lane ? st1[start + j] : codec::kOptimPadCode1;
      const uint8_t c2 = lane ? st2[start + j] : codec::kOptimPadCode2;
      codec::pdAdam8bitMoments(gj, c1, c2, am1[b], am2[b], map1, map2, s, &m[j], &v[j], &finite[j]);
      a1 = std::fmax(a1, std::fabs(m[j]));
      a2 = std::fmax(a2, std::fabs(v[j]));
    }
    am1[b] = a1;
    am2[b] = a2;
    for (int j = 0; j < valid; ++j) {
      if (finite[j]) {  // a non-finite gradient leaves the parameter alone (not even decayed)
        const float p0 = codec::pdLoadParam(p, start + j, dtype);
        float x = codec::pdRoundParam(codec::pdAdamUpdate(p0, m[j], v[j], s.stepSize, s.c2eps), dtype);
        if (s.hasDecay) x = x * s.decay;
        codec::pdStoreParam(p, start + j, dtype, x);
      }
      const float x1 = m[j] / a1;
      st1[start + j] = codec::pdSignFix(codec::pdOptimCode(x1, mid1), m[j], map1);
      const float x2 = v[j] / a2;
      st2[start + j] = codec::pdOptimCode(x2, mid2);
    }
  }
}

void adam32bitRange(void* p, const void* g, int dtype, float* m, float* v, const codec::AdamScalars& s, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) {
    const float gi = codec::pdLoadParam(g, i, dtype);
    float x = codec::pdRoundParam(codec::pdAdam32bitLane(codec::pdLoadParam(p, i, dtype), gi, &m[i], &v[i], s), dtype);
    if (s.hasDecay) x = x * s.decay;
    codec::pdStoreParam(p, i, dtype, x);
  }
}

}  // namespace peftdesk::optim
