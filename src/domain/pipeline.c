/* pipeline: candidacy stage rules (see pipeline.h). */
#include "pipeline.h"
#include <string.h>

const char *const STAGES[] = {"sourced", "contacted", "interview", "client_interview",
                              "offer",   "hired",     "rejected",  "withdrawn", NULL};

bool stage_valid(const char *stage) {
    if (!stage) return false;
    for (int i = 0; STAGES[i]; i++)
        if (strcmp(STAGES[i], stage) == 0) return true;
    return false;
}

bool stage_is_exit(const char *stage) {
    return stage && (strcmp(stage, "rejected") == 0 || strcmp(stage, "withdrawn") == 0);
}

MoveResult pipeline_check_move(const char *from, const char *to, const char *reason) {
    if (!stage_valid(to)) return MOVE_UNKNOWN_STAGE;
    if (from && strcmp(from, "hired") == 0 && strcmp(to, "hired") != 0) return MOVE_FROM_FINAL;
    if (stage_is_exit(to) && (!reason || !*reason)) return MOVE_REASON_REQUIRED;
    return MOVE_OK;
}
