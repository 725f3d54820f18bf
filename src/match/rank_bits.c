/* rank_bits: the k best of a population from the skills' bitsets
 * (bitsets.h), for needs whose posting lists are too long to read.
 *
 * 1. A bound per person, summed bit-sliced: for every requirement, three
 *    tiers read off its point tables — who can earn 98 % of its points (the
 *    level asked with 5 years, by the skill itself), 85 % (the level asked)
 *    and anyone with credit — each a few bitsets ANDed and ORed; the tier's
 *    points, in units of 1/200 of the need's skill points rounded up, are
 *    added into 8 bit planes, 256 people per step (four words, one AVX2
 *    register). A person's plane value times the unit is never below their
 *    skill points.
 * 2. The 2k + 64 best bounds are found by a radix select over the planes
 *    (top bit first) and those people are scored exactly: their own terms
 *    (availability, location, rate) first, then their skills from the
 *    index's copy (the same millionths as every other path).
 * 3. Anyone else whose bound plus the most the terms can give reaches the
 *    k-th score is scored too; nobody else can enter the answer.
 * Typically a few hundred to a few thousand people are scored out of a
 * million. Short lists (skills without bitsets) become a bitset of their
 * tier for the query. When more than nslots / SCORE_CAP_SHARE people would
 * be scored, the caller reads the lists instead. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "rank_internal.h"

enum { SCORE_CAP_SHARE = 32, MAX_TERMS = 32 };

/* The loops below are mostly popcounts and wide ANDs: on x86-64, GCC builds
 * them twice (with popcnt and AVX2, and plain) and picks one when the
 * program loads; elsewhere they are built once. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define WIDE __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define WIDE
#endif

/* One bitset source of a requirement's tier: p[w] | (q[w] & y[w]). */
typedef struct {
    const uint64_t *p, *q, *y;
} Term;

typedef struct {
    Term t[MAX_TERMS];
    int nt;
    uint64_t *shortset;    /* the short lists' people of the tier (NULL: none) */
} ReqTier;

/* Per-thread scratch bitsets, zeroed by whoever takes them. */
typedef struct {
    uint64_t *mem;
    size_t cap;            /* in words */
} Pool;

static pthread_key_t g_pool_key;
static pthread_once_t g_pool_once = PTHREAD_ONCE_INIT;
static void pool_free(void *p) {
    free(((Pool *)p)->mem);
    free(p);
}
static void pool_key(void) { pthread_key_create(&g_pool_key, pool_free); }

/* n bitsets of `words` each from this thread's pool, the first `zeroed`
 * of them zeroed; NULL out of memory. */
static uint64_t *pool_take(size_t n, size_t zeroed, size_t words) {
    pthread_once(&g_pool_once, pool_key);
    Pool *p = pthread_getspecific(g_pool_key);
    if (!p && (!(p = calloc(1, sizeof *p)) || pthread_setspecific(g_pool_key, p))) {
        free(p);
        return NULL;
    }
    size_t need = n * words;
    if (need > p->cap) {
        uint64_t *m = realloc(p->mem, need * sizeof *m);
        if (!m) return NULL;
        p->mem = m;
        p->cap = need;
    }
    memset(p->mem, 0, zeroed * words * sizeof *p->mem);
    return p->mem;
}

static void set_bit(uint64_t *v, uint32_t slot) { v[slot >> 6] |= 1ULL << (slot & 63); }

/* The lowest level whose best points over the years given reach want (6: none).
 * five: years of 5 and more only; else every other years code. */
static int level_for(const int32_t *tab, long long want, bool five) {
    for (int l = 1; l <= 5; l++) {
        long long best = 0;
        if (five) best = tab[YEARS_FOR_FULL_CREDIT << 3 | l];
        else
            for (int y = 0; y < 32; y++)
                if (y < YEARS_FOR_FULL_CREDIT || y == MATCH_YEARS_UNKNOWN) best = tab[y << 3 | l] > best ? tab[y << 3 | l] : best;
        if (best >= want) return l;
    }
    return 6;
}

