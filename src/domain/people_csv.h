/* people_csv: the columns of a people CSV file and the "skills" cell
 * ("java:4 kubernetes:3"). Pure functions over text, fuzz-friendly. */
#ifndef ALLIANCE_PEOPLE_CSV_H
#define ALLIANCE_PEOPLE_CSV_H
#include <stddef.h>

enum {
    PCOL_KIND, PCOL_FIRST_NAME, PCOL_LAST_NAME, PCOL_EMAIL, PCOL_PHONE, PCOL_LOCATION,
    PCOL_AVAILABLE_FROM, PCOL_DAILY_RATE, PCOL_SKILLS, PCOL_COUNT
};

/* The field name of each column ("first_name"...), as in the JSON API;
 * also the header line of an export, in this order. */
extern const char *const PEOPLE_CSV_COLUMNS[PCOL_COUNT];

/* The column a header cell names, or -1. Case, accents, spaces, '-', '_'
 * and '.' are ignored, and the French words a spreadsheet would use are
 * known: "First name", "FIRST_NAME", "Prénom" are all first_name. */
int people_csv_column(const char *header);

typedef struct {
    const char *name;   /* points into the parsed text */
    size_t name_len;
    int level;          /* 1..5 */
} SkillCell;

typedef enum { SKILLS_CELL_OK = 0, SKILLS_CELL_NO_LEVEL, SKILLS_CELL_BAD_LEVEL, SKILLS_CELL_TOO_MANY } SkillsCellResult;

/* Parses "java:4 kubernetes:3" into out (at most max items). Items are
 * separated by spaces, ',' or ';'; a name may hold spaces ("spring boot:3")
 * and ends at its ':'; the level is one digit 1..5. On an error *n counts
 * the items read and *bad points at the item in error. */
SkillsCellResult people_csv_skills(const char *text, SkillCell *out, int max, int *n, const char **bad);

#endif
