/*
 * Fuzz target: the whole app, as the headless mode drives it.  The input
 * is a screen size and a stream of keys and resizes: bytes 0-1 give the
 * first size (1x1 to 300x100); then each byte is a key (printable ASCII as
 * itself; the others picked from the special keys and a few controls) or,
 * for 0xFF followed by two bytes, a resize.  After each event the screen
 * is drawn.  Nothing may crash, and every frame must hold only what fits:
 * the frame's own checks, and the sanitizers.  The bundled corpus and the
 * built-in config are loaded once.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "corpus.h"
#include "keys.h"
#include "render.h"

#ifndef LECTERN_SRCDIR
#define LECTERN_SRCDIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct corpus corpus;
static struct config cfg;

static void
load_once(void)
{
	static int ready;
	if (ready)
		return;
	ready = 1;
	setlocale(LC_ALL, "C.UTF-8");
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_init(&corpus);
	const char *dir = getenv("LECTERN_FUZZ_CORPUS");
	if (corpus_add_path(&corpus, dir ? dir : LECTERN_SRCDIR "/corpus",
	                    &dl) <= 0)
		abort();
	config_init(&cfg);
	if (config_load_defaults(&cfg, &dl))
		abort();
	diag_list_fini(&dl);
}

static const int specials[] = {
        K_UP,           K_DOWN,          K_LEFT,
        K_RIGHT,        K_PAGEUP,        K_PAGEDOWN,
        K_HOME,         K_END,           K_ENTER,
        K_TAB,          K_BACKTAB,       K_ESC,
        K_BACKSPACE,    K_DELETE,        K_F1,
        12 /* C-l */,   21 /* C-u */,    23 /* C-w */,
        0x00e9 /* é */, 0x534e /* 华 */, 0x202e /* RLO */,
        K_RELOAD,       'j' | K_META,
};

static int
key_of(uint8_t b)
{
	if (b >= 0x20 && b < 0x7f)
		return b;
	return specials[b % (sizeof specials / sizeof specials[0])];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	load_once();
	struct app a;
	app_init(&a, &corpus, 1 + data[1] % 100, 1 + data[0] % 300,
	         &cfg.keymap);
	struct diag_list dl;
	diag_list_init(&dl);
	app_set_groups(&a, cfg.groups, cfg.ngroups, &dl);
	diag_list_fini(&dl);
	while (app_background_pending(&a))
		app_background_step(&a);
	render_app(&a);
	for (size_t i = 2; i < size && !a.quit; i++) {
		if (data[i] == 0xff && i + 2 < size) {
			app_resize(&a, 1 + data[i + 2] % 100,
			           1 + data[i + 1] % 300);
			i += 2;
		} else {
			app_key(&a, key_of(data[i]));
		}
		a.reload = false; /* no config file here */
		if (a.dirty)
			render_app(&a);
	}
	app_fini(&a);
	return 0;
}