typedef struct {
    Ctx *x;
    size_t words;
    ReqTier *rr;          /* per requirement */
    uint64_t **mand;       /* per mandatory requirement: who meets it (bitset, a source's or built) */
    int *mreq;             /* their requirement numbers */
    int nmand;
    int16_t *head;         /* per reference skill: first source entry, -1 none */
    struct SkillUse { int16_t next; uint8_t req; bool implies; const int32_t *tab; } *use;
} Plan;

/* Who meets mandatory requirement j: one source's bitset when it is the
 * only one, else built from every source counting for mandatory. */
static uint64_t *mandatory_set(Plan *pl, const Cur *c, uint64_t *scratch) {
    const MatchBits *b = &pl->x->ix->bits;
    int only = -1, n = 0;
    for (int i = 0; i < c->nsrc; i++)
        if (c->src[i].implies) only = i, n++;
    if (n == 1 && b->sets[c->src[only].skill])
        return (uint64_t *)match_bits_set(b, c->src[only].skill, c->min_level - 1);
    for (int i = 0; i < c->nsrc; i++) {
        const Src *s = &c->src[i];
        if (!s->implies) continue;
        const uint64_t *bs = match_bits_set(b, s->skill, c->min_level - 1);
        if (bs)
            for (size_t w = 0; w < pl->words; w++) scratch[w] |= bs[w];
        else
            for (uint32_t k = 0; k < s->n; k++)
                if ((int)(s->v[k] & 7) >= c->min_level) set_bit(scratch, s->v[k] >> 8);
    }
    return scratch;
}

/* Fills r with who can earn want millionths from requirement j. */
static void plan_tier(Plan *pl, int j, ReqTier *r, long long want) {
    const Cur *c = &pl->x->cur[j];
    const MatchBits *b = &pl->x->ix->bits;
    r->nt = 0;
    if (want <= 0) return; /* a requirement nobody in the index has: no tier */
    for (int i = 0; i < c->nsrc; i++) {
        const Src *s = &c->src[i];
        int any = level_for(s->tab, want, false), five = level_for(s->tab, want, true);
        if (five > 5) continue; /* this source cannot give it */
        if (!b->sets[s->skill]) {
            for (uint32_t k = 0; k < s->n; k++) /* a short list: its people of the tier */
                if (s->tab[s->v[k] & 0xff] >= want) set_bit(r->shortset, s->v[k] >> 8);
            continue;
        }
        Term t = {any <= 5 ? match_bits_set(b, s->skill, any - 1) : NULL, NULL, NULL};
        if (five < any) {
            t.q = match_bits_set(b, s->skill, five - 1);
            t.y = match_bits_set(b, s->skill, MATCH_BITS_YEARS);
        }
        if (r->nt < MAX_TERMS) r->t[r->nt++] = t; /* always: rank_bits_usable counted them */
    }
}

/* Fills r with who has credit for requirement j: the skill's credit set
 * when it has bitsets, else every source at any level. */
static void plan_credit(Plan *pl, int j, ReqTier *r) {
    const Cur *c = &pl->x->cur[j];
    const MatchBits *b = &pl->x->ix->bits;
    if (c->skill < 0 || !b->sets[c->skill]) {
        plan_tier(pl, j, r, 1);
        return;
    }
    r->shortset = NULL;
    r->t[0] = (Term){match_bits_set(b, c->skill, MATCH_BITS_CREDIT), NULL, NULL};
    r->nt = 1;
}

static inline uint64_t mand_word(const Plan *pl, size_t w) {
    uint64_t v = ~0ULL;
    for (int i = 0; i < pl->nmand; i++) v &= pl->mand[i][w];
    return v;
}

/* Four words at a time (one AVX2 register in the x86-64-v3 clone); vectors
 * go by pointer (by value, their ABI would depend on the clone). */
typedef uint64_t V4 __attribute__((vector_size(32)));
#define LOAD4(p) (*(const V4u *)(p))
typedef uint64_t V4u __attribute__((vector_size(32), aligned(8)));
static inline bool none4(const V4 *v) { return !((*v)[0] | (*v)[1] | (*v)[2] | (*v)[3]); }

