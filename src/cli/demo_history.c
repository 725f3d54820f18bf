/* demo_history: a year of the demo firm's past (see demo_history.h). The
 * firm gets better over the year (needs filled faster, candidates answered
 * sooner), as a firm using shared objectives would. */
#include "demo_history.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/paris_time.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/candidacies.h"
#include "../store/deals.h"
#include "../store/events.h"
#include "../store/needs.h"
#include "../store/surveys.h"

static unsigned g_seed = 20251201;
static int rnd(int n) {
    g_seed = g_seed * 1103515245u + 12345u;
    return (int)((g_seed >> 16) % (unsigned)n);
}

static long g_today;

/* An instant days_ago days before today, at hour:minute in Paris. */
static time_t at_day(int days_ago, int hour) {
    long d = g_today - days_ago;
    return paris_day_start(d) + hour * 3600 + rnd(60) * 60;
}

/* Writes one event; before/after are jansson values (stolen, NULL none),
 * dumped as the event log writes them (compact, keys sorted). */
static int event(Db *db, time_t t, long long actor, const char *type, const char *otype, long long id, EventRefs refs,
                 json_t *before, json_t *after) {
    char at[21];
    time_iso(t, at);
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(before);
    json_decref(after);
    Event e = {.at = at, .actor_id = actor, .type = type, .object_type = otype, .object_id = id, .refs = refs,
               .before = b, .after = a};
    StoreResult r = store_event_add(db, &e, NULL);
    free(b);
    free(a);
    return r == STORE_OK ? 0 : -1;
}

static int need_move(Db *db, const DemoRefs *r, const Need *n, time_t t, const char *from, const char *to) {
    return event(db, t, r->sales, "need.status", "need", n->id, (EventRefs){n->client_id, n->id, -1},
                 json_pack("{s:s}", "status", from), json_pack("{s:s}", "status", to));
}

static int cand_move(Db *db, const DemoRefs *r, const Candidacy *c, long long client, time_t t, const char *from,
                     const char *to, const char *reason) {
    EventRefs refs = {client, c->need_id, c->person_id};
    json_t *after = json_pack("{s:s, s:s?}", "stage", to, "reason", reason); /* reason null when none */
    if (!from) return event(db, t, r->recruiter, "candidacy.created", "candidacy", c->id, refs, NULL, after);
    return event(db, t, r->recruiter, "candidacy.stage", "candidacy", c->id, refs, json_pack("{s:s}", "stage", from),
                 after);
}

