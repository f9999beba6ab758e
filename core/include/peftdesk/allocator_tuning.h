// How the process's C allocator treats tensor-sized blocks. glibc serves blocks above a dynamic
// threshold (at most 32 MiB) with mmap and unmaps them when freed, and gives the top of the heap
// back to the system beyond 128 KiB: every forward pass then maps, page-faults and zeroes its
// activations afresh (measured on a 57M Llama evaluation: 6.8 s of 28 s in the kernel, 0.6 s
// after this). Raising both thresholds to 1 GiB keeps freed blocks for the next step; peak RSS
// stays where it was (what one step frees is what the next one needs). Call once, first thing in
// main(), before any tensor exists. A no-op off glibc. A long-lived process (the GUI) calls
// releaseFreedMemory() when a big job ends, so the memory a finished run held goes back.
#pragma once

namespace peftdesk {

void tuneAllocatorForTensors();
void releaseFreedMemory();

}  // namespace peftdesk