static inline void req_word4(const ReqTier *r, size_t w, V4 *out) {
    V4 v = {0, 0, 0, 0};
    if (r->shortset) v = LOAD4(r->shortset + w);
    for (int i = 0; i < r->nt; i++) {
        const Term *t = &r->t[i];
        if (t->p) v |= LOAD4(t->p + w);
        if (t->q) v |= LOAD4(t->q + w) & LOAD4(t->y + w);
    }
    *out = v;
}

static inline void mand_word4(const Plan *pl, size_t w, V4 *out) {
    V4 v = ~(V4){0, 0, 0, 0};
    for (int i = 0; i < pl->nmand; i++) v &= LOAD4(pl->mand[i] + w);
    *out = v;
}

/* Exact millionths of skills from the slot's own skills, as cur_eval sums
 * them: per requirement the best source; *met when every mandatory one is
 * met. */
static long long score_slot(const Plan *pl, uint32_t slot, bool *met) {
    const MatchIndex *ix = pl->x->ix;
    const MatchSlot *m = &ix->slots[slot];
    int32_t best[SCORE_MAX_REQS];
    bool meets[SCORE_MAX_REQS];
    int nreq = pl->x->m;
    memset(best, 0, (size_t)nreq * sizeof *best);
    memset(meets, 0, (size_t)nreq * sizeof *meets);
    for (uint32_t i = 0; i < m->nskills; i++) {
        uint32_t e = ix->pool[m->skills + i], years = e >> 8 & 0xff, level = e & 0xff;
        uint32_t ycode = years == 255 ? MATCH_YEARS_UNKNOWN : years > 30 ? 30 : years;
        for (int u = pl->head[e >> 16]; u >= 0; u = pl->use[u].next) {
            const struct SkillUse *su = &pl->use[u];
            int32_t pts = su->tab[ycode << 3 | level];
            if (pts > best[su->req]) best[su->req] = pts;
            if (su->implies && (int)level >= pl->x->cur[su->req].min_level) meets[su->req] = true;
        }
    }
    long long sum = 0;
    bool all = true;
    for (int j = 0; j < nreq; j++) {
        sum += best[j];
        if (pl->x->cur[j].mandatory && !meets[j]) all = false;
    }
    *met = all;
    return sum;
}

