/*
 * mmsexec: the mmscope kernel oracle.
 *
 * Reads a lowered .mms program (src/oracle/wire.ts writes it) on stdin, runs it on the real
 * kernel with raw system calls and writes one JSON line of raw facts per op on stdout
 * (src/oracle/decode.ts turns them into the Facts of src/script/facts.ts). The contract is
 * /work/shared/spec/mms.md; the rules that make a kernel run reproducible live here:
 *
 *  - `top` (mms.md section 4): before the script runs, every thread this process will ever
 *    have is created (thread stacks are static arrays, so they are not mmap'd), every hole
 *    between the runtime's own mappings in the mmap area is filled with a PROT_NONE
 *    reservation, and [1 GiB boundary below the lowest mapping, lowest mapping) is reserved
 *    too. get_unmapped_area() searches top-down from mm->mmap_base for the highest gap that
 *    fits (mm/vma.c unmapped_area_topdown), so every kernel-chosen address then lies just
 *    below `top`, at the same offset on every run regardless of ASLR.
 *  - After set-up this process allocates no memory: no malloc, no stdio, static buffers only
 *    (pre-touched, so the runtime adds no page tables that pgtables() would see).
 *  - The runtime's fds are moved to >= 500 so the script's first fd is 3, as in the simulator.
 *  - Settle rule (mms.md section 3): after every statement every busy script thread runs until
 *    it finishes its access or sleeps in handle_userfault() (seen in /proc/self/task/TID/wchan).
 *  - A monitor thread reads every initialised userfaultfd at once and queues its messages, so a
 *    non-cooperative event (REMAP/REMOVE/UNMAP) never blocks the acting call
 *    (fs/userfaultfd.c userfaultfd_event_wait_completion waits until the event is read).
 *  - A call of the script that faults on a registered range inside the kernel (mlock or
 *    MADV_POPULATE_* populating it, UFFDIO_COPY reading a registered source with no page) puts
 *    the script itself to sleep in handle_userfault(), where nothing can ever wake it: only the
 *    script resolves faults. The monitor sees it (driver's wchan) and ends the run with the
 *    error fact {"k":"error","error":"driverblocked"} for that statement, then {"end":true};
 *    the transcript prints `N: ... -> error: <driverBlockedMessage()>` (src/oracle/decode.ts),
 *    which the simulator prints too. (A uffd with UFFD_USER_MODE_ONLY or UFFD_FEATURE_SIGBUS
 *    never gets there: the kernel's fault fails and the call returns its error.)
 *  - Timing (opt-in, MMSEXEC_TIMING=1 in the environment): every op's line gets "ns":<n>, the
 *    CLOCK_MONOTONIC nanoseconds around the system call (calls), around the whole settled
 *    access (accesses, wait) or around the observation (maps, pagemap, pgtables). Without the
 *    variable the output is byte for byte what it was.
 *
 * Wire format (one record per line, numbers in hex without 0x, slots in decimal):
 *   mms 1 / slots N / threads N / ops N
 *   C line call bind nargs (slot k)* str     str = "-" (none) or "x" + hex bytes
 *   A line L|S thread slot k slot k tag
 *   W line thread / M line / T line / P line n (slot k slot k)*
 *   end
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

typedef uint64_t u64;
typedef int64_t s64;

#define PAGE 4096ULL
#define GIB (1ULL << 30)

/* ---- userfaultfd UAPI (include/uapi/linux/userfaultfd.h of 6.18; the host's headers are
 * older and lack MOVE and POISON). ---- */
#define UFFD_API 0xAAULL
#define R_API 0xc018aa3fUL
#define R_REGISTER 0xc020aa00UL
#define R_UNREGISTER 0x8010aa01UL
#define R_WAKE 0x8010aa02UL
#define R_COPY 0xc028aa03UL
#define R_ZEROPAGE 0xc020aa04UL
#define R_MOVE 0xc028aa05UL
#define R_WRITEPROTECT 0xc018aa06UL
#define R_CONTINUE 0xc020aa07UL
#define R_POISON 0xc020aa08UL

#define UFFD_EVENT_PAGEFAULT 0x12
#define UFFD_EVENT_FORK 0x13
#define UFFD_EVENT_REMAP 0x14
#define UFFD_EVENT_REMOVE 0x15
#define UFFD_EVENT_UNMAP 0x16

struct uffd_msg {
  uint8_t event;
  uint8_t reserved1;
  uint16_t reserved2;
  uint32_t reserved3;
  union {
    struct {
      u64 flags;
      u64 address;
      union {
        uint32_t ptid;
      } feat;
    } pagefault;
    struct {
      uint32_t ufd;
    } fork;
    struct {
      u64 from;
      u64 to;
      u64 len;
    } remap;
    struct {
      u64 start;
      u64 end;
    } remove;
    struct {
      u64 reserved1, reserved2, reserved3;
    } reserved;
  } arg;
} __attribute__((packed));

/* ---- limits (static memory only) ---- */
#define MAX_INPUT (64u << 20)
#define MAX_OPS (1 << 20) /* the ART benchmark script has ~400k statements */
#define MAX_ARGS (1 << 23)
#define MAX_STR (1u << 20)
#define MAX_SLOTS 100000
#define MAX_WORKERS 32
#define STACK_SIZE (256u << 10)
#define MAX_RUNS 32768
#define MAX_UFFDS 64
#define QCAP 4096
#define FD_BASE 500

static void die(const char *why);

/* ---- output: a static buffer written with write(2) to a private dup of stdout ---- */
static int out_fd = 1, err_fd = 2;
static char outbuf[1u << 20];
static size_t outlen;

