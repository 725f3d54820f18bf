/* posts: the posts of a channel, threads, edits (history kept), deletion,
 * reactions, search, and what writing a post sets off (the post.created
 * event, notifications of mentions and replies). A post is readable by
 * whoever sees its channel; only its author edits or deletes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/channels.h"
#include "../domain/mentions.h"
#include "../http/event_log.h"
#include "../lib/markdown.h"
#include "../lib/text.h"
#include "../store/channels.h"
#include "../store/notifications.h"
#include "../store/posts.h"
#include "../store/scrub.h"
#include "../store/users.h"
#include "api.h"
#include "channels.h"

enum { MAX_POST_CHARS = 20000, EXCERPT_CHARS = 140, MAX_EMOJI_BYTES = 32 };

static const FieldSpec POST[] = {
    {"body", F_TEXT, true, 1, MAX_POST_CHARS, NULL},
    {"parent_id", F_ID, false, 1, 1LL << 53, NULL},
    {"attachment_ids", F_ARRAY, false, 0, 10, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec EDIT[] = {
    {"body", F_TEXT, true, 1, MAX_POST_CHARS, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec REACTION[] = {
    {"emoji", F_STRING, true, 1, 8, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *names_json(const char *body, char sigil) {
    MentionName names[MENTIONS_MAX];
    int n = mentions_find(body, sigil, names, MENTIONS_MAX);
    json_t *a = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(a, json_string(names[i]));
    return a;
}

json_t *post_json(const Post *p) {
    json_t *reactions = json_array();
    for (int i = 0; i < p->nreactions; i++)
        json_array_append_new(reactions, json_pack("{s:s, s:I, s:b}", "emoji", p->reactions[i].emoji, "count",
                                                   p->reactions[i].count, "mine", p->reactions[i].mine));
    json_t *files = json_array();
    for (int i = 0; i < p->nfiles; i++) {
        const PostFile *f = &p->files[i];
        char url[48];
        snprintf(url, sizeof url, "/api/v1/attachments/%lld", f->id);
        json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", f->id, "name", f->name,
                                               "media_type", f->media_type, "size", f->size, "url", url));
    }
    json_t *author = p->author_id > 0 ? json_pack("{s:I, s:s, s:s}", "id", p->author_id, "name",
                                                  p->author_name ? p->author_name : "", "handle",
                                                  p->author_handle ? p->author_handle : "")
                                      : json_null();
    return json_pack("{s:I, s:I, s:I, s:o, s:o, s:o, s:s, s:s, s:b, s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "id", p->id,
                     "version", p->version, "channel_id", p->channel_id, "channel_name",
                     json_str_or_null(p->channel_name), "parent_id", json_int_or_null(p->parent_id), "author", author,
                     "body", p->body, "html", p->html, "deleted", p->deleted, "replies", p->replies, "reactions",
                     reactions, "attachments", files, "mentions", names_json(p->body, '@'), "channel_refs", names_json(p->body, '#'),
                     "created_at", p->created_at, "updated_at", p->updated_at, "edited_at",
                     json_str_or_null(p->edited_at));
}

/* The event refs of a post: the client or need that owns its channel. */
static EventRefs post_refs(const Channel *c) {
    EventRefs r = {-1, -1, -1};
    if (c->object_type && strcmp(c->object_type, "client") == 0) r.client_id = c->object_id;
    if (c->object_type && strcmp(c->object_type, "need") == 0) r.need_id = c->object_id;
    return r;
}

/* The first characters of a body, for a notification. */
static const char *excerpt(Request *rq, const char *body) {
    size_t n = 0, chars = 0;
    while (body[n] && chars < EXCERPT_CHARS) {
        n++;
        while (((unsigned char)body[n] & 0xC0) == 0x80) n++;
        chars++;
    }
    return body[n] ? arena_printf(&rq->arena, "%.*s…", (int)n, body) : body;
}

static bool in_list(const long long *ids, int n, long long id) {
    for (int i = 0; i < n; i++)
        if (ids[i] == id) return true;
    return false;
}

/* Notifies the accounts mentioned in p who may see the channel, each once;
 * after an edit (edited), only those not told of this post before. Their
 * ids go to done (MENTIONS_MAX), their number to *ndone. */
