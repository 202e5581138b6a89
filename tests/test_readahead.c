/*
 * test_readahead.c - a folder's files read whole ahead of a visit, on a
 * second thread: each file is handed over once, in order, with its own
 * bytes (or why it could not be read), whoever read it, the thread or
 * the walk; big files are left to the walk; the ring's buffers are used
 * again, not made anew; and corpus_visit over a big folder gives each
 * article its own body, in name order.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "corpus_fixture.h"
#include "readahead.h"

TestSuite(readahead, .init = make_tmp, .fini = remove_tmp, .timeout = 60);

enum { N = 600 };

static char *names[N];

/* File i's size: i bytes, but a few are bigger than the thread takes. */
static size_t
size_of(int i)
{
	return i % 97 == 5 ? READAHEAD_FILE + (size_t)i : (size_t)i;
}

/* File i's byte at offset k: each file its own. */
static char
byte_of(int i, size_t k)
{
	return (char)('a' + (i + k) % 26);
}

/* N names in the temporary folder (corpus_fixture.h): every seventh
 * one NULL, every eleventh one missing. */
static int
make_names(void)
{
	return make_numbered(names, N, size_of, byte_of);
}

static void
free_names(void)
{
	free_numbered(names, N);
}

/* Waits (polling, 10 s at most) until the thread has read n files. */
static void
wait_for(struct readahead *ra, size_t n)
{
	for (int t = 0; t < 10000 && readahead_count(ra) < n; t++) {
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	cr_assert_geq(readahead_count(ra), n, "the thread read too few");
}

/* File i as handed over (f, or read by the walk when NULL) is its own. */
static void
check_file(int fd, int i, const struct ra_file *f)
{
	struct ra_file mine;
	if (!f) {
		sb_init(&mine.sb);
		readahead_read(fd, names[i], &mine);
		f = &mine;
	}
	if (i % 11 == 3) {
		cr_assert_eq(f->rc, -1, "%s", names[i]);
		cr_assert_eq(f->err, ENOENT, "%s", names[i]);
	} else {
		cr_assert_eq(f->rc, 0, "%s: %s", names[i], strerror(f->err));
		cr_assert_eq(f->sb.len, size_of(i), "%s", names[i]);
		cr_assert_eq(f->st.st_size, (off_t)size_of(i), "%s", names[i]);
		for (size_t k = 0; k < f->sb.len; k++)
			cr_assert_eq(f->sb.buf[k], byte_of(i, k), "%s at %zu",
			             names[i], k);
	}
	if (f == &mine)
		sb_fini(&mine.sb);
}

/* Takes every name in order, after the thread read wait files; returns
 * how many were the thread's (or read by the walk while it waited). */
static int
take_all(int fd, struct ra_ring **ring, size_t wait)
{
	struct readahead *ra =
	        readahead_start(fd, (const char *const *)names, N, ring);
	cr_assert_not_null(ra);
	if (wait)
		wait_for(ra, wait);
	int handed = 0;
	for (int i = 0; i < N; i++) {
		if (names[i]) {
			struct ra_file *f = readahead_get(ra, (size_t)i);
			if (f) {
				cr_assert(i % 11 == 3 ||
				                  size_of(i) <= READAHEAD_FILE,
				          "%s: a big file read ahead",
				          names[i]);
				handed++;
			}
			check_file(fd, i, f);
		}
		readahead_done(ra, (size_t)i);
	}
	readahead_stop(ra);
	return handed;
}

Test(readahead, every_file_is_handed_over_once_with_its_own_bytes)
{
	int fd = make_names();
	struct ra_ring *ring = NULL;
	/* The thread fills its ring (READAHEAD_RING files) and sleeps
	 * until the walk is done with half of it. */
	cr_assert_geq(take_all(fd, &ring, READAHEAD_RING / 2), 1);
	ra_ring_free(ring);
	close(fd);
	free_names();
}

Test(readahead, what_the_thread_has_not_come_to_is_the_walks)
{
	int fd = make_names();
	struct ra_ring *ring = NULL;
	take_all(fd, &ring, 0);
	ra_ring_free(ring);
	close(fd);
	free_names();
}

Test(readahead, the_rings_buffers_are_used_again_from_folder_to_folder)
{
	int fd = make_names();
	struct ra_ring *ring = NULL;
	take_all(fd, &ring, READAHEAD_RING / 2);
	char *buf[READAHEAD_RING];
	for (int k = 0; k < READAHEAD_RING; k++)
		buf[k] = ring->f[k].sb.buf;
	/* The same files again: no buffer had to grow. */
	take_all(fd, &ring, READAHEAD_RING / 2);
	for (int k = 0; k < READAHEAD_RING; k++)
		cr_assert_eq(ring->f[k].sb.buf, buf[k], "buffer %d made anew",
		             k);
	ra_ring_free(ring);
	close(fd);
	free_names();
}

Test(readahead, stopped_while_the_thread_waits_for_room)
{
	int fd = make_names();
	struct ra_ring *ring = NULL;
	struct readahead *ra =
	        readahead_start(fd, (const char *const *)names, N, &ring);
	wait_for(ra, READAHEAD_RING / 2);
	readahead_stop(ra); /* the thread is woken and joined */
	ra_ring_free(ring);
	close(fd);
	free_names();
}

Test(readahead, a_few_names_start_no_thread)
{
	int fd = make_names();
	struct ra_ring *ring = NULL;
	cr_assert_null(readahead_start(fd, (const char *const *)names,
	                               READAHEAD_MIN, &ring));
	cr_assert_null(ring, "no buffers made for nothing");
	close(fd);
	free_names();
}

/* ------------------------------------------------ through corpus_visit */

/* N articles in the temporary folder: fN.md, titled "Title N", its body
 * "Body N.". */
static void
put_articles(void)
{
	for (int i = 0; i < N; i++) {
		char name[32], text[96];
		snprintf(name, sizeof name, "f%03d.md", i);
		snprintf(text, sizeof text, "# Title %d\nBody %d.\n", i, i);
		put(name, text);
	}
}

struct visit_log {
	int n, last;
	bool wrong;
};

/* Article fN.md's title is "Title N" and its body "Body N.": each its
 * own, in name order. */
static int
check_article(void *ctx, struct article *a, struct diag_list *dl)
{
	(void)dl;
	struct visit_log *v = ctx;
	int i = atoi(strrchr(a->path, '/') + 2);
	char want[64], title[64];
	snprintf(want, sizeof want, "Body %d.\n", i);
	snprintf(title, sizeof title, "Title %d", i);
	if (i <= v->last || a->body_len != strlen(want) ||
	    memcmp(a->body, want, a->body_len) != 0 ||
	    strcmp(a->title, title) != 0)
		v->wrong = true;
	v->last = i;
	v->n++;
	return 0;
}

Test(readahead, a_visit_gives_each_article_its_own_body_in_order)
{
	put_articles();
	struct visit_log v = {.last = -1};
	struct diag_list dl;
	int stop = 0;
	diag_list_init(&dl);
	cr_assert_eq(
	        corpus_visit(tmp, NULL, NULL, check_article, &v, &dl, &stop),
	        N);
	cr_assert_eq(v.n, N);
	cr_assert(!v.wrong, "an article with another's body, or out of order");
	cr_assert_eq(dl.n, 0);
	diag_list_fini(&dl);
}

/* A visit may take an article's body (corpus_visit_fn): the thread's
 * buffer is then replaced, and the next file read into a new one. */
static int
take_body(void *ctx, struct article *a, struct diag_list *dl)
{
	(void)dl;
	int *n = ctx;
	char want[64];
	snprintf(want, sizeof want, "Body %d.\n", *n);
	if (a->body_len == strlen(want) && !memcmp(a->body, want, a->body_len))
		++*n;
	free(a->body_buf);
	a->body_buf = NULL;
	a->body = NULL;
	return 0;
}

Test(readahead, a_visit_may_take_the_bodies)
{
	put_articles();
	int n = 0, stop = 0;
	struct diag_list dl;
	diag_list_init(&dl);
	cr_assert_eq(corpus_visit(tmp, NULL, NULL, take_body, &n, &dl, &stop),
	             N);
	cr_assert_eq(n, N, "bodies wrong or out of order after %d", n);
	diag_list_fini(&dl);
}