/* The plan shared by the ranking and the counts; false out of memory. */
static bool plan_init(Plan *pl, Ctx *x, Arena *a, int extra_sets, uint64_t **extra) {
    const MatchIndex *ix = x->ix;
    /* whole groups of four words: the bitsets' capacity is a multiple of 16 */
    *pl = (Plan){.x = x, .words = ((ix->nslots + 63) / 64 + 3) / 4 * 4};
    int nshort = 0, nmand = 0;
    for (int j = 0; j < x->m; j++) {
        const Cur *c = &x->cur[j];
        bool sh = false;
        for (int i = 0; i < c->nsrc; i++) sh |= !ix->bits.sets[c->src[i].skill];
        nshort += sh;
        nmand += c->mandatory;
    }
    pl->rr = arena_alloc(a, (size_t)(x->m ? 3 * x->m : 1) * sizeof *pl->rr); /* three tiers per requirement */
    pl->mand = arena_alloc(a, (size_t)(nmand ? nmand : 1) * sizeof *pl->mand);
    pl->mreq = arena_alloc(a, (size_t)(nmand ? nmand : 1) * sizeof *pl->mreq);
    pl->head = arena_alloc(a, (size_t)ix->nlists * sizeof *pl->head);
    int nuse = 0;
    for (int j = 0; j < x->m; j++) nuse += x->cur[j].nsrc;
    pl->use = arena_alloc(a, (size_t)(nuse ? nuse : 1) * sizeof *pl->use);
    /* one scratch bitset per requirement with short lists, per mandatory
     * requirement (maybe unused), and the caller's */
    /* the extra sets come last and are not zeroed: their callers write them whole */
    uint64_t *mem = pool_take((size_t)(3 * nshort + nmand + extra_sets), (size_t)(3 * nshort + nmand),
                              pl->words ? pl->words : 1);
    if (!pl->rr || !pl->mand || !pl->mreq || !pl->head || !pl->use || !mem) return false;
    memset(pl->head, 0xff, (size_t)ix->nlists * sizeof *pl->head);
    nuse = 0;
    for (int j = 0; j < x->m; j++) {
        const Cur *c = &x->cur[j];
        pl->rr[j] = pl->rr[x->m + j] = pl->rr[2 * x->m + j] = (ReqTier){.shortset = NULL};
        bool sh = false;
        for (int i = 0; i < c->nsrc; i++) {
            sh |= !ix->bits.sets[c->src[i].skill];
            pl->use[nuse] = (struct SkillUse){pl->head[c->src[i].skill], (uint8_t)j, c->src[i].implies, c->src[i].tab};
            pl->head[c->src[i].skill] = (int16_t)nuse++;
        }
        if (sh) {
            for (int t = 0; t < 3; t++) pl->rr[t * x->m + j].shortset = mem + (size_t)t * pl->words;
            mem += 3 * pl->words;
        }
        if (c->mandatory) {
            pl->mreq[pl->nmand] = j;
            pl->mand[pl->nmand++] = mandatory_set(pl, c, mem);
            mem += pl->words;
        }
    }
    for (int i = 0; i < extra_sets; i++, mem += pl->words) extra[i] = mem;
    x->entries += (uint64_t)pl->words * 2 * (uint64_t)pl->nmand; /* 8 bytes a word, counted as 2 entries of 4 */
    return true;
}

bool rank_bits_usable(const Ctx *x) {
    if (!x->ix->bits.words) return false;
    for (int j = 0; j < x->m; j++) {
        int with_bits = 0;
        for (int i = 0; i < x->cur[j].nsrc; i++) with_bits += x->ix->bits.sets[x->cur[j].src[i].skill] != NULL;
        if (with_bits > MAX_TERMS) return false;
    }
    return true;
}

enum { PLANES = 8, BLOCK = 64 }; /* bounds in units of 1/200 of the skills' total, plus one per requirement: < 256 */

/* s += c for the lanes of m (s: PLANES bit planes of four words). */
static inline void add_masked(V4 *s, const V4 *mask, unsigned c) {
    V4 carry = {0, 0, 0, 0}, m = *mask;
    for (int b = 0; b < PLANES; b++) {
        if (c >> b & 1) {
            V4 t = s[b] ^ m;
            V4 sum = t ^ carry;
            carry = (s[b] & m) | (carry & t);
            s[b] = sum;
        } else {
            if (!(c >> b) && none4(&carry)) break;
            V4 sum = s[b] ^ carry;
            carry &= s[b];
            s[b] = sum;
        }
    }
}

/* Lanes of word w whose planes hold at least v. */
static inline uint64_t at_least(uint64_t *const *planes, size_t w, unsigned v) {
    uint64_t gt = 0, eq = ~0ULL;
    for (int b = PLANES - 1; b >= 0; b--) {
        uint64_t p = planes[b][w];
        if (v >> b & 1) eq &= p;
        else {
            gt |= eq & p;
            eq &= ~p;
        }
    }
    return gt | eq;
}

static unsigned lane_value(uint64_t *const *planes, size_t w, int bit) {
    unsigned v = 0;
    for (int b = 0; b < PLANES; b++) v |= (unsigned)(planes[b][w] >> bit & 1) << b;
    return v;
}

