/* util.c - allocation helpers, string buffer, diagnostics. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h" /* clock_gettime */
#endif
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void
out_of_memory(size_t n)
{
	fprintf(stderr, "lectern: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	/* A big array, on huge pages: zeroed there, a fault per 2 MB. */
	size_t got;
	void *h = size && n <= SIZE_MAX / size && n * size >= HUGE_ALLOC_MIN
	                  ? huge_alloc(n * size, &got)
	                  : NULL;
	if (h)
		return memset(h, 0, n * size);
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

void
xgrow(void *v, size_t *cap, size_t need, size_t size)
{
	void **vp = v;
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			out_of_memory(need * size);
		c *= 2;
	}
	/* A big array made at once (room reserved for all it will hold),
	 * on huge pages: filling it then takes a fault per 2 MB. */
	size_t got;
	void *h = !*vp && c * size >= HUGE_ALLOC_MIN
	                  ? huge_alloc(c * size, &got)
	                  : NULL;
	if (h) {
		*vp = h;
		*cap = got / size;
		return;
	}
	*vp = xrealloc(*vp, c * size);
	*cap = c;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *
huge_alloc(size_t n, size_t *got)
{
	size_t cap = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p;
	if (cap < n || posix_memalign(&p, HUGE_PAGE, cap) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, cap, MADV_HUGEPAGE); /* a hint: may be refused */
#endif
	*got = cap;
	return p;
}

struct pool {
	struct pool *next;
	size_t used, cap;
	char data[];
};

char *
pool_room(struct pool **pp, size_t n, size_t hint)
{
	struct pool *p = *pp;
	if (!p || p->cap - p->used < n) {
		/* A block of a page at least, a huge page at most (more
		 * only for a string bigger than that). */
		size_t least = 4096 - sizeof *p, most = HUGE_PAGE - sizeof *p;
		hint = hint < least ? least : hint > most ? most : hint;
		size_t want = sizeof *p + (n > hint ? n : hint), got;
		/* A block near 2 MB on a huge page of its own. */
		struct pool *q = want > ((size_t)1 << 20)
		                         ? huge_alloc(want, &got)
		                         : NULL;
		if (!q) {
			q = xmalloc(want);
			got = want;
		}
		q->next = p;
		q->used = 0;
		q->cap = got - sizeof *q;
		*pp = p = q;
	}
	return p->data + p->used;
}

void
pool_keep(struct pool *p, size_t n)
{
	p->used += n;
}

void *
pool_alloc(struct pool **p, size_t n, size_t hint)
{
	size_t a = _Alignof(max_align_t);
	char *room = pool_room(p, n + a - 1, hint);
	size_t pad = (a - (uintptr_t)room % a) % a;
	pool_keep(*p, pad + n);
	return room + pad;
}

char *
pool_strndup(struct pool **p, const char *s, size_t n, size_t hint)
{
	char *out = pool_room(p, n + 1, hint);
	memcpy(out, s, n);
	out[n] = '\0';
	pool_keep(*p, n + 1);
	return out;
}

void
pool_free(struct pool **p)
{
	while (*p) {
		struct pool *next = (*p)->next;
		free(*p);
		*p = next;
	}
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
sb_init(struct strbuf *sb)
{
	sb->cap = 64;
	sb->len = 0;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
}

void
sb_fini(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void
sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}

void
sb_add(struct strbuf *sb, const char *s, size_t n)
{
	xgrow(&sb->buf, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_reserve(struct strbuf *sb, size_t n)
{
	xgrow(&sb->buf, &sb->cap, sb->len + n + 1, 1);
}

void
sb_addstr(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addch(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void
sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_addstr(sb, p);
	free(p);
}

char *
sb_detach(struct strbuf *sb)
{
	char *p = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void
diag_list_init(struct diag_list *dl)
{
	dl->v = NULL;
	dl->n = dl->cap = 0;
}

void
diag_list_fini(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].msg);
	}
	free(dl->v);
	diag_list_init(dl);
}

void
diag_add(struct diag_list *dl, enum diag_level level, const char *file,
         int line, int col, const char *fmt, ...)
{
	xgrow(&dl->v, &dl->cap, dl->n + 1, sizeof *dl->v);
	struct diag *d = &dl->v[dl->n++];
	va_list ap;
	va_start(ap, fmt);
	d->msg = xvasprintf(fmt, ap);
	va_end(ap);
	d->level = level;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
}

size_t
diag_count(const struct diag_list *dl, enum diag_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == level)
			n++;
	return n;
}

char *
diag_format(const struct diag *d)
{
	struct strbuf sb;
	sb_init(&sb);
	if (d->file) {
		sb_addstr(&sb, d->file);
		if (d->line > 0) {
			sb_addf(&sb, ":%d", d->line);
			if (d->col > 0)
				sb_addf(&sb, ":%d", d->col);
		}
		sb_addstr(&sb, ": ");
	}
	if (d->level == DIAG_WARNING)
		sb_addstr(&sb, "warning: ");
	sb_addstr(&sb, d->msg);
	return sb_detach(&sb);
}

int
natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = strncmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

void
diag_move(struct diag_list *to, struct diag_list *from)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag *d = &from->v[i];
		diag_add(to, d->level, d->file, d->line, d->col, "%s", d->msg);
	}
	diag_list_fini(from);
}

int
parse_small_int(const char *s, size_t len, int lo, int hi)
{
	if (len == 0 || len > 5)
		return -1;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

int
write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

uint64_t
fnv1a64_more(uint64_t h, const void *p, size_t len)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

long long
clock_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

bool
thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	bool started = pthread_create(t, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}
