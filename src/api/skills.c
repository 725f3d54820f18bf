/* skills: type-ahead over the skills reference, and the credits page data. */
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../version.h"
#include "../domain/skills.h"
#include "../http/params.h"
#include "api.h"

json_t *skill_json(const Skill *s) {
    return json_pack("{s:s, s:s, s:{s:s, s:s}, s:s}", "id", s->id, "label", s->label_fr, "labels", "fr", s->label_fr,
                     "en", s->label_en, "category", s->category);
}

/* The label in the request's language. */
const char *skill_label(Request *rq, const char *id) {
    const Skill *s = skills_get(id);
    if (!s) return id;
    return rq->lang == LANG_EN ? s->label_en : s->label_fr;
}

void skills_search_get(Request *rq, Response *rs) {
    const char *q;
    if (!req_search(rq, rs, "q", 100, &q)) return;
    const char *l = req_query(rq, "limit");
    int limit = 10;
    if (l) {
        long long v;
        if (!param_id(l, &v) || v < 1 || v > 50) return reply_problem(rq, rs, 400, "bad-limit", "bad_request", "limit: 1..50");
        limit = (int)v;
    }
    const Skill *found[50];
    int n = skills_search(q ? q : "", found, limit);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = skill_json(found[i]);
        json_object_set_new(j, "label", json_string(rq->lang == LANG_EN ? found[i]->label_en : found[i]->label_fr));
        json_array_append_new(items, j);
    }
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void about_get(Request *rq, Response *rs) {
    (void)rq;
    reply_json(rs, 200,
               json_pack("{s:s, s:I, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}], s:s}", "version", ALLIANCE_VERSION,
                         "skills", (json_int_t)skills_count(), "sources", "name", "ESCO", "licence",
                         "European Commission Decision 2011/833/EU", "url", "https://esco.ec.europa.eu/", "name",
                         "GitHub Linguist", "licence", "MIT", "url", "https://github.com/github-linguist/linguist",
                         "attribution",
                         "This service uses the ESCO classification of the European Commission. "
                         "The skills reference is a modified version of ESCO: a subset, some shortened labels "
                         "and added items."));
}
