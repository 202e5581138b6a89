/* links.c - finding web and email addresses by their shape. */
#include "links.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"

void
link_list_init(struct link_list *l)
{
	memset(l, 0, sizeof *l);
}

void
link_list_fini(struct link_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].target);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The schemes recognised after a word boundary; those ending in ':' take
 * no "//" (mailto:someone@example.org). */
static const char *const schemes[] = {
        "https://", "http://",   "ftps://",   "ftp://",  "sftp://",
        "file://",  "gopher://", "gemini://", "ircs://", "irc://",
        "mailto:",  "news:",     "tel:",
};

/* Whether c is one of set (strchr would also find the NUL at its end). */
static bool
in_set(const char *set, int c)
{
	return c != 0 && strchr(set, c) != NULL;
}

static bool
is_ascii_alnum(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Whether c can be part of a link: printable, not a space of any kind,
 * not a character RFC 3986 never allows unencoded, not a quotation mark
 * or CJK punctuation (which end a link in running text), not an invisible
 * formatting character (a bidi override must not hide inside a link). */
static bool
is_link_char(uint32_t c)
{
	if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0xa0))
		return false;
	if (c < 0x80 && in_set("<>\"`{}|\\^", (int)c))
		return false;
	switch (c) {
	case 0x00ab: /* « */
	case 0x00bb: /* » */
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x3000:
	case 0xfeff:
	case UTF8_REPLACEMENT:
		return false;
	default:
		break;
	}
	if (c >= 0x2000 && c <= 0x200f) /* spaces, zero widths, marks */
		return false;
	if (c >= 0x2018 && c <= 0x201f) /* typographic quotes */
		return false;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return false; /* bidi embeddings, overrides, isolates */
	if (c >= 0x3001 && c <= 0x303f) /* CJK punctuation: 、。「」… */
		return false;
	if (c >= 0xff01 && c <= 0xff0f) /* fullwidth ！＂…（），．／ */
		return false;
	if (c >= 0xff1a && c <= 0xff1f) /* fullwidth ：；＜＝＞？ */
		return false;
	return true;
}

/* Whether a link may start at i: not in the middle of a word, a path or
 * another address. */
static bool
boundary_before(const char *text, size_t i)
{
	if (i == 0)
		return true;
	uint32_t c;
	utf8_decode_before(text, i, &c);
	if (is_ascii_alnum(c) || c == '.' || c == '/' || c == '@' || c == '-' ||
	    c == '_' || c == '+')
		return false;
	return c >= 0x80 ? !is_link_char(c) || c >= 0x2000 : true;
}

/* The end of the run of link characters from i. */
static size_t
run_end(const char *text, size_t len, size_t i)
{
	while (i < len) {
		uint32_t c;
		size_t n = utf8_decode(text + i, len - i, &c);
		if (!is_link_char(c))
			break;
		i += n;
	}
	return i;
}

static size_t
count_char(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* Drops from the end of text[start..end) what running text puts after a
 * link: sentence punctuation, and a closing bracket the link did not
 * open. */
static size_t
trim_end(const char *text, size_t start, size_t end)
{
	static const char pairs[][2] = {{'(', ')'}, {'[', ']'}};
	while (end > start) {
		char c = text[end - 1];
		if (in_set(".,;:!?'*", c)) {
			end--;
			continue;
		}
		bool dropped = false;
		for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
			if (c != pairs[p][1])
				continue;
			if (count_char(text + start, end - start, pairs[p][0]) <
			    count_char(text + start, end - start,
			               pairs[p][1])) {
				end--;
				dropped = true;
			}
		}
		if (!dropped)
			break;
	}
	return end;
}

/* The scheme starting at text[i], or NULL. */
static const char *
scheme_at(const char *text, size_t len, size_t i)
{
	for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
		size_t n = strlen(schemes[k]);
		if (len - i > n && strncasecmp(text + i, schemes[k], n) == 0)
			return schemes[k];
	}
	return NULL;
}

/* Whether text[s..e) is host.tld: labels of letters, digits and '-', at
 * least two, the last all letters and at least two long. */