static StoreResult notify_mentions(Request *rq, const Channel *c, const Post *p, bool edited, long long *done,
                                   int *ndone) {
    MentionName names[MENTIONS_MAX];
    int n = mentions_find(p->body, '@', names, MENTIONS_MAX);
    const char *text = excerpt(rq, p->body);
    *ndone = 0;
    for (int i = 0; i < n; i++) {
        User u;
        StoreResult r = store_user_by_handle(rq->db, &rq->arena, names[i], &u);
        if (r == STORE_NOT_FOUND || (r == STORE_OK && u.disabled)) continue;
        if (r != STORE_OK) return r;
        bool member, told = false;
        if (store_channel_is_member(rq->db, c->id, u.id, &member) != STORE_OK) return STORE_ERROR;
        if (!channel_visible(u.role, c->visibility, c->object_type, member)) continue;
        if (in_list(done, *ndone, u.id)) continue;
        done[(*ndone)++] = u.id;
        if (edited && store_notification_sent(rq->db, u.id, "mention", p->id, &told) != STORE_OK) return STORE_ERROR;
        if (told) continue;
        r = notify_user(rq, u.id, "mention", "post", p->id, c->id, p->id, text);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* Notifies the accounts mentioned, then the other writers of the thread
 * replied to. Nobody is notified twice. */
static StoreResult notify_post(Request *rq, const Channel *c, const Post *p) {
    long long done[MENTIONS_MAX];
    int ndone;
    StoreResult r = notify_mentions(rq, c, p, false, done, &ndone);
    if (r != STORE_OK || p->parent_id < 0) return r;
    long long *writers;
    int nw;
    if (store_thread_authors(rq->db, &rq->arena, p->parent_id, &writers, &nw) != STORE_OK) return STORE_ERROR;
    const char *text = excerpt(rq, p->body);
    for (int i = 0; i < nw; i++) {
        if (in_list(done, ndone, writers[i])) continue;
        r = notify_user(rq, writers[i], "reply", "post", p->id, c->id, p->id, text);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* Renders and stores p (channel, parent, author and body set), records
 * post.created and notifies. */
static StoreResult post_write(Request *rq, const Channel *c, Post *p) {
    char *html = markdown_to_html(p->body, strlen(p->body));
    char *search = text_fold(p->body);
    if (!html || !search) {
        free(html);
        free(search);
        return STORE_ERROR;
    }
    p->html = arena_strdup(&rq->arena, html);
    StoreResult r = store_post_insert(rq->db, &rq->arena, p, search);
    free(html);
    free(search);
    if (r != STORE_OK) return r;
    event_record(rq, "post.created", "post", p->id, post_refs(c), NULL,
                 json_pack("{s:I, s:o}", "channel_id", c->id, "parent_id", json_int_or_null(p->parent_id)));
    return notify_post(rq, c, p);
}

StoreResult channel_system_post(Request *rq, long long channel_id, const char *markdown) {
    Channel c;
    StoreResult r = store_channel_get_any(rq->db, &rq->arena, channel_id, &c);
    if (r != STORE_OK) return r;
    Post p = {.channel_id = channel_id, .parent_id = -1, .author_id = -1, .body = markdown};
    return post_write(rq, &c, &p);
}

/* The post in rq->ids[0] and its channel, when the caller sees it. */
static bool load_post(Request *rq, Response *rs, Post *p, Channel *c) {
    StoreResult r = store_post_get(rq->db, &rq->arena, rq->ids[0], rq->user.id, p);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    return channel_load(rq, rs, p->channel_id, c);
}

void posts_list(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    int limit;
    long long before, parent = -1;
    if (!req_page(rq, rs, &limit, &before)) return;
    if (!req_filter_id(rq, rs, "parent_id", &parent)) return;
    Post *ps;
    int n;
    if (store_posts_list(rq->db, &rq->arena, c.id, parent, rq->user.id, before, limit, &ps, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, post_json(&ps[i]));
    reply_json(rs, 200, page_body(items, parent > 0 ? n + 1 : limit, n ? ps[n - 1].id : 0));
}

void posts_create(Request *rq, Response *rs) {
    Channel c;
    if (!channel_load(rq, rs, rq->ids[0], &c)) return;
    json_t *errs = json_array();
    validate_object(rq, rq->json, POST, false, errs);
    Post p = {.channel_id = c.id, .parent_id = -1, .author_id = rq->user.id, .author_name = rq->user.name,
              .author_handle = rq->user.handle, .channel_name = c.name};
    jset_str(rq, rq->json, "body", &p.body);
    jset_int(rq->json, "parent_id", &p.parent_id);
    if (p.parent_id > 0 && !json_array_size(errs)) {
        Post parent;
        StoreResult r = store_post_get(rq->db, &rq->arena, p.parent_id, rq->user.id, &parent);
        if (r == STORE_OK && parent.channel_id != c.id) r = STORE_NOT_FOUND;
        if (r == STORE_NOT_FOUND) errors_add(rq, errs, "parent_id", "no_such_post");
        else if (r != STORE_OK) return reply_db_error(rq, rs);
        else if (parent.parent_id > 0) p.parent_id = parent.parent_id; /* threads are one level deep */
    }
    json_t *files = json_object_get(rq->json, "attachment_ids");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    /* writing in a channel makes one a member of it */
    StoreResult r = store_channel_member_add(rq->db, c.id, rq->user.id, true, NULL);
    if (r == STORE_OK) r = post_write(rq, &c, &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (json_is_array(files) && !attachments_link(rq, rs, files, p.id)) return;
    if (store_post_get(rq->db, &rq->arena, p.id, rq->user.id, &p) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "post";
    rs->audit_id = p.id;
    reply_versioned(rq, rs, p.version, post_json(&p));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/posts/%lld", p.id));
}

void posts_get(Request *rq, Response *rs) {
    Post p;
    Channel c;
    if (!load_post(rq, rs, &p, &c)) return;
    reply_versioned(rq, rs, p.version, post_json(&p));
}

/* Edits and deletions are the author's alone. */
static bool own_post(Request *rq, Response *rs, const Post *p) {
    if (p->author_id == rq->user.id && !p->deleted) return true;
    if (p->deleted) reply_problem(rq, rs, 409, "post-deleted", "post_deleted", NULL);
    else reply_problem(rq, rs, 403, "not-the-author", "not_the_author", NULL);
    return false;
}

void posts_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Post p;
    Channel c;
    if (!load_post(rq, rs, &p, &c) || !own_post(rq, rs, &p)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, EDIT, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (p.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    jset_str(rq, rq->json, "body", &p.body);
    char *html = markdown_to_html(p.body, strlen(p.body)), *search = text_fold(p.body);
    StoreResult r = STORE_ERROR;
    if (html && search) {
        p.html = arena_strdup(&rq->arena, html);
        r = store_post_edit(rq->db, &rq->arena, &p, search, rq->user.id, expected);
    }
    free(html);
    free(search);
    /* the accounts the edit mentions for the first time are told; the others were already */
    long long told[MENTIONS_MAX];
    int ntold;
    if (r == STORE_OK) r = notify_mentions(rq, &c, &p, true, told, &ntold);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "post.updated", "post", p.id, post_refs(&c), NULL, json_pack("{s:I}", "channel_id", c.id));
    rs->audit_type = "post";
    reply_versioned(rq, rs, p.version, post_json(&p));
}

/* After the deletion's commit: its text leaves the files too (store/scrub.h). */
static void scrub_deleted(Request *rq) {
    if (store_scrub(rq->db, SCRUB_POSTS) != STORE_OK)
        fprintf(stderr, "alliance: the deleted text could not be scrubbed from the files yet\n");
}

void posts_delete(Request *rq, Response *rs) {
    Post p;
    Channel c;
    if (!load_post(rq, rs, &p, &c) || !own_post(rq, rs, &p)) return;
    StoreResult r = store_post_delete(rq->db, &rq->arena, &p, rq->user.id);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "post.deleted", "post", p.id, post_refs(&c), NULL, json_pack("{s:I}", "channel_id", c.id));
    rs->audit_type = "post";
    rq->after_commit = scrub_deleted;
    reply_empty(rs, 204);
}

/* The earlier versions of a post. A deleted post's text is gone: its
 * versions say who replaced them and when, with a null body. */
void posts_revisions(Request *rq, Response *rs) {
    Post p;
    Channel c;
    if (!load_post(rq, rs, &p, &c)) return;
    PostRevision *vs;
    int n;
    if (store_post_revisions(rq->db, &rq->arena, p.id, &vs, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *by = vs[i].edited_by > 0 ? json_pack("{s:I, s:s}", "id", vs[i].edited_by, "name",
                                                     vs[i].editor_name ? vs[i].editor_name : "")
                                         : json_null();
        json_array_append_new(items, json_pack("{s:o, s:o, s:s}", "body", json_str_or_null(p.deleted ? NULL : vs[i].body),
                                               "edited_by", by, "replaced_at", vs[i].replaced_at));
    }
    reply_json(rs, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* An emoji: a few characters, no spaces, no markup. */
static bool emoji_valid(const char *e) {
    size_t n = strlen(e);
    if (n == 0 || n > MAX_EMOJI_BYTES) return false;
    for (const char *p = e; *p; p++)
        if ((unsigned char)*p <= 0x20 || strchr("<>&\"'`\\", *p)) return false;
    return true;
}

static void react(Request *rq, Response *rs, const char *emoji, bool on) {
    Post p;
    Channel c;
    if (!load_post(rq, rs, &p, &c)) return;
    if (p.deleted) return reply_problem(rq, rs, 409, "post-deleted", "post_deleted", NULL);
    StoreResult r = store_reaction_set(rq->db, p.id, rq->user.id, emoji, on);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "post.reacted", "post", p.id, post_refs(&c), NULL, json_pack("{s:I}", "channel_id", c.id));
    if (store_post_get(rq->db, &rq->arena, p.id, rq->user.id, &p) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "post";
    reply_versioned(rq, rs, p.version, post_json(&p));
}

void reactions_add(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, REACTION, false, errs);
    const char *emoji = jstr(rq->json, "emoji");
    if (!json_array_size(errs) && !emoji_valid(emoji)) errors_add(rq, errs, "emoji", "must_be_emoji");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    react(rq, rs, emoji, true);
}

void reactions_delete(Request *rq, Response *rs) {
    const char *emoji;
    if (!req_search(rq, rs, "emoji", 8, &emoji)) return;
    if (!emoji || !emoji_valid(emoji)) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "emoji");
    react(rq, rs, emoji, false);
}

void posts_search(Request *rq, Response *rs) {
    const char *q;
    if (!req_search(rq, rs, "q", 200, &q)) return;
    if (!q) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "q");
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    char *folded = text_fold(q);
    ChannelViewer v = channel_viewer(&rq->user);
    Post *ps;
    int n;
    StoreResult r = store_posts_search(rq->db, &rq->arena, &v, folded ? folded : q, limit, &ps, &n);
    free(folded);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, post_json(&ps[i]));
    reply_json(rs, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
