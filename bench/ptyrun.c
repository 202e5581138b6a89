/*
 * ptyrun.c - runs a terminal program in a pseudo-terminal and times what a
 * user waits for.
 *
 *   ptyrun [-s COLSxROWS] [-u TEXT] [-p KEYS] [-k KEY -n COUNT | -t TEXT]
 *          [-r COUNT] -- CMD...
 *
 * Starts CMD in a new pty of that size (TERM=xterm-256color) and prints,
 * one "name value" per line:
 *   first_ms   from the start to the first output holding TEXT (-u; the
 *              status line's last words, which a screen paints last);
 *   key_p50_ms key_p99_ms   for -n presses of KEY (-k: a byte string,
 *              "\e" for Esc, "\t" for Tab), after KEYS (-p, untimed),
 *              the time from writing it to the last byte of the redraw it
 *              caused; or for each character of TEXT typed (-t), as at a
 *              prompt, which Enter (untimed) then ends;
 *   key_own_p50_ms key_own_p99_ms   the same to the end of the key's own
 *              screen: the last byte before the first pause of
 *              OWN_QUIET_MS (what background work the key started, a
 *              search's count, may repaint a little later);
 *   resize_p50_ms resize_p99_ms   the same for -r resizes between the
 *              given size and one 20 columns and 6 rows smaller;
 *   maxrss_kb  the child's peak resident memory, after 'Q' ends it.
 * The end of a redraw is found by waiting for the output to stay quiet
 * for QUIET_MS; the wait itself is not counted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 20
#define OWN_QUIET_MS 4
#define TIMEOUT_MS 600000 /* for the first screen */
#define KEY_TIMEOUT_MS \
	1000 /* a key that redraws nothing (Space at the
                             * end) ends the presses */

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int master = -1;
static char seen[1 << 16]; /* the last output, for finding TEXT */
static size_t nseen;

/* Reads one chunk of output, waiting up to wait_ms for it; returns the
 * time it came, or 0 when none did. */
static double
read_some(int wait_ms)
{
	struct pollfd p = {.fd = master, .events = POLLIN};
	if (poll(&p, 1, wait_ms) <= 0)
		return 0;
	char buf[65536];
	ssize_t n = read(master, buf, sizeof buf);
	if (n <= 0)
		return 0;
	double t = now_ms();
	for (ssize_t i = 0; i < n; i++) {
		if (nseen == sizeof seen) {
			memmove(seen, seen + sizeof seen / 2, sizeof seen / 2);
			nseen = sizeof seen / 2;
		}
		seen[nseen++] = buf[i];
	}
	return t;
}

/* Reads until the output stays quiet; returns the time of the last byte
 * read, or 0 when there was none. */
static double
drain(void)
{
	double last = 0, t;
	while ((t = read_some(QUIET_MS)) != 0)
		last = t;
	return last;
}

/*
 * Time from t0 to the last byte of the burst of output that follows (the
 * output then quiet for QUIET_MS).  *own, when not NULL: to the last byte
 * before the first pause of OWN_QUIET_MS, the screen drawn for the key
 * itself, without what background work it started repaints later (a
 * search's count, ended a few milliseconds after).
 */
