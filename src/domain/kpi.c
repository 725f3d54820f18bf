/* kpi: definitions and computation of the shared KPIs (see kpi.h). */
#include "kpi.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/paris_time.h"
#include "../lib/timeutil.h"
#include "sla.h"

const char *const KPI_TEAMS[] = {"sales", "recruitment", "delivery", NULL};

enum { S = KPI_TEAM_SALES, R = KPI_TEAM_RECRUITMENT, D = KPI_TEAM_DELIVERY };

const KpiDef KPIS[KPI_COUNT] = {
    [KPI_TIME_TO_FILL] = {"time_to_fill", "days", "Délai de pourvoi", "Time to fill",
        "Médiane (et 90e centile) des jours entre l'ouverture d'un besoin (passage au statut « ouvert », la "
        "dernière avant l'embauche si le besoin a été rouvert) et l'embauche d'un candidat sur ce besoin, pour les "
        "embauches de la période. Une embauche annulée ensuite ne compte pas.",
        "Median (and 90th percentile) of the days between a need's opening (its move to \"open\", the last one "
        "before the hire when it was reopened) and a candidate's hire on it, for hires in the period. A hire "
        "later undone does not count.",
        true, S | R, "candidacies.read", true},
    [KPI_FILL_RATE] = {"fill_rate", "percent", "Taux de pourvoi", "Fill rate",
        "Besoins passés à « pourvu » divisés par les besoins passés à « pourvu » ou « clos » dans la période "
        "(le dernier de ces deux statuts de chaque besoin compte, un besoin rouvert puis reclos une seule fois).",
        "Needs moved to \"staffed\" divided by needs moved to \"staffed\" or \"closed\" in the period (each "
        "need's last such status counts: a need reopened and closed again counts once).",
        false, S | R, "needs.read", true},
    [KPI_FUNNEL] = {"funnel", "percent", "Conversion du pipeline", "Pipeline conversion",
        "Part des candidatures créées dans la période arrivées jusqu'à l'embauche ; le détail donne la "
        "conversion entre étapes consécutives (atteindre une étape compte les étapes sautées ; une embauche "
        "annulée n'est plus une embauche).",
        "Share of the candidacies created in the period that reached hired; the details give the conversion "
        "between consecutive stages (reaching a stage counts the stages skipped; a hire undone is no longer a "
        "hire).",
        false, R, "candidacies.read", true},
    [KPI_FIRST_ANSWER] = {"first_answer", "days", "Délai de première réponse", "Time to first answer",
        "Médiane (et 90e centile) des jours entre la création d'une candidature de la période et la première "
        "réponse au candidat : un changement d'étape ou un message, un entretien qui lui est adressé (l'accusé de "
        "réception automatique d'une candidature n'en est pas une).",
        "Median (and 90th percentile) of the days between a candidacy's creation in the period and the first "
        "answer to the candidate: a stage move, or a message or interview sent to them (the automatic "
        "acknowledgement of an application is none).",
        true, R, "candidacies.read", true},
    [KPI_OVERDUE] = {"answers_overdue", "count", "Candidats sans réponse à temps", "Candidates not answered in time",
        "Candidatures créées dans la période sans réponse dans le délai promis (response_sla_days jours ouvrés, "
        "lundi–vendredi, réglage de la société) : répondues en retard ou toujours en attente au-delà.",
        "Candidacies created in the period not answered within the promised time (response_sla_days working days, "
        "Monday to Friday, a firm setting): answered late or still waiting beyond it.",
        true, R, "candidacies.read", true},
    [KPI_REVIEW_TURNAROUND] = {"review_turnaround", "days", "Délai des revues de faisabilité",
        "Feasibility-review turnaround",
        "Médiane (et 90e centile) des jours entre une demande de revue de faisabilité de la période et la "
        "revue suivante de la même affaire ; les demandes sans revue sont comptées à part.",
        "Median (and 90th percentile) of the days between a feasibility-review request in the period and the "
        "next review of the same deal; requests still waiting are counted apart.",
        true, S | D, "deals.read", true},
    [KPI_WIN_RATE] = {"win_rate", "percent", "Taux de gain", "Win rate",
        "Affaires gagnées divisées par les affaires gagnées ou perdues dans la période (dernière décision de "
        "chaque affaire).",
        "Deals won divided by deals won or lost in the period (each deal's last decision).",
        false, S, "deals.read", true},
    [KPI_WON_AMOUNT] = {"won_amount", "eur", "Montant gagné", "Amount won",
        "Somme des montants des affaires gagnées dans la période (dernière décision de chaque affaire), en euros.",
        "Sum of the amounts of the deals won in the period (each deal's last decision), in euros.",
        false, S, "deals.read", true},
    [KPI_WON_WITH_GO] = {"won_with_go", "percent", "Affaires gagnées avec un avis go", "Won deals with a go review",
        "Part des affaires gagnées dans la période dont la dernière revue de faisabilité avant le gain est « go » "
        "ou « go sous conditions ». Doit valoir 100 %.",
        "Share of the deals won in the period whose latest feasibility review before the win is \"go\" or "
        "\"go with conditions\". Should be 100%.",
        false, S | D, "deals.read", true},
    [KPI_NPS] = {"nps", "score", "Satisfaction client (NPS)", "Client satisfaction (NPS)",
        "Net Promoter Score des enquêtes répondues dans la période : part des notes 9–10 (promoteurs) moins part "
        "des notes 0–6 (détracteurs), de -100 à 100.",
        "Net Promoter Score of the surveys answered in the period: share of scores 9–10 (promoters) minus share "
        "of scores 0–6 (detractors), from -100 to 100.",
        false, S | D, "surveys.read", true},
    [KPI_INCIDENTS_OPENED] = {"incidents_opened", "count", "Incidents ouverts", "Incidents opened",
        "Incidents créés dans la période.", "Incidents created in the period.",
        true, S | D, "clients.read", true},
    [KPI_INCIDENTS_RESOLVED] = {"incidents_resolved", "count", "Incidents résolus", "Incidents resolved",
        "Incidents passés à « résolu » ou « clos » dans la période (depuis un statut non résolu).",
        "Incidents moved to \"resolved\" or \"closed\" in the period (from a status not resolved).",
        false, D, "clients.read", true},
    [KPI_TIME_TO_RESOLVE] = {"time_to_resolve", "days", "Délai de résolution des incidents", "Time to resolve incidents",
        "Médiane (et 90e centile) des jours entre la création d'un incident et sa résolution, pour les "
        "résolutions de la période.",
        "Median (and 90th percentile) of the days between an incident's creation and its resolution, for "
        "resolutions in the period.",
        true, D, "clients.read", true},
    [KPI_BENCH] = {"bench_days", "days", "Intercontrat", "Bench",
        "Jours (calendaires, jusqu'à aujourd'hui) de la période où un consultant n'a pas de mission. Une mission "
        "est une candidature embauchée du consultant sur un besoin, de sa date de démarrage pendant sa durée "
        "(tables actuelles : le journal ne dit pas les dates de mission), à compter de l'arrivée du consultant "
        "(sa fiche ou sa première mission) ; toute la société, sans filtre client. Le détail donne les consultants "
        "sans mission aujourd'hui.",
        "Days (calendar days, up to today) of the period when a consultant has no mission. A mission is the "
        "consultant's hired candidacy on a need, from its start date for its duration (current tables: the log "
        "does not hold mission dates), counted from the consultant's arrival (their record or first mission); the "
        "whole firm, no client filter. The details give the consultants without a mission today.",
        true, R | D, "people.read", true},
    [KPI_COVERAGE] = {"skill_coverage", "percent", "Couverture des compétences", "Skill coverage",
        "Part des compétences demandées par les besoins ouverts (au niveau minimum) qu'au moins un consultant "
        "possède à ce niveau. État actuel (tables actuelles), sans historique.",
        "Share of the skills asked by open needs (at their minimum level) that at least one consultant holds at "
        "that level. Current state (current tables), no history.",
        false, R | D, "capabilities.read", false},
};

