/* paris_time: local dates and minutes in Europe/Paris (see .h). */
#include "paris_time.h"
#include "../lib/timeutil.h"

int days_weekday(long days) { return (int)(((days % 7) + 7 + 3) % 7) + 1; } /* 1970-01-01 was a Thursday */

void paris_local(time_t t, long *days, int *minute) {
    time_t local = t + paris_offset(t);
    long dd = (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
    *days = dd;
    *minute = (int)((local - (time_t)dd * 86400) / 60);
}

time_t paris_to_utc(long days, int minute) {
    time_t wall = (time_t)days * 86400 + (time_t)minute * 60;
    time_t summer = wall - 7200, winter = wall - 3600;
    if (paris_offset(summer) == 7200) return summer; /* also the first of two October times */
    return winter; /* valid winter time, or the March gap read with the winter offset */
}
