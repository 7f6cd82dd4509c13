# Android ART's concurrent mark-compact GC (CMC), copy mode, one cycle.
# The Java heap ("moving space") is 8 pages. Each page holds objects tagged
# by one letter: A and B are live, x is garbage, the rest is free space.

uffd = userfaultfd(O_CLOEXEC)
ioctl(uffd, UFFDIO_API, UFFD_FEATURE_SIGBUS)
heap = mmap(top - 1T, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
from = mmap(top - 1T + 1G, 32K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)

# Mutators allocate: live objects, garbage, more live objects.
store(heap, 8K, 'A')
store(heap + 8K, 8K, 'x')
store(heap + 16K, 8K, 'B')
pagemap(heap, 32K)

# The compaction pause: every page moves to the from-space; the heap stays
# mapped, empty, and is registered for missing-page faults.
mremap(heap, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, from)
ioctl(uffd, UFFDIO_REGISTER, heap, 32K, UFFDIO_REGISTER_MODE_MISSING)
maps()
pagemap(heap, 32K, from, 32K)

# Mutators run again while the GC thread compacts from the top down:
# live objects slide towards the bottom of the heap (A A B B . . . .).
ioctl(uffd, UFFDIO_COPY, heap + 12K, from + 20K, 4K, 0)
@mutator load(heap + 4K, 4K)
ioctl(uffd, UFFDIO_COPY, heap + 4K, from + 4K, 4K, 0)
@mutator load(heap + 4K, 4K)
ioctl(uffd, UFFDIO_COPY, heap + 8K, from + 16K, 4K, 0)
ioctl(uffd, UFFDIO_COPY, heap + 4K, from + 4K, 4K, 0)
ioctl(uffd, UFFDIO_COPY, heap, from, 4K, 0)
@mutator load(heap + 20K, 4K)
ioctl(uffd, UFFDIO_ZEROPAGE, heap + 20K, 4K, 0)
@mutator load(heap + 20K, 4K)
pagemap(heap, 32K, from, 32K)

# Compaction done: stop catching faults, give the from-space back.
ioctl(uffd, UFFDIO_UNREGISTER, heap, 32K)
madvise(from, 32K, MADV_DONTNEED)
load(heap, 32K)
pagemap(heap, 32K, from, 32K)
maps()