int kpi_find(const char *name) {
    if (!name) return -1;
    for (int i = 0; i < KPI_COUNT; i++)
        if (strcmp(KPIS[i].name, name) == 0) return i;
    return -1;
}

int kpi_team_bit(const char *name) {
    if (!name) return 0;
    for (int i = 0; KPI_TEAMS[i]; i++)
        if (strcmp(KPI_TEAMS[i], name) == 0) return 1 << i;
    return 0;
}

time_t kpi_parse_at(const char *iso) {
    if (!iso || strlen(iso) != 20 || iso[10] != 'T' || iso[19] != 'Z' || iso[13] != ':' || iso[16] != ':') return -1;
    char date[11];
    memcpy(date, iso, 10);
    date[10] = 0;
    long days = time_date_days(date);
    if (days < 0) return -1;
    int hh = 0, mm = 0, ss = 0;
    for (int i = 11; i < 19; i++)
        if (i != 13 && i != 16 && (iso[i] < '0' || iso[i] > '9')) return -1;
    hh = (iso[11] - '0') * 10 + iso[12] - '0';
    mm = (iso[14] - '0') * 10 + iso[15] - '0';
    ss = (iso[17] - '0') * 10 + iso[18] - '0';
    if (hh > 23 || mm > 59 || ss > 60) return -1;
    return (time_t)days * 86400 + hh * 3600 + mm * 60 + ss;
}

