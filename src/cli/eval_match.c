/* eval_match: `alliance eval-match DIR [--json]` measures the ranking's
 * quality on a graded set: DIR/needs/ID.txt (job descriptions),
 * DIR/cvs/ID.txt (CVs), DIR/qrels.tsv (need_id TAB cv_id TAB grade 0..3,
 * ids are file names without .txt). Skills are extracted from both sides
 * with the reference (domain/skill_finder.h, as CV uploads are); CVs are ranked for each need by
 * the engine's scoring and, as a baseline, by BM25 over the CV texts
 * (SQLite FTS5, the need's text as the query). Prints nDCG@5, nDCG@10 and
 * average precision per need and their means, for both.
 *
 * Reading a text: a CV's skill is at level 3 when named once, 4 twice, 5
 * three times or more (years unknown); a need's skill is required at level
 * 3, mandatory with weight 3 on a line saying so ("obligatoire", "required",
 * "must"...), weight 1 on a line saying it is a plus ("apprécié", "nice to
 * have"...), else weight 2. Grades 2 and 3 are relevant for MAP; nDCG gains
 * are 2^grade - 1. A missing or malformed directory exits with status 2. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include "../domain/skill_finder.h"
#include "../domain/skills.h"
#include "../lib/text.h"
#include "../match/rank.h"
#include "../store/bm25.h"
#include "cli.h"

enum { MAX_DOC_BYTES = 1 << 20, MAX_DOCS = 100000, MAX_SKILLS = 100, RELEVANT = 2 };

typedef struct {
    char *id;
    char *text;
} Doc;

typedef struct {
    Doc *v;
    int n;
} Docs;

static int cmp_doc(const void *a, const void *b) { return strcmp(((const Doc *)a)->id, ((const Doc *)b)->id); }

static void docs_free(Docs *d) {
    for (int i = 0; i < d->n; i++) {
        free(d->v[i].id);
        free(d->v[i].text);
    }
    free(d->v);
}

/* The whole file, NUL-terminated; NULL (with errno) when unreadable or too large. */
static char *slurp(const char *path, size_t max, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    int err = ferror(f);
    fclose(f);
    if (!buf || err || n > max) {
        free(buf);
        errno = n > max ? EFBIG : EIO;
        return NULL;
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

/* Reads every .txt file of dir/sub, sorted by id. Prints why and returns -1 on failure. */
static int read_docs(const char *dir, const char *sub, Docs *out) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "alliance: eval-match: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    int cap = 0;
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l <= 4 || strcmp(e->d_name + l - 4, ".txt") != 0 || e->d_name[0] == '.') continue;
        if (out->n == MAX_DOCS) {
            fprintf(stderr, "alliance: eval-match: more than %d files in %s\n", MAX_DOCS, path);
            rc = -1;
            break;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            Doc *v = realloc(out->v, (size_t)cap * sizeof *v);
            if (!v) {
                rc = -1;
                break;
            }
            out->v = v;
        }
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        size_t len;
        char *text = slurp(file, MAX_DOC_BYTES, &len);
        if (!text || !text_valid_utf8(text, len)) {
            fprintf(stderr, "alliance: eval-match: %s: %s\n", file, text ? "not valid UTF-8" : strerror(errno));
            free(text);
            rc = -1;
            break;
        }
        out->v[out->n++] = (Doc){strndup(e->d_name, l - 4), text};
    }
    closedir(d);
    if (!rc && !out->n) {
        fprintf(stderr, "alliance: eval-match: no .txt file in %s\n", path);
        rc = -1;
    }
    if (!rc) qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_doc);
    return rc;
}

static int find_doc(const Docs *d, const char *id) {
    Doc key = {(char *)id, NULL};
    Doc *f = bsearch(&key, d->v, (size_t)d->n, sizeof *d->v, cmp_doc);
    return f ? (int)(f - d->v) : -1;
}

