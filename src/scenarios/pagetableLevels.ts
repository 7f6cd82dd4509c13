/// <reference types="vite/client" />
/**
 * pagetable-levels: one populated 1 GiB region moved at PUD, PMD and PTE alignment, with the
 * entry counts and the kernel's times measured on this kind of machine (kernel-notes).
 */
import source from './pagetable-levels.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const pagetableLevels: Scenario = {
  id: 'pagetable-levels',
  file: 'pagetable-levels.mms',
  title: 'Moving 1 GiB at PUD, PMD and PTE level',
  summary:
    'The same fully populated 1 GiB region moved three times: one PUD entry (13.6 µs), 512 PMD entries (220 µs), 262,144 PTEs (3.5 ms). Alignment decides which level move_page_tables() can move.',
  tags: [
    'mremap',
    'MREMAP_FIXED',
    'move_page_tables',
    'PUD',
    'PMD',
    'PTE',
    'page tables',
    'alignment',
    'performance',
    'pgtables',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'x86-64 translates an address through four levels of page tables: PGD → PUD → PMD → PTE. A PTE maps 4 KiB; a PMD entry points to a whole PTE table (512 PTEs, 2 MiB); a PUD entry points to a whole PMD table (1 GiB). mremap moves memory by moving these entries, and the higher the level it can move at, the fewer entries it touches. Watch the Page tables pane and the entry counts.',
      [R.movePageTables, R.mremapC],
    ),
    step(
      6,
      'gig = mmap(',
      'A 1 GiB private anonymous region at top - 1T, which is 1 GiB-aligned: it is exactly one PUD entry’s reach.',
      [R.mmap],
    ),
    step(
      7,
      'store(gig, 1G',
      'Touch every page: 262,144 page faults, 262,144 frames, 512 PTE tables (one per 2 MiB), one PMD table, one PUD table. The oracle really does this on the kernel; it takes a moment here too.',
      [R.doAnonymousPage],
    ),
    step(
      8,
      'pgtables()',
      'Page-table memory (VmPTE in /proc/self/status) grew by 2056 KiB: 512 PTE tables (2 MiB) + 1 PMD table + 1 PUD table, 4 KiB each.',
      [R.memoryC],
    ),
    step(
      10,
      'pud = mremap(',
      'Move to top - 1T + 2G, also 1 GiB-aligned. move_page_tables() works in chunks up to the next 1 GiB boundary; this chunk is a whole 1 GiB with both ends aligned and the new PUD slot empty, so move_normal_pud() moves one PUD entry: the whole PMD table, with all 512 PTE tables below it, changes address at once. 1 entry. Measured here: 13.6 µs for 1 GiB (5.11+).',
      [R.movePageTables, R.moveNormalPud, R.mremap],
    ),
    step(
      11,
      'pgtables()',
      'Unchanged: no table was allocated or freed, one 8-byte entry moved within the same PUD table.',
    ),
    step(
      13,
      'pmd = mremap(',
      'Move to an address 2 MiB-aligned but not 1 GiB-aligned (+2M). No whole PMD table can move, but every 2 MiB extent lines up: move_normal_pmd() moves 512 PMD entries, each carrying a full PTE table. Measured here: 220 µs. The 2018 patch that added this (for Android) took a 1 GB mremap from 3.5 ms to 150 µs.',
      [R.moveNormalPmd, R.pmdMoveCommit],
    ),
    step(
      14,
      'pgtables()',
      '+4 KiB: the new range straddles a 1 GiB boundary, so it needs two new PMD tables, and the old PMD table was freed.',
    ),
    step(
      16,
      'pte = mremap(',
      'Move to an address aligned to 4 KiB only (+2M+4K): the 2 MiB extents of source and destination no longer line up, so move_ptes() moves all 262,144 PTEs one by one into newly allocated PTE tables. Measured here: 3,485 µs, 250 times the PUD move, for the same memory.',
      [R.movePtes, R.movePageTables],
    ),
    step(
      17,
      'pgtables()',
      '+4 KiB more: 513 new PTE tables (the range now spans 513 2 MiB slots) replaced the 512 old ones.',
    ),
    step(
      19,
      'load(pte, 8K',
      'After three moves the data is where the region is now. No page was copied: every move kept the frames (PFNs), only entries moved.',
    ),
    step(20, 'load(pte + 1G - 4K', 'The last page too.'),
    step(
      21,
      'maps()',
      'One VMA. This is why ART allocates its heap PMD-aligned (BestPageTableAlignment()) and reserves its from-space with the same alignment: its compaction pause moves the heap with mremap.',
      [R.artKernelPreparation],
    ),
  ],
  variants: [],
};
