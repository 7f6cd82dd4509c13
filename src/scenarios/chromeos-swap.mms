# Swapping an anonymous region out and back in from user space, as Chrome OS
# planned with MREMAP_DONTUNMAP: no need to stop the process while its pages
# are written out, and a later touch is served by the swapper.

uffd = userfaultfd(O_CLOEXEC)
ioctl(uffd, UFFDIO_API, UFFD_FEATURE_THREAD_ID)
region = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(region, 8K, 'D')
store(region + 8K, 8K, 'E')
ioctl(uffd, UFFDIO_REGISTER, region, 16K, UFFDIO_REGISTER_MODE_MISSING)

# Swap out: take the pages away in one call, write them out, free them.
staging = mremap(region, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, top - 1T + 1G)
maps()
pagemap(region, 16K, staging, 16K)
@swapper load(staging, 16K)
munmap(staging, 16K)

# Swap in on demand: the application touches a page, the swapper reads it
# back into a buffer and hands it over with COPY ...
@app load(region + 8K, 4K)
read(uffd)
buf = mmap(top - 1T + 2G, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(buf, 4K, 'E')
ioctl(uffd, UFFDIO_COPY, region + 8K, buf, 4K, 0)
wait(app)

# ... or with MOVE (Linux 6.8+), which hands over the buffer's page itself.
@app store(region, 4K, 'X')
read(uffd)
store(buf + 4K, 4K, 'D')
ioctl(uffd, UFFDIO_MOVE, region, buf + 4K, 4K, 0)
wait(app)
load(region, 4K)
pagemap(buf, 8K, region, 16K)
