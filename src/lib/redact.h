/* redact: takes words out of free text (a post that named an erased
 * person). Matching ignores case and accents the way search folding does
 * ("zephyrin" finds "Zéphyrin") and only takes whole words: "Roy" is not
 * taken out of "Royal". Pure function, no I/O. */
#ifndef ALLIANCE_REDACT_H
#define ALLIANCE_REDACT_H

/* A copy of text where every whole-word occurrence of one of the n
 * needles (NULL or shorter than two letters once folded: skipped) is
 * replaced by placeholder; the longest needle wins where several start at
 * one place. *count receives the number of replacements. Caller frees;
 * NULL for invalid UTF-8 or out of memory. */
char *text_redact(const char *text, const char *const *needles, int n, const char *placeholder, int *count);
/* True when text holds one of the needles as text_redact matches them. */
int text_mentions(const char *text, const char *const *needles, int n);

#endif
