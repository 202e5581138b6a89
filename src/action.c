/* action.c - names and help texts of actions. */
#include "action.h"

#include <string.h>

static const struct {
	const char *name;
	const char *help;
} actions[ACT_COUNT] = {
#define ACTION_ROW(e, name, help) {name, help},
        ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

const char *
action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].name : "?";
}

const char *
action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].help : "";
}

int
action_lookup(const char *name, size_t len)
{
	for (int a = 0; a < ACT_COUNT; a++)
		if (strlen(actions[a].name) == len &&
		    memcmp(actions[a].name, name, len) == 0)
			return a;
	return -1;
}
