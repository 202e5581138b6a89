/*
 * options.h - lectern's command line: what it asks for, and --help.
 *
 * Parsing never prints or exits: a mistake comes back as a message that
 * names the option as it was typed (escaped), for main to print.
 */
#ifndef LECTERN_OPTIONS_H
#define LECTERN_OPTIONS_H

#include <stdbool.h>

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	bool help;
	bool version;
	bool list;
	long print; /* article number, 0 = not asked */
	int width;  /* --width, 0 = not given */
	const char *keys;
	const char *keys_file;
	int cols; /* --size, 80x24 by default */
	int rows;
	const char *output;
	const char *config;
	bool dump_config;
	bool check_config;
	bool list_keys;
	bool no_state;
	bool no_cache;     /* --no-cache */
	bool export_notes; /* --export-notes */
	bool notes_yaml;   /* --format=yaml */
	enum color_mode color;
	const char *grep;
	int first_path; /* argv index of the first PATH */
};

/* The text of --help: options_usage then options_usage_keys. */
extern const char options_usage[];
/* Its second half: the keys, the environment, the exit status. */
extern const char options_usage_keys[];

/*
 * Parses argv into *o.  Returns 0, or -1 with *err set to a message (the
 * caller frees it) for a usage error, to be printed after "lectern: ".
 */
int options_parse(int argc, char **argv, struct options *o, char **err);

#endif
