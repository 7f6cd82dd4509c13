# Shows: growing a VM_LOCKED VMA populates the new part (mm_populate after the lock is dropped):
# writable private memory gets real pages; read-only gets the zero page.
# kernel-notes "In-place growth": not present unless VM_LOCKED without ONFAULT.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
b = mremap(a, 8K, 24K, 0)
maps()
pagemap(a, 24K)
c = mmap(0x100000100000, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
d = mremap(c, 8K, 16K, 0)
pagemap(c, 16K)
