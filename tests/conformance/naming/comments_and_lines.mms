# Comments and blank lines print nothing, line numbers count every line, and the echoed text is trimmed with its comment removed (mms.md section 5)

   a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)   # trailing comment
# a comment line

	pagemap(a, 4K)	# tab-indented
maps()#no space before the comment
