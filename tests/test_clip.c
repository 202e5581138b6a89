/* test_clip.c - yank targets and the OSC 52 bytes. */
#include "clip.h"

#include <string.h>

#include <criterion/criterion.h>

static void
b64(const char *in, const char *want)
{
	struct strbuf sb;
	sb_init(&sb);
	clip_base64(in, strlen(in), &sb);
	cr_expect_str_eq(sb.buf, want, "base64 of \"%s\"", in);
	sb_fini(&sb);
}

Test(clip, base64_rfc4648_vectors)
{
	b64("", "");
	b64("f", "Zg==");
	b64("fo", "Zm8=");
	b64("foo", "Zm9v");
	b64("foob", "Zm9vYg==");
	b64("fooba", "Zm9vYmE=");
	b64("foobar", "Zm9vYmFy");
	b64("\xff\xfe\x00", "//4=");
}

Test(clip, osc52_carries_no_raw_byte_of_the_text)
{
	const char text[] = "Huawei \033]0;PWNED\a\xc2\x9b"
	                    "31m\n";
	struct strbuf sb;
	sb_init(&sb);
	clip_osc52(text, sizeof text - 1, &sb);
	cr_assert_eq(strncmp(sb.buf, "\033]52;c;", 7), 0);
	cr_assert_eq(sb.buf[sb.len - 1], '\a');
	/* Between the introducer and the BEL: base64 only. */
	for (size_t i = 7; i + 1 < sb.len; i++)
		cr_assert(
		        strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
		               "uvwxyz0123456789+/=",
		               sb.buf[i]),
		        "byte %zu is 0x%02x", i, (unsigned char)sb.buf[i]);
	sb_fini(&sb);
}

Test(clip, auto_means_tmux_then_osc52_then_file)
{
	cr_expect_eq(clip_resolve(CLIP_AUTO, true, true), CLIP_TMUX);
	cr_expect_eq(clip_resolve(CLIP_AUTO, true, false), CLIP_TMUX);
	cr_expect_eq(clip_resolve(CLIP_AUTO, false, true), CLIP_OSC52);
	cr_expect_eq(clip_resolve(CLIP_AUTO, false, false), CLIP_FILE);
	cr_expect_eq(clip_resolve(CLIP_FILE, true, true), CLIP_FILE);
	cr_expect_eq(clip_resolve(CLIP_OSC52, false, false), CLIP_OSC52);
}

Test(clip, names_and_terminals)
{
	for (int t = CLIP_AUTO; t <= CLIP_FILE; t++)
		cr_expect_eq(clip_target_lookup(clip_target_name(t)), t);
	cr_expect_eq(clip_target_lookup("clipboard"), -1);
	cr_expect(clip_term_knows_osc52("xterm-256color"));
	cr_expect(clip_term_knows_osc52("tmux-256color"));
	cr_expect(!clip_term_knows_osc52("vt100"));
	cr_expect(!clip_term_knows_osc52("linux"));
	cr_expect(!clip_term_knows_osc52(NULL));
}
