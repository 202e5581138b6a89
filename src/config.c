/*
 * config.c - reading config.yaml (and the built-in defaults).
 *
 * A load works on a copy of the config and swaps it in only when the whole
 * file was good, so a bad file changes nothing; every problem is reported
 * with its position and dotted path (keys.pager, themes.mine.title,
 * highlight[2].style), up to CFG_MAX_ERRORS of them.
 *
 * The file is untrusted in the same ways as article front matter: yamldoc
 * refuses deep nesting, too many aliases, an alias inside the collection
 * it names, oversized scalars and a second document before the tree is
 * built.  The walk afterwards only descends the fixed shape of a config,
 * so it is bounded.  Work that grows faster than linearly (keymap_bind,
 * theme chains) is bounded by caps on bindings and themes.
 *
 * This file owns the load and the helpers that read nodes of an expected
 * shape; each section is read by its own file (see config_int.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "config_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"

static const char *const sections[] = {"keys",      "theme", "themes",
                                       "highlight", "view",  "yank"};
#define NSECTIONS (sizeof sections / sizeof *sections)

/* Allocation and copying of the parts of a config. */

void
cfg_theme_def_fini(struct theme_def *t)
{
	free(t->name);
	free(t->inherit);
}

void
cfg_group_fini(struct hl_group *g)
{
	free(g->name);
	for (size_t i = 0; i < g->nwords; i++)
		free(g->words[i]);
	free(g->words);
	for (size_t i = 0; i < g->npatterns; i++)
		free(g->patterns[i]);
	free(g->patterns);
}

static char **
strv_copy(char *const *v, size_t n)
{
	char **c = xmalloc((n ? n : 1) * sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

static void
config_copy(struct config *dst, const struct config *src)
{
	config_init(dst);
	xgrow(&dst->keymap.v, &dst->keymap.cap, src->keymap.n,
	      sizeof *dst->keymap.v);
	if (src->keymap.n)
		memcpy(dst->keymap.v, src->keymap.v,
		       src->keymap.n * sizeof *src->keymap.v);
	dst->keymap.n = src->keymap.n;
	free(dst->theme_name);
	dst->theme_name = xstrdup(src->theme_name);
	dst->themes = xmalloc((src->nthemes ? src->nthemes : 1) *
	                      sizeof *dst->themes);
	for (size_t i = 0; i < src->nthemes; i++) {
		dst->themes[i] = src->themes[i];
		dst->themes[i].name = xstrdup(src->themes[i].name);
		dst->themes[i].inherit =
		        src->themes[i].inherit ? xstrdup(src->themes[i].inherit)
		                               : NULL;
	}
	dst->nthemes = src->nthemes;
	dst->theme = src->theme;
	dst->groups = xmalloc((src->ngroups ? src->ngroups : 1) *
	                      sizeof *dst->groups);
	for (size_t i = 0; i < src->ngroups; i++) {
		const struct hl_group *g = &src->groups[i];
		dst->groups[i] = *g;
		dst->groups[i].name = xstrdup(g->name);
		dst->groups[i].words = strv_copy(g->words, g->nwords);
		dst->groups[i].patterns = strv_copy(g->patterns, g->npatterns);
	}
	dst->ngroups = src->ngroups;
	dst->view = src->view;
	dst->yank.to = src->yank.to;
	dst->yank.citation =
	        src->yank.citation ? xstrdup(src->yank.citation) : NULL;
}

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	keymap_init(&cfg->keymap);
	cfg->theme_name = xstrdup("dark");
	cfg->view.sidebar = true;
	cfg->view.sidebar_percent = 30;
	cfg->view.text_width = 80;
	theme_default(&cfg->theme);
}

void
config_fini(struct config *cfg)
{
	keymap_fini(&cfg->keymap);
	free(cfg->theme_name);
	for (size_t i = 0; i < cfg->nthemes; i++)
		cfg_theme_def_fini(&cfg->themes[i]);
	free(cfg->themes);
	for (size_t i = 0; i < cfg->ngroups; i++)
		cfg_group_fini(&cfg->groups[i]);
	free(cfg->groups);
	free(cfg->yank.citation);
	memset(cfg, 0, sizeof *cfg);
}

/* Diagnostics. */

/* v, 0-based, as a 1-based int. */
static int
clamp_int(size_t v)
{
	return v > (size_t)INT_MAX - 1 ? INT_MAX : (int)v + 1;
}

/*
 * Adds "PATH: message" at line:col.  Names from the file may hold control
 * characters (written as escapes): they are masked so a message cannot
 * drive the terminal.
 */
static void cfg_verr(struct load *ld, int line, int col, const char *path,
                     const char *fmt, va_list ap) LECTERN_PRINTF(5, 0);

static void
cfg_verr(struct load *ld, int line, int col, const char *path, const char *fmt,
         va_list ap)
{
	ld->errors++;
	if (ld->errors > CFG_MAX_ERRORS + 1)
		return;
	if (ld->errors == CFG_MAX_ERRORS + 1) {
		diag_add(ld->diags, DIAG_ERROR, ld->file, line, col,
		         "more errors, not reported");
		return;
	}
	char *msg = xvasprintf(fmt, ap);
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (path && *path)
		diag_add(ld->diags, DIAG_ERROR, ld->file, line, col, "%s: %s",
		         path, msg);
	else
		diag_add(ld->diags, DIAG_ERROR, ld->file, line, col, "%s", msg);
	free(msg);
}

void
cfg_err_at(struct load *ld, int line, int col, const char *path,
           const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cfg_verr(ld, line, col, path, fmt, ap);
	va_end(ap);
}

void
cfg_err(struct load *ld, const struct ydoc_node *n, const char *path,
        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cfg_verr(ld, n->line, n->col, path, fmt, ap);
	va_end(ap);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment distance, ignoring ASCII case; short strings
 * only (callers skip pairs whose lengths differ by more than the limit). */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t *d = xmalloc((la + 1) * (lb + 1) * sizeof *d);
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
			size_t v = D(i - 1, j - 1) + cost;
			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	size_t r = D(la, lb);
#undef D
	free(d);
	return r;
}

/* The candidate closest to s, if it is close enough to be a typo. */
static const char *
suggest(const char *s, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t best_d = CFG_SUGGEST_MAX + 1, ls = strlen(s);
	for (size_t i = 0; i < n; i++) {
		size_t lc = strlen(cand[i]);
		if (ls > lc + CFG_SUGGEST_MAX || lc > ls + CFG_SUGGEST_MAX)
			continue;
		size_t d = edit_distance(s, ls, cand[i], lc);
		/* One slip in a short name, two in a longer one. */
		if (d < best_d && d <= (ls <= 4 ? 1u : 2u)) {
			best = cand[i];
			best_d = d;
		}
	}
	return best;
}

void
cfg_err_unknown(struct load *ld, int line, int col, const char *path,
                const char *what, const char *s, const char *const *cand,
                size_t n, const char *expected)
{
	const char *best = suggest(s, cand, n);
	if (best)
		cfg_err_at(ld, line, col, path,
		           "unknown %s '%s' (did you mean '%s'?)", what, s,
		           best);
	else if (expected)
		cfg_err_at(ld, line, col, path, "unknown %s '%s' (expected %s)",
		           what, s, expected);
	else if (n <= 12) {
		/* No close match: say what is allowed. */
		struct strbuf sb;
		sb_init(&sb);
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s",
			        i ? i + 1 == n ? " or " : ", " : "", cand[i]);
		cfg_err_at(ld, line, col, path, "unknown %s '%s' (expected %s)",
		           what, s, sb.buf);
		sb_fini(&sb);
	} else
		cfg_err_at(ld, line, col, path,
		           "unknown %s '%s' (lectern-config(5) lists them)",
		           what, s);
}

