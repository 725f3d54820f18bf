/* channels: channels, their members, and the channels of objects (see
 * channels.h). A channel the caller may not see answers 404 like one that
 * does not exist. */
#include "channels.h"
#include <stdlib.h>
#include <string.h>
#include "../domain/channels.h"
#include "../domain/permissions.h"
#include "../lib/text.h"
#include "../store/channels.h"
#include "../http/event_log.h"
#include "../store/users.h"
#include "api.h"
#include "thread_text.h"

static const char *const VISIBILITIES[] = {"public", "private", NULL};

enum { CHANNEL_SLUG_SIZE = 81 }; /* a slug of at most 80 bytes */

static const FieldSpec CHANNEL[] = {
    {"name", F_STRING, true, 1, 80, NULL},
    {"topic", F_TEXT, false, 0, 500, NULL},
    {"visibility", F_ENUM, false, 0, 0, VISIBILITIES, .not_null = true},
    {"member_ids", F_ARRAY, false, 0, 200, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* PATCH (partial: "required" means never empty): the name and topic; what
 * the server decides may be echoed back and is ignored. */
static const FieldSpec CHANNEL_EDIT[] = {
    {"name", F_STRING, true, 1, 80, NULL},
    {"topic", F_TEXT, false, 0, 500, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"slug", F_IGNORED, false, 0, 0, NULL},
    {"visibility", F_IGNORED, false, 0, 0, NULL},
    {"object_type", F_IGNORED, false, 0, 0, NULL},
    {"object_id", F_IGNORED, false, 0, 0, NULL},
    {"created_by", F_IGNORED, false, 0, 0, NULL},
    {"member", F_IGNORED, false, 0, 0, NULL},
    {"unread", F_IGNORED, false, 0, 0, NULL},
    {"last_post_id", F_IGNORED, false, 0, 0, NULL},
    {"members", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec MEMBERS[] = {
    {"user_ids", F_ARRAY, true, 1, 200, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec READ[] = {
    {"post_id", F_ID, false, 1, 1LL << 53, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

ChannelViewer channel_viewer(const User *u) {
    ChannelViewer v = {.user_id = u->id};
    for (int i = 0; CHANNEL_OBJECT_TYPES[i]; i++)
        v.sees[i] = permission_allows(u->role, channel_object_action(CHANNEL_OBJECT_TYPES[i]));
    return v;
}

json_t *channel_json(const Channel *c) {
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:b, s:I, s:I, s:I, s:s, s:s}", "id", c->id,
                     "version", c->version, "name", c->name, "slug", c->slug, "topic", json_str_or_null(c->topic),
                     "visibility", c->visibility, "object_type", json_str_or_null(c->object_type), "object_id",
                     json_int_or_null(c->object_id), "created_by", json_int_or_null(c->created_by), "member",
                     c->member, "unread", c->unread, "last_post_id", c->last_post_id, "members", c->members,
                     "created_at", c->created_at, "updated_at", c->updated_at);
}

/* The caller's view of channel id; answers 404 (or 500) and returns false
 * when it is not visible. */
bool channel_load(Request *rq, Response *rs, long long id, Channel *c) {
    ChannelViewer v = channel_viewer(&rq->user);
    StoreResult r = store_channel_get(rq->db, &rq->arena, &v, id, c);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    return true;
}

/* Active accounts among ids[0..n); the others are reported in errs. */
static bool check_accounts(Request *rq, json_t *ids, const char *field, json_t *errs) {
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        User u;
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            errors_add(rq, errs, field, "must_be_id_list");
            return false;
        }
        if (store_user_get(rq->db, &rq->arena, json_integer_value(v), &u) != STORE_OK || u.disabled ||
            !role_in_firm(u.role)) {
            errors_add(rq, errs, field, "no_such_user_id", (long long)json_integer_value(v));
            return false;
        }
    }
    return true;
}

static StoreResult add_members(Request *rq, long long channel_id, json_t *ids, bool rejoin) {
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        StoreResult r = store_channel_member_add(rq->db, channel_id, json_integer_value(v), rejoin, NULL);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* ?client_id= ?need_id= ?deal_id= ?incident_id= ?ritual_id=: at most one. */
static bool object_filter(Request *rq, Response *rs, ChannelsFilter *f) {
    for (int i = 0; CHANNEL_OBJECT_TYPES[i]; i++) {
        const char *name = arena_printf(&rq->arena, "%s_id", CHANNEL_OBJECT_TYPES[i]);
        long long id = -1;
        if (!req_filter_id(rq, rs, name, &id)) return false;
        if (id < 0) continue;
        if (f->object_type) {
            reply_problem(rq, rs, 400, "bad-filter", "bad_request", name);
            return false;
        }
        f->object_type = CHANNEL_OBJECT_TYPES[i];
        f->object_id = id;
    }
    return true;
}

void channels_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    ChannelsFilter f = {.object_id = -1};
    if (!req_search(rq, rs, "q", 80, &f.q)) return;
    if (!req_search(rq, rs, "slug", CHANNEL_SLUG_SIZE - 1, &f.slug)) return;
    if (!object_filter(rq, rs, &f)) return;
    const char *mine = req_query(rq, "mine");
    if (mine && strcmp(mine, "1") && strcmp(mine, "true") && strcmp(mine, "0") && strcmp(mine, "false"))
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "mine");
    f.mine = mine && (!strcmp(mine, "1") || !strcmp(mine, "true"));
    const char *kind = req_query(rq, "kind");
    if (kind && strcmp(kind, "team")) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "kind");
    f.team = kind != NULL;
    ChannelViewer v = channel_viewer(&rq->user);
    Channel *cs;
    int n;
    if (store_channels_list(rq->db, &rq->arena, &v, &f, before, limit, &cs, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, channel_json(&cs[i]));
    reply_json(rs, 200, page_body(items, limit, n ? cs[n - 1].id : 0));
}

/* The slug of a channel's name ([a-z0-9-]); an error in errs when the
 * name has no letter or digit, or reads like an object's channel. */
static void name_slug(Request *rq, const char *name, char slug[CHANNEL_SLUG_SIZE], json_t *errs) {
    char *folded = text_fold(name);
    channel_slug(folded, slug, CHANNEL_SLUG_SIZE);
    free(folded);
    if (!*slug) errors_add(rq, errs, "name", "channel_name_letters");
    else if (channel_slug_reserved(slug)) errors_add(rq, errs, "name", "channel_name_reserved");
}

/* OK when no channel but `self` (-1: none) goes by slug, now or before a
 * rename (old "#slug" links keep finding theirs); CONFLICT otherwise. */
static StoreResult slug_free(Request *rq, const char *slug, long long self) {
    long long owner;
    StoreResult r = store_channel_slug_owner(rq->db, slug, &owner);
    if (r == STORE_NOT_FOUND) return STORE_OK;
    return r == STORE_OK && owner != self ? STORE_CONFLICT : r;
}

void channels_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, CHANNEL, false, errs);
    Channel c = {.object_id = -1, .created_by = rq->user.id, .visibility = "public"};
    jset_str(rq, rq->json, "name", &c.name);
    jset_str(rq, rq->json, "topic", &c.topic);
    jset_str(rq, rq->json, "visibility", &c.visibility);
    char slug[CHANNEL_SLUG_SIZE] = "";
    if (c.name) name_slug(rq, c.name, slug, errs);
    json_t *members = json_object_get(rq->json, "member_ids");
    if (json_is_array(members)) check_accounts(rq, members, "member_ids", errs);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    c.slug = arena_strdup(&rq->arena, slug);
    StoreResult r = slug_free(rq, c.slug, -1);
    if (r == STORE_OK) r = store_channel_insert(rq->db, &rq->arena, &c);
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "duplicate-channel", "duplicate_channel", c.slug);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    r = store_channel_member_add(rq->db, c.id, rq->user.id, true, NULL);
    if (r == STORE_OK && json_is_array(members)) r = add_members(rq, c.id, members, true);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!channel_load(rq, rs, c.id, &c)) return;
    rs->audit_type = "channel";
    rs->audit_id = c.id;
    reply_versioned(rq, rs, c.version, channel_json(&c));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/channels/%lld", c.id));
}

