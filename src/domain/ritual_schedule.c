/* ritual_schedule: occurrences of rituals in Europe/Paris (see .h). */
#include "ritual_schedule.h"
#include <stdio.h>
#include <string.h>
#include "../lib/timeutil.h"
#include "paris_time.h"

const char *const RITUAL_FREQUENCIES[] = {"daily", "weekly", "monthly", NULL};

bool ritual_frequency_valid(const char *s) {
    for (int i = 0; s && RITUAL_FREQUENCIES[i]; i++)
        if (strcmp(s, RITUAL_FREQUENCIES[i]) == 0) return true;
    return false;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

bool ritual_time_parse(const char *s, int *minute) {
    if (!s || strlen(s) != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4]))
        return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return false;
    *minute = h * 60 + m;
    return true;
}

bool ritual_occurs_on(const RitualRule *r, long days) {
    if (r->starts_on >= 0 && days < r->starts_on) return false;
    if (strcmp(r->frequency, "daily") == 0) return days_weekday(days) <= 5;
    if (strcmp(r->frequency, "weekly") == 0) return days_weekday(days) == r->weekday;
    if (strcmp(r->frequency, "monthly") == 0) {
        int y, m, d;
        time_days_civil(days, &y, &m, &d);
        return d == r->month_day;
    }
    return false;
}

enum { HORIZON_DAYS = 400 };

time_t ritual_next(const RitualRule *r, time_t now) {
    long today;
    int minute;
    paris_local(now, &today, &minute);
    for (long d = today - 1; d <= today + HORIZON_DAYS; d++) { /* yesterday: a meeting running past midnight */
        if (!ritual_occurs_on(r, d)) continue;
        time_t start = paris_to_utc(d, r->minute);
        if (start + (time_t)r->duration_minutes * 60 > now) return start;
    }
    return -1;
}

time_t ritual_previous(const RitualRule *r, time_t now) {
    long today;
    int minute;
    paris_local(now, &today, &minute);
    for (long d = today; d >= today - HORIZON_DAYS; d--) {
        if (!ritual_occurs_on(r, d)) continue;
        time_t start = paris_to_utc(d, r->minute);
        if (start <= now) return start;
    }
    return -1;
}

long ritual_first_on_or_after(const RitualRule *r, long from) {
    for (long d = from; d <= from + HORIZON_DAYS; d++)
        if (ritual_occurs_on(r, d)) return d;
    return -1;
}

void ritual_rrule(const RitualRule *r, char out[64]) {
    static const char *const DAYS[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    if (strcmp(r->frequency, "daily") == 0) snprintf(out, 64, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    else if (strcmp(r->frequency, "weekly") == 0 && r->weekday >= 1 && r->weekday <= 7)
        snprintf(out, 64, "FREQ=WEEKLY;BYDAY=%s", DAYS[r->weekday - 1]);
    else snprintf(out, 64, "FREQ=MONTHLY;BYMONTHDAY=%d", r->month_day);
}

time_t working_days_before(time_t now, int n) {
    long today, d;
    int minute;
    paris_local(now, &today, &minute);
    d = today;
    for (int counted = 0; counted < n;)
        if (days_weekday(--d) <= 5) counted++;
    return now - (time_t)(today - d) * 86400;
}