static void out_flush(void) {
  size_t off = 0;
  while (off < outlen) {
    ssize_t n = write(out_fd, outbuf + off, outlen - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      _exit(4);
    }
    off += (size_t)n;
  }
  outlen = 0;
}
static void out_mem(const char *s, size_t n) {
  if (outlen + n > sizeof outbuf) out_flush();
  memcpy(outbuf + outlen, s, n);
  outlen += n;
}
static void out_s(const char *s) { out_mem(s, strlen(s)); }
static void out_hex(u64 v) {
  char b[24];
  int i = 23;
  b[i] = 0;
  do {
    b[--i] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  out_s("\"0x");
  out_s(b + i);
  out_s("\"");
}
/* A signed 64-bit value as "0x..." or "-0x..." (ioctl out fields hold -errno on failure). */
static void out_shex(s64 v) {
  if (v < 0) {
    char b[24];
    u64 m = (u64)0 - (u64)v;
    int i = 23;
    b[i] = 0;
    do {
      b[--i] = "0123456789abcdef"[m & 15];
      m >>= 4;
    } while (m);
    out_s("\"-0x");
    out_s(b + i);
    out_s("\"");
  } else
    out_hex((u64)v);
}
static void out_dec(s64 v) {
  char b[24];
  int i = 23, neg = v < 0;
  u64 m = neg ? (u64)0 - (u64)v : (u64)v;
  b[i] = 0;
  do {
    b[--i] = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  if (neg) b[--i] = '-';
  out_s(b + i);
}
/* Bytes as a JSON string of hex digits: paths and names need no JSON escaping then. */
static void out_hexbytes(const char *s, size_t n) {
  out_s("\"");
  for (size_t i = 0; i < n; i++) {
    char b[2] = {"0123456789abcdef"[(uint8_t)s[i] >> 4], "0123456789abcdef"[(uint8_t)s[i] & 15]};
    out_mem(b, 2);
  }
  out_s("\"");
}
/* ---- opt-in timing (MMSEXEC_TIMING=1): "ns" on every op's line ---- */
static int timing;
static u64 op_ns;
static u64 now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (u64)t.tv_sec * 1000000000ULL + (u64)t.tv_nsec;
}
/* The op's line is one JSON object ending in '}': reopen it for the "ns" member. */
static void out_ns(void) {
  if (!timing || !outlen || outbuf[outlen - 1] != '}') return;
  outlen--;
  out_s(",\"ns\":");
  out_dec((s64)op_ns);
  out_s("}");
}

static void err_s(const char *s) {
  ssize_t r = write(err_fd, s, strlen(s));
  (void)r;
}
/* Drop a half-written line, so the fatal record is a line of its own. */
static void out_cut_partial(void) {
  while (outlen && outbuf[outlen - 1] != '\n') outlen--;
}
static void die(const char *why) {
  out_cut_partial();
  out_s("{\"fatal\":\"");
  out_s(why);
  out_s("\",\"errno\":");
  out_dec(errno);
  out_s("}\n");
  out_flush();
  err_s("mmsexec: ");
  err_s(why);
  err_s("\n");
  _exit(3);
}

/* ---- the program ---- */
enum { K_CALL, K_ACCESS, K_WAIT, K_MAPS, K_PAGEMAP, K_PGTABLES };
enum {
  C_MMAP,
  C_MUNMAP,
  C_MPROTECT,
  C_MADVISE,
  C_MREMAP,
  C_MLOCK,
  C_MLOCK2,
  C_MUNLOCK,
  C_MEMFD_CREATE,
  C_USERFAULTFD,
  C_FTRUNCATE,
  C_FALLOCATE,
  C_CLOSE,
  C_IOCTL,
  C_READ,
  C_COUNT
};
static const char *const call_names[C_COUNT] = {
    "mmap",         "munmap",      "mprotect",  "madvise",   "mremap",
    "mlock",        "mlock2",      "munlock",   "memfd_create", "userfaultfd",
    "ftruncate",    "fallocate",   "close",     "ioctl",     "read"};

struct op {
  int kind, call, bind, nargs, thread, store;
  uint8_t tag;
  unsigned argoff; /* into args[]: nargs args; a pagemap has 2 per range */
  int stroff;      /* into strpool, -1 for none */
  int strlen_;
};
struct arg {
  int slot;
  u64 k;
};

static char input[MAX_INPUT];
static struct op ops[MAX_OPS];
static struct arg args[MAX_ARGS];
static char strpool[MAX_STR];
static unsigned nops, nargs_used, strused;
static int nslots, nthreads;
static u64 slotval[MAX_SLOTS];
static uint8_t slotbound[MAX_SLOTS];

static char *inp;
static char *tok(void) {
  while (*inp == ' ' || *inp == '\n') inp++;
  if (!*inp) die("wire: unexpected end of input");
  char *t = inp;
  while (*inp && *inp != ' ' && *inp != '\n') inp++;
  if (*inp) *inp++ = 0;
  return t;
}
static u64 hexval(const char *t) {
  u64 v = 0;
  if (!*t) die("wire: empty number");
  for (; *t; t++) {
    int c = *t;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) die("wire: bad hex number");
    v = v << 4 | (u64)d;
  }
  return v;
}
static long decval(const char *t) {
  char *end;
  long v = strtol(t, &end, 10);
  if (*end || end == t) die("wire: bad decimal number");
  return v;
}
static void expect(const char *word) {
  if (strcmp(tok(), word)) die("wire: unexpected token");
}
static void read_arg(void) {
  if (nargs_used >= MAX_ARGS) die("wire: too many arguments");
  long s = decval(tok());
  if (s < -1 || s >= nslots) die("wire: slot out of range");
  args[nargs_used].slot = (int)s;
  args[nargs_used].k = hexval(tok());
  nargs_used++;
}

static void parse_program(void) {
  size_t len = 0;
  for (;;) {
    if (len >= sizeof input - 1) die("wire: input too large");
    ssize_t n = read(0, input + len, sizeof input - 1 - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("read stdin");
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  input[len] = 0;
  inp = input;
  expect("mms");
  expect("1");
  expect("slots");
  nslots = (int)decval(tok());
  expect("threads");
  nthreads = (int)decval(tok());
  expect("ops");
  long n = decval(tok());
  if (nslots < 1 || nslots > MAX_SLOTS) die("wire: bad slot count");
  if (nthreads < 1 || nthreads > MAX_WORKERS) die("wire: too many threads");
  if (n < 0 || n > MAX_OPS) die("wire: too many ops");
  for (long i = 0; i < n; i++) {
    struct op *o = &ops[nops++];
    const char *kind = tok();
    decval(tok()); /* the source line: the decoder pairs facts with ops by order */
    o->argoff = nargs_used;
    o->stroff = -1;
    o->bind = -1;
    if (!strcmp(kind, "C")) {
      o->kind = K_CALL;
      const char *name = tok();
      o->call = -1;
      for (int c = 0; c < C_COUNT; c++)
        if (!strcmp(name, call_names[c])) o->call = c;
      if (o->call < 0) die("wire: unknown call");
      o->bind = (int)decval(tok());
      if (o->bind < -1 || o->bind >= nslots) die("wire: bind slot out of range");
      o->nargs = (int)decval(tok());
      if (o->nargs < 0 || o->nargs > 8) die("wire: bad arg count");
      for (int a = 0; a < o->nargs; a++) read_arg();
      const char *s = tok();
      if (s[0] == 'x') {
        size_t h = strlen(s + 1);
        if (h % 2 || strused + h / 2 + 1 > MAX_STR) die("wire: bad string");
        o->stroff = (int)strused;
        for (size_t j = 0; j < h; j += 2) {
          char b[3] = {s[1 + j], s[2 + j], 0};
          strpool[strused++] = (char)hexval(b);
        }
        o->strlen_ = (int)(h / 2);
        strpool[strused++] = 0;
      } else if (strcmp(s, "-"))
        die("wire: bad string");
    } else if (!strcmp(kind, "A")) {
      o->kind = K_ACCESS;
      const char *a = tok();
      o->store = !strcmp(a, "S");
      o->thread = (int)decval(tok());
      if (o->thread < 0 || o->thread >= nthreads) die("wire: bad thread");
      o->nargs = 2;
      read_arg();
      read_arg();
      o->tag = (uint8_t)hexval(tok());
    } else if (!strcmp(kind, "W")) {
      o->kind = K_WAIT;
      o->thread = (int)decval(tok());
      if (o->thread < 0 || o->thread >= nthreads) die("wire: bad thread");
    } else if (!strcmp(kind, "M")) {
      o->kind = K_MAPS;
    } else if (!strcmp(kind, "T")) {
      o->kind = K_PGTABLES;
    } else if (!strcmp(kind, "P")) {
      o->kind = K_PAGEMAP;
      long r = decval(tok());
      if (r < 0 || r > 10000) die("wire: bad range count");
      o->nargs = (int)(2 * r);
      for (long j = 0; j < 2 * r; j++) read_arg();
    } else
      die("wire: unknown op kind");
  }
  expect("end");
}

/* ---- the runtime's files, all at fds >= FD_BASE ---- */
static int fd_pagemap = -1, fd_kpf = -1, fd_smaps = -1, fd_status = -1, fd_maps = -1;
static int ctl_rd = -1, ctl_wr = -1;

static int high_fd(int fd) {
  if (fd < 0) return fd;
  int h = fcntl(fd, F_DUPFD_CLOEXEC, FD_BASE);
  if (h < 0) die("F_DUPFD");
  close(fd);
  return h;
}
static int open_high(const char *path, int must) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (must) die(path);
    return -1;
  }
  return high_fd(fd);
}