void channels_get(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    reply_versioned(rq, rs, c.version, channel_json(&c));
}

/* The system post of a rename or a new topic, in French like the other
 * system posts; names are quoted so that they mention nobody. */
static StoreResult post_change(Request *rq, const Channel *old, const Channel *c) {
    Buf b = BUF_INIT;
    md_text(&b, rq->user.name);
    if (strcmp(old->name, c->name)) {
        buf_puts(&b, " a renommé le fil « ");
        md_name(&b, old->name);
        buf_puts(&b, " » en « **");
        md_name(&b, c->name);
        buf_puts(&b, "** »");
        if (strcmp(old->slug, c->slug)) buf_printf(&b, " (`#%s` mène toujours ici)", old->slug);
        buf_puts(&b, ".");
    }
    bool had = old->topic != NULL, has = c->topic != NULL;
    if (had != has || (had && strcmp(old->topic, c->topic))) {
        buf_puts(&b, strcmp(old->name, c->name) ? "\n\nSujet : " : " a changé le sujet du fil : ");
        if (has) {
            buf_puts(&b, "« ");
            md_name(&b, c->topic);
            buf_puts(&b, " ».");
        } else {
            buf_puts(&b, "(aucun).");
        }
    }
    StoreResult r = channel_system_post(rq, c->id, buf_str(&b));
    buf_free(&b);
    return r;
}

