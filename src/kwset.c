/*
 * kwset.c - many literal words, one pass: Aho-Corasick over folded bytes.
 *
 * The automaton is built on each word's key: its first run of non-space
 * bytes, ASCII letters folded to lower case.  Bytes are mapped to classes
 * (the bytes keys use, case variants together; every other byte is class
 * 0), and the transition table is complete (a DFA: failure links are
 * followed at build time), so the scan is one class lookup and one table
 * lookup per byte.  Table entries are row offsets, not state numbers, to
 * save a multiplication; states with an output are numbered last, from a
 * power of two on, so one comparison per byte (of several states ORed)
 * says whether a key ended.  When the states are few (the usual few dozen
 * words), rows of 256 entries indexed by the byte skip the class lookup:
 * one load per byte instead of two, which is what bounds the scan (see
 * scan_parts).  The rest of a word, and its case when it does not ignore
 * case, is checked at the candidate.
 */
#include "kwset.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "utf8.h"
#include "util.h"

struct kw {
	char *text;
	size_t len;
	size_t keylen; /* its first run of non-space bytes */
	bool icase;
	bool whole; /* ASCII word characters around it refuse it ... */
	bool cjk_start, cjk_end; /* ... unless its edge is CJK there */
	int id;
};

struct kwset {
	struct kw *w;
	size_t n;
	size_t cap;
	uint8_t cls[256];
	uint32_t nclass;
	uint32_t shift;     /* rows are 1 << shift entries wide (8: wide) */
	uint32_t *delta;    /* [row + class]: the next state's row */
	uint32_t first_out; /* rows from here have outputs */
	uint32_t *wide;     /* [row + byte], rows 256 wide: the next state's
	                     * row; NULL when delta is used instead */
	uint32_t *out_off;  /* per output state: into out_w, and one more */
	uint32_t *out_w;    /* word indexes */
	size_t maxkey;      /* the longest key */
	bool compiled;
};

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

bool
kwset_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* The white space at s[i..len): its length in bytes (0 when none). */
static size_t
space_at(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		uint32_t c;
		size_t k = utf8_decode(s + j, len - j, &c);
		if (!kwset_is_space(c))
			break;
		j += k;
	}
	return j - i;
}

struct kwset *
kwset_new(void)
{
	return xcalloc(1, sizeof(struct kwset));
}

void
kwset_free(struct kwset *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->w[i].text);
	free(k->w);
	free(k->delta);
	free(k->wide);
	free(k->out_off);
	free(k->out_w);
	free(k);
}

size_t
kwset_count(const struct kwset *k)
{
	return k->n;
}

bool
kwset_add(struct kwset *k, const char *word, bool ignore_case, bool whole_word,
          int id)
{
	size_t len = strlen(word);
	if (len == 0 || k->compiled || !utf8_valid(word, len))
		return false;
	if (space_at(word, len, 0) > 0)
		return false;
	size_t i = 0, last_space_end = 0, keylen = 0;
	while (i < len) {
		uint32_t c;
		size_t n = utf8_decode(word + i, len - i, &c);
		if (kwset_is_space(c)) {
			if (!keylen)
				keylen = i;
			i += space_at(word, len, i);
			last_space_end = i;
			continue;
		}
		/* A non-ASCII letter with a case: its other case is other
		 * bytes, which the folded automaton would not find. */
		if (ignore_case && c >= 0x80 &&
		    (towlower((wint_t)c) != (wint_t)c ||
		     towupper((wint_t)c) != (wint_t)c))
			return false;
		i += n;
	}
	if (last_space_end == len)
		return false; /* ends with white space */
	xgrow(&k->w, &k->cap, k->n + 1, sizeof *k->w);
	struct kw *w = &k->w[k->n++];
	w->text = xstrdup(word);
	w->len = len;
	w->keylen = keylen ? keylen : len;
	if (w->keylen > k->maxkey)
		k->maxkey = w->keylen;
	w->icase = ignore_case;
	w->whole = whole_word;
	uint32_t first, last;
	utf8_decode(word, len, &first);
	utf8_decode_before(word, len, &last);
	w->cjk_start = utf8_is_cjk(first);
	w->cjk_end = utf8_is_cjk(last);
	w->id = id;
	return true;
}