/* ---- reading the before/after states ---------------------------------- */

/* The first of keys present as a string in the JSON object text, copied to out. */
static void json_state(const char *text, const char *const *keys, char *out, size_t cap, long long *num,
                       const char *num_key) {
    out[0] = 0;
    if (num) *num = -1;
    if (!text) return;
    json_t *o = json_loads(text, JSON_DECODE_ANY, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return;
    }
    for (int i = 0; keys[i]; i++) {
        const char *s = json_string_value(json_object_get(o, keys[i]));
        if (s && strlen(s) < cap) {
            strcpy(out, s);
            break;
        }
    }
    if (num && num_key) {
        json_t *v = json_object_get(o, num_key);
        if (json_is_integer(v)) *num = json_integer_value(v);
    }
    json_decref(o);
}

static const char *const STATE_KEYS[] = {"stage", "status", "verdict", NULL};

static int stage_rank(const char *stage) {
    static const char *const ranked[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired"};
    for (int i = 0; i < KPI_STAGES; i++)
        if (strcmp(ranked[i], stage) == 0) return i;
    return -1;
}

/* ---- candidacies ------------------------------------------------------- */

const char *const KPI_ANSWER_EVENTS[] = {"candidate.message", "interview.scheduled", NULL};

static bool is_answer(const char *type) {
    for (int i = 0; KPI_ANSWER_EVENTS[i]; i++)
        if (strcmp(KPI_ANSWER_EVENTS[i], type) == 0) return true;
    return false;
}

bool kpi_is_candidacy_event(const Event *e) {
    return e->type && (strcmp(e->type, "candidacy.created") == 0 || strcmp(e->type, "candidacy.stage") == 0 ||
                       is_answer(e->type));
}

KpiCandidacy kpi_candidacy_new(const Event *e) {
    bool own = e->object_type && strcmp(e->object_type, "candidacy") == 0;
    return (KpiCandidacy){.id = own ? e->object_id : -1, .need_id = e->refs.need_id, .client_id = e->refs.client_id,
                          .person_id = e->refs.person_id, .rank = -1};
}

static void keep_earliest(time_t *slot, time_t t) {
    if (!*slot || t < *slot) *slot = t;
}

void kpi_candidacy_apply(KpiCandidacy *c, const Event *e) {
    time_t at = kpi_parse_at(e->at);
    if (at < 0 || !kpi_is_candidacy_event(e)) return;
    c->events++;
    if (e->refs.client_id >= 0) c->client_id = e->refs.client_id;
    if (is_answer(e->type)) {
        char kind[32];
        static const char *const KIND[] = {"kind", NULL};
        json_state(e->after, KIND, kind, sizeof kind, NULL, NULL);
        /* the automatic acknowledgement of an application answers nobody */
        if (strcmp(kind, "application_received") != 0) keep_earliest(&c->first_answer_at, at);
        return;
    }
    char stage[24], from[24];
    json_state(e->after, STATE_KEYS, stage, sizeof stage, NULL, NULL);
    json_state(e->before, STATE_KEYS, from, sizeof from, NULL, NULL);
    int rank = stage_rank(stage);
    bool created = strcmp(e->type, "candidacy.created") == 0;
    if (created) {
        keep_earliest(&c->created_at, at);
        /* created past "sourced": someone already spoke with the candidate */
        if (rank > 0) keep_earliest(&c->first_answer_at, at);
    } else {
        keep_earliest(&c->first_answer_at, at);
    }
    if (rank == KPI_RANK_HIRED) {
        c->hired_at = at;
    } else if (c->hired_at && strcmp(from, "hired") == 0) {
        c->hired_at = 0; /* a hire undone (withdrawn after hired) */
        if (c->rank == KPI_RANK_HIRED) c->rank = KPI_RANK_HIRED - 1;
    }
    if (rank > c->rank) c->rank = rank;
}

/* ---- facts ------------------------------------------------------------- */

static const struct {
    const char *type;
    KpiFactType fact;
} FACT_TYPES[] = {
    {"need.status", KF_NEED_STATUS},           {"need.created", KF_NEED_STATUS},
    {"deal.stage", KF_DEAL_STAGE},             {"review.requested", KF_REVIEW_REQUESTED},
    {"review.created", KF_REVIEW_CREATED},     {"survey.answered", KF_SURVEY_ANSWERED},
    {"incident.created", KF_INCIDENT_CREATED}, {"incident.status", KF_INCIDENT_STATUS},
};
enum { NFACT_TYPES = sizeof FACT_TYPES / sizeof FACT_TYPES[0] };

const char *const KPI_FACT_EVENTS[] = {"need.status", "need.created", "deal.stage", "review.requested",
                                       "review.created", "survey.answered", "incident.created", "incident.status",
                                       NULL};

bool kpi_fact_from_event(const Event *e, KpiFact *f) {
    int i = 0;
    while (i < NFACT_TYPES && (!e->type || strcmp(FACT_TYPES[i].type, e->type) != 0)) i++;
    if (i == NFACT_TYPES) return false;
    time_t at = kpi_parse_at(e->at);
    if (at < 0) return false;
    *f = (KpiFact){.type = FACT_TYPES[i].fact, .at = at, .object_id = e->object_id, .client_id = e->refs.client_id,
                   .need_id = e->refs.need_id};
    const char *num_key = f->type == KF_SURVEY_ANSWERED ? "score" : f->type == KF_DEAL_STAGE ? "amount" : NULL;
    json_state(e->after, STATE_KEYS, f->state, sizeof f->state, &f->num, num_key);
    json_state(e->before, STATE_KEYS, f->from, sizeof f->from, NULL, NULL);
    return true;
}

/* ---- statistics -------------------------------------------------------- */

bool kpi_linear_forecast(const double *x, const double *y, int n, double xf, double *out) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    double den = n * sxx - sx * sx;
    if (n < 2 || fabs(den) < 1e-9) return false;
    double slope = (n * sxy - sx * sy) / den;
    *out = (sy - slope * sx) / n + slope * xf;
    return true;
}

