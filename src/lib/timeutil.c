/* timeutil: UTC timestamps and dates (see timeutil.h). */
#include "timeutil.h"
#include <stdio.h>
#include <string.h>

void time_iso(time_t t, char out[21]) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_iso(char out[21]) { time_iso(time(NULL), out); }

void time_today_iso(char out[11]) {
    char now[21];
    time_now_iso(now);
    memcpy(out, now, 10);
    out[10] = '\0';
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool parse_date(const char *s, int *y, int *m, int *d) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1) return false;
    int max = mdays[*m - 1] + (*m == 2 && is_leap(*y));
    return *d <= max;
}

bool time_valid_date(const char *s) {
    int y, m, d;
    return parse_date(s, &y, &m, &d);
}

long time_date_days(const char *s) {
    int y, m, d;
    if (!parse_date(s, &y, &m, &d)) return -1;
    return time_civil_days(y, m, d);
}

long time_civil_days(int y, int m, int d) {
    /* days from civil (Howard Hinnant's algorithm) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void time_days_civil(long days, int *y, int *m, int *d) {
    /* civil from days (Howard Hinnant's algorithm) */
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

long time_days_add_months(long days, int n) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    time_days_civil(days, &y, &m, &d);
    long months = (long)y * 12 + (m - 1) + n;
    y = (int)(months >= 0 ? months / 12 : (months - 11) / 12);
    m = (int)(months - (long)y * 12) + 1;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return time_civil_days(y, m, d > max ? max : d);
}

long time_day_of(const char *iso) {
    if (!iso || strlen(iso) < 10) return -1;
    char date[11];
    memcpy(date, iso, 10);
    date[10] = '\0';
    return time_date_days(date);
}

void time_days_iso(long days, char out[11]) {
    int y, m, d;
    time_days_civil(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

long long time_monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static bool digits(const char *s, int n, int *out) {
    *out = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        *out = *out * 10 + (s[i] - '0');
    }
    return true;
}

bool time_parse_iso(const char *s, time_t *out) {
    if (!s || strlen(s) < 17 || strlen(s) > 25 || s[10] != 'T') return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    long days = time_date_days(date);
    int hh, mm, ss = 0;
    if (days < 0 || !digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm)) return false;
    const char *z = s + 16;
    if (*z == ':') {
        if (!digits(z + 1, 2, &ss)) return false;
        z += 3;
    }
    if (hh > 23 || mm > 59 || ss > 59) return false;
    long offset = 0;
    if (strcmp(z, "Z") == 0) {
        offset = 0;
    } else if ((*z == '+' || *z == '-') && strlen(z) == 6 && z[3] == ':') {
        int oh, om;
        if (!digits(z + 1, 2, &oh) || !digits(z + 4, 2, &om) || oh > 14 || om > 59) return false;
        offset = (*z == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    } else {
        return false;
    }
    *out = (time_t)(days * 86400L + hh * 3600L + mm * 60L + ss - offset);
    return true;
}

time_t time_instant(const char *iso) {
    time_t t = 0;
    return time_parse_iso(iso, &t) ? t : 0;
}