/* A line reader over a /proc file, from its start: seq_file regenerates the text when read
 * again from offset 0 (fs/seq_file.c seq_read_iter), so one open fd serves every call. */
static char lrbuf[1u << 16];
static size_t lr_len, lr_pos;
static int lr_fd, lr_eof;
static void lr_open(int fd) {
  if (lseek(fd, 0, SEEK_SET) < 0) die("lseek /proc");
  lr_fd = fd;
  lr_len = lr_pos = 0;
  lr_eof = 0;
}
/* Returns a NUL-terminated line without its newline, or NULL at the end. */
static char *lr_next(void) {
  for (;;) {
    char *nl = memchr(lrbuf + lr_pos, '\n', lr_len - lr_pos);
    if (nl) {
      char *line = lrbuf + lr_pos;
      *nl = 0;
      lr_pos = (size_t)(nl - lrbuf) + 1;
      return line;
    }
    if (lr_eof) {
      if (lr_pos < lr_len) { /* last line without newline */
        char *line = lrbuf + lr_pos;
        lrbuf[lr_len] = 0;
        lr_pos = lr_len;
        return line;
      }
      return NULL;
    }
    memmove(lrbuf, lrbuf + lr_pos, lr_len - lr_pos);
    lr_len -= lr_pos;
    lr_pos = 0;
    if (lr_len >= sizeof lrbuf - 1) die("/proc line too long");
    ssize_t n = read(lr_fd, lrbuf + lr_len, sizeof lrbuf - 1 - lr_len);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("read /proc");
    }
    if (n == 0) lr_eof = 1;
    lr_len += (size_t)n;
  }
}

/* /proc/PID/maps and smaps header: "start-end perms offset dev inode   path". */
struct mapline {
  u64 start, end, offset;
  char perms[5];
  const char *path; /* points into the line */
};
static int parse_mapline(char *l, struct mapline *m) {
  char *p = l;
  u64 v = 0;
  int digits = 0;
  for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++, digits++)
    v = v << 4 | (u64)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
  if (!digits || *p != '-') return 0;
  m->start = v;
  v = 0;
  digits = 0;
  for (p++; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++, digits++)
    v = v << 4 | (u64)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
  if (!digits || *p != ' ') return 0;
  m->end = v;
  p++;
  memcpy(m->perms, p, 4);
  m->perms[4] = 0;
  p += 5;
  v = 0;
  for (; *p && *p != ' '; p++) v = v << 4 | (u64)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
  m->offset = v;
  /* skip offset, dev, inode */
  for (int f = 0; f < 2; f++) {
    while (*p == ' ') p++;
    while (*p && *p != ' ') p++;
  }
  while (*p == ' ') p++;
  m->path = p;
  return 1;
}

static long vm_pte_bytes(void) {
  lr_open(fd_status);
  char *l;
  long v = -1;
  while ((l = lr_next()))
    if (!strncmp(l, "VmPTE:", 6)) v = strtol(l + 6, NULL, 10) * 1024;
  if (v < 0) die("no VmPTE in /proc/self/status");
  return v;
}

/* ---- script threads ---- */
struct worker {
  int idx;
  pthread_t th;
  volatile pid_t tid;
  int fd_stat, fd_wchan;
  /* command, under mu */
  int cmd; /* 0 idle, 1 access, 2 exit */
  int store;
  uint8_t tag;
  u64 first, npages;
  /* progress: written by the worker, read by the driver once the worker is settled */
  volatile int busy;
  volatile u64 cur_page;
  int has_outcome, out_store, stop_kind; /* 0 none, 1 SIGSEGV, 2 SIGBUS */
  u64 stop_addr;
  unsigned nruns;
  int overflow;
  uint8_t run_b[MAX_RUNS];
  uint32_t run_n[MAX_RUNS];
  sigjmp_buf jb;
  volatile int in_access;
};
static struct worker workers[MAX_WORKERS];
static char stacks[MAX_WORKERS + 1][STACK_SIZE] __attribute__((aligned(4096)));
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv_work = PTHREAD_COND_INITIALIZER;  /* driver -> workers */
static pthread_cond_t cv_done = PTHREAD_COND_INITIALIZER;  /* workers -> driver */
static __thread struct worker *self;

/* SIGSEGV/SIGBUS during an access stop it at the page being accessed (mms.md section 3). */
static void on_fault(int sig, siginfo_t *si, void *uc) {
  (void)si;
  (void)uc;
  struct worker *w = self;
  if (w && w->in_access) {
    w->in_access = 0;
    w->stop_kind = sig == SIGSEGV ? 1 : 2;
    siglongjmp(w->jb, 1);
  }
  /* A fault in the runtime itself: let it crash with the default action. */
  err_s("mmsexec: fault outside a script access\n");
  signal(sig, SIG_DFL);
}

static void add_tag(struct worker *w, uint8_t b) {
  if (w->nruns && w->run_b[w->nruns - 1] == b && w->run_n[w->nruns - 1] < 0xffffffffu) {
    w->run_n[w->nruns - 1]++;
    return;
  }
  if (w->nruns >= MAX_RUNS) {
    w->overflow = 1;
    return;
  }
  w->run_b[w->nruns] = b;
  w->run_n[w->nruns] = 1;
  w->nruns++;
}

static void run_access(struct worker *w) {
  w->nruns = 0;
  w->stop_kind = 0;
  w->overflow = 0;
  w->out_store = w->store;
  w->has_outcome = 1;
  if (sigsetjmp(w->jb, 1)) {
    w->stop_addr = w->cur_page;
    return;
  }
  w->in_access = 1;
  for (u64 i = 0; i < w->npages; i++) {
    u64 p = w->first + i * PAGE;
    w->cur_page = p;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (w->store) {
      /* The first byte first: a fault's address (EXACT_ADDRESS) is then the page start. */
      *(volatile uint8_t *)(uintptr_t)p = w->tag;
      memset((char *)(uintptr_t)p + 1, w->tag, PAGE - 1);
    } else {
      add_tag(w, *(volatile uint8_t *)(uintptr_t)p);
    }
  }
  w->in_access = 0;
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  self = w;
  w->tid = (pid_t)syscall(SYS_gettid);
  pthread_mutex_lock(&mu);
  pthread_cond_broadcast(&cv_done);
  for (;;) {
    while (w->cmd == 0) pthread_cond_wait(&cv_work, &mu);
    int c = w->cmd;
    w->cmd = 0;
    if (c == 2) break;
    pthread_mutex_unlock(&mu);
    run_access(w);
    pthread_mutex_lock(&mu);
    w->busy = 0;
    pthread_cond_broadcast(&cv_done);
  }
  pthread_mutex_unlock(&mu);
  return NULL;
}