/* Durations (days) into out: value = median, p90; no value when none. */
static void durations(KpiValue *out, double *v, int n) {
    out->count = n;
    if (!n) return;
    double med, p90;
    sla_percentiles(v, n, &med, &p90); /* the "no ghosting" figures use the same */
    out->has_value = true;
    out->value = med;
    out->p90 = p90;
}

static void ratio(KpiValue *out, long long num, long long den) {
    out->count = den;
    if (den <= 0) return;
    out->has_value = true;
    out->value = 100.0 * (double)num / (double)den;
}

static bool within(time_t t, time_t from, time_t to) { return t >= from && t < to; }

/* The facts of one type, ordered by object then time: "an object's
 * events" become a binary search. Caller frees. */
typedef struct {
    long long object;
    time_t at;
    const KpiFact *f;
} Keyed;

static int cmp_keyed(const void *a, const void *b) {
    const Keyed *x = a, *y = b;
    if (x->object != y->object) return x->object < y->object ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static Keyed *keyed(const KpiInput *in, KpiFactType type, const char *state, int *n) {
    Keyed *k = malloc(sizeof *k * (size_t)(in->nfacts ? in->nfacts : 1));
    *n = 0;
    if (!k) return NULL;
    for (int i = 0; i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        if (f->type != type || (state && strcmp(f->state, state) != 0)) continue;
        k[(*n)++] = (Keyed){f->object_id, f->at, f};
    }
    qsort(k, (size_t)*n, sizeof *k, cmp_keyed);
    return k;
}

/* Index of the last entry of object with at <= t (before: at < t when
 * strict), or -1. */
static int last_before(const Keyed *k, int n, long long object, time_t t) {
    int lo = 0, hi = n; /* first entry > (object, t) */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (k[mid].object < object || (k[mid].object == object && k[mid].at <= t)) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && k[lo - 1].object == object ? lo - 1 : -1;
}

/* Index of the first entry of object with at >= t, or -1. */
static int first_after(const Keyed *k, int n, long long object, time_t t) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (k[mid].object < object || (k[mid].object == object && k[mid].at < t)) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && k[lo].object == object ? lo : -1;
}