/* grades[need * ncv + cv], -1 unjudged. Prints why and returns -1 on a bad line. */
static int read_qrels(const char *dir, const Docs *needs, const Docs *cvs, signed char *grades) {
    char path[4096];
    snprintf(path, sizeof path, "%s/qrels.tsv", dir);
    char *text = slurp(path, 64u << 20, NULL);
    if (!text) {
        fprintf(stderr, "alliance: eval-match: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = 0, lineno = 0, judged = 0;
    for (char *line = text, *next; line && !rc; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = '\0';
        if (!l || line[0] == '#' || (lineno == 1 && strncmp(line, "need_id\t", 8) == 0)) continue;
        char *f[4] = {line, NULL, NULL, NULL};
        int nf = 1;
        for (char *p = line; *p && nf < 4; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        int ni = nf == 3 ? find_doc(needs, f[0]) : -1, ci = nf == 3 ? find_doc(cvs, f[1]) : -1;
        char *end;
        long g = nf == 3 ? strtol(f[2], &end, 10) : -1;
        const char *why = nf != 3 ? "expected need_id<TAB>cv_id<TAB>grade"
                          : ni < 0 ? "unknown need id (no needs/<id>.txt)"
                          : ci < 0 ? "unknown cv id (no cvs/<id>.txt)"
                          : (!*f[2] || *end || g < 0 || g > 3) ? "the grade must be 0, 1, 2 or 3"
                          : grades[(size_t)ni * (size_t)cvs->n + (size_t)ci] >= 0 ? "this pair is graded twice"
                                                                                  : NULL;
        if (why) {
            fprintf(stderr, "alliance: eval-match: %s line %d: %s\n", path, lineno, why);
            rc = -1;
        } else {
            grades[(size_t)ni * (size_t)cvs->n + (size_t)ci] = (signed char)g;
            judged++;
        }
    }
    free(text);
    if (!rc && !judged) {
        fprintf(stderr, "alliance: eval-match: %s grades nothing\n", path);
        rc = -1;
    }
    return rc;
}

/* The CV as a person: skills named once at level 3, twice 4, more 5. */
static void cv_person(Arena *a, int i, const char *text, Person *p) {
    SkillFound ex[MAX_SKILLS];
    int n = skills_find(text, strlen(text), ex, MAX_SKILLS);
    *p = (Person){.id = i + 1, .kind = "candidate", .first_name = "", .last_name = "", .daily_rate = -1};
    p->skills = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *p->skills);
    for (int k = 0; k < n; k++)
        p->skills[k] = (PersonSkill){ex[k].skill->id, ex[k].count >= 3 ? 5 : ex[k].count == 2 ? 4 : 3, -1};
    p->nskills = n;
}

static bool line_says(const char *folded, const char *const *cues) {
    for (int i = 0; cues[i]; i++)
        if (strstr(folded, cues[i])) return true;
    return false;
}

/* The job description as a need, line by line (see the header). */
static void need_of_text(Arena *a, const char *text, Need *n) {
    static const char *const MUST[] = {"obligatoire", "indispensable", "imperati", "exige", "requis", "required",
                                       "must", "mandatory", "essential", NULL};
    static const char *const PLUS[] = {"apprecie", "souhait", "un plus", "bonus", "ideal", "nice to have",
                                       "a plus", "appreciated", "optional", "facultati", NULL};
    *n = (Need){.id = 1, .title = "", .remote = "none", .client_id = -1, .duration_days = -1, .daily_rate_max = -1};
    n->skills = arena_alloc(a, SCORE_MAX_REQS * sizeof *n->skills);
    char *copy = arena_strdup(a, text);
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        char *folded = text_fold(line);
        bool must = folded && line_says(folded, MUST), plus = folded && !must && line_says(folded, PLUS);
        free(folded);
        SkillFound ex[MAX_SKILLS];
        int k = skills_find(line, strlen(line), ex, MAX_SKILLS);
        for (int i = 0; i < k && n->nskills < SCORE_MAX_REQS; i++) {
            bool seen = false;
            for (int j = 0; j < n->nskills; j++) seen |= strcmp(n->skills[j].skill, ex[i].skill->id) == 0;
            if (!seen) n->skills[n->nskills++] = (Requirement){ex[i].skill->id, 3, must ? 3 : plus ? 1 : 2, must};
        }
    }
}

typedef struct {
    double ndcg5, ndcg10, ap;
    bool has_ap;  /* the need has relevant CVs */
} Metrics;

static double dcg(const int *order, int n, const signed char *grades, int k) {
    double s = 0;
    for (int i = 0; i < n && i < k; i++) {
        int g = grades[order[i]] > 0 ? grades[order[i]] : 0;
        s += (pow(2, g) - 1) / log2(i + 2.0);
    }
    return s;
}

static int cmp_grade_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }

