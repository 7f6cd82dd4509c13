# Heap compaction with UFFDIO_MOVE (Linux 6.8+): the GC moves pages into
# place instead of copying them. Zero-copy: each page keeps its physical
# frame (PFN); only the page-table entry changes. Tags: A, B live, x garbage.

uffd = userfaultfd(O_CLOEXEC)
ioctl(uffd, UFFDIO_API, UFFD_FEATURE_SIGBUS)
heap = mmap(top - 1T, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
from = mmap(top - 1T + 1G, 32K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
store(heap, 8K, 'A')
store(heap + 8K, 8K, 'x')
store(heap + 16K, 8K, 'B')

# The pause, as in copy mode.
mremap(heap, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, from)
ioctl(uffd, UFFDIO_REGISTER, heap, 32K, UFFDIO_REGISTER_MODE_MISSING)
pagemap(from, 32K, heap, 32K)

# Compaction by moving: B slides down two pages, A stays where it was.
ioctl(uffd, UFFDIO_MOVE, heap + 8K, from + 16K, 8K, 0)
pagemap(from, 32K, heap, 32K)
@mutator load(heap, 4K)
ioctl(uffd, UFFDIO_MOVE, heap, from, 8K, 0)
@mutator load(heap, 8K)

# MOVE needs something to move.
ioctl(uffd, UFFDIO_MOVE, heap + 16K, from + 24K, 8K, 0)
ioctl(uffd, UFFDIO_MOVE, heap + 16K, from + 24K, 8K, UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES)
ioctl(uffd, UFFDIO_MOVE, heap + 8K, from + 8K, 4K, 0)

# Done: only the garbage is left in the from-space.
ioctl(uffd, UFFDIO_UNREGISTER, heap, 32K)
pagemap(from, 32K, heap, 32K)
madvise(from, 32K, MADV_DONTNEED)
load(heap, 32K)