static bool
is_domain(const char *text, size_t s, size_t e)
{
	size_t labels = 0, label_len = 0;
	bool alpha_only = true;
	for (size_t i = s; i <= e; i++) {
		char c = i < e ? text[i] : '.';
		if (c == '.') {
			if (label_len == 0)
				return false;
			labels++;
			if (i == e)
				break;
			label_len = 0;
			alpha_only = true;
		} else if (is_ascii_alnum((unsigned char)c) || c == '-') {
			label_len++;
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
				alpha_only = false;
		} else {
			return false;
		}
	}
	return labels >= 2 && alpha_only && label_len >= 2;
}

static void
add(struct link_list *out, enum link_kind kind, const char *text, size_t s,
    size_t e, size_t base, const char *prefix)
{
	xgrow(&out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct link *l = &out->v[out->n++];
	l->kind = kind;
	l->start = base + s;
	l->end = base + e;
	l->target = xasprintf("%s%.*s", prefix, (int)(e - s), text + s);
}

/* A link from a scheme or "www." at i, or 0. */
static size_t
url_at(const char *text, size_t len, size_t i, const char **prefix)
{
	const char *scheme = scheme_at(text, len, i);
	size_t body;
	*prefix = "";
	if (scheme) {
		body = i + strlen(scheme);
	} else if (len - i > 4 && strncasecmp(text + i, "www.", 4) == 0) {
		body = i;
		*prefix = "http://";
	} else {
		return 0;
	}
	size_t e = trim_end(text, i, run_end(text, len, body));
	if (e <= body)
		return 0;
	/* A host for the schemes that have one: "http://." is no link. */
	if (!scheme || scheme[strlen(scheme) - 1] == '/') {
		size_t h = body;
		while (h < e && !in_set("/?#", text[h]))
			h++;
		size_t at = h;
		while (at > body && text[at - 1] != '@')
			at--; /* user@host: the host is after the '@' */
		size_t port = at;
		while (port < h && text[port] != ':')
			port++;
		bool named = is_domain(text, at, port);
		bool plain =
		        port > at && (is_ascii_alnum((unsigned char)text[at]) ||
		                      text[at] == '[');
		if (!scheme && !named)
			return 0; /* a bare "www.x" needs a real domain */
		if (scheme && strncmp(scheme, "file", 4) != 0 && !plain)
			return 0;
	}
	return e;
}

/* An email address around the '@' at text[at], or false. */
static bool
email_at(const char *text, size_t len, size_t at, size_t *s, size_t *e)
{
	static const char local[] = "._%+-";
	size_t a = at;
	while (a > 0 && (is_ascii_alnum((unsigned char)text[a - 1]) ||
	                 in_set(local, text[a - 1])))
		a--;
	while (a < at && text[a] == '.')
		a++;
	if (a == at || text[at - 1] == '.' || !boundary_before(text, a))
		return false;
	size_t b = at + 1;
	while (b < len && (is_ascii_alnum((unsigned char)text[b]) ||
	                   in_set(".-", text[b])))
		b++;
	while (b > at + 1 && in_set(".-", text[b - 1]))
		b--;
	if (!is_domain(text, at + 1, b))
		return false;
	*s = a;
	*e = b;
	return true;
}

size_t
links_find(const char *text, size_t len, size_t base, struct link_list *out)
{
	size_t first = out->n;
	size_t i = 0;
	while (i < len) {
		const char *prefix;
		size_t e = 0, s = i;
		unsigned char c = (unsigned char)text[i];
		if ((c == 'w' || c == 'W' || scheme_at(text, len, i)) &&
		    boundary_before(text, i))
			e = url_at(text, len, i, &prefix);
		if (e) {
			add(out, LINK_URL, text, s, e, base, prefix);
			i = e;
			continue;
		}
		if (c == '@' && email_at(text, len, i, &s, &e)) {
			/* The address starts before the '@': nothing before
			 * it was taken, as links end where it begins. */
			add(out, LINK_EMAIL, text, s, e, base, "mailto:");
			i = e;
			continue;
		}
		i++;
	}
	return out->n - first;
}
