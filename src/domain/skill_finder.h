/* skill_finder: proposes skills of the reference found in free text (a
 * CV), French or English, without regard to case and accents, on whole
 * words (lib/words.h), preferring the longest name ("Spring Boot" over
 * "Spring").
 *
 * Names that are also ordinary words are held to stricter rules:
 *   - short or common names (two letters or fewer, or a word of everyday
 *     French or English such as "Go", "Rust", "Swift", "Spring", "Chef")
 *     count only when written with a capital ("UX", "Rust", not "rust");
 *   - the one-letter languages and Go ("C", "R", "Go") count only in a
 *     list or after a word that names a language: next to a comma, slash,
 *     semicolon, colon, bullet or parenthesis ("C, C++", "Langages : C"),
 *     at the end of a line, or after "langage(s)", "language(s)",
 *     "programmation", "programming", "en", "in", "de", "du", or a
 *     conjunction ("and", "et", "or", "ou", "with", "avec": "Python and Go");
 *   - never before "de", "d'", "du", "des", where French makes them nouns
 *     ("Chef de projet", "Chef d'équipe");
 *   - never when glued to an apostrophe or '&' ("C'est", "R&D", "d'R").
 * A proposal is only a proposal: the recruiter confirms it and sets a level. */
#ifndef ALLIANCE_SKILL_FINDER_H
#define ALLIANCE_SKILL_FINDER_H
#include <stddef.h>
#include "skills.h"

enum { SKILL_EVIDENCE_MAX = 120 };

typedef struct {
    const Skill *skill;
    size_t at;        /* byte offset of the first mention */
    int count;        /* mentions */
} SkillFound;

/* Distinct skills found in text[0..len), in order of first mention;
 * returns how many were written (at most max). */
int skills_find(const char *text, size_t len, SkillFound *out, int max);
/* A short excerpt of text around offset at, on character boundaries,
 * with line breaks as spaces (caller frees). */
char *skills_evidence(const char *text, size_t len, size_t at);

#endif
