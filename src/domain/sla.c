/* sla: working-day arithmetic for the response clock (see sla.h). */
#include "sla.h"
#include <math.h>
#include <stdlib.h>

static int weekday(time_t t) {
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_wday; /* 0 Sunday .. 6 Saturday */
}

static int is_weekend(time_t t) {
    int d = weekday(t);
    return d == 0 || d == 6;
}

time_t sla_cutoff(time_t now, int days) {
    time_t t = now;
    /* a clock started during a weekend starts on the next Monday morning:
     * walking back, weekend time is skipped first */
    while (days > 0) {
        t -= 86400;
        if (!is_weekend(t)) days--;
    }
    while (is_weekend(t)) t -= 86400;
    return t;
}

int sla_working_days_between(time_t from, time_t to) {
    int n = 0;
    for (time_t t = from + 86400; t <= to; t += 86400)
        if (!is_weekend(t)) n++;
    return n;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void sla_percentiles(double *v, int n, double *median, double *p90) {
    if (n <= 0) {
        *median = *p90 = -1;
        return;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    int rank = (int)ceil(0.9 * n); /* nearest rank, 1-based */
    *p90 = v[rank - 1];
}
