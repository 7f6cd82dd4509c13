# Shows: a FIXED same-size move whose range runs past the VMA into a hole only moves the VMA
# part (the trailing hole is fine), and only that part of the destination is unmapped.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mmap(0x100000100000, 32K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
b = mremap(a, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, d)
maps()
