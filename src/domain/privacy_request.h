/* privacy_request: the rules of a person's request about their data. */
#ifndef ALLIANCE_PRIVACY_REQUEST_H
#define ALLIANCE_PRIVACY_REQUEST_H
#include <stdbool.h>

/* NULL-terminated: access, erasure, rectification, objection. */
extern const char *const PRIVACY_REQUEST_KINDS[];
/* The answer is due one month after receipt (GDPR art. 12.3), on the same
 * day of the next month or its last day ("2027-01-31" -> "2027-02-28").
 * false unless received is a valid date. */
bool privacy_due_on(const char *received, char out[11]);

#endif