/* Nodes. */

const char *
cfg_string(struct load *ld, const struct ydoc_node *n, const char *path,
           const char *what)
{
	if (n->kind != YDOC_SCALAR) {
		cfg_err(ld, n, path, "expected %s", what);
		return NULL;
	}
	if (strlen(n->text) != n->len) {
		cfg_err(ld, n, path, "a NUL character in %s", what);
		return NULL;
	}
	return n->text;
}

/* Repeated keys are reported grouped by key, each at its repeat. */
const char **
cfg_map_keys(struct load *ld, const struct ydoc_node *n, const char *path)
{
	size_t np = n->npairs;
	const char **keys = xcalloc(np ? np : 1, sizeof *keys);
	size_t *first = xmalloc((np ? np : 1) * sizeof *first);
	size_t *repeats = xmalloc((np ? np : 1) * sizeof *repeats);

	for (size_t i = 0; i < np; i++)
		keys[i] = cfg_string(ld, n->pairs[i].key, path, "a name");
	size_t nrepeats = ydoc_find_repeats(keys, np, first, repeats);
	for (size_t i = 0; i < nrepeats; i++) {
		size_t r = repeats[i];
		cfg_err(ld, n->pairs[r].key, path,
		        "'%s' given twice (first on line %d)", keys[r],
		        n->pairs[first[r]].key->line);
		keys[r] = NULL;
	}
	free(repeats);
	free(first);
	return keys;
}

const struct ydoc_node *
cfg_mapping(struct load *ld, const struct ydoc_node *n, const char *path,
            const char *what)
{
	if (ydoc_is_null(n))
		return NULL;
	if (n->kind != YDOC_MAPPING) {
		cfg_err(ld, n, path, "expected %s", what);
		return NULL;
	}
	return n;
}

