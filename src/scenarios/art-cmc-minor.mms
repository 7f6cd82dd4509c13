# Android ART's concurrent mark-compact GC, minor-fault mode, one cycle.
# The heap is a memfd; the GC writes compacted pages through a second
# ("shadow") mapping of the to-space file and maps them into the heap with
# UFFDIO_CONTINUE. Tags as in art-cmc-copy: A and B live, x garbage.

uffd = userfaultfd(O_CLOEXEC)
ioctl(uffd, UFFDIO_API, UFFD_FEATURE_MISSING_SHMEM|UFFD_FEATURE_MINOR_SHMEM)
a = memfd_create("heap-a", MFD_CLOEXEC)
ftruncate(a, 32K)
b = memfd_create("heap-b", MFD_CLOEXEC)
ftruncate(b, 32K)
heap = mmap(top - 1T, 32K, PROT_READ|PROT_WRITE, MAP_SHARED, a, 0)
from = mmap(top - 1T + 1G, 32K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
shadow = mmap(top - 1T + 2G, 32K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)

store(heap, 8K, 'A')
store(heap + 8K, 8K, 'x')
store(heap + 16K, 8K, 'B')

# The compaction pause.
mremap(heap, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, from)
mmap(heap, 32K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, b, 0)
mmap(shadow, 32K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, b, 0)
ioctl(uffd, UFFDIO_REGISTER, heap, 16K, UFFDIO_REGISTER_MODE_MISSING|UFFDIO_REGISTER_MODE_MINOR)
maps()

# Concurrent compaction, top down: the GC fills the to-space file through
# the shadow mapping, then maps finished pages into the heap in batches.
@gc store(shadow + 12K, 4K, 'B')
@m1 load(heap + 12K, 4K)
read(uffd)
@gc store(shadow + 8K, 4K, 'B')
ioctl(uffd, UFFDIO_CONTINUE, heap + 8K, 8K, 0)
wait(m1)
@m2 load(heap + 4K, 4K)
read(uffd)
@gc store(shadow, 8K, 'A')
ioctl(uffd, UFFDIO_CONTINUE, heap, 8K, 0)
wait(m2)
pagemap(heap, 32K, shadow, 32K)

# Compaction done: unregister, then drop the from-space's file pages.
ioctl(uffd, UFFDIO_UNREGISTER, heap, 16K)
mprotect(from, 32K, PROT_NONE)
fallocate(a, FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE, 0, 32K)
load(heap, 32K)
pagemap(heap, 32K, shadow, 32K, from, 32K)
maps()
