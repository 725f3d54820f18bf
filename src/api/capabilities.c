/* capabilities: "what we can deliver" per skill, and the gap of a need
 * (the skills recruitment must source). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../domain/skills.h"
#include "../lib/timeutil.h"
#include "../store/capabilities.h"
#include "../store/needs.h"
#include "skill_input.h"

enum { AVAILABLE_WITHIN_DAYS = 30 };

void capabilities_list(Request *rq, Response *rs) {
    const char *skill = NULL, *text;
    if (!req_search(rq, rs, "skill", 100, &text)) return;
    if (text) {
        const Skill *s = skills_resolve(text);
        if (!s) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "skill");
        skill = s->id;
    }
    long min_level = 1;
    const char *ml = req_query(rq, "min_level");
    if (ml) {
        char *end;
        min_level = strtol(ml, &end, 10);
        if (!*ml || *end || min_level < 1 || min_level > 5)
            return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "min_level: 1..5");
    }
    char by[21];
    time_iso(time(NULL) + AVAILABLE_WITHIN_DAYS * 86400, by);
    by[10] = '\0';
    Capability *caps;
    int n;
    if (store_capabilities(rq->db, &rq->arena, skill, (int)min_level, by, &caps, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const Capability *c = &caps[i];
        json_t *levels = json_object();
        for (int l = 1; l <= 5; l++) json_object_set_new(levels, arena_printf(&rq->arena, "%d", l), json_integer(c->by_level[l]));
        json_array_append_new(items, json_pack("{s:s, s:s, s:{s:i, s:i, s:o}, s:i}", "skill", c->skill, "label",
                                               skill_label(rq, c->skill), "consultants", "total", c->consultants,
                                               "available", c->available, "by_level", levels,
                                               "candidates_in_pipeline", c->candidates_in_pipeline));
    }
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void needs_gap(Request *rq, Response *rs) {
    Need n;
    StoreResult r = store_need_get(rq->db, &rq->arena, rq->ids[0], &n);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *items = json_array(), *unmet = json_array();
    for (int i = 0; i < n.nskills; i++) {
        const Requirement *q = &n.skills[i];
        int consultants, candidates;
        if (store_skill_meeting(rq->db, q->skill, q->min_level, &consultants, &candidates) != STORE_OK) {
            json_decref(items);
            json_decref(unmet);
            return reply_db_error(rq, rs);
        }
        json_array_append_new(items, json_pack("{s:s, s:s, s:i, s:b, s:i, s:i}", "skill", q->skill, "label",
                                               skill_label(rq, q->skill), "min_level", q->min_level, "mandatory",
                                               q->mandatory, "consultants_meeting", consultants,
                                               "candidates_meeting", candidates));
        if (!consultants && !candidates) json_array_append_new(unmet, json_string(q->skill));
    }
    reply_json(rs, 200, json_pack("{s:o, s:o}", "items", items, "unmet", unmet));
}
