/* skills_fixture: cmocka group set-up and tear-down that load the skills
 * reference embedded in the binary (for tests of domain/skills*.c). */
#ifndef ALLIANCE_SKILLS_FIXTURE_H
#define ALLIANCE_SKILLS_FIXTURE_H
#include "domain/skills.h"
#include "lib/embedded.h"

static int load(void **state) {
    (void)state;
    const EmbeddedFile *s = embedded_find("data/skills.tsv"), *a = embedded_find("data/aliases.tsv");
    if (!s || !a) return -1;
    return skills_load((const char *)s->data, s->len, (const char *)a->data, a->len);
}

static int unload(void **state) {
    (void)state;
    skills_unload();
    return 0;
}

#endif