/* Each object's last fact of type in the period among states (NULL
 * terminated), in *last (caller frees); returns how many. */
static int last_decisions(const KpiInput *in, KpiFactType type, const char *const *states, time_t from, time_t to,
                          const KpiFact ***last) {
    Keyed *k = malloc(sizeof *k * (size_t)(in->nfacts ? in->nfacts : 1));
    *last = malloc(sizeof **last * (size_t)(in->nfacts ? in->nfacts : 1));
    if (!k || !*last) {
        free(k);
        return 0;
    }
    int n = 0, m = 0;
    for (int i = 0; i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        if (f->type != type || !within(f->at, from, to)) continue;
        for (int s = 0; states[s]; s++)
            if (strcmp(states[s], f->state) == 0) k[n++] = (Keyed){f->object_id, f->at, f};
    }
    qsort(k, (size_t)n, sizeof *k, cmp_keyed);
    for (int i = 0; i < n; i++)
        if (i == n - 1 || k[i + 1].object != k[i].object) (*last)[m++] = k[i].f;
    free(k);
    return m;
}

/* ---- the KPIs ---------------------------------------------------------- */

static void time_to_fill(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    int no;
    Keyed *opened = keyed(in, KF_NEED_STATUS, "open", &no);
    double *v = malloc(sizeof *v * (size_t)(in->ncands ? in->ncands : 1));
    int n = 0;
    for (int i = 0; opened && v && i < in->ncands; i++) {
        const KpiCandidacy *c = &in->cands[i];
        if (!c->hired_at || !within(c->hired_at, from, to)) continue;
        int j = last_before(opened, no, c->need_id, c->hired_at);
        if (j < 0) continue; /* hired on a need never seen opening */
        v[n++] = (double)(c->hired_at - opened[j].at) / 86400.0;
        out->events += 2;
    }
    durations(out, v, n);
    free(v);
    free(opened);
}

static void fill_rate(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    static const char *const ends[] = {"staffed", "closed", NULL};
    const KpiFact **last;
    int n = last_decisions(in, KF_NEED_STATUS, ends, from, to, &last);
    long long staffed = 0;
    for (int i = 0; i < n; i++) staffed += strcmp(last[i]->state, "staffed") == 0;
    for (int i = 0; i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        out->events += f->type == KF_NEED_STATUS && within(f->at, from, to) &&
                       (!strcmp(f->state, "staffed") || !strcmp(f->state, "closed"));
    }
    ratio(out, staffed, n);
    free(last);
}

static void funnel(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    for (int i = 0; i < in->ncands; i++) {
        const KpiCandidacy *c = &in->cands[i];
        if (!c->created_at || !within(c->created_at, from, to)) continue;
        out->events += c->events;
        for (int r = 0; r <= c->rank && r < KPI_STAGES; r++) out->reached[r]++;
    }
    ratio(out, out->reached[KPI_RANK_HIRED], out->reached[0]);
}

