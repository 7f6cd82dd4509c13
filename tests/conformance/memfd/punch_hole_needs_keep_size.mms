# PUNCH_HOLE without KEEP_SIZE is EOPNOTSUPP (fs/open.c vfs_fallocate)
fd = memfd_create("m", 0)
ftruncate(fd, 8K)
fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4K)
