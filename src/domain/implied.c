/* implied: the sources table (see implied.h). For each skill, the list of
 * skills whose holders earn credit for it, flattened into one array. */
#include "implied.h"
#include <stdlib.h>
#include <string.h>
#include "skills.h"

static SkillSource *g_src;  /* all lists, back to back */
static int *g_start;        /* list of skill s: g_src[g_start[s] .. g_start[s + 1]) */
static int g_n;             /* skills in the table */

typedef struct {
    SkillSource *v;
    int n, cap;
} List;

/* Keeps the best factor when src already gives credit for the skill. */
static int list_add(List *l, int skill, double factor, bool implies) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i].skill == skill) {
            if (factor > l->v[i].factor) l->v[i] = (SkillSource){skill, factor, implies || l->v[i].implies};
            return 0;
        }
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        SkillSource *v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (SkillSource){skill, factor, implies};
    return 0;
}

/* Calls fn for each skill id in the space-separated list of ids. */
static int each_implied(const char *ids, int (*fn)(int target, void *arg), void *arg) {
    char id[128];
    for (const char *p = ids ? ids : ""; *p;) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (n && n < sizeof id) {
            memcpy(id, p, n);
            id[n] = '\0';
            int t = skills_index(skills_get(id));
            if (t >= 0 && fn(t, arg)) return -1;
        }
        p += n;
    }
    return 0;
}

typedef struct {
    List *lists;
    int from;       /* the holder's skill */
    double factor;
} Edge;

static int add_edge(int target, void *arg) {
    Edge *e = arg;
    return target == e->from ? 0 : list_add(&e->lists[target], e->from, e->factor, true);
}

/* Second step: whoever implies `via` also implies what via implies. */
static int add_second_step(int via, void *arg) {
    const Edge *e = arg;
    Edge two = {e->lists, e->from, e->factor};
    return each_implied(skills_at((size_t)via)->implies, add_edge, &two);
}

static int cmp_source(const void *a, const void *b) {
    const SkillSource *x = a, *y = b;
    if (x->factor != y->factor) return x->factor > y->factor ? -1 : 1;
    return x->skill - y->skill;
}

int implied_build(void) {
    implied_free();
    int n = (int)skills_count();
    List *lists = calloc((size_t)n + 1, sizeof *lists);
    if (!lists) return -1;
    int rc = 0, total = 0;
    for (int s = 0; s < n && !rc; s++) rc = list_add(&lists[s], s, 1.0, true);
    for (int s = 0; s < n && !rc; s++) {
        const Skill *k = skills_at((size_t)s);
        Edge one = {lists, s, IMPLIED_CREDIT}, two = {lists, s, IMPLIED_CREDIT * IMPLIED_CREDIT};
        rc = each_implied(k->implies, add_edge, &one) || each_implied(k->implies, add_second_step, &two);
        int b = skills_index(skills_get(k->broader));
        if (!rc && b >= 0 && b != s) rc = list_add(&lists[b], s, BROADER_CREDIT, false);
    }
    for (int s = 0; s < n; s++) total += lists[s].n;
    g_src = rc ? NULL : malloc((size_t)(total ? total : 1) * sizeof *g_src);
    g_start = rc ? NULL : malloc(((size_t)n + 1) * sizeof *g_start);
    if (!g_src || !g_start) rc = -1;
    for (int s = 0, at = 0; !rc && s < n; s++) {
        /* the skill itself stays first, the others by decreasing factor */
        if (lists[s].n > 1) qsort(lists[s].v + 1, (size_t)lists[s].n - 1, sizeof *lists[s].v, cmp_source);
        g_start[s] = at;
        memcpy(g_src + at, lists[s].v, (size_t)lists[s].n * sizeof *g_src);
        at += lists[s].n;
        g_start[s + 1] = at;
    }
    for (int s = 0; s < n; s++) free(lists[s].v);
    free(lists);
    if (rc) {
        implied_free();
        return -1;
    }
    g_n = n;
    return 0;
}

void implied_free(void) {
    free(g_src);
    free(g_start);
    g_src = NULL;
    g_start = NULL;
    g_n = 0;
}

int implied_sources(int s, const SkillSource **out) {
    if (s < 0 || s >= g_n) {
        *out = NULL;
        return 0;
    }
    *out = g_src + g_start[s];
    return g_start[s + 1] - g_start[s];
}
