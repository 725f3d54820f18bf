/* need_status: the life of a need.
 *   draft -> qualified -> open -> staffed | closed
 * A need can step back one stage (open -> qualified, qualified -> draft),
 * be closed from anywhere, and a closed or staffed need can be reopened. */
#ifndef ALLIANCE_NEED_STATUS_H
#define ALLIANCE_NEED_STATUS_H
#include <stdbool.h>

extern const char *const NEED_STATUSES[];  /* NULL-terminated */
extern const char *const REMOTE_POLICIES[]; /* none partial full */
bool need_status_valid(const char *status);
bool need_status_can_move(const char *from, const char *to);

#endif
