/* frame.c - the in-memory screen. */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "utf8.h"

void
frame_init(struct frame *f)
{
	f->rows = f->cols = 0;
	f->cells = NULL;
}

void
frame_fini(struct frame *f)
{
	free(f->cells);
	frame_init(f);
}

void
frame_resize(struct frame *f, int rows, int cols)
{
	if (rows < 0)
		rows = 0;
	if (cols < 0)
		cols = 0;
	if (rows * cols != f->rows * f->cols || !f->cells)
		f->cells = xrealloc(f->cells, (size_t)rows * (size_t)cols *
		                                      sizeof *f->cells);
	f->rows = rows;
	f->cols = cols;
	for (int r = 0; r < rows; r++)
		frame_fill(f, r, 0, cols, ROLE_NORMAL);
}

struct cell *
frame_at(struct frame *f, int r, int c)
{
	return &f->cells[(size_t)r * (size_t)f->cols + (size_t)c];
}

static void
blank(struct cell *cl, enum role role)
{
	cl->cp = ' ';
	cl->comb[0] = cl->comb[1] = 0;
	cl->width = 1;
	cl->role = (uint8_t)role;
}

void
frame_fill(struct frame *f, int r, int c0, int c1, enum role role)
{
	if (r < 0 || r >= f->rows)
		return;
	if (c0 < 0)
		c0 = 0;
	if (c1 > f->cols)
		c1 = f->cols;
	for (int c = c0; c < c1; c++)
		blank(frame_at(f, r, c), role);
	/* Never leave half of a wide character behind. */
	if (c0 > 0 && c0 < f->cols && frame_at(f, r, c0 - 1)->width == 2)
		blank(frame_at(f, r, c0 - 1), frame_at(f, r, c0 - 1)->role);
	if (c1 > 0 && c1 < f->cols && frame_at(f, r, c1)->width == 0)
		blank(frame_at(f, r, c1), frame_at(f, r, c1)->role);
}

int
frame_put_text(struct frame *f, int r, int c, int cmax, const char *s,
               size_t len, enum role role, int tab0)
{
	if (r < 0 || r >= f->rows)
		return c;
	if (cmax > f->cols)
		cmax = f->cols;
	size_t pos = 0;
	int last = -1; /* column of the last base character written */
	while (pos < len && c < cmax) {
		struct glyph g;
		glyph_next(s, len, &pos, c - tab0, &g);
		switch (g.kind) {
		case GLYPH_COMBINING:
			/* A joiner or a presentation selector is not drawn:
			 * terminals disagree on how wide what they join is
			 * (tmux draws a family emoji 2 columns wide, xterm
			 * 6), and a disagreement leaves stale cells.  Apart,
			 * the pieces have one width everywhere. */
			if (glyph_is_joiner(g.cp))
				break;
			if (last >= 0) {
				struct cell *cl = frame_at(f, r, last);
				for (int i = 0; i < FRAME_MAX_COMBINING; i++)
					if (!cl->comb[i]) {
						cl->comb[i] = g.cp;
						break;
					}
			}
			break;
		case GLYPH_TAB:
			frame_fill(f, r, c,
			           c + g.width < cmax ? c + g.width : cmax,
			           role);
			c += g.width;
			last = -1;
			break;
		case GLYPH_PLACEHOLDER:
			for (int i = 0; g.text[i] && c < cmax; i++, c++) {
				frame_fill(f, r, c, c + 1, ROLE_CONTROL);
				frame_at(f, r, c)->cp =
				        (unsigned char)g.text[i];
			}
			last = -1;
			break;
		case GLYPH_CHAR:
			if (c + g.width > cmax) {
				frame_fill(f, r, c, cmax, role);
				c = cmax;
				break;
			}
			frame_fill(f, r, c, c + g.width, role);
			frame_at(f, r, c)->cp = g.cp;
			frame_at(f, r, c)->width = (uint8_t)g.width;
			if (g.width == 2)
				frame_at(f, r, c + 1)->width = 0;
			last = c;
			c += g.width;
			break;
		}
	}
	return c < cmax ? c : cmax;
}

int
frame_put_str(struct frame *f, int r, int c, int cmax, const char *s,
              enum role role)
{
	return frame_put_text(f, r, c, cmax, s, strlen(s), role, c);
}

void
frame_row_text(const struct frame *f, int r, struct strbuf *out)
{
	for (int c = 0; c < f->cols; c++) {
		const struct cell *cl =
		        &f->cells[(size_t)r * (size_t)f->cols + (size_t)c];
		if (cl->width == 0)
			continue;
		char buf[4];
		sb_add(out, buf, utf8_encode(cl->cp, buf));
		for (int i = 0; i < FRAME_MAX_COMBINING && cl->comb[i]; i++)
			sb_add(out, buf, utf8_encode(cl->comb[i], buf));
	}
}

void
frame_to_text(const struct frame *f, struct strbuf *out)
{
	for (int r = 0; r < f->rows; r++) {
		size_t start = out->len;
		frame_row_text(f, r, out);
		while (out->len > start && out->buf[out->len - 1] == ' ')
			out->len--;
		out->buf[out->len] = '\0';
		sb_addch(out, '\n');
	}
}