static void first_answer(const KpiInput *in, time_t from, time_t to, bool overdue, KpiValue *out) {
    double *v = malloc(sizeof *v * (size_t)(in->ncands ? in->ncands : 1));
    int n = 0;
    long long late = 0, seen = 0;
    for (int i = 0; v && i < in->ncands; i++) {
        const KpiCandidacy *c = &in->cands[i];
        if (!c->created_at || !within(c->created_at, from, to)) continue;
        seen++;
        out->events += c->first_answer_at ? 2 : 1;
        if (c->first_answer_at) {
            time_t d = c->first_answer_at > c->created_at ? c->first_answer_at - c->created_at : 0;
            v[n++] = (double)d / 86400.0;
            late += sla_working_days_between(c->created_at, c->first_answer_at) > in->sla_days;
        } else {
            late += sla_working_days_between(c->created_at, in->now) > in->sla_days;
        }
    }
    if (overdue) {
        out->count = seen;
        out->has_value = true;
        out->value = (double)late;
    } else {
        durations(out, v, n);
        out->extra = late;
    }
    free(v);
}

static void review_turnaround(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    int nr;
    Keyed *reviews = keyed(in, KF_REVIEW_CREATED, NULL, &nr);
    double *v = malloc(sizeof *v * (size_t)(in->nfacts ? in->nfacts : 1));
    int n = 0;
    for (int i = 0; reviews && v && i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        if (f->type != KF_REVIEW_REQUESTED || !within(f->at, from, to)) continue;
        int j = first_after(reviews, nr, f->object_id, f->at);
        out->events += j >= 0 ? 2 : 1;
        if (j < 0) {
            out->extra++; /* still waiting */
            continue;
        }
        v[n++] = (double)(reviews[j].at - f->at) / 86400.0;
    }
    durations(out, v, n);
    free(v);
    free(reviews);
}

static const char *const DECIDED[] = {"won", "lost", NULL};

static void deals(const KpiInput *in, KpiId k, time_t from, time_t to, KpiValue *out) {
    const KpiFact **last;
    int n = last_decisions(in, KF_DEAL_STAGE, DECIDED, from, to, &last);
    int nr = 0;
    Keyed *reviews = k == KPI_WON_WITH_GO ? keyed(in, KF_REVIEW_CREATED, NULL, &nr) : NULL;
    long long won = 0, cents = 0, with_go = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(last[i]->state, "won") != 0) continue;
        won++;
        if (last[i]->num > 0) cents += last[i]->num;
        if (!reviews) continue;
        int j = last_before(reviews, nr, last[i]->object_id, last[i]->at);
        if (j >= 0) out->events++;
        if (j >= 0 && (!strcmp(reviews[j].f->state, "go") || !strcmp(reviews[j].f->state, "go_with_conditions")))
            with_go++;
    }
    out->events += k == KPI_WON_WITH_GO ? won : n;
    if (k == KPI_WIN_RATE) ratio(out, won, n);
    else if (k == KPI_WON_WITH_GO) ratio(out, with_go, won);
    else {
        out->count = won;
        out->has_value = true;
        out->value = (double)cents / 100.0;
    }
    free(reviews);
    free(last);
}

static void nps(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    long long n = 0, promoters = 0, detractors = 0;
    for (int i = 0; i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        if (f->type != KF_SURVEY_ANSWERED || !within(f->at, from, to) || f->num < 0 || f->num > 10) continue;
        n++;
        promoters += f->num >= 9;
        detractors += f->num <= 6;
    }
    out->events = out->count = n;
    if (!n) return;
    out->has_value = true;
    out->value = 100.0 * (double)(promoters - detractors) / (double)n;
}

static bool resolved(const char *status) { return !strcmp(status, "resolved") || !strcmp(status, "closed"); }

static void incidents(const KpiInput *in, KpiId k, time_t from, time_t to, KpiValue *out) {
    int nc;
    Keyed *created = k == KPI_TIME_TO_RESOLVE ? keyed(in, KF_INCIDENT_CREATED, NULL, &nc) : NULL;
    double *v = created ? malloc(sizeof *v * (size_t)(in->nfacts ? in->nfacts : 1)) : NULL;
    int n = 0;
    for (int i = 0; i < in->nfacts; i++) {
        const KpiFact *f = &in->facts[i];
        if (!within(f->at, from, to)) continue;
        if (k == KPI_INCIDENTS_OPENED) {
            if (f->type == KF_INCIDENT_CREATED) out->events++;
            continue;
        }
        if (f->type != KF_INCIDENT_STATUS || !resolved(f->state) || resolved(f->from)) continue;
        out->events++;
        if (!v) continue;
        int j = last_before(created, nc, f->object_id, f->at);
        if (j >= 0) v[n++] = (double)(f->at - created[j].at) / 86400.0;
    }
    if (k == KPI_TIME_TO_RESOLVE) durations(out, v, n);
    else {
        out->count = out->events;
        out->has_value = true;
        out->value = (double)out->events;
    }
    free(v);
    free(created);
}