void
cfg_each_string(struct load *ld, const struct ydoc_node *n, const char *path,
                const char *what,
                void (*fn)(struct load *, const struct ydoc_node *,
                           const char *, const char *, void *),
                void *arg)
{
	if (ydoc_is_null(n))
		return;
	if (n->kind == YDOC_SCALAR) {
		const char *s = cfg_string(ld, n, path, what);
		if (s)
			fn(ld, n, s, path, arg);
		return;
	}
	if (n->kind != YDOC_SEQUENCE) {
		cfg_err(ld, n, path, "expected %s", what);
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct ydoc_node *it = n->items[i];
		const char *s = cfg_string(ld, it, path, what);
		if (s)
			fn(ld, it, s, path, arg);
	}
}

/* Parsing. */

/* Reports the first byte that is not UTF-8, at its line and column. */
static int
check_utf8(struct load *ld)
{
	const char *s = ld->text;
	size_t line = 0, col = 0;

	if (utf8_valid(s, ld->len))
		return 0;
	for (size_t i = 0; i < ld->len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, ld->len - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(n == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3))) {
			cfg_err_at(ld, clamp_int(line), clamp_int(col), NULL,
			           "not UTF-8 (byte 0x%02x)",
			           (unsigned char)s[i]);
			return -1;
		}
		if (s[i] == '\n') {
			line++;
			col = 0;
		} else {
			col++;
		}
		i += n;
	}
	return -1;
}

void
cfg_bool(struct load *ld, const struct ydoc_node *n, const char *path, bool *b)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
	                                  "YES",  "on",   "On",   "ON"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No",
	                                 "NO",    "off",   "Off",   "OFF"};
	const char *s = cfg_string(ld, n, path, "true or false");
	if (!s)
		return;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcmp(s, yes[i])) {
			*b = true;
			return;
		}
		if (!strcmp(s, no[i])) {
			*b = false;
			return;
		}
	}
	cfg_err(ld, n, path, "expected true or false, not '%s'", s);
}

static void
load_root(struct load *ld, const struct ydoc_node *root)
{
	const struct ydoc_node *sec[NSECTIONS] = {NULL};
	const char **keys = cfg_map_keys(ld, root, NULL);

	for (size_t i = 0; i < root->npairs; i++) {
		const struct ydoc_node *k = root->pairs[i].key;
		if (!keys[i])
			continue;
		size_t s = 0;
		while (s < NSECTIONS && strcmp(keys[i], sections[s]))
			s++;
		if (s < NSECTIONS)
			sec[s] = root->pairs[i].value;
		else
			cfg_err_unknown(
			        ld, k->line, k->col, NULL, "section", keys[i],
			        sections, NSECTIONS,
			        "keys, theme, themes, highlight, view or yank");
	}
	free(keys);
	/* themes before theme, which may name one of them. */
	if (sec[0])
		cfg_load_keys(ld, sec[0]);
	if (sec[2])
		cfg_load_themes(ld, sec[2]);
	if (sec[1])
		cfg_load_theme_name(ld, sec[1]);
	if (sec[3])
		cfg_load_highlight(ld, sec[3]);
	if (sec[4])
		cfg_load_view(ld, sec[4]);
	if (sec[5])
		cfg_load_yank(ld, sec[5]);
}

