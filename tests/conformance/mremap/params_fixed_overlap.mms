# Shows: FIXED with overlapping old and new ranges -> EINVAL (either direction); touching
# ranges do not overlap and the move succeeds. kernel-notes check 6; vrm_overlaps().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 4K)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, a - 4K)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, a)
mremap(a, 8K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 4K)
mremap(a, 16K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 12K)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 16K)
maps()
load(b, 16K)
