/* pipeline: the stages of a candidacy and the moves allowed between them.
 *   sourced -> contacted -> interview -> client_interview -> offer -> hired
 *   exits: rejected, withdrawn (each with a reason)
 * Any move between active stages is allowed (a kanban card can go back);
 * an exit needs a reason; a rejected or withdrawn candidacy can be reopened;
 * hired is final. */
#ifndef ALLIANCE_PIPELINE_H
#define ALLIANCE_PIPELINE_H
#include <stdbool.h>

extern const char *const STAGES[]; /* NULL-terminated, in board order */

typedef enum {
    MOVE_OK = 0,
    MOVE_UNKNOWN_STAGE,
    MOVE_REASON_REQUIRED,
    MOVE_FROM_FINAL,
} MoveResult;

bool stage_valid(const char *stage);
bool stage_is_exit(const char *stage);
MoveResult pipeline_check_move(const char *from, const char *to, const char *reason);

#endif
