/*
 * peakrss.c - runs a command and prints its peak resident memory in KB
 * (getrusage of its children), then exits with the command's status.  For
 * tests/memory.sh, without depending on GNU time being installed.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: peakrss COMMAND [ARG]...\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("peakrss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("peakrss: exec");
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (waitpid(pid, &status, 0) < 0 ||
	    getrusage(RUSAGE_CHILDREN, &ru) != 0) {
		perror("peakrss: waitpid");
		return 2;
	}
	fprintf(stderr, "peakrss %ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
