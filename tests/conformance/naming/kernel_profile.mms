kernel 6.18
# A script may start with a kernel profile statement naming the host kernel (mms.md section 2)
a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
