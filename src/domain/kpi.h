/* kpi: the shared KPIs of the three teams, computed from the event log
 * without I/O. The store gathers the inputs (store/kpis.h):
 *   - facts: the few events of needs, deals, reviews, surveys and incidents,
 *     parsed once (kpi_fact_from_event), in any order;
 *   - candidacies: one row per candidacy folded from its events
 *     (kpi_candidacy_apply), because they are most of the log;
 *   - what the log cannot say (bench, skill coverage): rows of current
 *     tables, as each definition states.
 * kpi_compute then answers one KPI over a half-open period [from, to) of
 * instants; periods start at midnight in Europe/Paris (lib/paris_time.h). */
#ifndef ALLIANCE_KPI_H
#define ALLIANCE_KPI_H
#include <stdbool.h>
#include <time.h>
#include "model.h"

typedef enum {
    KPI_TIME_TO_FILL,
    KPI_FILL_RATE,
    KPI_FUNNEL,
    KPI_FIRST_ANSWER,
    KPI_OVERDUE,
    KPI_REVIEW_TURNAROUND,
    KPI_WIN_RATE,
    KPI_WON_AMOUNT,
    KPI_WON_WITH_GO,
    KPI_NPS,
    KPI_INCIDENTS_OPENED,
    KPI_INCIDENTS_RESOLVED,
    KPI_TIME_TO_RESOLVE,
    KPI_BENCH,
    KPI_COVERAGE,
    KPI_COUNT
} KpiId;

enum { KPI_TEAM_SALES = 1, KPI_TEAM_RECRUITMENT = 2, KPI_TEAM_DELIVERY = 4 };
extern const char *const KPI_TEAMS[]; /* sales recruitment delivery, NULL-terminated; bit i = 1 << i */

typedef struct {
    const char *name;
    const char *unit;           /* days | percent | count | eur | score */
    const char *label_fr, *label_en;
    const char *definition_fr, *definition_en;
    bool lower_is_better;
    int teams;                  /* KPI_TEAM_* bits: the teams it concerns */
    const char *permission;     /* the read permission its sources need */
    bool history;               /* false: a current state, no series */
} KpiDef;

extern const KpiDef KPIS[KPI_COUNT];
/* The KPI named name, or -1. */
int kpi_find(const char *name);
/* The KPI_TEAM_* bit of a team name, 0 when unknown. */
int kpi_team_bit(const char *name);

/* "2026-11-22T09:30:00Z" as an instant; -1 when malformed. */
time_t kpi_parse_at(const char *iso);

/* Candidacy ranks: sourced 0 ... hired 5; exits are not ranks. */
enum { KPI_RANK_HIRED = 5, KPI_STAGES = 6 };

/* One candidacy folded from its events (kept by the store, see kpi_candidacy_apply). */
typedef struct {
    long long id, need_id, client_id, person_id;
    time_t created_at;          /* 0: its creation was not seen */
    time_t first_answer_at;     /* first stage move or candidate-facing answer; 0 none */
    time_t hired_at;            /* 0 unless hired now (a hire undone clears it) */
    int rank;                   /* highest stage reached, -1 none */
    int events;                 /* events folded in */
} KpiCandidacy;

/* The events that answer a candidate besides stage moves (from e-mail and
 * interviews), NULL-terminated. They name the candidacy by object (type
 * "candidacy") or by need and person. */
extern const char *const KPI_ANSWER_EVENTS[];
/* Does event e concern candidacies (created, moved, answered)? */
bool kpi_is_candidacy_event(const Event *e);
/* Folds e into c (c zeroed with rank -1 and ids set for a new one).
 * Order-tolerant for times: creation and first answer keep the earliest. */
void kpi_candidacy_apply(KpiCandidacy *c, const Event *e);
/* A fresh row for the candidacy e concerns. */
KpiCandidacy kpi_candidacy_new(const Event *e);

typedef enum {
    KF_NEED_STATUS, KF_DEAL_STAGE, KF_REVIEW_REQUESTED, KF_REVIEW_CREATED, KF_SURVEY_ANSWERED,
    KF_INCIDENT_CREATED, KF_INCIDENT_STATUS,
} KpiFactType;

/* The event types the facts come from, NULL-terminated (for the store's query). */
extern const char *const KPI_FACT_EVENTS[];

typedef struct {
    KpiFactType type;
    time_t at;
    long long object_id, client_id, need_id;
    char state[24];             /* after: status / stage / verdict ("" none) */
    char from[24];              /* before: the same ("" none) */
    long long num;              /* after: amount in cents or score; -1 none */
} KpiFact;

/* Reads e into f; false when e is not a fact event or is malformed. */
bool kpi_fact_from_event(const Event *e, KpiFact *f);

typedef struct {
    long long person_id;
    long since_day;             /* Paris day the consultant joined */
} KpiConsultant;

/* A consultant's hired candidacy on a need, from start_date for duration_days. */
typedef struct {
    long long person_id;
    long start_day, end_day;    /* Paris days, [start, end) */
} KpiMission;

typedef struct {
    const KpiFact *facts;
    int nfacts;                 /* any order; every fact up to the period's end */
    const KpiCandidacy *cands;
    int ncands;                 /* those created or hired in the period (or more) */
    const KpiConsultant *consultants;
    int nconsultants;
    const KpiMission *missions;
    int nmissions;
    long long requirements, covered; /* skill requirements of open needs, met by a consultant */
    time_t now;
    int sla_days;               /* working days a candidate may wait for a first answer (settings) */
} KpiInput;

typedef struct {
    bool has_value;             /* false: no data in the period */
    double value;
    double p90;                 /* durations: the 90th percentile; -1 otherwise */
    long long events;           /* events behind the value */
    long long count;            /* what the value is over (fills, deals, answers...) */
    long long extra;            /* overdue answers, pending reviews, consultants on bench now... */
    long long reached[KPI_STAGES]; /* funnel: candidacies that reached each stage */
} KpiValue;

/* One KPI over [from, to). */
void kpi_compute(const KpiInput *in, KpiId k, time_t from, time_t to, KpiValue *out);

/* Least-squares line through (x[i], y[i]), evaluated at xf; false when
 * fewer than two distinct x. */
bool kpi_linear_forecast(const double *x, const double *y, int n, double xf, double *out);

#endif