/* Scores the lanes of set (those whose bound can still reach the heap) into h. */
WIDE static long score_lanes(Plan *pl, Heap *h, RankPopulation who, const uint64_t *set, uint64_t *const *planes,
                        long long unit) {
    Ctx *x = pl->x;
    long n = 0;
    for (size_t w = 0; w < pl->words; w++)
        for (uint64_t c = set[w]; c; c &= c - 1) {
            int bit = __builtin_ctzll(c);
            uint32_t slot = (uint32_t)(w * 64 + (size_t)bit);
            /* the bound with the person's own terms first: one read of the
             * slot, where the skills would be a second (many people tie on
             * the skills' bound) */
            long long floor = rank_heap_floor(h), bound = (long long)lane_value(planes, w, bit) * unit;
            if (bound + x->terms_ub < floor) continue;
            long long terms = rank_slot_terms(x, slot);
            if (bound + terms < floor) continue;
            bool met;
            long long s = score_slot(pl, slot, &met);
            n++;
            if (!s || (who == RANK_MANDATORY_MET && !met) || (who == RANK_MANDATORY_NOT_MET && met)) continue;
            if (s + terms < floor || !rank_admissible(x, slot)) continue;
            rank_heap_push(h, (Entry){score_tenths(s + terms), x->ix->slots[slot].id, slot});
        }
    return n;
}

WIDE bool rank_bits(Ctx *x, Arena *a, Heap *h, RankPopulation who) {
    uint64_t *sets[PLANES + 2];
    Plan pl;
    if (!plan_init(&pl, x, a, PLANES + 2, sets)) return false;
    uint64_t *const *planes = sets, *top = sets[PLANES], *rest = sets[PLANES + 1];
    long long total = 0;
    for (int j = 0; j < x->m; j++) total += x->cur[j].ub;
    long long unit = total / 200 + 1;
    /* three tiers per requirement, as the point tables say: who can earn
     * 98 % of its bound (the level asked with 5 years, by the skill itself),
     * 85 % (the level asked), and everyone else holding a source */
    unsigned lo[SCORE_MAX_REQS], mid[SCORE_MAX_REQS], hi[SCORE_MAX_REQS];
    for (int j = 0; j < x->m; j++) {
        long long ub = x->cur[j].ub, s85 = ub * 85 / 100, s98 = ub * 98 / 100;
        plan_tier(&pl, j, &pl.rr[2 * x->m + j], s98);
        plan_tier(&pl, j, &pl.rr[j], s85);
        plan_credit(&pl, j, &pl.rr[x->m + j]);
        lo[j] = (unsigned)((s85 + unit - 1) / unit);
        mid[j] = (unsigned)((s98 + unit - 1) / unit);
        hi[j] = (unsigned)((ub + unit - 1) / unit);
    }
    /* by blocks of BLOCK words, one requirement after the other: a few
     * sequential streams at a time (the prefetcher follows them) and the
     * block's sums stay in the first-level cache */
    const uint64_t *alive = x->ix->bits.alive;
    for (size_t w0 = 0; w0 < pl.words; w0 += BLOCK) {
        size_t groups = (pl.words - w0 < BLOCK ? pl.words - w0 : BLOCK) / 4;
        V4 live[BLOCK / 4], sum[BLOCK / 4][PLANES], any, full, mand;
        memset(sum, 0, sizeof sum);
        for (size_t g = 0; g < groups; g++) {
            live[g] = LOAD4(alive + w0 + 4 * g);
            if (who == RANK_MANDATORY_MET || (who == RANK_MANDATORY_NOT_MET && pl.nmand)) {
                mand_word4(&pl, w0 + 4 * g, &mand);
                live[g] &= who == RANK_MANDATORY_MET ? mand : ~mand;
            }
        }
        for (int j = 0; j < x->m; j++)
            for (size_t g = 0; g < groups; g++) {
                size_t w = w0 + 4 * g;
                if (none4(&live[g])) continue;
                req_word4(&pl.rr[x->m + j], w, &any);
                any &= live[g];
                add_masked(sum[g], &any, lo[j]);
                if (mid[j] == lo[j] && hi[j] == lo[j]) continue;
                req_word4(&pl.rr[j], w, &full);
                full &= any;
                add_masked(sum[g], &full, mid[j] - lo[j]);
                if (hi[j] == mid[j]) continue;
                req_word4(&pl.rr[2 * x->m + j], w, &full);
                full &= any;
                add_masked(sum[g], &full, hi[j] - mid[j]);
            }
        for (size_t g = 0; g < groups; g++)
            for (int b = 0; b < PLANES; b++) memcpy(planes[b] + w0 + 4 * g, &sum[g][b], sizeof sum[g][b]);
    }
    x->entries += (uint64_t)pl.words * 2 * (uint64_t)(3 * x->m + PLANES);
    /* the want best bounds (radix select over the planes, top bit first):
     * top ends with every lane above the cut, rest with the lanes at it */
    long need = h->k * 2L + 64, cap = (long)(x->ix->nslots / SCORE_CAP_SHARE) + 1000;
    for (size_t w = 0; w < pl.words; w++) {
        uint64_t nonzero = 0;
        for (int b = 0; b < PLANES; b++) nonzero |= planes[b][w];
        rest[w] = nonzero;
        top[w] = 0;
    }
    unsigned cut = 0;
    for (int b = PLANES - 1; b >= 0; b--) {
        long n = 0;
        for (size_t w = 0; w < pl.words; w++) n += __builtin_popcountll(rest[w] & planes[b][w]);
        if (n >= need) {
            for (size_t w = 0; w < pl.words; w++) rest[w] &= planes[b][w];
            cut |= 1u << b;
        } else {
            need -= n;
            for (size_t w = 0; w < pl.words; w++) {
                top[w] |= rest[w] & planes[b][w];
                rest[w] &= ~planes[b][w];
            }
        }
    }
    x->entries += (uint64_t)pl.words * 2 * 3 * PLANES;
    long n = 0;
    for (size_t w = 0; w < pl.words; w++) n += __builtin_popcountll(top[w] |= rest[w]);
    if (n > cap) return false;
    long scored = score_lanes(&pl, h, who, top, planes, unit);
    /* everyone else whose bound reaches the k-th score */
    long long floor = rank_heap_floor(h) - x->terms_ub;
    unsigned v = floor <= 0 ? 1 : (unsigned)((floor + unit - 1) / unit);
    if (v < 1) v = 1;
    if (v >= cut && h->n == h->k) return true;
    n = 0;
    for (size_t w = 0; w < pl.words; w++) n += __builtin_popcountll(rest[w] = at_least(planes, w, v) & ~top[w]);
    if (scored + n > cap) return false;
    score_lanes(&pl, h, who, rest, planes, unit);
    return true;
}