static double
burst(double t0, double *own)
{
	double first = read_some(KEY_TIMEOUT_MS);
	if (first == 0)
		return -1;
	double last = first, t, mine = 0;
	while ((t = read_some(QUIET_MS)) != 0) {
		if (!mine && t - last >= OWN_QUIET_MS)
			mine = last;
		last = t;
	}
	if (own)
		*own = (mine ? mine : last) - t0;
	return last - t0;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void
report(const char *name, double *v, int n)
{
	if (n <= 0)
		return;
	qsort(v, (size_t)n, sizeof *v, cmp);
	printf("%s_p50_ms %.2f\n", name, v[n / 2]);
	printf("%s_p99_ms %.2f\n", name,
	       v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
}

/* "\e" and "\n" in a -k argument. */
static char *
unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '\\' && s[1] == 'e') {
			*o++ = 27;
			s++;
		} else if (*s == '\\' && s[1] == 't') {
			*o++ = '\t';
			s++;
		} else if (*s == '\\' && s[1] == 'n') {
			*o++ = '\r';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

int
main(int argc, char **argv)
{
	int cols = 100, rows = 30, nkeys = 0, nresize = 0, opt;
	const char *until = NULL;
	char *key = NULL, *prefix = NULL, *typed = NULL;
	while ((opt = getopt(argc, argv, "s:u:p:k:n:r:t:")) != -1) {
		switch (opt) {
		case 's':
			sscanf(optarg, "%dx%d", &cols, &rows);
			break;
		case 'u':
			until = optarg;
			break;
		case 'k':
			key = unescape(optarg);
			break;
		case 'p':
			prefix = unescape(optarg);
			break;
		case 't':
			typed = unescape(optarg);
			nkeys = (int)strlen(typed);
			break;
		case 'n':
			nkeys = atoi(optarg);
			break;
		case 'r':
			nresize = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: ptyrun [-s CxR] [-u TEXT] [-p KEYS] "
		                "[-k KEY -n N | -t TEXT] [-r N] -- CMD...\n");
		return 2;
	}
	struct winsize ws = {.ws_row = (unsigned short)rows,
	                     .ws_col = (unsigned short)cols};
	double t0 = now_ms();
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	/* The first screen: until TEXT has been painted. */
	double first = -1;
	while (first < 0) {
		if (read_some(TIMEOUT_MS) == 0)
			break;
		if (!until || memmem(seen, nseen, until, strlen(until)))
			first = now_ms() - t0;
	}
	if (first < 0) {
		fprintf(stderr, "ptyrun: no first screen%s%s\n",
		        until ? " with " : "", until ? until : "");
		kill(pid, SIGKILL);
		return 1;
	}
	drain();
	printf("first_ms %.2f\n", first);

	if (prefix && write(master, prefix, strlen(prefix)) > 0)
		burst(now_ms(), NULL);
	size_t most = (size_t)(nkeys > nresize ? nkeys : nresize) + 1;
	double *v = calloc(most, sizeof *v), *own = calloc(most, sizeof *own);
	int n = 0;
	for (int i = 0; (key || typed) && i < nkeys; i++) {
		double t = now_ms();
		const char *k = typed ? typed + i : key;
		if (write(master, k, typed ? 1 : strlen(key)) < 0)
			break;
		double d = burst(t, &own[n]);
		if (d < 0)
			break;
		v[n++] = d;
	}
	report("key", v, n);
	report("key_own", own, n);
	if (typed && write(master, "\r", 1) > 0)
		burst(now_ms(), NULL);
	n = 0;
	for (int i = 0; i < nresize; i++) {
		struct winsize w = ws;
		if (i % 2 == 0) {
			w.ws_col =
			        (unsigned short)(cols > 30 ? cols - 20 : cols);
			w.ws_row =
			        (unsigned short)(rows > 12 ? rows - 6 : rows);
		}
		double t = now_ms();
		ioctl(master, TIOCSWINSZ, &w);
		kill(pid, SIGWINCH);
		double d = burst(t, NULL);
		if (d >= 0)
			v[n++] = d;
	}
	report("resize", v, n);

	/* Q quits lectern from anywhere (q in its pane only goes back to
	 * the sidebar) and less too; a program still there after 5 s is
	 * told to end, after 10 s made to. */
	if (write(master, "Q", 1) < 0)
		kill(pid, SIGTERM);
	struct rusage ru;
	int status;
	double asked = now_ms();
	int told = 0;
	for (;;) {
		pid_t w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid)
			break;
		read_some(50);
		if (told < 2 && now_ms() - asked > 5000.0 * (told + 1))
			kill(pid, told++ ? SIGKILL : SIGTERM);
	}
	printf("maxrss_kb %ld\n", ru.ru_maxrss);
	free(v);
	free(own);
	free(key);
	free(typed);
	free(prefix);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