static Metrics metrics(const int *order, int n, const signed char *grades) {
    int *ideal = malloc((size_t)n * sizeof *ideal), *idx = malloc((size_t)n * sizeof *idx);
    signed char *ig = malloc((size_t)n);
    Metrics m = {0, 0, 0, false};
    if (!ideal || !idx || !ig) goto done;
    for (int i = 0; i < n; i++) ideal[i] = grades[i] > 0 ? grades[i] : 0;
    qsort(ideal, (size_t)n, sizeof *ideal, cmp_grade_desc);
    for (int i = 0; i < n; i++) {
        idx[i] = i;
        ig[i] = (signed char)ideal[i];
    }
    double i5 = dcg(idx, n, ig, 5), i10 = dcg(idx, n, ig, 10);
    m.ndcg5 = i5 > 0 ? dcg(order, n, grades, 5) / i5 : 0;
    m.ndcg10 = i10 > 0 ? dcg(order, n, grades, 10) / i10 : 0;
    int relevant = 0, found = 0;
    for (int i = 0; i < n; i++) relevant += grades[i] >= RELEVANT;
    double sum = 0;
    for (int i = 0; i < n; i++)
        if (grades[order[i]] >= RELEVANT) sum += (double)++found / (i + 1);
    m.has_ap = relevant > 0;
    m.ap = relevant ? sum / relevant : 0;
done:
    free(ideal);
    free(idx);
    free(ig);
    return m;
}

/* Appends every document not in order[0..n) in document order. */
static int complete(int *order, int n, int total) {
    char *in = calloc((size_t)total, 1);
    if (!in) return n;
    for (int i = 0; i < n; i++) in[order[i]] = 1;
    for (int d = 0; d < total; d++)
        if (!in[d]) order[n++] = d;
    free(in);
    return n;
}

static json_t *metrics_json(const Metrics *m) {
    return json_pack("{s:f, s:f, s:f}", "ndcg@5", m->ndcg5, "ndcg@10", m->ndcg10, "map", m->ap);
}

