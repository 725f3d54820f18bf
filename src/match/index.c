/* index: the in-memory skill index (see index.h). */
#include "index.h"
#include <stdlib.h>
#include <string.h>
#include "../domain/scoring.h"
#include "../domain/skills.h"
#include "../lib/timeutil.h"

/* Room for one more of n elements of size elem in *v (capacity *cap). */
static int grow(void **v, size_t n, size_t *cap, size_t elem, size_t need) {
    if (n + need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < n + need) c *= 2;
    void *w = realloc(*v, c * elem);
    if (!w) return -1;
    *v = w;
    *cap = c;
    return 0;
}

static size_t hash_id(long long id, size_t cap) {
    uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ULL;
    return (size_t)(x >> 17) & (cap - 1);
}

static int map_resize(MatchIndex *ix, size_t cap) {
    long long *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t i = 0; i < ix->map_cap; i++) {
        if (!ix->map_keys[i]) continue;
        size_t h = hash_id(ix->map_keys[i], cap);
        while (keys[h]) h = (h + 1) & (cap - 1);
        keys[h] = ix->map_keys[i];
        vals[h] = ix->map_vals[i];
    }
    free(ix->map_keys);
    free(ix->map_vals);
    ix->map_keys = keys;
    ix->map_vals = vals;
    ix->map_cap = cap;
    return 0;
}

long match_index_find(const MatchIndex *ix, long long id) {
    if (!ix->map_cap || id <= 0) return -1;
    for (size_t h = hash_id(id, ix->map_cap); ix->map_keys[h]; h = (h + 1) & (ix->map_cap - 1))
        if (ix->map_keys[h] == id) return ix->map_vals[h];
    return -1;
}

static int map_set(MatchIndex *ix, long long id, uint32_t slot) {
    if ((ix->map_n + 1) * 2 > ix->map_cap && map_resize(ix, ix->map_cap ? ix->map_cap * 2 : 1024)) return -1;
    size_t h = hash_id(id, ix->map_cap);
    while (ix->map_keys[h] && ix->map_keys[h] != id) h = (h + 1) & (ix->map_cap - 1);
    if (!ix->map_keys[h]) ix->map_n++;
    ix->map_keys[h] = id;
    ix->map_vals[h] = slot;
    return 0;
}

/* Linear probing deletion by backward shift: no tombstones in the table. */
static void map_del(MatchIndex *ix, long long id) {
    if (!ix->map_cap) return;
    size_t mask = ix->map_cap - 1, h = hash_id(id, ix->map_cap);
    while (ix->map_keys[h] && ix->map_keys[h] != id) h = (h + 1) & mask;
    if (!ix->map_keys[h]) return;
    ix->map_keys[h] = 0;
    ix->map_n--;
    for (size_t j = (h + 1) & mask; ix->map_keys[j]; j = (j + 1) & mask) {
        size_t home = hash_id(ix->map_keys[j], ix->map_cap);
        /* move j back to h when its home is not in (h, j] (cyclically) */
        if ((j > h && (home <= h || home > j)) || (j < h && home <= h && home > j)) {
            ix->map_keys[h] = ix->map_keys[j];
            ix->map_vals[h] = ix->map_vals[j];
            ix->map_keys[j] = 0;
            h = j;
        }
    }
}

MatchIndex *match_index_new(void) {
    MatchIndex *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->nlists = (int)skills_count();
    ix->lists = calloc((size_t)(ix->nlists ? ix->nlists : 1), sizeof *ix->lists);
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    int rc = pthread_rwlock_init(&ix->lock, &attr);
    pthread_rwlockattr_destroy(&attr);
    if (!ix->lists || rc || match_bits_init(&ix->bits, ix->nlists)) {
        if (!rc) pthread_rwlock_destroy(&ix->lock);
        free(ix->lists);
        free(ix);
        return NULL;
    }
    return ix;
}

void match_index_free(MatchIndex *ix) {
    if (!ix) return;
    for (int i = 0; i < ix->nlists; i++) free(ix->lists[i].v);
    free(ix->lists);
    free(ix->slots);
    free(ix->pool);
    free(ix->text);
    free(ix->map_keys);
    free(ix->map_vals);
    match_bits_free(&ix->bits, ix->nlists);
    pthread_rwlock_destroy(&ix->lock);
    free(ix);
}

static uint32_t posting(uint32_t slot, int years, int level) {
    uint32_t y = years < 0 ? MATCH_YEARS_UNKNOWN : years > 30 ? 30 : (uint32_t)years;
    return slot << 8 | y << 3 | (uint32_t)(level & 7);
}

