# A race in the compaction pause, and its fix. Some threads keep running
# while the GC pauses the Java threads (native code, in ART's case code that
# reads GC-managed native memory). If such a thread touches the heap between
# the mremap and the userfaultfd registration, it does not fault to the GC.

uffd = userfaultfd(O_CLOEXEC)
ioctl(uffd, UFFDIO_API, UFFD_FEATURE_SIGBUS)

# The bug: mremap first, register second.
heap = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
from = mmap(top - 1T + 1G, 16K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
store(heap, 16K, 'O')
mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, from)
@native load(heap, 4K)
ioctl(uffd, UFFDIO_REGISTER, heap, 16K, UFFDIO_REGISTER_MODE_MISSING)
ioctl(uffd, UFFDIO_COPY, heap, from, 16K, 0)
ioctl(uffd, UFFDIO_COPY, heap + 4K, from + 4K, 12K, 0)
load(heap, 16K)
pagemap(heap, 16K)

# The fix: register first; MREMAP_DONTUNMAP keeps the registration.
heap2 = mmap(top - 1T + 2G, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
from2 = mmap(top - 1T + 3G, 16K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
store(heap2, 16K, 'O')
ioctl(uffd, UFFDIO_REGISTER, heap2, 16K, UFFDIO_REGISTER_MODE_MISSING)
mremap(heap2, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, from2)
maps()
@native load(heap2, 4K)
ioctl(uffd, UFFDIO_COPY, heap2, from2, 16K, 0)
@native load(heap2, 4K)
load(heap2, 16K)
pagemap(heap2, 16K)
