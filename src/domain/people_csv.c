/* people_csv: column names and the skills cell (see people_csv.h). */
#include "people_csv.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"

const char *const PEOPLE_CSV_COLUMNS[PCOL_COUNT] = {"kind",     "first_name",     "last_name",  "email", "phone",
                                                    "location", "available_from", "daily_rate", "skills"};

/* Header keys: folded, letters and digits only. */
static const struct {
    const char *key;
    int column;
} NAMES[] = {
    {"kind", PCOL_KIND},           {"type", PCOL_KIND},
    {"firstname", PCOL_FIRST_NAME}, {"prenom", PCOL_FIRST_NAME}, {"givenname", PCOL_FIRST_NAME},
    {"lastname", PCOL_LAST_NAME},  {"nom", PCOL_LAST_NAME},      {"surname", PCOL_LAST_NAME},
    {"familyname", PCOL_LAST_NAME}, {"nomdefamille", PCOL_LAST_NAME},
    {"email", PCOL_EMAIL},         {"mail", PCOL_EMAIL},          {"courriel", PCOL_EMAIL},
    {"adressemail", PCOL_EMAIL},   {"emailaddress", PCOL_EMAIL},
    {"phone", PCOL_PHONE},         {"telephone", PCOL_PHONE},     {"tel", PCOL_PHONE},
    {"mobile", PCOL_PHONE},        {"portable", PCOL_PHONE},
    {"location", PCOL_LOCATION},   {"city", PCOL_LOCATION},       {"ville", PCOL_LOCATION},
    {"localisation", PCOL_LOCATION}, {"lieu", PCOL_LOCATION},
    {"availablefrom", PCOL_AVAILABLE_FROM}, {"available", PCOL_AVAILABLE_FROM},
    {"disponibilite", PCOL_AVAILABLE_FROM}, {"disponiblele", PCOL_AVAILABLE_FROM},
    {"dailyrate", PCOL_DAILY_RATE}, {"rate", PCOL_DAILY_RATE},     {"tjm", PCOL_DAILY_RATE},
    {"tauxjournalier", PCOL_DAILY_RATE},
    {"skills", PCOL_SKILLS},       {"competences", PCOL_SKILLS},
};

int people_csv_column(const char *header) {
    if (!header) return -1;
    char *f = text_fold(header);
    if (!f) return -1;
    char *w = f;
    for (const char *p = f; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) *w++ = *p;
    *w = '\0';
    int col = -1;
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0] && col < 0; i++)
        if (strcmp(NAMES[i].key, f) == 0) col = NAMES[i].column;
    free(f);
    return col;
}

static bool is_sep(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';'; }

SkillsCellResult people_csv_skills(const char *text, SkillCell *out, int max, int *n, const char **bad) {
    *n = 0;
    *bad = NULL;
    const char *p = text ? text : "";
    for (;;) {
        while (*p && is_sep(*p)) p++;
        if (!*p) return SKILLS_CELL_OK;
        const char *start = p;
        /* the name runs to its ':'; a ',' or ';' before it means a level is missing */
        while (*p && *p != ':' && *p != ',' && *p != ';') p++;
        *bad = start;
        if (*p != ':') return SKILLS_CELL_NO_LEVEL;
        const char *end = p;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t')) end--;
        if (end == start) return SKILLS_CELL_NO_LEVEL;
        p++;
        while (*p == ' ' || *p == '\t') p++; /* "java : 4" */
        if (!(*p >= '1' && *p <= '5') || (p[1] && !is_sep(p[1]))) return SKILLS_CELL_BAD_LEVEL;
        if (*n == max) return SKILLS_CELL_TOO_MANY;
        out[(*n)++] = (SkillCell){start, (size_t)(end - start), *p - '0'};
        p++;
        *bad = NULL;
    }
}
