# A hint that overlaps a mapping is ignored: the kernel searches top-down below top instead (kernel-notes Placement)
a = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(a + 8K, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