WIDE long rank_bits_count(Ctx *x, Arena *a, RankPopulation who) {
    uint64_t *sets[1];
    Plan pl;
    if (!plan_init(&pl, x, a, 1, sets)) return -1;
    uint64_t *any = sets[0];
    memset(any, 0, pl.words * sizeof *any);
    const MatchBits *b = &x->ix->bits;
    if (who == RANK_EVERYONE) /* credit for some requirement: holds one of its sources at any level */
        for (int j = 0; j < x->m; j++) {
            const uint64_t *credit = x->cur[j].skill < 0 ? NULL : match_bits_set(b, x->cur[j].skill, MATCH_BITS_CREDIT);
            if (credit) {
                for (size_t w = 0; w < pl.words; w++) any[w] |= credit[w];
                continue;
            }
            for (int i = 0; i < x->cur[j].nsrc; i++) {
                const Src *s = &x->cur[j].src[i];
                const uint64_t *bs = match_bits_set(b, s->skill, 0);
                if (bs)
                    for (size_t w = 0; w < pl.words; w++) any[w] |= bs[w];
                else
                    for (uint32_t k = 0; k < s->n; k++) set_bit(any, s->v[k] >> 8);
            }
        }
    long n = 0;
    for (size_t w = 0; w < pl.words; w++) {
        uint64_t c = b->alive[w] & (who == RANK_EVERYONE ? any[w] : mand_word(&pl, w));
        if (!x->q->accept) {
            n += __builtin_popcountll(c);
            continue;
        }
        for (; c; c &= c - 1)
            n += rank_admissible(x, (uint32_t)(w * 64 + (size_t)__builtin_ctzll(c)));
    }
    return n;
}
