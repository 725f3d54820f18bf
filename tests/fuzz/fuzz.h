/* fuzz: what the libFuzzer targets of tests/fuzz/ share. Each fuzz_*.c is
 * one target (LLVMFuzzerTestOneInput), linked with every object of src/
 * except main.c; `make fuzz` runs each for FUZZ_SECONDS, `make test` a few
 * seconds on the committed corpus (tests/fuzz/corpus/<target>/, which holds
 * the inputs of past crashes as regressions). A target asserts the
 * properties the code promises, not only "does not crash". */
#ifndef ALLIANCE_FUZZ_H
#define ALLIANCE_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/skills.h"
#include "lib/embedded.h"

/* The input as a NUL-terminated string (malloc'd: ASan sees overreads);
 * NULs inside stay, so C string functions see a prefix, as for headers. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Loads the real skills reference once per process. */
static inline void fuzz_skills(void) {
    static int loaded;
    if (loaded) return;
    const EmbeddedFile *s = embedded_find("data/skills.tsv"), *a = embedded_find("data/aliases.tsv");
    if (!s || !a || skills_load((const char *)s->data, s->len, (const char *)a->data, a->len)) abort();
    loaded = 1;
}

/* A property the code promises does not hold: crash so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "fuzz: %s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

#endif