static int append_text(MatchIndex *ix, const char *s) {
    size_t n = s ? strlen(s) + 1 : 1;
    if (grow((void **)&ix->text, ix->ntext, &ix->text_cap, 1, n)) return -1;
    memcpy(ix->text + ix->ntext, s ? s : "", n);
    ix->ntext += n;
    return 0;
}

/* Appends p as a new slot; the caller holds the write lock. */
static int add_slot(MatchIndex *ix, const Person *p) {
    if (ix->nslots >= MATCH_MAX_SLOTS && (match_index_compact(ix) || ix->nslots >= MATCH_MAX_SLOTS)) return -1;
    size_t cap = ix->slots_cap;
    if (grow((void **)&ix->slots, ix->nslots, &cap, sizeof *ix->slots, 1)) return -1;
    ix->slots_cap = (uint32_t)cap;
    int n = p->nskills > 255 ? 255 : p->nskills;
    if (match_bits_reserve(ix, ix->nslots)) return -1;
    if (grow((void **)&ix->pool, ix->npool, &ix->pool_cap, sizeof *ix->pool, (size_t)n)) return -1;
    uint32_t slot = ix->nslots;
    MatchSlot *s = &ix->slots[slot];
    *s = (MatchSlot){p->id, p->available_from ? (int32_t)time_date_days(p->available_from) : -1,
                     p->daily_rate < 0 || p->daily_rate > INT32_MAX ? -1 : (int32_t)p->daily_rate,
                     score_location_key(p->location), (uint32_t)ix->npool, (uint32_t)ix->ntext, 0,
                     p->kind && strcmp(p->kind, "consultant") == 0, 1};
    size_t text0 = ix->ntext;
    if (append_text(ix, p->first_name) || append_text(ix, p->last_name) || append_text(ix, p->location) ||
        append_text(ix, p->available_from)) {
        ix->ntext = text0;
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const PersonSkill *k = &p->skills[i];
        int si = skills_index(skills_get(k->skill));
        if (si < 0 || k->level < 1 || k->level > 5) continue;
        MatchPostings *l = &ix->lists[si];
        size_t lcap = l->cap;
        if (grow((void **)&l->v, l->n, &lcap, sizeof *l->v, 1)) goto fail;
        l->cap = (uint32_t)lcap;
        l->v[l->n++] = posting(slot, k->years, k->level);
        match_bits_add(&ix->bits, slot, si, k->level, k->years);
        uint32_t y = k->years < 0 || k->years > 254 ? 255 : (uint32_t)k->years;
        ix->pool[ix->npool++] = (uint32_t)si << 16 | y << 8 | (uint32_t)k->level;
        s->nskills++;
    }
    if (map_set(ix, p->id, slot)) goto fail;
    ix->nslots++;
    match_bits_set_alive(&ix->bits, slot, 1);
    for (uint32_t i = 0; i < s->nskills; i++) match_bits_consider(ix, (int)(ix->pool[s->skills + i] >> 16));
    return 0;
fail: /* postings may name the slot already: keep it, dead */
    s->alive = 0;
    ix->nslots++;
    ix->dead++;
    return -1;
}

static void kill_slot(MatchIndex *ix, long slot) {
    if (slot < 0 || !ix->slots[slot].alive) return;
    ix->slots[slot].alive = 0;
    match_bits_set_alive(&ix->bits, (uint32_t)slot, 0);
    ix->dead++;
}

static void maybe_compact(MatchIndex *ix) {
    if (ix->dead > 1024 && ix->dead * 4 > ix->nslots) match_index_compact(ix);
}

int match_index_put(MatchIndex *ix, const Person *p) {
    pthread_rwlock_wrlock(&ix->lock);
    kill_slot(ix, match_index_find(ix, p->id));
    int rc = add_slot(ix, p);
    if (!rc) maybe_compact(ix);
    pthread_rwlock_unlock(&ix->lock);
    return rc;
}

void match_index_remove(MatchIndex *ix, long long id) {
    pthread_rwlock_wrlock(&ix->lock);
    kill_slot(ix, match_index_find(ix, id));
    map_del(ix, id);
    maybe_compact(ix);
    pthread_rwlock_unlock(&ix->lock);
}

/* Renumbers live slots in order (so postings stay sorted) and drops the
 * dead ones from every list and pool. Caller holds the write lock. */
