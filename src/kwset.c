/*
 * kwset.c - many literal words, one pass: Aho-Corasick over folded bytes.
 *
 * The automaton is built on each word's key: its first run of non-space
 * bytes, ASCII letters folded to lower case.  Bytes are mapped to classes
 * (the bytes keys use, case variants together; every other byte is class
 * 0), and the transition table is complete (a DFA: failure links are
 * followed at build time), so the scan is one class lookup and one table
 * lookup per byte.  Table entries are row offsets, not state numbers, to
 * save a multiplication; states with an output are numbered last, so one
 * comparison per byte says whether a key ended.  The rest of a word, and
 * its case when it does not ignore case, is checked at the candidate.
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
	uint32_t shift;     /* rows are 1 << shift entries wide */
	uint32_t *delta;    /* [row + class]: the next state's row */
	uint32_t first_out; /* rows from here have outputs */
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
	uint32_t *num = xmalloc(t.n * sizeof *num), plain = 0, outs = 0;
	for (uint32_t s = 0; s < t.n; s++)
		if (!nout[s])
			num[s] = plain++;
	for (uint32_t s = 0; s < t.n; s++)
		if (nout[s])
			num[s] = plain + outs++;
	/* Rows a power of two wide: a row's state is a shift away. */
	k->shift = 0;
	while ((1u << k->shift) < t.nclass)
		k->shift++;
	size_t width = (size_t)1 << k->shift;
	k->first_out = plain << k->shift;
	k->delta = xcalloc((size_t)t.n * width, sizeof *k->delta);
	for (uint32_t s = 0; s < t.n; s++)
		for (uint32_t c = 0; c < t.nclass; c++)
			k->delta[(size_t)num[s] * width + c] =
			        num[t.next[(size_t)s * t.nclass + c]]
			        << k->shift;
	k->out_off = xcalloc((size_t)outs + 1, sizeof *k->out_off);
	for (uint32_t s = 0; s < t.n; s++)
		if (nout[s])
			k->out_off[num[s] - plain + 1] = nout[s];
	for (uint32_t i = 0; i < outs; i++)
		k->out_off[i + 1] += k->out_off[i];
	k->out_w = xmalloc((size_t)k->out_off[outs] * sizeof *k->out_w + 1);
	uint32_t *fill = xcalloc((size_t)outs + 1, sizeof *fill);
	/* A state's own words, then its failure chain's, in word order. */
	for (uint32_t s = 0; s < t.n; s++) {
		if (!nout[s])
			continue;
		uint32_t o = num[s] - plain;
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

/*
 * The scan is one dependent load per byte: its speed is the latency of
 * that load.  Four parts of the text scanned side by side keep four
 * loads in flight.  Each part after the first starts its automaton
 * afresh the length of the longest key, less one, before its own start,
 * so a key across the border is found (by that part alone: outputs
 * before a part's own start are the previous part's).  What the parts
 * find side by side is noted, and reported part by part once the scan
 * is done, so that occurrences come in order of where they end.
 */
#define STREAMS 4
#define STREAM_MIN 512 /* below this, one part */

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
		s = k->delta[s + k->cls[p[i]]];
		if (s >= k->first_out && i >= from &&
		    !report(k, s, text, len, i, hit, ctx))
			return false;
	}
	return true;
}

/*
 * Scans text[lo..hi) (of text[0..len), which report reads around the
 * keys) in four parts side by side, or one when short, reporting in
 * order of where keys end.  noted: the parts' buffers, reused.  False
 * when hit said stop.
 */
static bool
scan_window(const struct kwset *k, const char *text, size_t len, size_t lo,
            size_t hi, struct pendings noted[STREAMS], kwset_hit_fn *hit,
            void *ctx)
{
	size_t pos[STREAMS], end[STREAMS], from[STREAMS];
	for (size_t j = 0; j < STREAMS; j++) {
		from[j] = lo + (hi - lo) * j / STREAMS;
		end[j] = lo + (hi - lo) * (j + 1) / STREAMS;
		pos[j] = from[j] > k->maxkey ? from[j] - (k->maxkey - 1) : 0;
		noted[j].n = 0;
	}
	if (hi - lo < STREAM_MIN)
		return finish_part(k, text, len, &noted[0], 0, pos[0], lo, hi,
		                   hit, ctx);
	const uint32_t *delta = k->delta;
	const uint8_t *cls = k->cls;
	const uint32_t first_out = k->first_out;
	const unsigned char *p = (const unsigned char *)text;
	size_t steps = SIZE_MAX;
	for (size_t j = 0; j < STREAMS; j++)
		if (end[j] - pos[j] < steps)
			steps = end[j] - pos[j];
	const unsigned char *p0 = p + pos[0], *p1 = p + pos[1],
	                    *p2 = p + pos[2], *p3 = p + pos[3];
	uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	for (size_t t = 0; t < steps; t++) {
		s0 = delta[s0 + cls[p0[t]]];
		s1 = delta[s1 + cls[p1[t]]];
		s2 = delta[s2 + cls[p2[t]]];
		s3 = delta[s3 + cls[p3[t]]];
		/* Bitwise, not short-circuit: one branch. */
		if (__builtin_expect((s0 >= first_out) | (s1 >= first_out) |
		                             (s2 >= first_out) |
		                             (s3 >= first_out),
		                     0)) {
			uint32_t sv[STREAMS] = {s0, s1, s2, s3};
			for (size_t j = 0; j < STREAMS; j++)
				if (sv[j] >= first_out && pos[j] + t >= from[j])
					note(&noted[j], pos[j] + t, sv[j]);
		}
	}
	uint32_t st[STREAMS] = {s0, s1, s2, s3};
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
