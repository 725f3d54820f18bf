/* match: `alliance match --need ID [--limit N] [--json]` prints the ranking
 * the API serves for a need (GET /api/v1/needs/{id}/matches), from an index
 * built from the store as `serve` builds it. --json prints the API's body. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "../api/matches.h"
#include "../match/index.h"
#include "../store/needs.h"
#include "cli.h"

static int print_text(const Need *n, const MatchResult *r) {
    printf("%s (need %lld): %ld people with some of the skills, %d shown\n", n->title, n->id, r->total, r->n);
    for (int i = 0; i < r->n; i++) {
        const MatchHit *h = &r->hits[i];
        printf("%3d. %5.1f %s%s %s, %s (%s, id %lld)", i + 1, h->score.score, h->score.mandatory_met ? "ok " : "!! ",
               h->person.first_name, h->person.last_name, h->person.kind, h->person.location ? h->person.location : "-",
               h->person.id);
        for (int k = 0; k < n->nskills && k < SCORE_MAX_REQS; k++) {
            const SkillScore *s = &h->score.skills[k];
            if (s->via) printf(" %s=%s:%d", s->skill, s->via, s->via_level);
            else printf(" %s=%d/%d", s->skill, s->level, s->required_level);
        }
        printf("\n     ");
        for (int f = 0; f < NFACTORS; f++)
            if (h->score.factors[f].weight > 0)
                printf(" %s %.1f/%.1f", FACTOR_NAMES[f], h->score.factors[f].value * h->score.factors[f].weight,
                       h->score.factors[f].weight);
        printf("\n");
    }
    return 0;
}

static int print_json(const Need *n, const MatchResult *r) {
    Request rq = {.lang = LANG_EN};
    json_t *items = json_array();
    for (int i = 0; i < r->n; i++) json_array_append_new(items, match_hit_json(&rq, n, &r->hits[i]));
    json_t *body = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)r->total);
    json_object_set_new(body, "mandatory_met", r->mandatory_met < 0 ? json_null() : json_integer(r->mandatory_met));
    char *s = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(body);
    arena_free(&rq.arena);
    if (!s) return 1;
    puts(s);
    free(s);
    return 0;
}

int cli_match(int argc, char **argv) {
    static const struct option opts[] = {{"need", required_argument, NULL, 'n'}, {"limit", required_argument, NULL, 'l'},
                                         {"json", no_argument, NULL, 'j'},       {"db", required_argument, NULL, 'd'},
                                         {NULL, 0, NULL, 0}};
    long long need_id = 0;
    long limit = 20;
    bool json = false;
    const char *db = NULL;
    char *end;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            need_id = strtoll(optarg, &end, 10);
            if (*end || need_id < 1) need_id = -1;
            break;
        case 'l':
            limit = strtol(optarg, &end, 10);
            if (*end || limit < 1 || limit > MATCH_MAX_LIMIT) limit = -1;
            break;
        case 'j': json = true; break;
        case 'd': db = optarg; break;
        default: need_id = -1;
        }
    }
    if (need_id <= 0 || limit < 0 || optind != argc) {
        if (limit < 0) fprintf(stderr, "alliance: --limit takes 1 to %d\n", MATCH_MAX_LIMIT);
        cli_usage(stderr);
        return 2;
    }
    Db *h = cli_open(db);
    if (!h) return 1;
    Arena a = {0};
    Need n;
    StoreResult r = store_need_get(h, &a, need_id, &n);
    MatchIndex *ix = r == STORE_OK ? cli_match_index(h) : NULL;
    int rc = 1;
    if (r == STORE_NOT_FOUND) fprintf(stderr, "alliance: no need %lld\n", need_id);
    else if (r != STORE_OK) fprintf(stderr, "alliance: cannot read need %lld: %s\n", need_id, db_errmsg(h));
    if (ix) {
        MatchQuery q = {.limit = (int)limit, .count_total = true};
        MatchResult res;
        if (match_rank(ix, &a, &n, &q, &res)) fprintf(stderr, "alliance: out of memory\n");
        else rc = json ? print_json(&n, &res) : print_text(&n, &res);
    }
    match_index_free(ix);
    arena_free(&a);
    db_thread_close();
    return rc;
}