static int cmp_mission(const void *a, const void *b) {
    const KpiMission *x = a, *y = b;
    if (x->person_id != y->person_id) return x->person_id < y->person_id ? -1 : 1;
    return x->start_day < y->start_day ? -1 : x->start_day > y->start_day;
}

/* Days of [from, to) covered by the person's missions (sorted by start). */
static long covered_days(const KpiMission *m, int n, long from, long to) {
    long covered = 0, cursor = from;
    for (int i = 0; i < n && cursor < to; i++) {
        long s = m[i].start_day > cursor ? m[i].start_day : cursor, e = m[i].end_day < to ? m[i].end_day : to;
        if (e > s) {
            covered += e - s;
            cursor = e;
        }
    }
    return covered;
}

static void bench(const KpiInput *in, time_t from, time_t to, KpiValue *out) {
    KpiMission *m = malloc(sizeof *m * (size_t)(in->nmissions ? in->nmissions : 1));
    if (!m) return;
    if (in->nmissions) memcpy(m, in->missions, sizeof *m * (size_t)in->nmissions);
    qsort(m, (size_t)in->nmissions, sizeof *m, cmp_mission);
    long today = paris_day(in->now), d0 = paris_day(from), d1 = paris_day(to - 1) + 1;
    if (d1 > today + 1) d1 = today + 1;
    long long days = 0;
    for (int i = 0; i < in->nconsultants; i++) {
        const KpiConsultant *c = &in->consultants[i];
        int lo = 0, hi = in->nmissions; /* first mission of the person */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (m[mid].person_id < c->person_id) lo = mid + 1;
            else hi = mid;
        }
        while (hi < in->nmissions && m[hi].person_id == c->person_id) hi++;
        /* on a mission before the record was made: with the firm since then */
        long since = hi > lo && m[lo].start_day < c->since_day ? m[lo].start_day : c->since_day;
        long start = since > d0 ? since : d0;
        if (d1 > start) days += (d1 - start) - covered_days(m + lo, hi - lo, start, d1);
        out->extra += since <= today && covered_days(m + lo, hi - lo, today, today + 1) == 0;
    }
    free(m);
    out->count = in->nconsultants;
    out->has_value = in->nconsultants > 0;
    out->value = (double)days;
}

void kpi_compute(const KpiInput *in, KpiId k, time_t from, time_t to, KpiValue *out) {
    *out = (KpiValue){.p90 = -1};
    switch (k) {
    case KPI_TIME_TO_FILL: time_to_fill(in, from, to, out); break;
    case KPI_FILL_RATE: fill_rate(in, from, to, out); break;
    case KPI_FUNNEL: funnel(in, from, to, out); break;
    case KPI_FIRST_ANSWER: first_answer(in, from, to, false, out); break;
    case KPI_OVERDUE: first_answer(in, from, to, true, out); break;
    case KPI_REVIEW_TURNAROUND: review_turnaround(in, from, to, out); break;
    case KPI_WIN_RATE:
    case KPI_WON_AMOUNT:
    case KPI_WON_WITH_GO: deals(in, k, from, to, out); break;
    case KPI_NPS: nps(in, from, to, out); break;
    case KPI_INCIDENTS_OPENED:
    case KPI_INCIDENTS_RESOLVED:
    case KPI_TIME_TO_RESOLVE: incidents(in, k, from, to, out); break;
    case KPI_BENCH: bench(in, from, to, out); break;
    case KPI_COVERAGE:
        ratio(out, in->covered, in->requirements);
        break;
    case KPI_COUNT: break;
    }
}
