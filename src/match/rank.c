/* rank: top-k over the index (see rank.h). */
#include "rank_internal.h"
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/implied.h"
#include "../domain/skills.h"

static bool worse(const Entry *a, const Entry *b) {
    return a->tenths != b->tenths ? a->tenths < b->tenths : a->id > b->id;
}

void rank_heap_push(Heap *h, Entry x) {
    if (h->n == h->k) {
        if (!worse(&h->e[0], &x)) return;
        int i = 0; /* replace the top, sift down */
        for (;;) {
            int l = 2 * i + 1, r = l + 1, m = i;
            const Entry *best = &x;
            if (l < h->n && worse(&h->e[l], best)) m = l, best = &h->e[l];
            if (r < h->n && worse(&h->e[r], best)) m = r;
            if (m == i) break;
            h->e[i] = h->e[m];
            i = m;
        }
        h->e[i] = x;
        return;
    }
    int i = h->n++;
    while (i > 0 && worse(&x, &h->e[(i - 1) / 2])) {
        h->e[i] = h->e[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->e[i] = x;
}

long long rank_heap_floor(const Heap *h) {
    return h->n < h->k ? -1 : (long long)h->e[0].tenths * 100000 - 50000;
}

static int cmp_entry_best_first(const void *a, const void *b) {
    const Entry *x = a, *y = b;
    return worse(x, y) ? 1 : worse(y, x) ? -1 : 0;
}

/* First position at or after pos whose slot is >= target (galloping). */
static uint32_t gallop(const uint32_t *v, uint32_t n, uint32_t pos, uint32_t target) {
    uint32_t key = target << 8;
    if (pos >= n || v[pos] >= key) return pos;
    uint32_t lo = pos, step = 1;
    while (lo + step < n && v[lo + step] < key) {
        lo += step;
        step <<= 1;
    }
    uint32_t hi = lo + step < n ? lo + step : n;
    lo++;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static void cur_update(Cur *c) {
    uint32_t d = END;
    for (int i = 0; i < c->nsrc; i++) {
        const Src *s = &c->src[i];
        if (s->pos < s->n && (s->v[s->pos] >> 8) < d) d = s->v[s->pos] >> 8;
    }
    c->doc = d;
}

static void cur_seek(Cur *c, uint32_t target, uint64_t *entries) {
    if (c->doc >= target) return;
    for (int i = 0; i < c->nsrc; i++) {
        Src *s = &c->src[i];
        uint32_t p = gallop(s->v, s->n, s->pos, target);
        *entries += p - s->pos;
        s->pos = p;
    }
    cur_update(c);
}

/* Millionths earned at slot d (the cursor stands on d); *meets when a
 * source counting for mandatory is at the level. */
static long long cur_eval(const Cur *c, uint32_t d, bool *meets) {
    long long best = 0;
    bool m = false;
    for (int i = 0; i < c->nsrc; i++) {
        const Src *s = &c->src[i];
        if (s->pos >= s->n || (s->v[s->pos] >> 8) != d) continue;
        uint32_t e = s->v[s->pos];
        long long pts = s->tab[e & 0xff];
        if (pts > best) best = pts;
        if (s->implies && (int)(e & 7) >= c->min_level) m = true;
    }
    *meets = m;
    return best;
}

static void cur_next(Cur *c, uint32_t d, uint64_t *entries) {
    for (int i = 0; i < c->nsrc; i++) {
        Src *s = &c->src[i];
        if (s->pos < s->n && (s->v[s->pos] >> 8) == d) {
            s->pos++;
            (*entries)++;
        }
    }
    cur_update(c);
}

static void cur_reset(Cur *c) {
    for (int i = 0; i < c->nsrc; i++) c->src[i].pos = 0;
    cur_update(c);
}

bool rank_admissible(const Ctx *x, uint32_t slot) {
    const MatchSlot *s = &x->ix->slots[slot];
    if (!s->alive) return false;
    if (!x->q->accept) return true;
    MatchCandidate c = {s->id, s->consultant, s->available_day, s->location};
    return x->q->accept(&c, x->q->accept_arg);
}

long long rank_slot_terms(const Ctx *x, uint32_t slot) {
    const MatchSlot *s = &x->ix->slots[slot];
    PersonTerms t = {s->available_day, s->location, s->rate};
    return scorer_terms_micro(x->sc, &t);
}

static int cmp_cur_size(const void *a, const void *b) {
    const Cur *x = a, *y = b;
    if (x->mandatory != y->mandatory) return x->mandatory ? -1 : 1;
    if (x->mandatory) return x->size < y->size ? -1 : x->size > y->size;
    return x->ub > y->ub ? -1 : x->ub < y->ub;
}

static int cmp_cur_ub(const void *a, const void *b) {
    const Cur *x = a, *y = b;
    return x->ub < y->ub ? -1 : x->ub > y->ub ? 1 : x->req - y->req;
}

/* Phase 1: everyone meeting every mandatory requirement, driven by the
 * shortest mandatory list. Returns how many met them (admissible ones). */
static long rank_mandatory(Ctx *x, Heap *h) {
    qsort(x->cur, (size_t)x->m, sizeof *x->cur, cmp_cur_size);
    int nm = 0;
    while (nm < x->m && x->cur[nm].mandatory) nm++;
    long long suffix[SCORE_MAX_REQS + 1];
    suffix[x->m] = 0;
    for (int j = x->m - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + (j >= nm ? x->cur[j].ub : 0);
    Cur *drv = &x->cur[0];
    long met = 0;
    while (drv->doc != END) {
        uint32_t d = drv->doc;
        bool ok;
        long long s = cur_eval(drv, d, &ok);
        cur_next(drv, d, &x->entries);
        for (int j = 1; ok && j < nm; j++) {
            Cur *c = &x->cur[j];
            cur_seek(c, d, &x->entries);
            if (c->doc != d) ok = false;
            else s += cur_eval(c, d, &ok);
        }
        if (!ok || !rank_admissible(x, d)) continue;
        met++;
        bool pruned = false;
        for (int j = nm; j < x->m; j++) {
            if (s + suffix[j] + x->terms_ub < rank_heap_floor(h)) {
                pruned = true;
                break;
            }
            Cur *c = &x->cur[j];
            cur_seek(c, d, &x->entries);
            bool unused;
            if (c->doc == d) s += cur_eval(c, d, &unused);
        }
        if (pruned) continue;
        s += rank_slot_terms(x, d);
        rank_heap_push(h, (Entry){score_tenths(s), x->ix->slots[d].id, d});
    }
    return met;
}

/* Phase 2: everyone else with credit for some requirement (MaxScore). */
static void rank_rest(Ctx *x, Heap *h, bool skip_met) {
    qsort(x->cur, (size_t)x->m, sizeof *x->cur, cmp_cur_ub);
    long long prefix[SCORE_MAX_REQS + 1];
    prefix[0] = 0;
    for (int j = 0; j < x->m; j++) prefix[j + 1] = prefix[j] + x->cur[j].ub;
    int ess = 0; /* cur[0..ess) are only probed */
    for (;;) {
        long long floor = rank_heap_floor(h);
        while (ess < x->m && prefix[ess + 1] + x->terms_ub < floor) ess++;
        uint32_t d = END;
        for (int j = ess; j < x->m; j++)
            if (x->cur[j].doc < d) d = x->cur[j].doc;
        if (d == END) break;
        long long s = 0;
        bool met = true;
        for (int j = ess; j < x->m; j++) {
            Cur *c = &x->cur[j];
            bool meets = false;
            if (c->doc == d) {
                s += cur_eval(c, d, &meets);
                cur_next(c, d, &x->entries);
            }
            if (c->mandatory && !meets) met = false;
        }
        bool pruned = false;
        for (int j = ess - 1; j >= 0; j--) {
            if (s + prefix[j + 1] + x->terms_ub < floor) {
                pruned = true;
                break;
            }
            Cur *c = &x->cur[j];
            bool meets = false;
            cur_seek(c, d, &x->entries);
            if (c->doc == d) s += cur_eval(c, d, &meets);
            if (c->mandatory && !meets) met = false;
        }
        if (pruned || (skip_met && met) || !rank_admissible(x, d)) continue;
        s += rank_slot_terms(x, d);
        rank_heap_push(h, (Entry){score_tenths(s), x->ix->slots[d].id, d});
    }
}

/* Per-thread scratch of the term-at-a-time pass, one entry per slot; freed
 * when the thread ends (a pthread key's destructor). */
typedef struct {
    int32_t *acc;      /* millionths so far */
    uint8_t *met;      /* mandatory requirements met so far */
    uint16_t *stamp;   /* requirement (+1) that last credited the slot, for the max over sources */
    int32_t *last;     /* what that requirement credited */
    size_t cap;
} Scratch;

static pthread_key_t g_scratch_key;
static pthread_once_t g_scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p) {
    Scratch *s = p;
    free(s->acc);
    free(s->met);
    free(s->stamp);
    free(s->last);
    free(s);
}
static void scratch_key(void) { pthread_key_create(&g_scratch_key, scratch_free); }

/* This thread's scratch with room for n slots, or NULL. */
static Scratch *scratch(size_t n) {
    pthread_once(&g_scratch_once, scratch_key);
    Scratch *s = pthread_getspecific(g_scratch_key);
    if (!s && (!(s = calloc(1, sizeof *s)) || pthread_setspecific(g_scratch_key, s))) {
        free(s);
        return NULL;
    }
    if (n <= s->cap) return s;
    size_t cap = n + n / 4 + 1024;
    int32_t *acc = realloc(s->acc, cap * sizeof *acc);
    if (acc) s->acc = acc;
    int32_t *last = acc ? realloc(s->last, cap * sizeof *last) : NULL;
    if (last) s->last = last;
    uint8_t *met = last ? realloc(s->met, cap) : NULL;
    if (met) s->met = met;
    uint16_t *stamp = met ? realloc(s->stamp, cap * sizeof *stamp) : NULL;
    if (!stamp) return NULL;
    s->stamp = stamp;
    s->cap = cap;
    return s;
}

/* Both phases at once for long lists: term at a time into one accumulator
 * per slot (a sequential pass over each list, counting the mandatory
 * requirements met on the way), then one pass over the slots keeping the k
 * best of those meeting every mandatory requirement (met) and of the others
 * (rest); a slot whose skill points plus the most the person-side factors
 * can add stays below its heap's floor is not looked at further. *nmet
 * counts the admissible people meeting them all. -1 out of memory. */
static int rank_taat(Ctx *x, Heap *met_heap, Heap *rest_heap, int nmandatory, long *nmet) {
    uint32_t n = x->ix->nslots;
    Scratch *sc = scratch(n);
    if (!sc) return -1;
    int32_t *acc = sc->acc, *last = sc->last;
    uint8_t *met = sc->met;
    uint16_t *stamp = sc->stamp;
    memset(acc, 0, n * sizeof *acc);
    if (nmandatory) memset(met, 0, n);
    bool stamped = false;
    for (int j = 0; j < x->m; j++) {
        Cur *c = &x->cur[j];
        if (c->nsrc == 1) { /* the common case: one list, no max to take */
            const Src *s = &c->src[0];
            const int32_t *tab = s->tab;
            for (uint32_t k = 0; k < s->n; k++) {
                uint32_t e = s->v[k];
                acc[e >> 8] += tab[e & 0xff];
            }
            if (c->mandatory && s->implies)
                for (uint32_t k = 0; k < s->n; k++)
                    if ((int)(s->v[k] & 7) >= c->min_level) met[s->v[k] >> 8]++;
            x->entries += s->n;
            continue;
        }
        if (!stamped) {
            memset(stamp, 0, n * sizeof *stamp);
            stamped = true;
        }
        uint16_t id = (uint16_t)(2 * j + 1), mid = (uint16_t)(2 * j + 2); /* credit taken / mandatory counted */
        for (int i = 0; i < c->nsrc; i++) {
            const Src *s = &c->src[i];
            for (uint32_t k = 0; k < s->n; k++) {
                uint32_t e = s->v[k], slot = e >> 8;
                int32_t pts = s->tab[e & 0xff];
                bool meets = c->mandatory && s->implies && (int)(e & 7) >= c->min_level;
                if (stamp[slot] != id && stamp[slot] != mid) {
                    acc[slot] += pts;
                    last[slot] = pts;
                    stamp[slot] = meets ? mid : id;
                    if (meets) met[slot]++;
                    continue;
                }
                if (pts > last[slot]) {
                    acc[slot] += pts - last[slot];
                    last[slot] = pts;
                }
                if (meets && stamp[slot] == id) {
                    stamp[slot] = mid;
                    met[slot]++;
                }
            }
            x->entries += s->n;
        }
    }
    if (x->q->count_total) { /* the accumulator is there: counting is one more pass */
        x->total = 0;
        for (uint32_t slot = 0; slot < n; slot++) x->total += acc[slot] && rank_admissible(x, slot);
    }
    *nmet = 0;
    for (uint32_t slot = 0; slot < n; slot++) {
        int32_t a = acc[slot];
        if (!a) continue;
        bool is_met = nmandatory && met[slot] == nmandatory;
        if (is_met) {
            if (!rank_admissible(x, slot)) continue;
            (*nmet)++;
        } else if (x->q->only_mandatory_met) {
            continue;
        }
        Heap *h = is_met ? met_heap : rest_heap;
        if (a + x->terms_ub < rank_heap_floor(h) || (!is_met && !rank_admissible(x, slot))) continue;
        rank_heap_push(h, (Entry){score_tenths(a + rank_slot_terms(x, slot)), x->ix->slots[slot].id, slot});
    }
    return 0;
}

/* People with credit for some requirement: a union pass over every list. */
static long count_union(Ctx *x) {
    long n = 0;
    for (;;) {
        uint32_t d = END;
        for (int j = 0; j < x->m; j++)
            if (x->cur[j].doc < d) d = x->cur[j].doc;
        if (d == END) break;
        for (int j = 0; j < x->m; j++)
            if (x->cur[j].doc == d) cur_next(&x->cur[j], d, &x->entries);
        if (rank_admissible(x, d)) n++;
    }
    return n;
}

/* Cursors for every requirement of the need, with their point tables. */
static int build_cursors(Ctx *x, Arena *a) {
    const Scorer *sc = x->sc;
    x->cur = arena_alloc(a, (size_t)(sc->nreqs ? sc->nreqs : 1) * sizeof *x->cur);
    if (!x->cur) return -1;
    x->m = 0;
    for (int i = 0; i < sc->nreqs; i++) {
        const Requirement *r = &sc->need->skills[i];
        const SkillSource *src;
        int skill = skills_index(skills_get(r->skill)), n = implied_sources(skill, &src);
        Cur *c = &x->cur[x->m++];
        *c = (Cur){arena_alloc(a, (size_t)(n ? n : 1) * sizeof *c->src), 0, i, r->min_level, r->mandatory, 0, 0, END,
                   skill};
        if (!c->src) return -1;
        double factors[8];
        const int32_t *tabs[8];
        int nf = 0;
        for (int k = 0; k < n; k++) {
            const MatchPostings *l = &x->ix->lists[src[k].skill];
            if (!l->n) continue;
            int f = 0;
            while (f < nf && factors[f] != src[k].factor) f++;
            if (f == nf) { /* one table per distinct factor (at most a handful) */
                if (nf == 8) continue;
                int32_t *t = arena_alloc(a, TAB_SIZE * sizeof *t);
                if (!t) return -1;
                for (int lv = 1; lv <= 5; lv++)
                    for (int y = 0; y < 32; y++) /* years credit is flat from 5 on */
                        t[y << 3 | lv] = y > YEARS_FOR_FULL_CREDIT && y < MATCH_YEARS_UNKNOWN
                                             ? t[YEARS_FOR_FULL_CREDIT << 3 | lv]
                                             : (int32_t)scorer_req_micro(sc, i, lv, y == MATCH_YEARS_UNKNOWN ? -1 : y,
                                                                         src[k].factor, NULL);
                factors[nf] = src[k].factor;
                tabs[nf++] = t;
            }
            c->src[c->nsrc++] = (Src){l->v, l->n, 0, tabs[f], src[k].implies, src[k].skill};
            c->size += l->n;
            long long top = tabs[f][YEARS_FOR_FULL_CREDIT << 3 | 5];
            if (top > c->ub) c->ub = top;
        }
        cur_update(c);
    }
    return 0;
}

/* The first max hits of heap h, best first, explained by scoring the person again
 * from the index (the same sums in millionths: the same score). */
static int collect(Ctx *x, Arena *a, Heap *h, MatchHit *hits, int *n, int max) {
    qsort(h->e, (size_t)h->n, sizeof *h->e, cmp_entry_best_first);
    for (int i = 0; i < h->n && i < max; i++) {
        MatchHit *hit = &hits[(*n)++];
        match_index_person(x->ix, h->e[i].slot, a, &hit->person);
        hit->score.skills = arena_alloc(a, (size_t)(x->sc->nreqs ? x->sc->nreqs : 1) * sizeof *hit->score.skills);
        if (!hit->score.skills) return -1;
        score_person(x->sc, &hit->person, &hit->score);
        assert(hit->score.tenths == h->e[i].tenths);
    }
    return 0;
}

/* Both heaps through the bitsets (rank_bits.c); false when a round would
 * score too many people. */
static bool by_bitsets(Ctx *x, Arena *a, Heap *met, Heap *rest, int want, bool has_mandatory, MatchResult *out) {
    if (has_mandatory) {
        out->mandatory_met = rank_bits_count(x, a, RANK_MANDATORY_MET);
        if (out->mandatory_met < 0 || !rank_bits(x, a, met, RANK_MANDATORY_MET)) return false;
        if (!x->q->only_mandatory_met && met->n < want) {
            rest->k = want - met->n;
            if (!rank_bits(x, a, rest, RANK_MANDATORY_NOT_MET)) return false;
        }
    } else if (!rank_bits(x, a, rest, RANK_EVERYONE)) {
        return false;
    }
    if (x->q->count_total && (x->total = rank_bits_count(x, a, RANK_EVERYONE)) < 0) return false;
    return true;
}

int match_rank(MatchIndex *ix, Arena *a, const Need *need, const MatchQuery *q, MatchResult *out) {
    memset(out, 0, sizeof *out);
    out->total = -1;
    out->mandatory_met = -1;
    Scorer sc;
    scorer_init(&sc, need);
    int limit = q->limit < 1 ? 1 : q->limit > MATCH_MAX_LIMIT ? MATCH_MAX_LIMIT : q->limit;
    int want = limit + (q->offset > 0 ? q->offset : 0);
    bool has_mandatory = false;
    for (int i = 0; i < sc.nreqs; i++) has_mandatory |= need->skills[i].mandatory;
    Heap met = {arena_alloc(a, (size_t)want * sizeof(Entry)), 0, want};
    Heap rest = {arena_alloc(a, (size_t)want * sizeof(Entry)), 0, want};
    out->hits = arena_alloc(a, (size_t)(2 * want) * sizeof *out->hits);
    if (!met.e || !rest.e || !out->hits) return -1;
    if (!sc.nreqs) {
        out->total = 0;
        return 0;
    }
    pthread_rwlock_rdlock(&ix->lock);
    Ctx x = {ix, &sc, q, NULL, 0,
             score_micro(sc.weight[FACTOR_AVAILABILITY]) + score_micro(sc.weight[FACTOR_LOCATION]) +
                 score_micro(sc.weight[FACTOR_RATE]),
             0, -1};
    int rc = build_cursors(&x, a);
    /* long lists: one sequential pass each beats skipping around them */
    uint64_t entries = 0;
    int nmandatory = 0;
    for (int j = 0; j < x.m; j++) {
        entries += x.cur[j].size;
        nmandatory += x.cur[j].mandatory;
    }
    /* short lists: skipping around them document at a time; long ones:
     * bitsets, and when a need defeats them one sequential pass per list */
    int path = q->path ? q->path : entries <= ix->nslots / 8 ? MATCH_DOCUMENT_AT_A_TIME : MATCH_BITSETS;
    bool done = false;
    if (!rc && path == MATCH_BITSETS && !(done = rank_bits_usable(&x) && by_bitsets(&x, a, &met, &rest, want,
                                                                                     has_mandatory, out))) {
        met.n = rest.n = 0; /* start again on the lists */
        rest.k = want;
        out->mandatory_met = -1;
        x.total = -1;
        path = MATCH_TERM_AT_A_TIME;
    }
    bool taat = path == MATCH_TERM_AT_A_TIME;
    /* the intersection first when its shortest list is short: often it
     * alone fills the answer */
    uint64_t shortest = UINT64_MAX;
    for (int j = 0; j < x.m; j++)
        if (x.cur[j].mandatory && x.cur[j].size < shortest) shortest = x.cur[j].size;
    bool intersect = !done && has_mandatory && (!taat || (q->path != MATCH_TERM_AT_A_TIME && shortest < ix->nslots / 16));
    if (!rc && intersect) {
        out->mandatory_met = rank_mandatory(&x, &met);
        for (int j = 0; j < x.m; j++) cur_reset(&x.cur[j]);
    }
    if (!rc && !done && (!intersect || (!q->only_mandatory_met && met.n < want))) {
        if (taat) {
            long nmet = 0;
            met.n = 0; /* found again, with everyone else, in one pass */
            rc = rank_taat(&x, &met, &rest, nmandatory, &nmet);
            if (has_mandatory) out->mandatory_met = nmet;
        } else {
            rest.k = want - met.n;
            rank_rest(&x, &rest, has_mandatory);
        }
    }
    if (!rc && q->count_total && x.total >= 0) out->total = x.total;
    else if (!rc && !done && q->count_total) {
        for (int j = 0; j < x.m; j++) cur_reset(&x.cur[j]);
        out->total = count_union(&x);
    }
    MatchHit *all = out->hits;
    int n = 0;
    if (!rc) rc = collect(&x, a, &met, all, &n, want);
    if (!rc) rc = collect(&x, a, &rest, all, &n, want - n); /* the term-at-a-time pass kept up to want */
    out->entries = x.entries;
    out->path = path;
    pthread_rwlock_unlock(&ix->lock);
    int skip = q->offset > 0 ? (q->offset < n ? q->offset : n) : 0;
    out->hits = all + skip;
    out->n = n - skip < limit ? n - skip : limit;
    return rc;
}

MatchScore *rank_people(Arena *a, const Need *need, const Person *people, int n) {
    Scorer sc;
    scorer_init(&sc, need);
    MatchScore *scores = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *scores);
    for (int i = 0; i < n; i++) {
        scores[i].skills = arena_alloc(a, (size_t)(sc.nreqs ? sc.nreqs : 1) * sizeof *scores[i].skills);
        score_person(&sc, &people[i], &scores[i]);
        scores[i].index = i;
    }
    qsort(scores, (size_t)n, sizeof *scores, score_compare);
    return scores;
}

static int cmp_need_score(const void *a, const void *b) { return score_compare(a, b); }

MatchScore *rank_needs(Arena *a, const Person *p, const Need *needs, int n) {
    MatchScore *scores = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *scores);
    for (int i = 0; i < n; i++) {
        Scorer sc;
        scorer_init(&sc, &needs[i]);
        scores[i].skills = arena_alloc(a, (size_t)(sc.nreqs ? sc.nreqs : 1) * sizeof *scores[i].skills);
        score_person(&sc, p, &scores[i]);
        scores[i].person_id = needs[i].id; /* ties go to the older need */
        scores[i].index = i;
    }
    qsort(scores, (size_t)n, sizeof *scores, cmp_need_score);
    return scores;
}
