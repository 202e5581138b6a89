/*
 * support.h - helpers the criterion programs share.
 */
#ifndef LECTERN_TESTS_SUPPORT_H
#define LECTERN_TESTS_SUPPORT_H

/*
 * Permission tests mean nothing to root, and CI runs as root.  When the
 * test runs as root, hands dir (which the test will write in) to the
 * unprivileged user nobody and becomes that user for the rest of the test
 * (criterion runs each test in its own process, so no other test is
 * touched).  Fails the test if it cannot.
 */
void support_drop_root(const char *dir);

#endif
