# Mapping a userfaultfd, whose file has no mmap operation, is ENODEV (mm/mmap.c do_mmap: !file->f_op->mmap)
u = userfaultfd(O_CLOEXEC)
a = mmap(NULL, 4K, PROT_READ, MAP_SHARED, u, 0)
b = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE, u, 0)
