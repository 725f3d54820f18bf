/* bitsets: per popular skill, who holds it at which level (see bitsets.h). */
#include "bitsets.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/implied.h"
#include "../domain/scoring.h"
#include "index.h"

static void set_bit(uint64_t *v, uint32_t slot) { v[slot >> 6] |= 1ULL << (slot & 63); }

/* credits[s]: every t that s is a source of (implied_sources(t) names s). */
static int build_credits(MatchBits *b, int nskills) {
    int *count = calloc((size_t)(nskills ? nskills : 1), sizeof *count);
    b->credits = calloc((size_t)(nskills ? nskills : 1), sizeof *b->credits);
    if (!count || !b->credits) {
        free(count);
        return -1;
    }
    for (int t = 0; t < nskills; t++) {
        const SkillSource *src;
        int n = implied_sources(t, &src);
        for (int k = 0; k < n; k++) count[src[k].skill]++;
    }
    int rc = 0;
    for (int s = 0; s < nskills; s++) {
        if (!(b->credits[s] = malloc((size_t)(count[s] + 1) * sizeof **b->credits))) rc = -1;
        else b->credits[s][0] = -1;
        count[s] = 0;
    }
    for (int t = 0; !rc && t < nskills; t++) {
        const SkillSource *src;
        int n = implied_sources(t, &src);
        for (int k = 0; k < n; k++) {
            int s = src[k].skill;
            b->credits[s][count[s]++] = t;
            b->credits[s][count[s]] = -1;
        }
    }
    free(count);
    return rc;
}

int match_bits_init(MatchBits *b, int nskills) {
    *b = (MatchBits){0};
    b->sets = calloc((size_t)(nskills ? nskills : 1), sizeof *b->sets);
    if (!b->sets || build_credits(b, nskills)) {
        match_bits_free(b, nskills);
        return -1;
    }
    return 0;
}

void match_bits_free(MatchBits *b, int nskills) {
    for (int i = 0; i < nskills; i++) {
        if (b->sets) free(b->sets[i]);
        if (b->credits) free(b->credits[i]);
    }
    free(b->credits);
    free(b->sets);
    free(b->alive);
    *b = (MatchBits){0};
}

/* A copy of `from` (old words per set) with `words` per set, zero-filled. */
static uint64_t *widen(const uint64_t *from, size_t sets, size_t old, size_t words) {
    uint64_t *v = calloc(sets * words, sizeof *v);
    if (v && from)
        for (size_t i = 0; i < sets; i++) memcpy(v + i * words, from + i * old, old * sizeof *v);
    return v;
}

int match_bits_reserve(MatchIndex *ix, uint32_t slot) {
    MatchBits *b = &ix->bits;
    if ((size_t)slot < b->words * 64) return 0;
    size_t words = b->words ? b->words : 16;
    while ((size_t)slot >= words * 64) words *= 2;
    uint64_t *alive = widen(b->alive, 1, b->words, words);
    if (!alive) return -1;
    /* every set of every skill, or none: widths must agree */
    uint64_t **fresh = calloc((size_t)ix->nlists, sizeof *fresh);
    bool ok = fresh != NULL;
    for (int i = 0; ok && i < ix->nlists; i++)
        if (b->sets[i] && !(fresh[i] = widen(b->sets[i], MATCH_BITS_PER_SKILL, b->words, words))) ok = false;
    if (!ok) {
        for (int i = 0; fresh && i < ix->nlists; i++) free(fresh[i]);
        free(fresh);
        free(alive);
        return -1;
    }
    for (int i = 0; i < ix->nlists; i++)
        if (b->sets[i]) {
            free(b->sets[i]);
            b->sets[i] = fresh[i];
        }
    free(fresh);
    free(b->alive);
    b->alive = alive;
    b->words = words;
    return 0;
}

void match_bits_add(MatchBits *b, uint32_t slot, int si, int level, int years) {
    for (const int *t = b->credits[si]; *t >= 0; t++)
        if (b->sets[*t]) set_bit(b->sets[*t] + (size_t)MATCH_BITS_CREDIT * b->words, slot);
    uint64_t *s = b->sets[si];
    if (!s) return;
    for (int l = 1; l <= level && l <= MATCH_BITS_LEVELS; l++) set_bit(s + (size_t)(l - 1) * b->words, slot);
    if (years >= YEARS_FOR_FULL_CREDIT) set_bit(s + (size_t)MATCH_BITS_YEARS * b->words, slot);
}

void match_bits_set_alive(MatchBits *b, uint32_t slot, int alive) {
    if ((size_t)slot >= b->words * 64) return;
    if (alive) set_bit(b->alive, slot);
    else b->alive[slot >> 6] &= ~(1ULL << (slot & 63));
}

/* Fills the new (zero) sets of si: its own list for the levels and years,
 * the lists of all its sources for the credit set. */
static void fill_from_lists(MatchIndex *ix, int si) {
    MatchBits *b = &ix->bits;
    uint64_t *s = b->sets[si];
    const MatchPostings *l = &ix->lists[si];
    for (uint32_t k = 0; k < l->n; k++) {
        uint32_t e = l->v[k], slot = e >> 8, y = e >> 3 & 31;
        for (uint32_t lv = 1; lv <= (e & 7) && lv <= MATCH_BITS_LEVELS; lv++) set_bit(s + (lv - 1) * b->words, slot);
        if (y != MATCH_YEARS_UNKNOWN && y >= YEARS_FOR_FULL_CREDIT) set_bit(s + (size_t)MATCH_BITS_YEARS * b->words, slot);
    }
    const SkillSource *src;
    int n = implied_sources(si, &src);
    for (int i = 0; i < n; i++) {
        const MatchPostings *sl = &ix->lists[src[i].skill];
        for (uint32_t k = 0; k < sl->n; k++) set_bit(s + (size_t)MATCH_BITS_CREDIT * b->words, sl->v[k] >> 8);
    }
}

void match_bits_consider(MatchIndex *ix, int si) {
    MatchBits *b = &ix->bits;
    const MatchPostings *l = &ix->lists[si];
    if (b->sets[si] || l->n < MATCH_BITS_MIN || (uint64_t)l->n * MATCH_BITS_DENSITY < ix->nslots || !b->words) return;
    if (!(b->sets[si] = calloc(MATCH_BITS_PER_SKILL * b->words, sizeof(uint64_t)))) return; /* the lists still serve */
    fill_from_lists(ix, si);
}

int match_bits_rebuild(MatchIndex *ix) {
    MatchBits *b = &ix->bits;
    for (int i = 0; i < ix->nlists; i++) {
        free(b->sets[i]);
        b->sets[i] = NULL;
    }
    if (b->words) memset(b->alive, 0, b->words * sizeof *b->alive);
    if (ix->nslots && match_bits_reserve(ix, ix->nslots - 1)) return -1;
    for (uint32_t s = 0; s < ix->nslots; s++)
        if (ix->slots[s].alive) match_bits_set_alive(b, s, 1);
    for (int i = 0; i < ix->nlists; i++) match_bits_consider(ix, i);
    return 0;
}

size_t match_bits_bytes(const MatchBits *b, int nskills) {
    size_t n = (size_t)nskills * sizeof *b->sets + b->words * sizeof(uint64_t);
    for (int i = 0; i < nskills; i++)
        if (b->sets[i]) n += MATCH_BITS_PER_SKILL * b->words * sizeof(uint64_t);
    return n;
}
