/*
 * util.h - allocation helpers, a growable string buffer and diagnostics.
 *
 * Allocation failure is not an error a caller can handle usefully in a
 * reader: the x* helpers abort in one place instead.  Everything that *can*
 * fail for a reason the user should hear about reports it as a struct diag,
 * a value carrying file, line, column and message, collected in a
 * struct diag_list owned by the caller.
 */
#ifndef LECTERN_UTIL_H
#define LECTERN_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define LECTERN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LECTERN_PRINTF(a, b)
#endif

/* Never return NULL: on allocation failure they print one line and abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *v (an array of *cap elements of size each) to hold at least need. */
void xgrow(void *v, size_t *cap, size_t need, size_t size);
/*
 * Room for n bytes on transparent huge pages where the kernel gives them
 * (Linux's "madvise" mode, Debian's default): fresh memory otherwise
 * takes a page fault every 4 KB when first written, which dominates
 * filling a big buffer (BENCHMARKS.md).  Whole huge pages, *got bytes;
 * freed (or grown) as any malloc'd block.  NULL when it cannot: the
 * caller allocates the usual way.
 */
void *huge_alloc(size_t n, size_t *got);
/* Below this, huge_alloc is not worth asking for. */
#define HUGE_ALLOC_MIN ((size_t)4 << 20)

/* Word-at-a-time byte tests (SWAR, eight bytes in a uint64_t): a byte
 * of 0x01, 0x80 and 0x7f in every lane. */
#define SWAR_ONES UINT64_C(0x0101010101010101)
#define SWAR_HIGH UINT64_C(0x8080808080808080)
#define SWAR_LOW7 UINT64_C(0x7f7f7f7f7f7f7f7f)

/*
 * Strings made at once and freed together: many small strings read from
 * a file (a state's paths, a corpus's titles) in blocks of at least hint
 * bytes, those over a megabyte on huge pages, rather than a malloc each
 * (page faults and malloc were a third of reading 100,000 of them).  A
 * pool is a pointer, NULL when empty; its strings are never freed one by
 * one.
 */
struct pool;
/* Room for n bytes at the top of *p (a block of about hint bytes, kept
 * between a page and a huge page, made when it has none left): written,
 * then kept with pool_keep. */
char *pool_room(struct pool **p, size_t n, size_t hint);
void pool_keep(struct pool *p, size_t n);
/* n bytes in *p aligned for any object, kept. */
void *pool_alloc(struct pool **p, size_t n, size_t hint);
/* s[0..n) and a NUL, in *p. */
char *pool_strndup(struct pool **p, const char *s, size_t n, size_t hint);
void pool_free(struct pool **p);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A newly allocated formatted string; caller frees. */
char *xasprintf(const char *fmt, ...) LECTERN_PRINTF(1, 2);

/* 64-bit FNV-1a, a piece at a time: h = FNV1A64_START, then
 * h = fnv1a64_more(h, piece, n) for each piece in order. */
#define FNV1A64_START UINT64_C(0xcbf29ce484222325)
uint64_t fnv1a64_more(uint64_t h, const void *p, size_t len);

/* CLOCK_MONOTONIC in nanoseconds: for timing, never for dates. */
long long clock_mono_ns(void);

/* Writes buf[0..len) to fd whole, going on after EINTR and short
 * writes.  0, or -1 with errno (EPIPE: the reader left). */
int write_all(int fd, const char *buf, size_t len);
char *xvasprintf(const char *fmt, va_list ap) LECTERN_PRINTF(1, 0);

/* A growable byte buffer; buf is always NUL-terminated after sb_init. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_fini(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
/* Makes room for n more bytes, so that adding them copies nothing. */
void sb_reserve(struct strbuf *sb, size_t n);
void sb_addstr(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) LECTERN_PRINTF(2, 3);
/* Hands the buffer to the caller (who frees it); sb is left empty and
 * needs sb_init before it is used again (sb_fini on it is a no-op). */
char *sb_detach(struct strbuf *sb);

enum diag_level { DIAG_ERROR, DIAG_WARNING };

/*
 * One problem found in some input.  file may be NULL (then the message
 * stands alone); line and column are 1-based, 0 when unknown.
 */
struct diag {
	enum diag_level level;
	char *file;
	int line;
	int col;
	char *msg;
};

struct diag_list {
	struct diag *v;
	size_t n;
	size_t cap;
};

void diag_list_init(struct diag_list *dl);
void diag_list_fini(struct diag_list *dl);
/* Appends a diagnostic; file is copied. */
void diag_add(struct diag_list *dl, enum diag_level level, const char *file,
              int line, int col, const char *fmt, ...) LECTERN_PRINTF(6, 7);
/* Adds the diagnostics of from at the end of to, and empties from (it
 * is ready for diag_list_fini or for use again). */
void diag_move(struct diag_list *to, struct diag_list *from);
/* Counts the diagnostics of the given level. */
size_t diag_count(const struct diag_list *dl, enum diag_level level);
/*
 * Formats d as "file:line:col: msg" (parts that are unknown are left out;
 * warnings get a "warning: " prefix after the position).  Caller frees.
 */
char *diag_format(const struct diag *d);

/* Natural ordering of file names: "2.md" before "10.md".  strcmp-like. */
int natural_cmp(const char *a, const char *b);

/* The whole number s[0..len) (decimal digits only, at most 5) when it is
 * in [lo, hi], else -1. */
int parse_small_int(const char *s, size_t len, int lo, int hi);

/* Starts a thread running fn(arg) with every signal blocked (signals are
 * the main thread's); false if it could not be started. */
bool thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
