// tuneAllocatorForTensors (what peftdesk and peftdesk-cli call first in main): before it, glibc
// maps a tensor-sized block with mmap and unmaps it when freed; after it, the block comes from the
// heap and stays there for the next step once freed, until releaseFreedMemory gives it back.
#include <QtTest>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "peftdesk/allocator_tuning.h"

class TestAllocatorTuning : public QObject {
  Q_OBJECT

  static constexpr size_t kBlock = size_t{200} << 20;  // an activation of a mid-size model

 private slots:
  void untunedBlocksAreMapped() {
#if defined(__GLIBC__)
    const size_t before = mallinfo2().hblkhd;
    void* p = std::malloc(kBlock);
    QVERIFY(p);
    QVERIFY(mallinfo2().hblkhd >= before + kBlock);  // glibc's default: mmap
    std::free(p);
    QCOMPARE(mallinfo2().hblkhd, before);  // and unmapped again on free
#else
    QSKIP("machine: not glibc");
#endif
  }

  void tunedBlocksStayInTheHeap() {
#if defined(__GLIBC__)
    peftdesk::tuneAllocatorForTensors();
    const size_t mappedBefore = mallinfo2().hblkhd;
    void* p = std::malloc(kBlock);
    QVERIFY(p);
    std::memset(p, 1, kBlock);
    QCOMPARE(mallinfo2().hblkhd, mappedBefore);  // from the heap, not a fresh mapping
    std::free(p);
    QVERIFY2(mallinfo2().fordblks >= kBlock, "the freed block is kept for reuse, not given back");
    void* again = std::malloc(kBlock);
    QVERIFY(again);
    QVERIFY(mallinfo2().fordblks < kBlock);  // reused
    std::free(again);
    // When a job ends, the long-lived GUI gives it back.
    peftdesk::releaseFreedMemory();
    QVERIFY(mallinfo2().fordblks < kBlock);
#else
    QSKIP("machine: not glibc");
#endif
  }
};

QTEST_MAIN(TestAllocatorTuning)
#include "test_allocator_tuning.moc"