/* Is the worker asleep in handle_userfault()? /proc/self/task/TID/stat shows S (or D for a
 * killable wait) and wchan names the function (fs/userfaultfd.c handle_userfault calls
 * schedule() after queueing the message). A woken thread is TASK_WAKING or TASK_RUNNING,
 * which both report R, so a thread just woken by an ioctl never looks blocked. */
static int in_userfault(int fd_stat, int fd_wchan) {
  char procbuf[512];
  ssize_t n = pread(fd_stat, procbuf, sizeof procbuf - 1, 0);
  if (n <= 0) return 0;
  procbuf[n] = 0;
  char *rp = strrchr(procbuf, ')');
  if (!rp || (rp[2] != 'S' && rp[2] != 'D')) return 0;
  n = pread(fd_wchan, procbuf, sizeof procbuf - 1, 0);
  if (n <= 0) return 0;
  procbuf[n] = 0;
  return !strcmp(procbuf, "handle_userfault");
}
static int worker_blocked(struct worker *w) { return in_userfault(w->fd_stat, w->fd_wchan); }

/* The driver itself can fault on a registered range inside a system call (mlock or
 * MADV_POPULATE_* populating it, UFFDIO_COPY reading a registered source): nothing could ever
 * resolve that fault, so the monitor ends the run instead of letting it hang. */
static int drv_stat = -1, drv_wchan = -1;
static volatile int driver_in_call;

static void settle(void);

/* ---- the userfaultfd monitor ---- */
struct uffdq {
  int fd; /* -1: free */
  unsigned head, count;
  struct uffd_msg q[QCAP];
};
static struct uffdq uffds[MAX_UFFDS];
static pthread_mutex_t mon_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t mon_cv = PTHREAD_COND_INITIALIZER;
static unsigned mon_gen, mon_acked;
static int mon_exit;
static pthread_t mon_th;
static int fd_is_uffd[1024]; /* 1: returned by userfaultfd() and not closed since */
static int n_uffds_monitored;

static void mon_drain_one(struct uffdq *u, int fd) {
  struct uffd_msg m[16];
  for (;;) {
    ssize_t n = read(fd, m, sizeof m);
    if (n <= 0) return; /* EAGAIN: the fd is O_NONBLOCK (set by uffd_monitor_add) */
    pthread_mutex_lock(&mon_mu);
    for (ssize_t i = 0; i < n / (ssize_t)sizeof m[0] && u->fd == fd; i++) {
      if (u->count == QCAP) die("uffd message queue full");
      u->q[(u->head + u->count++) % QCAP] = m[i];
    }
    pthread_mutex_unlock(&mon_mu);
  }
}

static void *monitor_main(void *arg) {
  (void)arg;
  struct pollfd pf[MAX_UFFDS + 1];
  struct uffdq *pu[MAX_UFFDS];
  for (;;) {
    int n = 0;
    pthread_mutex_lock(&mon_mu);
    unsigned g = mon_gen;
    int ex = mon_exit;
    for (int i = 0; i < MAX_UFFDS; i++)
      if (uffds[i].fd >= 0) {
        pu[n] = &uffds[i];
        pf[n].fd = uffds[i].fd;
        pf[n].events = POLLIN;
        n++;
      }
    pthread_mutex_unlock(&mon_mu);
    /* Drain after taking the set and before acking: whatever was readable when the driver
     * asked (settle) is queued once the ack arrives. */
    for (int i = 0; i < n; i++) mon_drain_one(pu[i], pf[i].fd);
    pthread_mutex_lock(&mon_mu);
    mon_acked = g;
    pthread_cond_broadcast(&mon_cv);
    pthread_mutex_unlock(&mon_mu);
    if (ex) return NULL;
    pf[n].fd = ctl_rd;
    pf[n].events = POLLIN;
    int r = poll(pf, (nfds_t)n + 1, driver_in_call ? 100 : -1);
    if (r < 0 && errno != EINTR) die("monitor poll");
    if (r == 0 && driver_in_call && in_userfault(drv_stat, drv_wchan)) {
      /* The driver sleeps inside the kernel and never comes back: its half-written line goes,
       * the statement's fact is the error, and the run ends as an error fact ends it. */
      out_cut_partial();
      out_s("{\"k\":\"error\",\"error\":\"driverblocked\"}\n{\"end\":true}\n");
      out_flush();
      _exit(0);
    }
    if (pf[n].revents & POLLIN) {
      char b[64];
      ssize_t rr = read(ctl_rd, b, sizeof b);
      (void)rr;
    }
  }
}

/* Make the monitor take the current set and drain every fd once; wait until it has. */
static void mon_sync(void) {
  pthread_mutex_lock(&mon_mu);
  unsigned g = ++mon_gen;
  pthread_mutex_unlock(&mon_mu);
  char b = 1;
  ssize_t r = write(ctl_wr, &b, 1);
  (void)r;
  pthread_mutex_lock(&mon_mu);
  while ((int)(mon_acked - g) < 0) pthread_cond_wait(&mon_cv, &mon_mu);
  pthread_mutex_unlock(&mon_mu);
}

static struct uffdq *uffd_find(int fd) {
  for (int i = 0; i < MAX_UFFDS; i++)
    if (uffds[i].fd == fd && fd >= 0) return &uffds[i];
  return NULL;
}
/* After a successful UFFDIO_API: from now on the fd is readable (before it read() and poll()
 * fail). O_NONBLOCK is internal: the script reads from the monitor's queue, never the fd. */
static void uffd_monitor_add(int fd) {
  if (uffd_find(fd)) return;
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  pthread_mutex_lock(&mon_mu);
  for (int i = 0; i < MAX_UFFDS; i++)
    if (uffds[i].fd < 0) {
      uffds[i].fd = fd;
      uffds[i].head = uffds[i].count = 0;
      n_uffds_monitored++;
      pthread_mutex_unlock(&mon_mu);
      mon_sync();
      return;
    }
  pthread_mutex_unlock(&mon_mu);
  die("too many userfaultfds");
}
/* Before close(fd): the monitor must not hold the file in poll() (its reference would delay
 * userfaultfd_release, which wakes the fault waiters) nor see the fd number reused. */
static void uffd_monitor_remove(int fd) {
  struct uffdq *u = uffd_find(fd);
  if (!u) return;
  pthread_mutex_lock(&mon_mu);
  u->fd = -1;
  u->count = 0;
  n_uffds_monitored--;
  pthread_mutex_unlock(&mon_mu);
  mon_sync();
}

/* ---- set-up of `top` ---- */
#define MAX_MAPS 4096
static struct {
  u64 start, end;
  int special; /* [stack], [vsyscall] */
  int lib;
} maps0[MAX_MAPS];
static int nmaps0;
static u64 top;
static u64 low_lo, low_hi; /* the runtime's mappings below top: executable, heap */
static long pte0;

static void read_maps0(void) {
  lr_open(fd_maps);
  nmaps0 = 0;
  char *l;
  while ((l = lr_next())) {
    struct mapline m;
    if (!parse_mapline(l, &m)) continue;
    if (nmaps0 >= MAX_MAPS) die("too many mappings");
    maps0[nmaps0].start = m.start;
    maps0[nmaps0].end = m.end;
    maps0[nmaps0].special = !strcmp(m.path, "[stack]") || !strcmp(m.path, "[vsyscall]");
    maps0[nmaps0].lib = strstr(m.path, ".so") != NULL;
    nmaps0++;
  }
}

