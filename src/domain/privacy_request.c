/* privacy_request: see privacy_request.h. */
#include "privacy_request.h"
#include <stdio.h>
#include "../lib/timeutil.h"

const char *const PRIVACY_REQUEST_KINDS[] = {"access", "erasure", "rectification", "objection", NULL};

static int days_in(int y, int m) {
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : DAYS[m - 1];
}

bool privacy_due_on(const char *received, char out[11]) {
    int y, m, d;
    if (!time_valid_date(received) || sscanf(received, "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
    if (++m == 13) {
        m = 1;
        y++;
    }
    if (d > days_in(y, m)) d = days_in(y, m);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return true;
}
