/* words: cuts UTF-8 text into words the way skill names are written.
 * A word is a run of letters and digits (any script) and '+' or '#'
 * ("C++", "C#"), joined across '.', '/', '-' and '_' when a word character
 * follows ("node.js", "CI/CD", "PL/SQL", "front-end"), with a leading '.'
 * kept before a letter (".NET"). Everything else separates words:
 * spaces, punctuation, parentheses, apostrophes ("C'est" is "C" + "est"),
 * '&' ("R&D" is "R" + "D"). */
#ifndef ALLIANCE_WORDS_H
#define ALLIANCE_WORDS_H
#include <stddef.h>

typedef struct {
    size_t start, len;  /* byte offsets into the text */
} Word;

/* Writes at most max words of s[0..len) to out; returns how many.
 * *next (when not NULL) receives the offset where scanning stopped, so a
 * long text is cut in batches. Invalid UTF-8 bytes separate words. */
size_t words_split(const char *s, size_t len, Word *out, size_t max, size_t *next);

#endif
