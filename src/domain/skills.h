/* skills: the skills reference (data/skills.tsv and data/aliases.tsv,
 * embedded in the binary), loaded once at start and read-only afterwards,
 * so any thread may read it without locks.
 * Look-ups are accent- and case-insensitive: "Développement" and
 * "developpement" are the same key. */
#ifndef ALLIANCE_SKILLS_H
#define ALLIANCE_SKILLS_H
#include <stddef.h>

typedef struct {
    const char *id, *label_en, *label_fr, *category, *esco_uri, *broader, *implies;
} Skill;

/* Parses the two TSV texts (header row first). 0 on success. */
int skills_load(const char *skills_tsv, size_t skills_len, const char *aliases_tsv, size_t aliases_len);
void skills_unload(void);
size_t skills_count(void);
const Skill *skills_get(const char *id);
/* The reference in id order: skills_at(i) for 0 <= i < skills_count(), and
 * the position of a skill of the reference (-1 for NULL or a foreign pointer). */
const Skill *skills_at(size_t i);
int skills_index(const Skill *s);
/* An id, a label in either language or an alias; NULL when unknown. */
const Skill *skills_resolve(const char *text);
/* Type-ahead: best matches for q (prefix before substring, labels before
 * aliases, shorter labels first). Returns how many were written to out. */
int skills_search(const char *q, const Skill **out, int max);
/* The skill whose label or alias, folded and cut into words (lib/words.h)
 * joined by single spaces, is phrase: "amazon web services aws" for
 * "Amazon Web Services (AWS)". NULL when none. For reading free text. */
const Skill *skills_phrase(const char *phrase);
/* The most words any such phrase has. */
int skills_phrase_max_words(void);
/* Closest known skills to an unknown text (edit distance on labels and aliases). */
int skills_suggest(const char *text, const Skill **out, int max);

#endif
