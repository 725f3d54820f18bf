/* need_status: allowed moves between need statuses (see need_status.h). */
#include "need_status.h"
#include <string.h>

const char *const NEED_STATUSES[] = {"draft", "qualified", "open", "staffed", "closed", NULL};
const char *const REMOTE_POLICIES[] = {"none", "partial", "full", NULL};

static const struct {
    const char *from, *to;
} moves[] = {
    {"draft", "qualified"},  {"draft", "closed"},
    {"qualified", "open"},   {"qualified", "draft"},  {"qualified", "closed"},
    {"open", "staffed"},     {"open", "closed"},      {"open", "qualified"},
    {"staffed", "open"},     {"staffed", "closed"},
    {"closed", "draft"},
};

bool need_status_valid(const char *status) {
    if (!status) return false;
    for (int i = 0; NEED_STATUSES[i]; i++)
        if (strcmp(NEED_STATUSES[i], status) == 0) return true;
    return false;
}

bool need_status_can_move(const char *from, const char *to) {
    if (strcmp(from, to) == 0) return true;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (strcmp(moves[i].from, from) == 0 && strcmp(moves[i].to, to) == 0) return true;
    return false;
}