int cli_eval_match(int argc, char **argv) {
    const char *dir = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = true;
        else if (!dir && argv[i][0] != '-') dir = argv[i];
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (!dir) {
        cli_usage(stderr);
        return 2;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "alliance: eval-match: %s is not a directory (expected needs/, cvs/ and qrels.tsv in it)\n", dir);
        return 2;
    }
    if (cli_start()) return 1;
    Docs needs = {0}, cvs = {0};
    signed char *grades = NULL;
    int rc = 2;
    if (read_docs(dir, "needs", &needs) || read_docs(dir, "cvs", &cvs)) goto out;
    grades = malloc((size_t)needs.n * (size_t)cvs.n);
    if (!grades) goto out;
    memset(grades, -1, (size_t)needs.n * (size_t)cvs.n);
    if (read_qrels(dir, &needs, &cvs, grades)) goto out;
    rc = 1;
    Bm25 *bm = bm25_open();
    if (!bm) {
        fprintf(stderr, "alliance: eval-match: SQLite FTS5 is not available\n");
        goto out;
    }
    Arena a = {0};
    Person *people = arena_alloc(&a, (size_t)cvs.n * sizeof *people);
    int *order = arena_alloc(&a, (size_t)cvs.n * sizeof *order);
    for (int i = 0; i < cvs.n; i++) {
        cv_person(&a, i, cvs.v[i].text, &people[i]);
        if (bm25_add(bm, i + 1, cvs.v[i].text)) goto fail;
    }
    Metrics sum_e = {0}, sum_b = {0};
    int counted = 0, with_ap = 0;
    json_t *per = json_array();
    if (!json) printf("%-24s %8s %8s %8s   %8s %8s %8s\n", "need", "engine@5", "@10", "AP", "bm25@5", "@10", "AP");
    for (int ni = 0; ni < needs.n; ni++) {
        signed char *g = grades + (size_t)ni * (size_t)cvs.n;
        bool judged = false;
        for (int c = 0; c < cvs.n; c++) judged |= g[c] >= 0;
        if (!judged) {
            fprintf(stderr, "alliance: eval-match: need %s has no grades: left out\n", needs.v[ni].id);
            continue;
        }
        Need n;
        need_of_text(&a, needs.v[ni].text, &n);
        MatchScore *m = rank_people(&a, &n, people, cvs.n);
        for (int c = 0; c < cvs.n; c++) order[c] = m[c].index;
        Metrics e = metrics(order, cvs.n, g);
        int k = bm25_rank(bm, needs.v[ni].text, order, cvs.n);
        if (k < 0) goto fail;
        for (int c = 0; c < k; c++) order[c]--; /* rowids are 1-based */
        complete(order, k, cvs.n);
        Metrics b = metrics(order, cvs.n, g);
        counted++;
        with_ap += e.has_ap;
        sum_e.ndcg5 += e.ndcg5, sum_e.ndcg10 += e.ndcg10, sum_e.ap += e.ap;
        sum_b.ndcg5 += b.ndcg5, sum_b.ndcg10 += b.ndcg10, sum_b.ap += b.ap;
        if (json) json_array_append_new(per, json_pack("{s:s, s:o, s:o}", "need", needs.v[ni].id, "engine",
                                                       metrics_json(&e), "bm25", metrics_json(&b)));
        else
            printf("%-24s %8.3f %8.3f %8.3f   %8.3f %8.3f %8.3f  (%d skills)\n", needs.v[ni].id, e.ndcg5, e.ndcg10,
                   e.ap, b.ndcg5, b.ndcg10, b.ap, n.nskills);
    }
    if (!counted) {
        fprintf(stderr, "alliance: eval-match: no need is graded\n");
        json_decref(per);
        rc = 2;
        goto fail;
    }
    Metrics me = {sum_e.ndcg5 / counted, sum_e.ndcg10 / counted, with_ap ? sum_e.ap / with_ap : 0, true};
    Metrics mb = {sum_b.ndcg5 / counted, sum_b.ndcg10 / counted, with_ap ? sum_b.ap / with_ap : 0, true};
    if (json) {
        json_t *body = json_pack("{s:o, s:o, s:o}", "engine", metrics_json(&me), "bm25", metrics_json(&mb), "needs", per);
        char *s = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(body);
        if (s) puts(s);
        free(s);
    } else {
        json_decref(per);
        printf("%-24s %8.3f %8.3f %8.3f   %8.3f %8.3f %8.3f\n", "mean", me.ndcg5, me.ndcg10, me.ap, mb.ndcg5, mb.ndcg10,
               mb.ap);
        printf("engine / bm25: nDCG@5 %.2f, nDCG@10 %.2f, MAP %.2f (%d needs, %d CVs)\n", mb.ndcg5 ? me.ndcg5 / mb.ndcg5 : 0,
               mb.ndcg10 ? me.ndcg10 / mb.ndcg10 : 0, mb.ap ? me.ap / mb.ap : 0, counted, cvs.n);
    }
    rc = 0;
fail:
    arena_free(&a);
    bm25_close(bm);
out:
    free(grades);
    docs_free(&needs);
    docs_free(&cvs);
    return rc;
}
