/* text: UTF-8 checks, trimming, search folding and edit distance.
 * Folding ("Développement" -> "developpement") is what makes look-ups
 * accent- and case-insensitive; it is done with utf8proc, never by hand. */
#ifndef ALLIANCE_TEXT_H
#define ALLIANCE_TEXT_H
#include <stdbool.h>
#include <stddef.h>

bool text_valid_utf8(const char *s, size_t len);
size_t text_utf8_length(const char *s);            /* code points, for max-length rules */
/* Trimmed copy of s (ASCII and Unicode spaces at both ends); caller frees. */
char *text_trim(const char *s);
/* Case-folded, accent-stripped, NFC copy of s; caller frees. NULL on invalid UTF-8. */
char *text_fold(const char *s);
/* prefix + text cut on a character boundary (ending in "…") so that the
 * whole is at most max characters; caller frees. NULL on out of memory. */
char *text_cut(const char *prefix, const char *text, size_t max);
/* Edit distance over bytes (Levenshtein plus swaps of neighbours), capped
 * at cap (returns cap when larger). */
int text_distance(const char *a, const char *b, int cap);
/* Lower-cases ASCII letters in place: e-mail addresses are compared in
 * lower case everywhere (sign-in, accounts, CLI). Returns s. */
char *text_ascii_lower(char *s);
/* Constant-time equality of two NUL-terminated strings of any length. */
bool text_equal_ct(const char *a, const char *b);

#endif
