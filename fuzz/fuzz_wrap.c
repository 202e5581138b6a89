/* Fuzz target: UTF-8 decoding, display widths and wrapping of untrusted
 * text, with the wrapping invariants checked, whole and a few lines at a time. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "glyph.h"
#include "utf8.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size < 1)
		return 0;
	int width = 1 + data[0] % 100;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	utf8_valid(text, len);
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	wrap_text(text, len, width, &wl);
	size_t prev_end = 0;
	for (size_t i = 0; i < wl.n; i++) {
		const struct wrap_line *l = &wl.v[i];
		if (l->start < prev_end || l->end < l->start || l->end > len)
			__builtin_trap();
		int w = glyph_text_width(text + l->start, l->end - l->start);
		if (w != l->cols)
			__builtin_trap();
		/* Wider than the width only for one character that cannot
		 * fit any line (a wide character or placeholder). */
		if (w > width) {
			int visible = 0;
			size_t pos = l->start;
			struct glyph g;
			while (pos < l->end) {
				glyph_next(text, l->end, &pos, 0, &g);
				visible += g.width > 0;
			}
			if (visible != 1)
				__builtin_trap();
		}
		prev_end = l->end;
	}
	/* A few lines at a time, going on where each call stopped, the
	 * same lines (the lazy layout relies on it). */
	size_t max = 1 + data[0] % 5, from = 0, k = 0;
	struct wrap_lines piece;
	wrap_lines_init(&piece);
	for (;;) {
		size_t next;
		piece.n = 0;
		size_t n = wrap_text_max(text + from, len - from, width, max,
		                         &piece, &next);
		for (size_t i = 0; i < n; i++, k++)
			if (k >= wl.n ||
			    from + piece.v[i].start != wl.v[k].start ||
			    from + piece.v[i].end != wl.v[k].end)
				__builtin_trap();
		if (next == len - from)
			break;
		if (next == 0 || n != max)
			__builtin_trap();
		from += next;
	}
	if (k != wl.n)
		__builtin_trap();
	wrap_lines_fini(&piece);
	wrap_lines_fini(&wl);
	return 0;
}
