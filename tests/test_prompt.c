/* Unit tests of the one-line input used for searches. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "prompt.h"

static void
type(struct prompt *p, const char *s)
{
	while (*s) {
		uint32_t cp = (unsigned char)*s;
		size_t n = 1;
		if (cp >= 0x80) { /* tests only use 2-byte characters */
			cp = ((cp & 0x1f) << 6) | ((unsigned char)s[1] & 0x3f);
			n = 2;
		}
		cr_assert_eq(prompt_key(p, (int)cp), PROMPT_EDITING);
		s += n;
	}
}

Test(prompt, typing_and_editing)
{
	struct prompt p;
	prompt_init(&p, NULL);
	type(&p, "huawei");
	cr_assert_str_eq(p.text.buf, "huawei");
	prompt_key(&p, K_HOME);
	type(&p, "X");
	cr_assert_str_eq(p.text.buf, "Xhuawei");
	prompt_key(&p, K_DELETE);
	cr_assert_str_eq(p.text.buf, "Xuawei");
	prompt_key(&p, K_END);
	prompt_key(&p, K_BACKSPACE);
	cr_assert_str_eq(p.text.buf, "Xuawe");
	prompt_key(&p, K_LEFT);
	prompt_key(&p, K_LEFT);
	prompt_key(&p, 'k' & 0x1f);
	cr_assert_str_eq(p.text.buf, "Xua");
	type(&p, " two words");
	prompt_key(&p, 'w' & 0x1f);
	cr_assert_str_eq(p.text.buf, "Xua two ");
	prompt_key(&p, 'u' & 0x1f);
	cr_assert_str_eq(p.text.buf, "");
	cr_assert_eq(p.cursor, 0);
	prompt_fini(&p);
}

Test(prompt, multibyte_characters_are_edited_whole)
{
	struct prompt p;
	prompt_init(&p, NULL);
	type(&p, "caf\xc3\xa9");
	cr_assert_eq(p.text.len, 5);
	prompt_key(&p, K_LEFT);
	cr_assert_eq(p.cursor, 3);
	prompt_key(&p, K_RIGHT);
	cr_assert_eq(p.cursor, 5);
	prompt_key(&p, K_BACKSPACE);
	cr_assert_str_eq(p.text.buf, "caf");
	prompt_fini(&p);
}

Test(prompt, enter_accepts_escape_cancels)
{
	struct prompt p;
	prompt_init(&p, NULL);
	type(&p, "x");
	cr_assert_eq(prompt_key(&p, K_ENTER), PROMPT_ACCEPT);
	cr_assert_eq(prompt_key(&p, K_ESC), PROMPT_CANCEL);
	cr_assert_eq(prompt_key(&p, 'g' & 0x1f), PROMPT_CANCEL);
	prompt_key(&p, K_BACKSPACE);
	cr_assert_eq(prompt_key(&p, K_BACKSPACE), PROMPT_CANCEL,
	             "backspace on an empty line leaves, as in less");
	cr_assert_eq(prompt_key(&p, K_F1), PROMPT_EDITING);
	cr_assert_str_eq(p.text.buf, "");
	prompt_fini(&p);
}

Test(prompt, history_walks_and_keeps_the_draft)
{
	struct prompt_history h;
	prompt_history_init(&h);
	prompt_history_add(&h, "one");
	prompt_history_add(&h, "two");
	prompt_history_add(&h, "two");
	prompt_history_add(&h, "");
	cr_assert_eq(h.n, 2);
	struct prompt p;
	prompt_init(&p, &h);
	type(&p, "dra");
	prompt_key(&p, K_UP);
	cr_assert_str_eq(p.text.buf, "two");
	prompt_key(&p, K_UP);
	cr_assert_str_eq(p.text.buf, "one");
	prompt_key(&p, K_UP);
	cr_assert_str_eq(p.text.buf, "one");
	prompt_key(&p, K_DOWN);
	prompt_key(&p, K_DOWN);
	cr_assert_str_eq(p.text.buf, "dra");
	prompt_fini(&p);
	prompt_history_fini(&h);
}

Test(prompt, history_drops_the_oldest_when_full)
{
	struct prompt_history h;
	prompt_history_init(&h);
	char buf[16];
	for (int i = 0; i < PROMPT_HISTORY_MAX + 5; i++) {
		snprintf(buf, sizeof buf, "q%d", i);
		prompt_history_add(&h, buf);
	}
	cr_assert_eq(h.n, PROMPT_HISTORY_MAX);
	cr_assert_str_eq(h.v[0], "q5");
	prompt_history_fini(&h);
}
