# Shows: only FIXED with old_len == new_len takes the multi-VMA path: DONTUNMAP with a hint,
# or a FIXED resize, over two VMAs -> EFAULT (range past vm_end). kernel-notes check 7.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 8K, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100000)
mremap(a, 16K, 20K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
c = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
