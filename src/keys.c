/* keys.c - key names. */
#include "keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static const struct {
	int key;
	const char *name;
} specials[] = {
#define KEY_ROW(e, name) {K_##e, name},
        KEY_SPECIAL_LIST(KEY_ROW)
#undef KEY_ROW
                {K_PAGEUP, "PgUp"},
        {K_PAGEDOWN, "PgDn"},
        {K_ENTER, "Return"},
        {K_ESC, "Escape"},
        {K_BACKTAB, "BTab"},
        {K_DELETE, "Del"},
        {K_BACKSPACE, "BS"},
        {K_INSERT, "Ins"},
        {K_SPACE, "Space"},
        {'#', "Hash"}, /* # in key scripts, where # starts a comment */
};

/* Control keys that terminals send as keys with names of their own. */
static int
ctrl_key(int c)
{
	switch (c) {
	case 'i':
		return K_TAB;
	case 'm':
		return K_ENTER;
	case '[':
		return K_ESC;
	default:
		break;
	}
	if (c >= 'a' && c <= 'z')
		return c & 0x1f;
	if (c == '@' || (c >= '[' && c <= '_'))
		return c & 0x1f;
	return -1;
}

const char *
keys_unsendable(int key)
{
	int base = key & ~K_META;
	if (base == K_RESIZE || base == K_RELOAD || base == K_MOUSE)
		return "it is an event (for key scripts), not a key";
	if (key & K_META) {
		if (base >= K_SPECIAL)
			return "terminals send Alt with this key as a sequence "
			       "lectern does not read (Alt works with "
			       "printable keys)";
		if (base <= ' ' || base == 127)
			return "lectern reads Alt with printable keys only";
		return NULL;
	}
	if (key == '\n')
		return "terminals send it as Enter";
	if (key == 8)
		return "terminals send it as Backspace";
	if (key == 0)
		return "it is a NUL byte, not read as a key";
	return NULL;
}

int
keys_parse(const char *name, size_t len)
{
	if (len == 0)
		return -1;
	if (len > 2 && name[1] == '-' && (name[0] == 'M' || name[0] == 'C')) {
		if (name[0] == 'M') {
			int k = keys_parse(name + 2, len - 2);
			if (k < 0 || (k & K_META))
				return -1;
			return k | K_META;
		}
		if (len == 3) {
			char c = name[2];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			return ctrl_key(c);
		}
		return -1;
	}
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
		if (strlen(specials[i].name) == len &&
		    strncasecmp(specials[i].name, name, len) == 0)
			return specials[i].key;
	uint32_t cp;
	size_t n = utf8_decode(name, len, &cp);
	if (n != len || cp == UTF8_REPLACEMENT || cp <= ' ' || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0))
		return -1;
	return (int)cp;
}

char *
keys_name(int key, char *buf)
{
	const char *meta = (key & K_META) ? "M-" : "";
	int k = key & ~K_META;
	buf[0] = '\0';
	if (k == K_SPACE) {
		snprintf(buf, KEY_NAME_MAX, "%sSpace", meta);
		return buf;
	}
	if (k >= K_SPECIAL) {
		for (size_t i = 0; i < sizeof specials / sizeof specials[0];
		     i++)
			if (specials[i].key == k) {
				snprintf(buf, KEY_NAME_MAX, "%s%s", meta,
				         specials[i].name);
				return buf;
			}
		snprintf(buf, KEY_NAME_MAX, "%s<key %d>", meta, k);
		return buf;
	}
	if (k < 0x20) {
		snprintf(buf, KEY_NAME_MAX, "%sC-%c", meta,
		         k == 0 ? '@' : (k >= 27 ? k + '@' : k + 'a' - 1));
		return buf;
	}
	if (k == 0x7f) {
		snprintf(buf, KEY_NAME_MAX, "%sBackspace", meta);
		return buf;
	}
	char u[5];
	size_t n = utf8_encode((uint32_t)k, u);
	u[n] = '\0';
	snprintf(buf, KEY_NAME_MAX, "%s%s", meta, u);
	return buf;
}
