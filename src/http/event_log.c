/* event_log: a request's business events, written just before COMMIT (see
 * event_log.h). */
#include "event_log.h"
#include <stdlib.h>
#include "../store/events.h"

/* JSON text in the arena, keys sorted so equal states read equal. */
static const char *state_text(Arena *a, json_t *state) {
    if (!state) return NULL;
    char *text = json_dumps(state, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    json_decref(state);
    if (!text) return NULL;
    const char *copy = arena_strdup(a, text);
    free(text);
    return copy;
}

void event_record(Request *rq, const char *type, const char *object_type, long long object_id, EventRefs refs,
                  json_t *before, json_t *after) {
    Event *grown = arena_grow(&rq->arena, rq->events, (size_t)rq->nevents, &rq->events_cap, sizeof *grown);
    if (!grown) {
        json_decref(before);
        json_decref(after);
        rq->events_lost = true; /* the dispatcher then fails the request */
        return;
    }
    rq->events = grown;
    rq->events[rq->nevents++] = (Event){
        .actor_id = rq->signed_in ? rq->user.id : -1,
        .type = type,
        .object_type = object_type,
        .object_id = object_id,
        .refs = refs,
        .before = state_text(&rq->arena, before),
        .after = state_text(&rq->arena, after),
    };
}

EventRefs event_refs_none(void) { return (EventRefs){-1, -1, -1}; }

bool event_log_flush(Request *rq) {
    if (rq->events_lost) return false;
    for (int i = 0; i < rq->nevents; i++)
        if (store_event_add(rq->db, &rq->events[i], &rq->events[i].id) != STORE_OK) return false;
    return true;
}
