/* resume: the rules of reading a JSON Resume (jsonresume.org, schema
 * v1.0.0) into a person, as pure functions over text. */
#ifndef ALLIANCE_RESUME_H
#define ALLIANCE_RESUME_H
#include <stdbool.h>
#include <stddef.h>

/* A skill level word to 1..5, or 0 when not understood:
 *   Master, Expert, Native, Maître, Expert(e) ........................ 5
 *   Advanced, Senior, Proficient, Fluent, Avancé, Confirmé .......... 4
 *   Intermediate, Medior, Competent, Intermédiaire .................. 3
 *   Elementary, Basic, Notions, Junior, Élémentaire ................. 2
 *   Beginner, Novice, Débutant ...................................... 1
 * and the digits "1".."5", also written "4/5". Case and accents ignored. */
int resume_level(const char *word);
/* The word the export writes for a level (English, as the schema's examples). */
const char *resume_level_word(int level);
/* Splits a full name into first and last name (pointers into *buf, a
 * malloc'd copy the caller frees). The last name is the last word, or
 * starts at a particle ("de", "van", "von", "di", "le", "da", "del", "du",
 * "des", "la", "ben", "bin", "al", "el", "dos"), or is a first word written
 * in capitals ("DIALLO Awa"). false when there are fewer than two words. */
bool resume_split_name(const char *name, char **buf, const char **first, const char **last);
/* Months from start to end ("YYYY", "YYYY-MM" or "YYYY-MM-DD"; end NULL or
 * empty: today's year and month given as now_year, now_month); -1 when a
 * date is unreadable, 0 when end is before start. */
int resume_months(const char *start, const char *end, int now_year, int now_month);
/* A JSON Resume date: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
bool resume_valid_date(const char *s);
/* Whether folded text holds term as a whole word (letters, digits, '+', '#'
 * and '.' make words: "c++" is not in "c"). Both are folded by the caller. */
bool resume_has_word(const char *text, const char *term);

#endif