/* PATCH: a new name (not for an object's channel: it keeps its object's
 * name) or topic, by the channel's creator or an admin; a system post
 * says what changed and the slug it left keeps finding it. */
void channels_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    if (!channel_may_edit(rq->user.role, c.created_by, rq->user.id))
        return reply_problem(rq, rs, 403, "not-the-channel-creator", "not_the_channel_creator", NULL);
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, CHANNEL_EDIT, true, errs)) return reply_invalid(rq, rs, errs);
    Channel old = c;
    jset_str(rq, rq->json, "name", &c.name);
    jset_str(rq, rq->json, "topic", &c.topic); /* "" was made null: no topic */
    char slug[CHANNEL_SLUG_SIZE];
    bool renamed = strcmp(old.name, c.name) != 0;
    if (renamed && c.object_type) {
        json_decref(errs);
        return reply_problem(rq, rs, 409, "channel-of-object", "channel_of_object", c.object_type);
    }
    if (renamed) name_slug(rq, c.name, slug, errs);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (c.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    bool topic_changed = (old.topic == NULL) != (c.topic == NULL) || (old.topic && strcmp(old.topic, c.topic));
    if (!renamed && !topic_changed) return reply_versioned(rq, rs, c.version, channel_json(&c));
    if (renamed) c.slug = arena_strdup(&rq->arena, slug);
    StoreResult r = strcmp(old.slug, c.slug) ? slug_free(rq, c.slug, c.id) : STORE_OK;
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "duplicate-channel", "duplicate_channel", c.slug);
    if (r == STORE_OK) r = store_channel_update(rq->db, &rq->arena, &c, old.slug, expected);
    if (r == STORE_OK) r = post_change(rq, &old, &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "channel.updated", "channel", c.id, event_refs_none(), NULL,
                 json_pack("{s:I, s:I}", "channel_id", c.id, "version", c.version));
    rs->audit_type = "channel";
    rs->audit_id = c.id;
    if (!channel_load(rq, rs, c.id, &c)) return;
    reply_versioned(rq, rs, c.version, channel_json(&c));
}

void channel_members_list(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    User *us;
    int n;
    if (store_channel_members(rq->db, &rq->arena, c.id, &us, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "id", us[i].id, "name", us[i].name, "handle",
                                               us[i].handle, "role", us[i].role));
    reply_json(rs, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* Members add others; anyone who sees a public channel may join it. */
void channel_members_add(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    if (!c.member) return reply_problem(rq, rs, 403, "not-a-member", "not_a_member", NULL);
    json_t *errs = json_array();
    validate_object(rq, rq->json, MEMBERS, false, errs);
    json_t *ids = json_object_get(rq->json, "user_ids");
    if (!json_array_size(errs)) check_accounts(rq, ids, "user_ids", errs);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    StoreResult r = add_members(rq, c.id, ids, true);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "channel";
    channel_members_list(rq, rs);
}

void channels_join(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    StoreResult r = store_channel_member_add(rq->db, c.id, rq->user.id, true, NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "channel";
    channels_get(rq, rs);
}

void channels_leave(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    StoreResult r = store_channel_member_leave(rq->db, c.id, rq->user.id);
    if (r == STORE_NOT_FOUND) return reply_problem(rq, rs, 409, "not-a-member", "not_a_member", NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "channel";
    reply_empty(rs, 204);
}

/* Marks the channel read up to post_id (default: its last post). */
void channels_read(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, READ, true, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    long long upto = jhas(rq->json, "post_id") && !json_is_null(json_object_get(rq->json, "post_id"))
                         ? jint(rq->json, "post_id")
                         : c.last_post_id;
    if (upto > c.last_post_id) upto = c.last_post_id;
    if (c.member && store_channel_mark_read(rq->db, c.id, rq->user.id, upto) != STORE_OK)
        return reply_db_error(rq, rs);
    channels_get(rq, rs);
}

StoreResult channel_for_object(Request *rq, const char *object_type, long long object_id, const char *name,
                               const long long *member_ids, int nmembers, long long *channel_id) {
    if (!channel_object_type_valid(object_type) || object_id < 1) return STORE_NOT_FOUND;
    return store_channel_for_object(rq->db, &rq->arena, object_type, object_id, name,
                                    rq->signed_in ? rq->user.id : -1, member_ids, nmembers, channel_id);
}
