/* meta.c - the metadata line under an article's title. */
#include "meta.h"

#include <stdlib.h>

#include "util.h"

/* Appends item to the metadata line, after " · " unless it is the first;
 * its spaces (and the space before the dot) are no-break spaces, so the
 * line wraps only between items, never inside one. */
static void
meta_item(struct strbuf *sb, const char *item)
{
	if (sb->len)
		sb_addstr(sb, "\xc2\xa0\xc2\xb7 "); /* NBSP, middle dot */
	for (const char *p = item; *p; p++) {
		if (*p == ' ')
			sb_addstr(sb, "\xc2\xa0");
		else
			sb_addch(sb, *p);
	}
}

bool
meta_has_words(const struct article *art)
{
	return art->words_known || art->body_len <= META_COUNT_BYTES;
}

char *
meta_line(struct article *art)
{
	struct strbuf sb;
	sb_init(&sb);
	const struct frontmatter *fm = &art->fm;
	char *s;
	if (fm->author) {
		s = xasprintf("By %s", fm->author);
		meta_item(&sb, s);
		free(s);
	}
	if (fm->date)
		meta_item(&sb, fm->date);
	if (fm->source)
		meta_item(&sb, fm->source);
	if (fm->ntags) {
		/* Tags are items of their own, a break between any two. */
		if (sb.len)
			sb_addstr(&sb, "\xc2\xa0\xc2\xb7 ");
		for (size_t i = 0; i < fm->ntags; i++)
			sb_addf(&sb, "%s#%s", i ? " " : "", fm->tags[i]);
	}
	if (!meta_has_words(art))
		return sb_detach(&sb);
	/* Reading time at 230 words a minute, rounded up. */
	size_t words = article_words(art);
	s = xasprintf("%zu word%s", words, words == 1 ? "" : "s");
	meta_item(&sb, s);
	free(s);
	s = xasprintf("%zu min read", (words + 229) / 230);
	meta_item(&sb, s);
	free(s);
	return sb_detach(&sb);
}
