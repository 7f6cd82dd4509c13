# Shows: the 6.17 multi-VMA move (selftest mremap_move_multiple_vmas): FIXED with
# old_len == new_len spans six VMAs and the holes between them, which are kept.
# kernel-notes "Multi-VMA move"; remap_move().
a = mmap(0x100000000000, 44K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 4K, 4K)
munmap(a + 12K, 4K)
munmap(a + 28K, 4K)
munmap(a + 36K, 4K)
store(a, 44K, 'A')
b = mremap(a, 44K, 44K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
c = mremap(b, 44K, 44K, MREMAP_MAYMOVE|MREMAP_FIXED, b + 44K)
maps()
load(c, 44K)