static const char *const STAGE_PATH[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired"};

typedef struct {
    int ago;            /* days before today */
    int stage;          /* index in STAGE_PATH, or -1 for the exit */
} Move;

/* Writes one candidacy and its moves that already happened (ago >= 0):
 * its row holds the stage reached today. Returns the stage reached. */
static const char *write_candidacy(Db *db, Arena *a, const DemoRefs *r, const Need *n, long long person,
                                   const Move *moves, int nmoves, bool *ok) {
    const char *exit = rnd(3) ? "rejected" : "withdrawn";
    const char *reason = !strcmp(exit, "rejected") ? "Profil en deçà des attentes du client"
                                                   : "A accepté une autre proposition";
    int done = 0;
    while (done < nmoves && moves[done].ago >= 0) done++;
    if (!done) return NULL; /* not in the pipeline yet */
    const Move *last = &moves[done - 1];
    Candidacy c = {.person_id = person, .need_id = n->id, .stage = last->stage < 0 ? exit : STAGE_PATH[last->stage],
                   .reason = last->stage < 0 ? reason : NULL};
    if (store_candidacy_insert(db, a, &c) != STORE_OK) {
        *ok = false;
        return NULL;
    }
    for (int i = 0; i < done && *ok; i++) {
        const char *to = moves[i].stage < 0 ? exit : STAGE_PATH[moves[i].stage];
        const char *from = i ? (moves[i - 1].stage < 0 ? exit : STAGE_PATH[moves[i - 1].stage]) : NULL;
        if (cand_move(db, r, &c, n->client_id, at_day(moves[i].ago, 9 + rnd(8)), from, to,
                      moves[i].stage < 0 ? reason : NULL))
            *ok = false;
    }
    return c.stage;
}

static const char *const TITLES[] = {"Développeur Java", "Développeur front React", "Développeur Angular",
                                     "Data engineer", "Ingénieur DevOps", "Développeur .NET", "Développeur PHP",
                                     "Développeur mobile"};
static const char *const CITIES[] = {"Paris", "Lyon", "Nantes", "Toulouse", "Lille", "Bordeaux"};

/* People of stack, starting from a rotating offset: up to max distinct ids. */
static int stack_people(const DemoRefs *r, int stack, int offset, long long *out, bool *consultant, int max) {
    int n = 0;
    for (int k = 0; k < r->npeople && n < max; k++) {
        int i = (k + offset) % r->npeople;
        if (r->stacks[i] != stack) continue;
        consultant[n] = r->consultant[i];
        out[n++] = r->people[i];
    }
    return n;
}

/* Candidate j of a need opened `opened` days ago: the moves of a hire at
 * `hire` days ago (hire >= 0 planned), or of one who leaves. */
static int plan(Move *m, int opened, int answer, int hire, bool hired) {
    int created = opened - 1 - rnd(5), n = 0, day = created;
    m[n++] = (Move){day, 0};
    day -= answer;
    if (hired) {
        int step = (day - hire) / 4 > 1 ? (day - hire) / 4 : 1;
        for (int s = 1; s < 5; s++, day -= step) m[n++] = (Move){day, s};
        m[n++] = (Move){hire, 5};
        return n;
    }
    int top = rnd(4);
    for (int s = 1; s <= top; s++, day -= 2 + rnd(5)) m[n++] = (Move){day, s};
    m[n++] = (Move){day - 1 - rnd(4), -1};
    return n;
}

static int past_need(Db *db, Arena *a, const DemoRefs *r, int i, int total) {
    double p = (double)i / (total - 1); /* 0 a year ago, 1 today: the firm improves */
    int stack = i % r->nstacks, opened = 360 - i * (340 / total);
    bool cancelled = i % 7 == 3, reopen = i == total / 2;
    int ttf = (int)(36 - 18 * p) + rnd(9), hire = opened - ttf;
    char start[11];
    paris_day_text(g_today - hire + 10 + rnd(10), start);
    Need n = {.title = TITLES[stack % 8], .status = "open", .location = CITIES[rnd(6)], .remote = "partial",
              .start_date = arena_strdup(a, start), .client_id = r->clients[i % r->nclients],
              .daily_rate_max = 500 + 10 * rnd(20), .duration_days = 60 + 30 * rnd(5), .nskills = 4,
              .description = "Besoin passé du portefeuille (historique de démonstration)."};
    n.skills = arena_alloc(a, 4 * sizeof *n.skills);
    for (int k = 0; k < 4; k++) n.skills[k] = (Requirement){r->skills[stack][k], k == 0 ? 4 : 3, 4 - k, k < 2};
    /* the final status is known once the pipeline is written: set below */
    if (hire < 0 && !cancelled) n.status = "open";
    else n.status = cancelled ? "closed" : "staffed";
    if (store_need_insert(db, a, &n, r->sales) != STORE_OK) return -1;
    EventRefs refs = {n.client_id, n.id, -1};
    if (event(db, at_day(opened + 4, 10), r->sales, "need.created", "need", n.id, refs, NULL,
              json_pack("{s:s}", "status", "draft")) ||
        need_move(db, r, &n, at_day(opened + 2, 11), "draft", "qualified") ||
        need_move(db, r, &n, at_day(opened, 9), "qualified", "open"))
        return -1;
    long long people[8];
    bool consultant[8];
    int np = stack_people(r, stack, i * 3, people, consultant, 4 + rnd(4));
    int hired_idx = -1;
    for (int j = 0; j < np && !cancelled; j++)
        if (consultant[j] || (j == np - 1 && hired_idx < 0)) hired_idx = hired_idx < 0 || rnd(2) ? j : hired_idx;
    int answer_base = (int)(4.5 - 4 * p);
    bool ok = true;
    for (int j = 0; j < np; j++) {
        Move m[8];
        int answer = answer_base + rnd(3);
        bool hired = j == hired_idx;
        int nm = plan(m, opened - j, answer, hire, hired);
        if (reopen && j == (hired_idx + 1) % np) nm = plan(m, hire - 12, answer, hire - 24, true); /* the second hire */
        write_candidacy(db, a, r, &n, people[j], m, nm, &ok);
        if (!ok) return -1;
    }
    if (cancelled) return need_move(db, r, &n, at_day(opened - 20 - rnd(20), 15), "open", "closed");
    if (hire < 0) return 0;
    if (need_move(db, r, &n, at_day(hire, 18), "open", "staffed")) return -1;
    if (!reopen || np < 2) return 0;
    /* a need reopened: the client asked for a second consultant */
    return need_move(db, r, &n, at_day(hire - 12, 9), "staffed", "open") ||
           need_move(db, r, &n, at_day(hire - 24, 18), "open", "staffed");
}

static int past_deal(Db *db, Arena *a, const DemoRefs *r, int i, int total) {
    double p = (double)i / (total - 1);
    int created = 350 - i * (330 / total), requested = created - 3, reviewed = requested - 1 - (int)(5 - 3 * p) - rnd(2);
    int decided = reviewed - 10 - rnd(20);
    int v = rnd(10);
    const char *verdict = v < 7 ? "go" : v < 9 ? "go_with_conditions" : "no_go";
    const char *stage = decided < 1 ? "negotiation" : !strcmp(verdict, "no_go") || rnd(10) < 3 ? "lost" : "won";
    long long amount = (40000 + 10000LL * rnd(22)) * 100;
    static const char *const TOPICS[] = {"Tierce maintenance applicative", "Refonte du portail client",
                                         "Plateforme de données", "Migration vers le cloud", "Application mobile",
                                         "Centre de services DevOps"};
    Deal d = {.client_id = r->clients[(i * 5) % r->nclients], .title = TOPICS[i % 6], .amount = amount,
              .owner_id = r->sales, .stage = stage,
              .lost_reason = !strcmp(stage, "lost") ? "Choix d'un concurrent moins cher" : NULL};
    if (store_deal_insert(db, a, &d) != STORE_OK) return -1;
    EventRefs refs = {d.client_id, -1, -1};
#define STATE(st) json_pack("{s:s, s:I}", "stage", st, "amount", amount)
    if (event(db, at_day(created, 10), r->sales, "deal.created", "deal", d.id, refs, NULL, STATE("lead")) ||
        event(db, at_day(created - 1, 11), r->sales, "deal.stage", "deal", d.id, refs, STATE("lead"),
              STATE("proposal")) ||
        event(db, at_day(requested, 9), r->sales, "review.requested", "deal", d.id, refs, NULL, STATE("proposal")))
        return -1;
    Review rv = {.deal_id = d.id, .verdict = verdict, .effort_days = 40 + 10 * rnd(20), .reviewer_id = r->tech,
                 .risks = "Disponibilité des experts à confirmer.",
                 .conditions = !strcmp(verdict, "go_with_conditions") ? "Un tech lead senior dès le démarrage." : NULL};
    if (store_review_insert(db, a, &rv) != STORE_OK) return -1;
    if (event(db, at_day(reviewed, 14), r->tech, "review.created", "deal", d.id, refs, NULL,
              json_pack("{s:s, s:I, s:I}", "verdict", verdict, "review_id", rv.id, "effort_days", rv.effort_days)))
        return -1;
    if (decided < 1) return 0;
    return event(db, at_day(decided, 16), r->sales, "deal.stage", "deal", d.id, refs, STATE("proposal"), STATE(stage));
#undef STATE
}

static int past_survey(Db *db, const DemoRefs *r, int i, int total) {
    double p = (double)i / (total - 1);
    int sent = 355 - i * (340 / total), answered = sent - 1 - rnd(4);
    int score = (int)(7 + 2.5 * p) + rnd(3) - rnd(2);
    score = score < 0 ? 0 : score > 10 ? 10 : score;
    char token[SECRET_TOKEN_LEN], hash[SECRET_HASH_LEN], created[21], expires[21], done[21];
    secret_token(token);
    secret_token_hash(token, hash);
    time_t ts = at_day(sent, 10), ta = at_day(answered, 15);
    time_iso(ts, created);
    time_iso(ts + 30 * 86400, expires);
    time_iso(ta, done);
    int c = i % r->ncontacts;
    Survey s = {.client_id = r->contact_clients[c], .contact_id = r->contacts[c], .need_id = -1,
                .created_at = created, .expires_at = expires};
    if (store_survey_insert(db, &s, hash, r->sales) != STORE_OK ||
        store_survey_answer(db, s.id, score, NULL, done) != STORE_OK)
        return -1;
    EventRefs refs = {s.client_id, -1, -1};
    return event(db, ts, r->sales, "survey.sent", "survey", s.id, refs, NULL, NULL) ||
           event(db, ta, -1, "survey.answered", "survey", s.id, refs, NULL, json_pack("{s:i}", "score", score));
}

/* The candidacies already on the boards get the recent past that led them
 * where they are; their needs were opened just before. */
static int current_pipeline(Db *db, Arena *a, const DemoRefs *r) {
    CandidacyRow *rows;
    int n;
    CandidaciesFilter f = {-1, -1, NULL};
    if (store_candidacies_list(db, a, &f, 0, 200, &rows, &n) != STORE_OK) return -1;
    long long opened_needs[64];
    int nopened = 0;
    for (int i = n - 1; i >= 0; i--) {
        const Candidacy *c = &rows[i].c;
        int rank = 0;
        while (rank < 6 && strcmp(STAGE_PATH[rank], c->stage)) rank++;
        bool exit = rank == 6;
        int created = 8 + rnd(20), day = created;
        bool seen = false;
        for (int k = 0; k < nopened; k++) seen |= opened_needs[k] == c->need_id;
        if (!seen && nopened < 64) {
            opened_needs[nopened++] = c->need_id;
            Need nd = {.id = c->need_id, .client_id = rows[i].client_id};
            if (need_move(db, r, &nd, at_day(30, 9), "qualified", "open")) return -1;
        }
        if (cand_move(db, r, c, rows[i].client_id, at_day(day, 10), NULL, "sourced", NULL)) return -1;
        int top = exit ? rnd(3) : rank;
        for (int s = 1; s <= top; s++) {
            day = day - 1 - rnd(3) > 0 ? day - 1 - rnd(3) : 0;
            if (cand_move(db, r, c, rows[i].client_id, at_day(day, 11 + s % 6), STAGE_PATH[s - 1], STAGE_PATH[s], NULL))
                return -1;
        }
        if (exit && cand_move(db, r, c, rows[i].client_id, at_day(day > 0 ? day - 1 : 0, 16), STAGE_PATH[top],
                              c->stage, c->reason))
            return -1;
        if (rank == 5) {
            Need nd = {.id = c->need_id, .client_id = rows[i].client_id};
            if (need_move(db, r, &nd, at_day(day, 18), "open", "staffed")) return -1;
        }
    }
    return 0;
}

int demo_history_present(Db *db, Arena *a, const DemoRefs *r) {
    g_today = paris_day(time(NULL));
    return current_pipeline(db, a, r);
}

int demo_history_past(Db *db, Arena *a, const DemoRefs *r) {
    g_today = paris_day(time(NULL));
    enum { NEEDS = 44, DEALS = 30, SURVEYS = 26 };
    for (int i = 0; i < NEEDS; i++)
        if (past_need(db, a, r, i, NEEDS)) return -1;
    for (int i = 0; i < DEALS; i++)
        if (past_deal(db, a, r, i, DEALS)) return -1;
    for (int i = 0; i < SURVEYS && r->ncontacts; i++)
        if (past_survey(db, r, i, SURVEYS)) return -1;
    return 0;
}
