/* password: what a new password must be (OWASP ASVS 4.0.3, 2.1): at least
 * PASSWORD_MIN characters (Unicode code points, spaces allowed), at most
 * PASSWORD_MAX bytes, and not a common password (data/common-passwords.txt:
 * an entry, an entry followed by digits and symbols only, one repeated
 * character, or a run of the keyboard or of digits). No other composition
 * rule: length beats "one upper case, one digit". */
#ifndef ALLIANCE_PASSWORD_H
#define ALLIANCE_PASSWORD_H
#include <stddef.h>

enum { PASSWORD_MIN = 12, PASSWORD_MAX = 1024 };

/* Loads the list from its text (the embedded file); 0 on success. Before
 * that, only the length and repetition rules apply. */
int password_load(const char *text, size_t len);
/* NULL when pw is acceptable, else the i18n key of the reason:
 * "password_too_short" (takes PASSWORD_MIN), "password_too_long",
 * "password_common". */
const char *password_problem(const char *pw);

#endif
