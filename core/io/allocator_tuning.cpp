// See allocator_tuning.h.
#include "peftdesk/allocator_tuning.h"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace peftdesk {

void tuneAllocatorForTensors() {
#if defined(__GLIBC__)
  constexpr int kOneGiB = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kOneGiB);  // also turns off the dynamic threshold
  mallopt(M_TRIM_THRESHOLD, kOneGiB);
#endif
}

void releaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace peftdesk
