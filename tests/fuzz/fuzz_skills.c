/* The skills look-ups behind ?skill=, ?q= on /skills and the skills lists
 * of bodies: resolve, type-ahead search and suggestions, on texts as long
 * as the API lets through (a few hundred bytes, valid UTF-8). */
#include "fuzz.h"
#include "lib/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 400) return 0;
    fuzz_skills();
    char *q = fuzz_cstr(data, size);
    if (!text_valid_utf8(q, strlen(q))) {
        free(q);
        return 0;
    }
    const Skill *s = skills_resolve(q);
    if (s) FUZZ_CHECK(skills_get(s->id) == s);
    const Skill *out[50];
    int n = skills_search(q, out, 50);
    FUZZ_CHECK(n >= 0 && n <= 50);
    for (int i = 0; i < n; i++) FUZZ_CHECK(out[i] && skills_get(out[i]->id) == out[i]);
    n = skills_suggest(q, out, 3);
    FUZZ_CHECK(n >= 0 && n <= 3);
    for (int i = 0; i < n; i++) FUZZ_CHECK(out[i] && skills_get(out[i]->id) == out[i]);
    free(q);
    return 0;
}
