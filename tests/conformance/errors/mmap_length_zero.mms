# mmap with length 0 is EINVAL, whatever the other arguments (mm/mmap.c do_mmap: if (!len) return -EINVAL)
a = mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(top - 1T, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
maps()
