/* sla: the "no ghosting" clock. A candidacy waits for a candidate-facing
 * action (a message, an interview, a stage change) for at most
 * response_sla_days working days (Monday to Friday; public holidays are
 * not known here) before it is overdue. */
#ifndef ALLIANCE_SLA_H
#define ALLIANCE_SLA_H
#include <time.h>

/* The instant that lies `days` working days before now: a candidacy whose
 * last candidate-facing action is older is overdue. Weekends do not count:
 * an action on Friday 10:00 with 1 day is overdue from Monday 10:00. */
time_t sla_cutoff(time_t now, int days);
/* Working days between two instants (whole days, weekends skipped). */
int sla_working_days_between(time_t from, time_t to);
/* Median and 90th percentile (nearest rank) of n values sorted in place;
 * -1 each when n == 0. */
void sla_percentiles(double *v, int n, double *median, double *p90);

#endif
