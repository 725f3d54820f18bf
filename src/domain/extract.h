/* extract: skills of the reference named in a plain text (a CV, a job
 * description), for the quality evaluation (cli/eval_match.c).
 *
 * Words are cut on anything but letters, digits and + # . - inside a word
 * (C++, C#, Node.js, .NET, spring-boot); the longest run of up to four
 * words that is a label or alias of the reference wins, as data/SOURCES.md
 * advises. Words that are also common words (go, c, r, rest, react...)
 * count only when written with a capital, as product names are. */
#ifndef ALLIANCE_EXTRACT_H
#define ALLIANCE_EXTRACT_H

typedef struct {
    const char *skill;  /* reference id */
    int mentions;
} Extracted;

/* Skills named in text, in order of first mention, at most max. */
int skills_extract(const char *text, Extracted *out, int max);

#endif
