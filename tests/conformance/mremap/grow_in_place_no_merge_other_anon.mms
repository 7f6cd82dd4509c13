# Shows: growing up to a next VMA that is a separately faulted anonymous mapping (another
# anon_vma) does not merge; growing up to an unfaulted one (no anon_vma) does.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 16K, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
store(b, 8K, 'B')
r = mremap(a, 8K, 16K, 0)
maps()
c = mmap(0x100000100000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
e = mmap(c + 16K, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(c, 8K, 'C')
s = mremap(c, 8K, 16K, 0)
maps()