int match_index_compact(MatchIndex *ix) {
    uint32_t *remap = malloc((size_t)(ix->nslots ? ix->nslots : 1) * sizeof *remap);
    char *text = malloc(ix->ntext ? ix->ntext : 1);
    uint32_t *pool = malloc((ix->npool ? ix->npool : 1) * sizeof *pool);
    if (!remap || !text || !pool) {
        free(remap);
        free(text);
        free(pool);
        return -1;
    }
    uint32_t live = 0;
    size_t ntext = 0, npool = 0;
    for (uint32_t s = 0; s < ix->nslots; s++) {
        MatchSlot *m = &ix->slots[s];
        if (!m->alive) {
            remap[s] = UINT32_MAX;
            continue;
        }
        const char *t = ix->text + m->text;
        size_t tl = 0;
        for (int f = 0; f < 4; f++) tl += strlen(t + tl) + 1;
        memcpy(text + ntext, t, tl);
        memcpy(pool + npool, ix->pool + m->skills, m->nskills * sizeof *pool);
        remap[s] = live;
        ix->slots[live] = *m;
        ix->slots[live].text = (uint32_t)ntext;
        ix->slots[live].skills = (uint32_t)npool;
        ntext += tl;
        npool += m->nskills;
        live++;
    }
    for (int i = 0; i < ix->nlists; i++) {
        MatchPostings *l = &ix->lists[i];
        uint32_t w = 0;
        for (uint32_t k = 0; k < l->n; k++) {
            uint32_t to = remap[l->v[k] >> 8];
            if (to != UINT32_MAX) l->v[w++] = to << 8 | (l->v[k] & 0xff);
        }
        l->n = w;
    }
    for (size_t h = 0; h < ix->map_cap; h++)
        if (ix->map_keys[h]) ix->map_vals[h] = remap[ix->map_vals[h]];
    free(remap);
    free(ix->text);
    free(ix->pool);
    ix->text = text;
    ix->text_cap = ix->ntext ? ix->ntext : 1;
    ix->ntext = ntext;
    ix->pool = pool;
    ix->pool_cap = ix->npool ? ix->npool : 1;
    ix->npool = npool;
    ix->nslots = live;
    ix->dead = 0;
    return match_bits_rebuild(ix);
}

size_t match_index_count(MatchIndex *ix) {
    pthread_rwlock_rdlock(&ix->lock);
    size_t n = ix->nslots - ix->dead;
    pthread_rwlock_unlock(&ix->lock);
    return n;
}

size_t match_index_bytes(MatchIndex *ix) {
    pthread_rwlock_rdlock(&ix->lock);
    size_t b = sizeof *ix + (size_t)ix->nlists * sizeof *ix->lists;
    for (int i = 0; i < ix->nlists; i++) b += ix->lists[i].cap * sizeof(uint32_t);
    b += ix->slots_cap * sizeof *ix->slots + ix->pool_cap * sizeof *ix->pool + ix->text_cap +
         ix->map_cap * (sizeof *ix->map_keys + sizeof *ix->map_vals) + match_bits_bytes(&ix->bits, ix->nlists);
    pthread_rwlock_unlock(&ix->lock);
    return b;
}

void match_index_person(const MatchIndex *ix, uint32_t s, Arena *a, Person *p) {
    const MatchSlot *m = &ix->slots[s];
    const char *t = ix->text + m->text;
    const char *f[4];
    for (int i = 0; i < 4; i++) {
        f[i] = t;
        t += strlen(t) + 1;
    }
    *p = (Person){.id = m->id, .kind = m->consultant ? "consultant" : "candidate", .first_name = arena_strdup(a, f[0]),
                  .last_name = arena_strdup(a, f[1]), .location = *f[2] ? arena_strdup(a, f[2]) : NULL,
                  .available_from = *f[3] ? arena_strdup(a, f[3]) : NULL, .daily_rate = m->rate};
    p->skills = arena_alloc(a, (size_t)(m->nskills ? m->nskills : 1) * sizeof *p->skills);
    for (int i = 0; i < m->nskills; i++) {
        uint32_t e = ix->pool[m->skills + (uint32_t)i];
        uint32_t y = e >> 8 & 0xff;
        p->skills[i] = (PersonSkill){skills_at(e >> 16)->id, (int)(e & 0xff), y == 255 ? -1 : (int)y};
    }
    p->nskills = m->nskills;
}

static MatchIndex *g_index;

MatchIndex *match_global(void) { return __atomic_load_n(&g_index, __ATOMIC_ACQUIRE); }
void match_set_global(MatchIndex *ix) { __atomic_store_n(&g_index, ix, __ATOMIC_RELEASE); }