static void reserve(u64 start, u64 end) {
  if (end <= start) return;
  /* Shared anonymous PROT_NONE: it never merges with a script's mapping (each MAP_SHARED
   * anonymous mapping has its own shmem file), costs no memory and, with MAP_NORESERVE,
   * no commit charge. */
  long r = syscall(SYS_mmap, start, end - start, PROT_NONE,
                   MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (r == -1 || (u64)r != start) die("reserve below top");
}

static void setup_top(void) {
  read_maps0();
  int libi = -1;
  for (int i = 0; i < nmaps0; i++)
    if (maps0[i].lib && !maps0[i].special) {
      libi = i;
      break;
    }
  if (libi < 0) die("no library mapping");
  /* The mmap area's own cluster: from the lowest library mapping down while the gaps stay
   * small (ld.so's and glibc's anonymous mappings sit below the libraries), and up to the
   * last mapping below [stack]. The executable and [heap] are tens of TiB lower. */
  int lo = libi;
  while (lo > 0 && !maps0[lo - 1].special && maps0[lo].start - maps0[lo - 1].end < GIB) lo--;
  int hi = libi;
  while (hi + 1 < nmaps0 && !maps0[hi + 1].special) hi++;
  for (int i = lo; i < hi; i++) reserve(maps0[i].end, maps0[i + 1].start);
  u64 lowest = maps0[lo].start;
  top = lowest & ~(GIB - 1);
  reserve(top, lowest);
  /* The space between the last mapping and mm->mmap_base is not in /proc; probe it: a
   * kernel-chosen page that lands above top is a hole, which stays filled. */
  for (int i = 0; i < 64; i++) {
    long r = syscall(SYS_mmap, 0, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
    if (r == -1) die("probe mmap");
    if ((u64)r < top) {
      syscall(SYS_munmap, r, PAGE);
      break;
    }
    if (i == 63) die("too many holes above top");
  }
  /* Everything below top now belongs to the runtime's low region (executable, heap). */
  read_maps0();
  low_lo = ~0ULL;
  low_hi = 0;
  for (int i = 0; i < nmaps0; i++)
    if (maps0[i].start < top) {
      if (maps0[i].start < low_lo) low_lo = maps0[i].start;
      if (maps0[i].end > low_hi) low_hi = maps0[i].end;
    }
}

/* Touch a stack region now, so later depth adds no page table (pgtables() counts them). */
static void __attribute__((noinline)) pretouch_stack(void) {
  volatile char buf[512 << 10];
  for (size_t i = 0; i < sizeof buf; i += PAGE) buf[i] = 0;
  buf[sizeof buf - 1] = 0;
}

/* ---- ops ---- */
static int bad_slot;
static u64 argv_(const struct arg *a) {
  if (a->slot < 0) return a->k;
  if (!slotbound[a->slot]) {
    if (bad_slot < 0) bad_slot = a->slot;
    return 0;
  }
  return slotval[a->slot] + a->k;
}

static void emit_outcome(struct worker *w, int blocked) {
  out_s("{\"acc\":\"");
  out_s(w->out_store ? "store" : "load");
  out_s("\",\"tags\":[");
  for (unsigned i = 0; i < w->nruns; i++) {
    if (i) out_s(",");
    out_s("[");
    out_dec(w->run_b[i]);
    out_s(",");
    out_dec(w->run_n[i]);
    out_s("]");
  }
  out_s("],\"stop\":");
  if (blocked) {
    out_s("{\"kind\":\"blocked\",\"addr\":");
    out_hex(w->cur_page);
    out_s("}");
  } else if (w->stop_kind) {
    out_s("{\"kind\":\"");
    out_s(w->stop_kind == 1 ? "SIGSEGV" : "SIGBUS");
    out_s("\",\"addr\":");
    out_hex(w->stop_addr);
    out_s("}");
  } else
    out_s("null");
  if (w->overflow) out_s(",\"overflow\":true");
  out_s("}");
}

static void emit_msg(const struct uffd_msg *m) {
  switch (m->event) {
  case UFFD_EVENT_PAGEFAULT: {
    int t = -1;
    uint32_t ptid = m->arg.pagefault.feat.ptid;
    if (ptid) {
      t = -2;
      for (int i = 0; i < nthreads; i++)
        if ((uint32_t)workers[i].tid == ptid) t = i;
    }
    out_s("{\"ev\":\"PAGEFAULT\",\"addr\":");
    out_hex(m->arg.pagefault.address);
    out_s(",\"flags\":");
    out_dec((s64)m->arg.pagefault.flags);
    out_s(",\"thread\":");
    out_dec(t);
    out_s("}");
    break;
  }
  case UFFD_EVENT_REMAP:
    out_s("{\"ev\":\"REMAP\",\"from\":");
    out_hex(m->arg.remap.from);
    out_s(",\"to\":");
    out_hex(m->arg.remap.to);
    out_s(",\"len\":");
    out_hex(m->arg.remap.len);
    out_s("}");
    break;
  case UFFD_EVENT_REMOVE:
  case UFFD_EVENT_UNMAP:
    out_s(m->event == UFFD_EVENT_REMOVE ? "{\"ev\":\"REMOVE\",\"start\":"
                                        : "{\"ev\":\"UNMAP\",\"start\":");
    out_hex(m->arg.remove.start);
    out_s(",\"end\":");
    out_hex(m->arg.remove.end);
    out_s("}");
    break;
  case UFFD_EVENT_FORK:
    out_s("{\"ev\":\"FORK\",\"ufd\":");
    out_hex(m->arg.fork.ufd);
    out_s("}");
    break;
  default:
    out_s("{\"ev\":\"UNKNOWN\",\"code\":");
    out_dec(m->event);
    out_s("}");
  }
}

/* An ioctl's argument struct: up to 6 u64 words. Out fields are zeroed by the C initialiser
 * and reported exactly as the kernel left them (mms.md section 5). */
static void do_ioctl(const u64 *a, int na, long *ret, int *err) {
  u64 s[8] = {0};
  u64 req = a[1];
  int fd = (int)a[0];
  const char *outname[2] = {NULL, NULL};
  int outidx[2] = {0, 0};
  u64 f[6];
  for (int i = 0; i < 6; i++) f[i] = i + 2 < na ? a[i + 2] : 0;
  switch (req) {
  case R_API: /* struct uffdio_api { api, features, ioctls } */
    s[0] = UFFD_API;
    s[1] = f[0];
    outname[0] = "features";
    outidx[0] = 1;
    outname[1] = "ioctls";
    outidx[1] = 2;
    break;
  case R_REGISTER: /* { range{start,len}, mode, ioctls } */
    s[0] = f[0];
    s[1] = f[1];
    s[2] = f[2];
    outname[0] = "ioctls";
    outidx[0] = 3;
    break;
  case R_UNREGISTER:
  case R_WAKE: /* struct uffdio_range */
    s[0] = f[0];
    s[1] = f[1];
    break;
  case R_COPY: /* { dst, src, len, mode, copy } */
  case R_MOVE: /* { dst, src, len, mode, move } */
    s[0] = f[0];
    s[1] = f[1];
    s[2] = f[2];
    s[3] = f[3];
    outname[0] = req == R_COPY ? "copy" : "move";
    outidx[0] = 4;
    break;
  case R_ZEROPAGE: /* { range, mode, zeropage } */
  case R_CONTINUE: /* { range, mode, mapped } */
  case R_POISON:   /* { range, mode, updated } */
    s[0] = f[0];
    s[1] = f[1];
    s[2] = f[2];
    outname[0] = req == R_ZEROPAGE ? "zeropage" : req == R_CONTINUE ? "mapped" : "updated";
    outidx[0] = 3;
    break;
  case R_WRITEPROTECT: /* { range, mode } */
    s[0] = f[0];
    s[1] = f[1];
    s[2] = f[2];
    break;
  default:
    for (int i = 0; i < 6; i++) s[i] = f[i];
  }
  u64 t0 = now_ns();
  long r = syscall(SYS_ioctl, fd, (unsigned long)req, s);
  op_ns = now_ns() - t0;
  *ret = r;
  *err = r == -1 ? errno : 0;
  if (req == R_API && r == 0 && fd >= 0 && fd < 1024 && fd_is_uffd[fd]) uffd_monitor_add(fd);
  out_s(",\"out\":[");
  for (int i = 0; i < 2 && outname[i]; i++) {
    if (i) out_s(",");
    out_s("[\"");
    out_s(outname[i]);
    out_s("\",");
    /* features and ioctls are masks; the byte counts are s64 (-errno on failure) */
    if (req == R_API || req == R_REGISTER)
      out_hex(s[outidx[i]]);
    else
      out_shex((s64)s[outidx[i]]);
    out_s("]");
  }
  out_s("]");
}

/* The runtime's own fds (>= FD_BASE) are not the script's: to it they look closed. */
static int runtime_fd(u64 fd) { return fd >= FD_BASE && fd < 1024; }

static void op_call(const struct op *o, const u64 *a) {
  long r = 0;
  int e = 0;
  out_s("{\"k\":\"call\"");
  if ((o->call == C_FTRUNCATE || o->call == C_FALLOCATE || o->call == C_CLOSE ||
       o->call == C_IOCTL || o->call == C_READ) &&
      runtime_fd(a[0])) {
    if (o->call == C_READ)
      out_s(",\"read\":true,\"ret\":\"-0x1\",\"errno\":9,\"msg\":null}");
    else
      out_s(",\"ret\":\"-0x1\",\"errno\":9,\"out\":[]}");
    return;
  }
  if (n_uffds_monitored) {
    driver_in_call = 1;
    mon_sync(); /* the monitor now polls with a timeout and watches the driver */
  }
  u64 t0 = now_ns();
  op_ns = 0;
  switch (o->call) {
  case C_MMAP:
    r = syscall(SYS_mmap, a[0], a[1], a[2], a[3], a[4], a[5]);
    break;
  case C_MUNMAP:
    r = syscall(SYS_munmap, a[0], a[1]);
    break;
  case C_MPROTECT:
    r = syscall(SYS_mprotect, a[0], a[1], a[2]);
    break;
  case C_MADVISE:
    r = syscall(SYS_madvise, a[0], a[1], a[2]);
    break;
  case C_MREMAP:
    /* Raw, with all five arguments: glibc's wrapper drops new_address without FIXED. */
    r = syscall(SYS_mremap, a[0], a[1], a[2], a[3], a[4]);
    break;
  case C_MLOCK:
    r = syscall(SYS_mlock, a[0], a[1]);
    break;
  case C_MLOCK2:
    r = syscall(SYS_mlock2, a[0], a[1], a[2]);
    break;
  case C_MUNLOCK:
    r = syscall(SYS_munlock, a[0], a[1]);
    break;
  case C_MEMFD_CREATE:
    r = syscall(SYS_memfd_create, o->stroff >= 0 ? strpool + o->stroff : "", a[0]);
    break;
  case C_USERFAULTFD:
    r = syscall(SYS_userfaultfd, a[0]);
    if (r >= 0 && r < 1024) fd_is_uffd[r] = 1;
    break;
  case C_FTRUNCATE:
    r = syscall(SYS_ftruncate, a[0], a[1]);
    break;
  case C_FALLOCATE:
    r = syscall(SYS_fallocate, a[0], a[1], a[2], a[3]);
    break;
  case C_CLOSE: {
    int fd = (int)a[0];
    if (a[0] < 1024) uffd_monitor_remove(fd);
    t0 = now_ns();
    r = syscall(SYS_close, a[0]);
    if (r == 0 && a[0] < 1024) fd_is_uffd[fd] = 0;
    break;
  }
  case C_IOCTL:
    break;
  case C_READ:
    break;
  }
  if (o->call == C_IOCTL) {
    do_ioctl(a, o->nargs, &r, &e);
    driver_in_call = 0;
  } else if (o->call != C_READ) {
    e = r == -1 ? errno : 0;
    op_ns = now_ns() - t0;
  }
  driver_in_call = 0;
  if (o->call == C_READ) {
    /* read(uffd): the oldest message the monitor queued, or EAGAIN (mms.md section 3). */
    int fd = (int)a[0];
    struct uffdq *u = a[0] < 1024 ? uffd_find(fd) : NULL;
    out_s(",\"read\":true");
    if (u) {
      mon_sync();
      t0 = now_ns();
      pthread_mutex_lock(&mon_mu);
      int have = u->count > 0;
      struct uffd_msg m;
      if (have) {
        m = u->q[u->head];
        u->head = (u->head + 1) % QCAP;
        u->count--;
      }
      pthread_mutex_unlock(&mon_mu);
      op_ns = now_ns() - t0;
      if (have) {
        out_s(",\"ret\":\"0x20\",\"errno\":0,\"msg\":");
        emit_msg(&m);
      } else
        out_s(",\"ret\":\"-0x1\",\"errno\":11,\"msg\":null");
    } else {
      /* Not a monitored uffd: the kernel answers (EINVAL before UFFDIO_API, EBADF, ...). */
      struct uffd_msg m;
      t0 = now_ns();
      long rr = syscall(SYS_read, a[0], &m, sizeof m);
      op_ns = now_ns() - t0;
      out_s(",\"ret\":");
      out_shex(rr);
      out_s(",\"errno\":");
      out_dec(rr == -1 ? errno : 0);
      out_s(",\"msg\":null");
    }
  } else {
    out_s(",\"ret\":");
    out_shex(r);
    out_s(",\"errno\":");
    out_dec(e);
    if (o->call != C_IOCTL) out_s(",\"out\":[]");
  }
  out_s("}");
  if (o->call != C_READ && r != -1 && o->bind >= 0) {
    slotval[o->bind] = (u64)r;
    slotbound[o->bind] = 1;
  }
}

static void op_maps(void) {
  out_s("{\"k\":\"maps\",\"entries\":[");
  lr_open(fd_smaps);
  char *l;
  int n = 0, cur = 0;
  while ((l = lr_next())) {
    struct mapline m;
    if (((*l >= '0' && *l <= '9') || (*l >= 'a' && *l <= 'f')) && parse_mapline(l, &m)) {
      cur = m.start < top && !(m.start >= low_lo && m.end <= low_hi);
      if (!cur) continue;
      if (n++) out_s(",");
      out_s("{\"start\":");
      out_hex(m.start);
      out_s(",\"end\":");
      out_hex(m.end);
      out_s(",\"perms\":\"");
      out_s(m.perms);
      out_s("\",\"offset\":");
      out_hex(m.offset);
      out_s(",\"path\":");
      out_hexbytes(m.path, strlen(m.path));
    } else if (cur && !strncmp(l, "VmFlags:", 8)) {
      const char *f = l + 8;
      while (*f == ' ') f++;
      out_s(",\"flags\":\"");
      size_t fl = strlen(f);
      while (fl && f[fl - 1] == ' ') fl--;
      out_mem(f, fl);
      out_s("\"}");
      cur = 0;
    }
  }
  out_s("]}");
}

static u64 pm_buf[512];
#define MAX_PAGEMAP_PAGES (1ULL << 24)
static u64 pagemap_pages(const u64 *a, int nargs) {
  u64 total = 0;
  for (int r = 0; r < nargs / 2; r++) {
    u64 addr = a[2 * r], len = a[2 * r + 1];
    if (len == 0) continue;
    u64 last = addr + len - 1;
    if (last < addr) last = ~0ULL;
    u64 n = last / PAGE - addr / PAGE + 1;
    if (n > MAX_PAGEMAP_PAGES || total + n > MAX_PAGEMAP_PAGES) return ~0ULL;
    total += n;
  }
  return total;
}
static void op_pagemap(const struct op *o, const u64 *a) {
  out_s("{\"k\":\"pagemap\",\"pages\":[");
  int first_run = 1;
  /* Runs: [count, pagemap word, kpageflags or null, step] where page i has word + i*step
   * (step 1: consecutive PFNs). */
  u64 rn = 0, rpm = 0, rkpf = 0, rstep = 0;
  int rhas = 0;
#define FLUSH_RUN()                                                                            \
  do {                                                                                         \
    if (rn) {                                                                                  \
      if (!first_run) out_s(",");                                                              \
      first_run = 0;                                                                           \
      out_s("[");                                                                              \
      out_dec((s64)rn);                                                                        \
      out_s(",");                                                                              \
      out_hex(rpm);                                                                            \
      out_s(",");                                                                              \
      if (rhas)                                                                                \
        out_hex(rkpf);                                                                         \
      else                                                                                     \
        out_s("null");                                                                         \
      out_s(",");                                                                              \
      out_dec((s64)rstep);                                                                     \
      out_s("]");                                                                              \
      rn = 0;                                                                                  \
    }                                                                                          \
  } while (0)
  for (int r = 0; r < o->nargs / 2; r++) {
    u64 addr = a[2 * r], len = a[2 * r + 1];
    if (len == 0) continue;
    u64 last = addr + len - 1;
    if (last < addr) last = ~0ULL;
    u64 p0 = addr / PAGE, p1 = last / PAGE;
    for (u64 p = p0; p <= p1;) {
      u64 chunk = p1 - p + 1;
      if (chunk > 512) chunk = 512;
      ssize_t got = pread(fd_pagemap, pm_buf, chunk * 8, (off_t)(p * 8));
      if (got <= 0) {
        /* Beyond the user address space: report not present, as for an unmapped page. */
        for (u64 i = 0; i < chunk; i++) pm_buf[i] = 0;
        got = (ssize_t)(chunk * 8);
      }
      chunk = (u64)got / 8;
      for (u64 i = 0; i < chunk; i++) {
        u64 pm = pm_buf[i], kpf = 0;
        int has = 0;
        u64 pfn = pm & ((1ULL << 55) - 1);
        if ((pm >> 63) & 1) {
          if (pread(fd_kpf, &kpf, 8, (off_t)(pfn * 8)) == 8) has = 1;
        }
        if (rn && has == rhas && (!has || kpf == rkpf)) {
          u64 want = rpm + rn * rstep;
          if (rn == 1 && (pm >> 63) & 1 && pm == rpm + 1) {
            rstep = 1;
            want = pm;
          }
          if (pm == want) {
            rn++;
            continue;
          }
        }
        FLUSH_RUN();
        rn = 1;
        rpm = pm;
        rkpf = kpf;
        rhas = has;
        rstep = 0;
      }
      p += chunk;
      if (p == 0) break; /* wrapped */
    }
  }
  FLUSH_RUN();
  out_s("]}");
}

static int cmd_access(struct worker *w, int store, u64 addr, u64 len, uint8_t tag) {
  pthread_mutex_lock(&mu);
  w->store = store;
  w->tag = tag;
  w->first = addr & ~(PAGE - 1);
  if (len == 0)
    w->npages = 0;
  else {
    u64 last = addr + len - 1;
    if (last < addr) last = ~0ULL;
    w->npages = last / PAGE - addr / PAGE + 1;
  }
  w->busy = 1;
  w->cmd = 1;
  pthread_cond_broadcast(&cv_work);
  pthread_mutex_unlock(&mu);
  return 0;
}

/* The settle rule: every busy worker runs until it finishes or sleeps in a userfault. */
static void settle(void) {
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_mutex_lock(&mu);
  for (;;) {
    int all = 1;
    for (int i = 0; i < nthreads; i++)
      if (workers[i].busy && !worker_blocked(&workers[i])) all = 0;
    if (all) break;
    struct timespec now, dl;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec - t0.tv_sec > 120) die("settle: a thread neither finishes nor blocks");
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_nsec += 200000;
    if (dl.tv_nsec >= 1000000000) {
      dl.tv_sec++;
      dl.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&cv_done, &mu, &dl);
  }
  pthread_mutex_unlock(&mu);
  /* Queue what the blocked threads' faults (and any event) have posted. */
  mon_sync();
}

static void emit_error_unbound(int slot) {
  out_s("{\"k\":\"error\",\"error\":\"unbound\",\"slot\":");
  out_dec(slot);
  out_s("}\n");
}

static void run_ops(void) {
  for (unsigned i = 0; i < nops; i++) {
    const struct op *o = &ops[i];
    u64 a[8] = {0};
    bad_slot = -1;
    if (o->kind == K_CALL || o->kind == K_ACCESS) {
      for (int j = 0; j < o->nargs; j++) a[j] = argv_(&args[o->argoff + j]);
    } else if (o->kind == K_PAGEMAP) {
      for (int j = 0; j < o->nargs; j++) argv_(&args[o->argoff + j]);
    }
    if (bad_slot >= 0) {
      emit_error_unbound(bad_slot);
      return;
    }
    u64 t0 = now_ns();
    op_ns = 0;
    switch (o->kind) {
    case K_CALL:
      if (o->call == C_MADVISE && (a[2] == 100 || a[2] == 101)) {
        /* MADV_HWPOISON / MADV_SOFT_OFFLINE as root damage the host's memory. */
        out_s("{\"k\":\"error\",\"error\":\"refused\",\"what\":\"madvise(MADV_HWPOISON)\"}\n");
        return;
      }
      op_call(o, a);
      settle();
      break;
    case K_ACCESS: {
      struct worker *w = &workers[o->thread];
      if (w->busy) {
        out_s("{\"k\":\"error\",\"error\":\"blocked\",\"thread\":");
        out_dec(o->thread);
        out_s("}\n");
        return;
      }
      cmd_access(w, o->store, a[0], a[1], o->tag);
      settle();
      op_ns = now_ns() - t0;
      out_s("{\"k\":\"access\",\"outcome\":");
      emit_outcome(w, w->busy);
      out_s("}");
      break;
    }
    case K_WAIT: {
      struct worker *w = &workers[o->thread];
      settle();
      op_ns = now_ns() - t0;
      out_s("{\"k\":\"wait\",\"outcome\":");
      if (w->has_outcome)
        emit_outcome(w, w->busy);
      else
        out_s("null");
      out_s("}");
      break;
    }
    case K_MAPS:
      op_maps();
      op_ns = now_ns() - t0;
      break;
    case K_PAGEMAP: {
      static u64 pa[20000];
      for (int j = 0; j < o->nargs; j++) pa[j] = argv_(&args[o->argoff + j]);
      if (pagemap_pages(pa, o->nargs) == ~0ULL) {
        out_s("{\"k\":\"error\",\"error\":\"toolarge\"}\n");
        return;
      }
      op_pagemap(o, pa);
      op_ns = now_ns() - t0;
      break;
    }
    case K_PGTABLES:
      out_s("{\"k\":\"pgtables\",\"delta\":");
      out_dec(vm_pte_bytes() - pte0);
      op_ns = now_ns() - t0;
      out_s("}");
      break;
    }
    out_ns();
    out_s("\n");
    out_flush();
  }
}

static void finish(void) {
  /* Close every uffd: userfaultfd_release wakes the waiters, whose faults retry without it. */
  for (int fd = 0; fd < 1024; fd++)
    if (fd_is_uffd[fd]) {
      uffd_monitor_remove(fd);
      close(fd);
      fd_is_uffd[fd] = 0;
    }
  settle();
  pthread_mutex_lock(&mu);
  for (int i = 0; i < nthreads; i++) workers[i].cmd = 2;
  pthread_cond_broadcast(&cv_work);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < nthreads; i++) pthread_join(workers[i].th, NULL);
  pthread_mutex_lock(&mon_mu);
  mon_exit = 1;
  pthread_mutex_unlock(&mon_mu);
  mon_sync();
  pthread_join(mon_th, NULL);
  out_s("{\"end\":true}\n");
  out_flush();
}

