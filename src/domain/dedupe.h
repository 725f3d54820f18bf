/* dedupe: when two people are probably one (pure rules, no I/O).
 *
 * Keys are computed once per person and compared as text:
 *   e-mail  trimmed, lower case                     "Awa@Example.org " = "awa@example.org"
 *   phone   digits only, French national form       "+33 6 12 34 56 78" = "06 12 34 56 78" = "0033612345678"
 *           ("+33"/"0033" becomes "0", any other "+" becomes "00"); fewer than 6 digits: no key
 *   name    folded words (case, accents, hyphens and apostrophes ignored), sorted,
 *           so "Diallo Awa" = "awa diallo" and "Jean-Éric" = "jean eric"
 *   city    folded words of the location                 "Saint-Étienne" = "saint etienne"
 * Two people with the same city have "very similar" names when
 *   - their name keys are equal, or
 *   - the keys are at most 1 edit apart (insert, delete, change, swap of two
 *     neighbours) for keys of 8 to 15 bytes, 2 edits from 16 bytes (shorter
 *     keys must be equal: "li wu" and "li xu" are two people), or
 *   - every word of the shorter name (2 words at least) is a word of the
 *     longer one ("jean martin" within "jean pierre martin").
 * All returned strings are malloc'd (caller frees); NULL when there is no key. */
#ifndef ALLIANCE_DEDUPE_H
#define ALLIANCE_DEDUPE_H
#include <stdbool.h>
#include "model.h"

char *dedupe_email_key(const char *email);
char *dedupe_phone_key(const char *phone);
/* Folded words of text, sorted when sort is true, joined by one space. */
char *dedupe_words_key(const char *text, bool sort);
char *dedupe_name_key(const char *first_name, const char *last_name);
bool dedupe_names_similar(const char *name_key_a, const char *name_key_b);

/* Merging two people: the union of their skills, the higher level and the
 * larger years where both hold one. out has room for na + nb; returns the count. */
int dedupe_merge_skills(const PersonSkill *a, int na, const PersonSkill *b, int nb, PersonSkill *out);
/* How far a candidacy went, to keep the most advanced of two for one need:
 * hired > offer > client_interview > interview > contacted > sourced > an
 * exit (rejected, withdrawn): an open candidacy beats a closed one. */
int dedupe_stage_rank(const char *stage);

#endif
