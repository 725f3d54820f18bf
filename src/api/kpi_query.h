/* kpi_query: what the KPI and objective handlers share: reading a period
 * from the query string, loading the inputs once, computing values and
 * series over Paris days. */
#ifndef ALLIANCE_KPI_QUERY_H
#define ALLIANCE_KPI_QUERY_H
#include "../domain/kpi.h"
#include "api.h"

enum { KPI_MAX_DAYS = 1096, KPI_MAX_POINTS = 400 };

typedef struct {
    long from_day, to_day;  /* Paris days, [from_day, to_day) */
    long long client_id;    /* -1: every client */
    int team;               /* KPI_TEAM_* bit, 0: every team */
} KpiPeriod;

/* Reads ?from=&to= (Paris dates, both included; default the 90 days to
 * today), ?client_id= and ?team=. Answers 400 (bad date, from after to,
 * longer than KPI_MAX_DAYS, unknown team) or 404 (unknown client) and
 * returns false. */
bool kpi_read_period(Request *rq, Response *rs, KpiPeriod *p);
/* Loads the inputs of [from_day, to_day) for client (-1 all) into in, from
 * the request's arena; answers 503 and returns false on a storage error. */
bool kpi_load(Request *rq, Response *rs, long from_day, long to_day, long long client_id, KpiInput *in);
/* One KPI over Paris days [from_day, to_day). */
void kpi_over_days(const KpiInput *in, KpiId k, long from_day, long to_day, KpiValue *out);
/* May the caller see KPI k (its sources' read permission)? */
bool kpi_allowed(Request *rq, KpiId k);
/* The series of k from from_day to to_day by interval ('d', 'w', 'm'):
 * n points into out (from the arena; at most KPI_MAX_POINTS). Buckets are
 * whole Paris days, weeks from Monday or months, cut to the period. */
typedef struct {
    long start_day, end_day;
    KpiValue v;
} KpiPoint;
int kpi_series(Request *rq, const KpiInput *in, KpiId k, long from_day, long to_day, char interval, KpiPoint **out);
/* The value rounded to two decimals, or null. */
json_t *kpi_number(bool has, double v);
/* "2026-03-30" for a Paris day, in the arena. */
const char *kpi_day_text(Request *rq, long day);

#endif