static void start_thread(pthread_t *th, int stack, void *(*fn)(void *), void *arg) {
  pthread_attr_t at;
  pthread_attr_init(&at);
  /* A static stack: glibc then maps nothing for it (nptl allocate_stack with a user stack). */
  memset(stacks[stack], 0, STACK_SIZE);
  if (pthread_attr_setstack(&at, stacks[stack], STACK_SIZE)) die("pthread_attr_setstack");
  if (pthread_create(th, &at, fn, arg)) die("pthread_create");
  pthread_attr_destroy(&at);
}

int main(int argc, char **argv) {
  (void)argc;
  /* Run without address-space randomization (ADDR_NO_RANDOMIZE, as `setarch -R` does), so
   * that `top` (the 1 GiB boundary below the libraries) is the same on every run: a script
   * that maps at a literal fixed address such as 0x100000000000 then prints it as
   * `top-0x6fffc0000000` every time, and the simulator uses the same `top` (0x7fffc0000000
   * here). The personality only takes effect at exec, hence the re-exec of ourselves; stdin
   * (the program) has not been read yet, so it passes through untouched. */
  {
    int pers = personality(0xffffffff);
    if (pers != -1 && !(pers & ADDR_NO_RANDOMIZE) && !getenv("MMSEXEC_ASLR")) {
      if (personality((unsigned long)pers | ADDR_NO_RANDOMIZE) != -1) {
        execv("/proc/self/exe", argv);
        /* exec failed: go on with ASLR; `top` then varies between runs. */
      }
    }
  }
  /* No mmap from malloc from here on (glibc: M_MMAP_MAX 0 serves large requests from brk;
   * one arena, so no thread creates a 64 MiB arena mapping). */
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_ARENA_MAX, 1);
  static char stdout_buf[1 << 16];
  setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
  /* Fds inherited beyond stdio would shift the script's fd numbers. */
  syscall(SYS_close_range, 3, ~0U, 0);
  out_fd = high_fd(fcntl(1, F_DUPFD_CLOEXEC, 3));
  err_fd = high_fd(fcntl(2, F_DUPFD_CLOEXEC, 3));

  {
    const char *t = getenv("MMSEXEC_TIMING");
    timing = t && !strcmp(t, "1");
  }
  parse_program();

  fd_pagemap = open_high("/proc/self/pagemap", 1);
  fd_kpf = open_high("/proc/kpageflags", 0);
  fd_smaps = open_high("/proc/self/smaps", 1);
  fd_status = open_high("/proc/self/status", 1);
  fd_maps = open_high("/proc/self/maps", 1);
  int p[2];
  if (pipe2(p, O_CLOEXEC | O_NONBLOCK)) die("pipe2");
  ctl_rd = high_fd(p[0]);
  ctl_wr = high_fd(p[1]);
  for (int i = 0; i < MAX_UFFDS; i++) uffds[i].fd = -1;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);

  /* Threads first: they must exist before `top` is set up (mms.md section 4). */
  for (int i = 0; i < nthreads; i++) {
    workers[i].idx = i;
    memset(workers[i].run_b, 0, sizeof workers[i].run_b);
    memset(workers[i].run_n, 0, sizeof workers[i].run_n);
    start_thread(&workers[i].th, i, worker_main, &workers[i]);
  }
  start_thread(&mon_th, MAX_WORKERS, monitor_main, NULL);
  pthread_mutex_lock(&mu);
  for (int i = 0; i < nthreads; i++)
    while (!workers[i].tid) pthread_cond_wait(&cv_done, &mu);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < nthreads; i++) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)workers[i].tid);
    workers[i].fd_stat = open_high(path, 1);
    snprintf(path, sizeof path, "/proc/self/task/%d/wchan", (int)workers[i].tid);
    workers[i].fd_wchan = open_high(path, 1);
  }
  {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)getpid());
    drv_stat = open_high(path, 1);
    snprintf(path, sizeof path, "/proc/self/task/%d/wchan", (int)getpid());
    drv_wchan = open_high(path, 1);
  }
  mon_sync();

  /* Everything the run touches later is touched now. */
  pretouch_stack();
  memset(outbuf, 0, sizeof outbuf);
  memset(lrbuf, 0, sizeof lrbuf);
  memset(uffds, 0, sizeof uffds);
  for (int i = 0; i < MAX_UFFDS; i++) uffds[i].fd = -1;
  memset(pm_buf, 0, sizeof pm_buf);
  memset(slotval, 0, sizeof slotval);

  /* Check that pagemap shows PFNs (root, CAP_SYS_ADMIN): frames are compared by PFN. */
  {
    u64 w = 0;
    if (pread(fd_pagemap, &w, 8, (off_t)(((uintptr_t)outbuf / PAGE) * 8)) != 8) die("pagemap");
    if (!((w >> 63) & 1) || !(w & ((1ULL << 55) - 1))) {
      out_s("{\"fatal\":\"nopfn\"}\n");
      out_flush();
      _exit(5);
    }
    if (fd_kpf < 0) {
      out_s("{\"fatal\":\"nokpageflags\"}\n");
      out_flush();
      _exit(5);
    }
  }

  setup_top();
  slotval[0] = top;
  slotbound[0] = 1;
  pte0 = vm_pte_bytes();

  out_s("{\"top\":");
  out_hex(top);
  out_s(",\"pte0\":");
  out_dec(pte0);
  out_s("}\n");
  out_flush();

  run_ops();
  out_flush();
  finish();
  return 0;
}
