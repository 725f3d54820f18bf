/* privacy_request: see privacy_request.h. */
#include "privacy_request.h"
#include "../lib/timeutil.h"

const char *const PRIVACY_REQUEST_KINDS[] = {"access", "erasure", "rectification", "objection", NULL};

bool privacy_due_on(const char *received, char out[11]) {
    long days = time_date_days(received);
    if (days < 0) return false;
    time_days_iso(time_days_add_months(days, 1), out);
    return true;
}
