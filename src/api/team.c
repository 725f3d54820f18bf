/* team: the firm's enabled accounts as everyone may see them (name, role,
 * handle), to choose an incident's owner and participants or a ritual's
 * participants, and to complete "@" in a post box (?q=, ?channel_id=);
 * never a client contact's account. The full accounts (e-mail, disabled
 * ones) stay with admins (users.c). */
#include <stdlib.h>
#include <string.h>
#include "../domain/mentions.h"
#include "../domain/permissions.h"
#include "../lib/text.h"
#include "../store/channels.h"
#include "../store/users.h"
#include "api.h"
#include "channels.h"

enum { MAX_TEAM = 200, MAX_QUERY = 64 };

static json_t *member_json(const User *u, int member) {
    json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", u->id, "name", u->name, "role", u->role, "handle", u->handle);
    if (member >= 0) json_object_set_new(j, "member", json_boolean(member));
    return j;
}

typedef struct {
    const User *u;
    int member; /* -1: no channel asked about */
    int match;  /* mention_match */
} Candidate;

/* Members of the channel first, then the better match, then by name
 * (the accounts come sorted by name: the index keeps that order). */
static int by_rank(const void *pa, const void *pb) {
    const Candidate *a = pa, *b = pb;
    if (a->member != b->member) return b->member - a->member;
    if (a->match != b->match) return a->match - b->match;
    return a->u < b->u ? -1 : a->u > b->u;
}

/* The accounts matching q (folded), members of channel c first; of a
 * private channel only its members, since a mention reaches no one else. */
static void complete(Request *rq, Response *rs, const char *q, const Channel *c, int limit) {
    User *users, *members = NULL;
    int n, nm = 0;
    if (store_users_enabled(rq->db, &rq->arena, &users, &n) != STORE_OK) return reply_db_error(rq, rs);
    if (c && store_channel_members(rq->db, &rq->arena, c->id, &members, &nm) != STORE_OK) return reply_db_error(rq, rs);
    Candidate *found = arena_alloc(&rq->arena, (size_t)(n ? n : 1) * sizeof *found);
    if (!found) return reply_db_error(rq, rs);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!role_in_firm(users[i].role)) continue; /* a client contact is never mentioned */
        char *name = text_fold(users[i].name);
        int match = q ? mention_match(users[i].handle, name, q) : 1;
        free(name);
        if (match < 0) continue;
        int member = -1;
        if (c) {
            member = 0;
            for (int m = 0; m < nm && !member; m++) member = members[m].id == users[i].id;
            if (!member && strcmp(c->visibility, "public") != 0) continue;
        }
        found[k++] = (Candidate){&users[i], member, match};
    }
    qsort(found, (size_t)k, sizeof *found, by_rank);
    json_t *items = json_array();
    for (int i = 0; i < k && i < limit; i++) json_array_append_new(items, member_json(found[i].u, found[i].member));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void team_list(Request *rq, Response *rs) {
    const char *q;
    long long channel_id = -1;
    if (!req_search(rq, rs, "q", MAX_QUERY, &q) || !req_filter_id(rq, rs, "channel_id", &channel_id)) return;
    const char *limit_text = req_query(rq, "limit");
    int limit = MAX_TEAM;
    if (limit_text) {
        char *end;
        long v = strtol(limit_text, &end, 10);
        if (!*limit_text || *end || v < 1 || v > MAX_TEAM)
            return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "limit: 1..200");
        limit = (int)v;
    }
    if (q || channel_id > 0) {
        Channel c;
        if (channel_id > 0 && !channel_load(rq, rs, channel_id, &c)) return;
        char *folded = q ? text_fold(q) : NULL;
        complete(rq, rs, q && *q ? (folded ? folded : q) : NULL, channel_id > 0 ? &c : NULL, limit);
        free(folded);
        return;
    }
    User *users;
    int n;
    if (store_users_list(rq->db, &rq->arena, 0, MAX_TEAM, &users, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n && (int)json_array_size(items) < limit; i++)
        if (!users[i].disabled && role_in_firm(users[i].role)) json_array_append_new(items, member_json(&users[i], -1));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}