/* Up to this many states the wide table: 1 KB per state (row offsets
 * of 4 bytes: kwset_find over the 100 MB bench article took 67 ms,
 * against 72 with state numbers of 2 bytes, shifted), a few hundred KB
 * for a few dozen words, of which the rows the text visits most stay in
 * L1; 2 MB written at most (the padding rows, below, never touched). */
#define WIDE_STATES 2048

/* The trie while building: dense rows of child node numbers. */
struct trie {
	uint32_t *next; /* [node * nclass + class], UINT32_MAX for none */
	uint32_t *fail;
	uint32_t n;
	uint32_t cap;
	uint32_t nclass;
};

static uint32_t
trie_node(struct trie *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->next = xrealloc(t->next, (size_t)t->cap * t->nclass *
		                                    sizeof *t->next);
		t->fail = xrealloc(t->fail, (size_t)t->cap * sizeof *t->fail);
	}
	memset(t->next + (size_t)t->n * t->nclass, 0xff,
	       t->nclass * sizeof *t->next);
	t->fail[t->n] = 0;
	return t->n++;
}

void
kwset_compile(struct kwset *k)
{
	k->compiled = true;
	/* Classes: 0 for bytes no key has; case variants share one. */
	memset(k->cls, 0, sizeof k->cls);
	k->nclass = 1;
	for (size_t i = 0; i < k->n; i++)
		for (size_t j = 0; j < k->w[i].keylen; j++) {
			unsigned char c = fold((unsigned char)k->w[i].text[j]);
			if (k->cls[c])
				continue;
			k->cls[c] = (uint8_t)k->nclass;
			if (c >= 'a' && c <= 'z')
				k->cls[c - 32] = (uint8_t)k->nclass;
			k->nclass++;
		}
	/* 255 classes at most: a byte value is one class. */
	struct trie t = {.nclass = k->nclass};
	trie_node(&t);
	uint32_t *end = xcalloc(k->n ? k->n : 1, sizeof *end);
	for (size_t i = 0; i < k->n; i++) {
		uint32_t s = 0;
		for (size_t j = 0; j < k->w[i].keylen; j++) {
			uint32_t c = k->cls[(unsigned char)k->w[i].text[j]];
			uint32_t *slot = &t.next[(size_t)s * t.nclass + c];
			if (*slot == UINT32_MAX) {
				uint32_t fresh = trie_node(&t);
				slot = &t.next[(size_t)s * t.nclass + c];
				*slot = fresh;
			}
			s = *slot;
		}
		end[i] = s;
	}
	/* Breadth first: failure links, and the missing transitions
	 * filled from them (the root's go back to the root). */
	uint32_t *queue = xmalloc((size_t)t.n * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (uint32_t c = 0; c < t.nclass; c++) {
		uint32_t *to = &t.next[c];
		if (*to == UINT32_MAX) {
			*to = 0;
		} else {
			t.fail[*to] = 0;
			queue[qt++] = *to;
		}
	}
	while (qh < qt) {
		uint32_t s = queue[qh++];
		for (uint32_t c = 0; c < t.nclass; c++) {
			uint32_t *to = &t.next[(size_t)s * t.nclass + c];
			uint32_t via = t.next[(size_t)t.fail[s] * t.nclass + c];
			if (*to == UINT32_MAX) {
				*to = via;
			} else {
				t.fail[*to] = via;
				queue[qt++] = *to;
			}
		}
	}
	/* Outputs: the words ending at a state and at its failure chain,
	 * counted, then laid out with output states numbered last. */
	uint32_t *nout = xcalloc(t.n, sizeof *nout);
	for (size_t i = 0; i < k->n; i++)
		nout[end[i]]++;
	for (size_t q = 0; q < qt; q++) /* BFS order: fail comes first */
		nout[queue[q]] += nout[t.fail[queue[q]]];
	/* Output states from a power of two on (the rows between never
	 * touched): the parts' states ORed say at once whether any is one. */
	uint32_t *num = xmalloc(t.n * sizeof *num), plain = 0, outs = 0;
	for (uint32_t s = 0; s < t.n; s++)
		if (!nout[s])
			num[s] = plain++;
	uint32_t base = 1;
	while (base < plain)
		base *= 2;
	for (uint32_t s = 0; s < t.n; s++)
		if (nout[s])
			num[s] = base + outs++;
	/* Rows a power of two wide, a row's state a shift away: 256 wide,
	 * indexed by the byte itself, when the states are few enough. */
	bool wide = t.n <= WIDE_STATES;
	k->shift = 0;
	while ((1u << k->shift) < (wide ? 256 : t.nclass))
		k->shift++;
	k->first_out = base << k->shift;
	size_t rows = (size_t)base + outs, width = (size_t)1 << k->shift;
	uint32_t *table = xmalloc(rows * width * sizeof *table);
	for (uint32_t st = 0; st < t.n; st++)
		for (size_t c = 0; c < width; c++) {
			size_t cl = wide ? k->cls[c] : c;
			table[(size_t)num[st] * width + c] =
			        cl < t.nclass
			                ? num[t.next[(size_t)st * t.nclass +
			                             cl]]
			                          << k->shift
			                : 0; /* past the classes: never read */
		}
	if (wide)
		k->wide = table;
	else
		k->delta = table;
	k->out_off = xcalloc((size_t)outs + 1, sizeof *k->out_off);
	for (uint32_t s = 0; s < t.n; s++)
		if (nout[s])
			k->out_off[num[s] - base + 1] = nout[s];
	for (uint32_t i = 0; i < outs; i++)
		k->out_off[i + 1] += k->out_off[i];
	k->out_w = xmalloc((size_t)k->out_off[outs] * sizeof *k->out_w + 1);
	uint32_t *fill = xcalloc((size_t)outs + 1, sizeof *fill);
	/* A state's own words, then its failure chain's, in word order. */
	for (uint32_t s = 0; s < t.n; s++) {
		if (!nout[s])
			continue;
		uint32_t o = num[s] - base;
		for (uint32_t f = s;; f = t.fail[f]) {
			for (size_t i = 0; i < k->n; i++)
				if (end[i] == f)
					k->out_w[k->out_off[o] + fill[o]++] =
					        (uint32_t)i;
			if (f == 0)
				break;
		}
	}
	free(fill);
	free(num);
	free(nout);
	free(queue);
	free(end);
	free(t.next);
	free(t.fail);
}

/* Whether word w matches at text[start..): its key is known to match,
 * folded, so only a case-sensitive key and what follows the key are left
 * to check; sets *end past the match. */
static bool
verify(const struct kw *w, const char *text, size_t len, size_t start,
       size_t *end)
{
	if (!w->icase && memcmp(w->text, text + start, w->keylen) != 0)
		return false;
	size_t i = w->keylen, p = start + w->keylen;
	while (i < w->len) {
		size_t ws = space_at(w->text, w->len, i);
		if (ws) {
			size_t ts = space_at(text, len, p);
			if (!ts)
				return false;
			i += ws;
			p += ts;
			continue;
		}
		if (p >= len)
			return false;
		unsigned char a = (unsigned char)w->text[i];
		unsigned char b = (unsigned char)text[p];
		if (w->icase ? fold(a) != fold(b) : a != b)
			return false;
		i++;
		p++;
	}
	*end = p;
	return true;
}

/* Whether c is an ASCII word character, as \w has them. */
static bool
ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* The words whose key ends at text[i] in state row s. */
static bool
report(const struct kwset *k, uint32_t s, const char *text, size_t len,
       size_t i, kwset_hit_fn *hit, void *ctx)
{
	uint32_t o = (s - k->first_out) >> k->shift;
	for (uint32_t j = k->out_off[o]; j < k->out_off[o + 1]; j++) {
		const struct kw *w = &k->w[k->out_w[j]];
		size_t start = i + 1 - w->keylen, e;
		if (w->whole && !w->cjk_start && start > 0 &&
		    ascii_word((unsigned char)text[start - 1]))
			continue;
		if (!verify(w, text, len, start, &e))
			continue;
		if (w->whole && !w->cjk_end && e < len &&
		    ascii_word((unsigned char)text[e]))
			continue;
		if (!hit(ctx, start, e, w->id, k->out_w[j]))
			return false;
	}
	return true;
}

/* The state (its row) after s on byte c. */
static inline uint32_t
step(const struct kwset *k, uint32_t s, unsigned char c)
{
	return k->wide ? k->wide[s + c] : k->delta[s + k->cls[c]];
}

/*
 * The scan is one dependent load per byte: its speed is the latency of
 * that load.  Eight parts of the text scanned side by side keep eight
 * loads in flight (a bare loop of lookups in the wide table over the 100
 * MB bench article: 8 parts 44 ms, 6 parts 48, 4 parts 59; the compact
 * table's two loads per byte, 4 parts, 71).  How the parts share a
 * window, see scan_window.  What the parts find side by side is noted,
 * and reported part by part once the scan is done, so that occurrences
 * come in order of where they end.
 */
#define STREAMS 8
#define STREAM_MIN 1024 /* below this, one part */

struct pending {
	size_t i;   /* where a key ended */
	uint32_t s; /* the state there */
};

struct pendings {
	struct pending *v;
	size_t n, cap;
};

static void
note(struct pendings *p, size_t i, uint32_t s)
{
	if (p->n == p->cap)
		xgrow(&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = (struct pending){i, s};
}

/* Reports part j's noted occurrences, then scans the rest of it. */
static bool
finish_part(const struct kwset *k, const char *text, size_t len,
            const struct pendings *noted, uint32_t s, size_t pos, size_t from,
            size_t end, kwset_hit_fn *hit, void *ctx)
{
	for (size_t q = 0; q < noted->n; q++)
		if (!report(k, noted->v[q].s, text, len, noted->v[q].i, hit,
		            ctx))
			return false;
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = pos; i < end; i++) {
		s = step(k, s, p[i]);
		if (s >= k->first_out && i >= from &&
		    !report(k, s, text, len, i, hit, ctx))
			return false;
	}
	return true;
}

/* One step of the eight parts side by side, in the wide table or the
 * other (a constant where it is inlined: two loops, no branch). */
#define STEP(sj, oj) sj = wide ? w[(sj) + q[oj]] : delta[(sj) + cls[q[oj]]]

/* Part j's state sj noted when it has an output. */
#define NOTE(j, sj)                                             \
	do {                                                    \
		if ((sj) >= first_out && pos[j] + t >= from[j]) \
			note(&noted[j], pos[j] + t, (sj));      \
	} while (0)

/* Steps the eight parts, stride bytes apart from p + pos[0], side by side
 * steps bytes from the root, noting part j's outputs at or after from[j]
 * (pos[j]: where part j starts); their states are left in st[j]. */
static inline __attribute__((always_inline)) void
scan_parts(const struct kwset *k, bool wide, const unsigned char *p,
           const size_t pos[STREAMS], size_t stride, const size_t from[STREAMS],
           size_t steps, uint32_t st[STREAMS], struct pendings *noted)
{
	const uint32_t *w = k->wide;
	const uint32_t *delta = k->delta;
	const uint8_t *cls = k->cls;
	const uint32_t first_out = k->first_out;
	/* One pointer and the parts a stride apart: fewer registers than a
	 * pointer per part, so that the states keep theirs. */
	const unsigned char *p0 = p + pos[0];
	const size_t o1 = stride, o2 = 2 * stride, o3 = 3 * stride,
	             o4 = 4 * stride, o5 = 5 * stride, o6 = 6 * stride,
	             o7 = 7 * stride;
	uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
	const unsigned char *q = p0, *qend = p0 + steps;
	for (; q < qend; q++) {
		/* The inner loop runs to the next output and leaves it: what
		 * noting needs stays out of the loop's registers. */
		for (; q < qend; q++) {
			STEP(s0, 0);
			STEP(s1, o1);
			STEP(s2, o2);
			STEP(s3, o3);
			STEP(s4, o4);
			STEP(s5, o5);
			STEP(s6, o6);
			STEP(s7, o7);
			/* Output states from a power of two on: one OR, one
			 * branch. */
			if (__builtin_expect((s0 | s1 | s2 | s3 | s4 | s5 | s6 |
			                      s7) >= first_out,
			                     0))
				break;
		}
		if (q == qend)
			break;
		size_t t = (size_t)(q - p0);
		NOTE(0, s0);
		NOTE(1, s1);
		NOTE(2, s2);
		NOTE(3, s3);
		NOTE(4, s4);
		NOTE(5, s5);
		NOTE(6, s6);
		NOTE(7, s7);
	}
	st[0] = s0;
	st[1] = s1;
	st[2] = s2;
	st[3] = s3;
	st[4] = s4;
	st[5] = s5;
	st[6] = s6;
	st[7] = s7;
}

#undef STEP
#undef NOTE

/*
 * Scans text[lo..hi) (of text[0..len), which report reads around the
 * keys) in eight parts side by side, or one when short, reporting in
 * order of where keys end.  noted: the parts' buffers, reused.  False
 * when hit said stop.
 */
static bool
scan_window(const struct kwset *k, const char *text, size_t len, size_t lo,
            size_t hi, struct pendings noted[STREAMS], kwset_hit_fn *hit,
            void *ctx)
{
	/* The parts a stride apart, each starting ov bytes (the longest key
	 * less one) before the place it reports from, so that a key across
	 * a border is found by the part it ends in: the first reports from
	 * lo (its ov bytes before are the previous window's), each ends
	 * where the next reports from.  Parts hardly longer than ov would
	 * scan most bytes twice: one part then. */
	size_t ov = k->maxkey - 1, start = lo > ov ? lo - ov : 0;
	size_t stride = (hi - start) / STREAMS;
	for (size_t j = 0; j < STREAMS; j++)
		noted[j].n = 0;
	if (hi - lo < STREAM_MIN || stride <= ov)
		return finish_part(k, text, len, &noted[0], 0, start, lo, hi,
		                   hit, ctx);
	size_t pos[STREAMS], end[STREAMS], from[STREAMS];
	for (size_t j = 0; j < STREAMS; j++) {
		pos[j] = start + j * stride;
		from[j] = j ? pos[j] + ov : lo;
	}
	for (size_t j = 0; j < STREAMS; j++)
		end[j] = j + 1 < STREAMS ? from[j + 1] : hi;
	size_t steps = SIZE_MAX;
	for (size_t j = 0; j < STREAMS; j++)
		if (end[j] - pos[j] < steps)
			steps = end[j] - pos[j];
	const unsigned char *p = (const unsigned char *)text;
	uint32_t st[STREAMS];
	if (k->wide)
		scan_parts(k, true, p, pos, stride, from, steps, st, noted);
	else
		scan_parts(k, false, p, pos, stride, from, steps, st, noted);
	for (size_t j = 0; j < STREAMS; j++)
		if (!finish_part(k, text, len, &noted[j], st[j], pos[j] + steps,
		                 from[j], end[j], hit, ctx))
			return false;
	return true;
}

/* Scanned a window at a time: what the parts note waits at most this
 * long to be reported (memory bounded whatever the text's length). */
#define WINDOW (256 * 1024)

void
kwset_find(const struct kwset *k, const char *text, size_t len,
           kwset_hit_fn *hit, void *ctx)
{
	if (!k->compiled || k->n == 0)
		return;
	struct pendings noted[STREAMS] = {{0}};
	bool go = true;
	for (size_t lo = 0; go && lo < len; lo += WINDOW)
		go = scan_window(k, text, len, lo,
		                 len - lo > WINDOW ? lo + WINDOW : len, noted,
		                 hit, ctx);
	for (size_t j = 0; j < STREAMS; j++)
		free(noted[j].v);
}