/* Line n (1-based) of text: *len bytes from the returned start. */
static const char *
text_line(const char *text, size_t len, int n, size_t *linelen)
{
	const char *p = text, *end = text + len;
	for (int i = 1; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*linelen = (size_t)((nl ? nl : end) - p);
	return p;
}

/*
 * A hint for the common YAML mistakes behind a syntax error at line:col:
 * a tab in the indentation, an unquoted #colour (a comment to YAML), an
 * unquoted ? (a key indicator).  NULL when none applies.
 */
static const char *
yaml_hint(const char *text, size_t len, int line, int col, const char *msg)
{
	for (int l = line > 1 ? line - 1 : 1; l <= line; l++) {
		size_t n;
		const char *p = text_line(text, len, l, &n);
		if (l == line) {
			for (size_t i = 0;
			     i < n && (p[i] == ' ' || p[i] == '\t'); i++)
				if (p[i] == '\t')
					return "YAML does not allow tabs for "
					       "indentation: use spaces";
			if (col >= 1 && (size_t)col <= n && p[col - 1] == '?' &&
			    strstr(msg, "mapping keys"))
				return "quote it: '?'";
		}
		for (size_t i = 1; i + 1 < n; i++)
			if (p[i] == '#' && p[i - 1] == ' ' && i >= 2 &&
			    (p[i - 2] == ':' || p[i - 2] == ',' ||
			     p[i - 2] == '[' || p[i - 2] == '{'))
				return "# starts a comment in YAML: quote a "
				       "colour like '#ff8800'";
	}
	return NULL;
}

static void
parse_and_apply(struct load *ld)
{
	static const struct ydoc_limits lim = {
	        .max_depth = CONFIG_MAX_DEPTH,
	        .max_aliases = CONFIG_MAX_ALIASES,
	        .max_scalar = CONFIG_MAX_SCALAR,
	};
	struct ydoc doc;
	struct ydoc_error err;

	if (ld->len > CONFIG_MAX_BYTES) {
		cfg_err_at(ld, 1, 1, NULL, "larger than %d bytes",
		           CONFIG_MAX_BYTES);
		return;
	}
	if (check_utf8(ld) < 0)
		return;
	if (ydoc_parse(&doc, ld->text, ld->len, &lim, 1, &err) < 0) {
		const char *hint = yaml_hint(ld->text, ld->len, err.line,
		                             err.col, err.msg);
		cfg_err_at(ld, err.line, err.col, NULL, "%s%s%s", err.msg,
		           hint ? ": " : "", hint ? hint : "");
	} else if (doc.root && doc.root->kind == YDOC_MAPPING) {
		load_root(ld, doc.root);
	} else if (doc.root && !ydoc_is_null(doc.root)) {
		cfg_err(ld, doc.root, NULL,
		        "expected a mapping of sections (keys, theme, themes, "
		        "highlight, view)");
	}
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
}

static int
load_text(struct config *cfg, const char *text, size_t len, const char *file,
          struct diag_list *diags, bool builtin)
{
	struct config tmp;
	struct load ld = {
	        .file = file,
	        .text = text,
	        .len = len,
	        .diags = diags,
	        .cfg = &tmp,
	        .builtin = builtin,
	};

	config_copy(&tmp, cfg);
	parse_and_apply(&ld);
	if (ld.errors && !cfg->keep_partial) {
		config_fini(&tmp);
		return -1;
	}
	cfg_resolve_theme(&tmp, tmp.theme_name, &tmp.theme);
	config_fini(cfg);
	*cfg = tmp;
	return ld.errors ? -1 : 0;
}

int
config_load_string(struct config *cfg, const char *text, size_t len,
                   const char *file, struct diag_list *diags)
{
	return load_text(cfg, text, len, file, diags, false);
}

struct style
config_group_style(const struct config *cfg, size_t g)
{
	if (g < cfg->ngroups && cfg->groups[g].styled)
		return cfg->groups[g].style;
	return cfg->theme.roles[ROLE_GROUP_1 + g % THEME_GROUP_COLORS];
}

int
config_load_defaults(struct config *cfg, struct diag_list *diags)
{
	struct config tmp;
	config_init(&tmp);
	if (load_text(&tmp, config_default_yaml, strlen(config_default_yaml),
	              "(built-in config)", diags, true) < 0) {
		config_fini(&tmp);
		return -1;
	}
	config_fini(cfg);
	*cfg = tmp;
	return 0;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

int
config_load_file(struct config *cfg, const char *path, struct diag_list *diags)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;

	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		         strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		         strerror(errno));
		close(fd);
		return -1;
	}
	struct stat null;
	if (S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 &&
	    st.st_rdev == null.st_rdev) {
		/* --config /dev/null: an empty config, the defaults. */
		close(fd);
		return config_load_string(cfg, "", 0, path, diags);
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "is %s, not a config file", file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if (st.st_size > CONFIG_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "larger than %d bytes",
		         CONFIG_MAX_BYTES);
		close(fd);
		return -1;
	}
	/* One byte more than allowed, to notice a file that grew. */
	char *buf = xmalloc(CONFIG_MAX_BYTES + 1);
	size_t len = 0;
	while (len <= CONFIG_MAX_BYTES) {
		ssize_t r = read(fd, buf + len, CONFIG_MAX_BYTES + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
			         "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	int rc = config_load_string(cfg, buf, len, path, diags);
	free(buf);
	return rc;
}

char *
config_path(const char *explicit, bool *must_exist)
{
	const char *s;

	*must_exist = true;
	if (explicit)
		return xstrdup(explicit);
	if ((s = getenv("LECTERN_CONFIG")) && *s)
		return xstrdup(s);
	*must_exist = false;
	/* The XDG spec says to ignore a relative $XDG_CONFIG_HOME. */
	if ((s = getenv("XDG_CONFIG_HOME")) && *s == '/')
		return xasprintf("%s/lectern/config.yaml", s);
	if ((s = getenv("HOME")) && *s)
		return xasprintf("%s/.config/lectern/config.yaml", s);
	return NULL;
}
