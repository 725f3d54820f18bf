/* store/posts: posts, revisions, reactions, search (see posts.h). */
#include "posts.h"
#include <ctype.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/timeutil.h"
#include "channel_visible.h"

#define POST_COLS \
    "p.id, p.version, p.channel_id, p.parent_id, p.author_id, u.name, u.handle, p.body, p.html, p.deleted, " \
    "(SELECT COUNT(*) FROM posts r WHERE r.parent_id = p.id AND r.deleted = 0), p.created_at, p.updated_at, " \
    "p.edited_at, c.name"
#define POST_FROM " FROM posts p JOIN channels c ON c.id = p.channel_id LEFT JOIN users u ON u.id = p.author_id "

static void read_post(Arena *a, DbStmt *st, Post *p) {
    p->id = db_col_int(st, 0);
    p->version = db_col_int(st, 1);
    p->channel_id = db_col_int(st, 2);
    p->parent_id = store_opt_int(st, 3);
    p->author_id = store_opt_int(st, 4);
    p->author_name = store_text(a, st, 5);
    p->author_handle = store_text(a, st, 6);
    p->body = store_text(a, st, 7);
    p->html = store_text(a, st, 8);
    p->deleted = db_col_int(st, 9) != 0;
    p->replies = db_col_int(st, 10);
    p->created_at = store_text(a, st, 11);
    p->updated_at = store_text(a, st, 12);
    p->edited_at = store_text(a, st, 13);
    p->channel_name = store_text(a, st, 14);
    p->reactions = NULL;
    p->nreactions = 0;
    p->files = NULL;
    p->nfiles = 0;
}

static StoreResult load_files(Db *db, Arena *a, Post *p) {
    DbStmt *st = db_prepare(db, "SELECT id, size, name, media_type FROM attachments WHERE post_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    size_t cap = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        p->files = arena_grow(a, p->files, (size_t)p->nfiles, &cap, sizeof *p->files);
        PostFile *f = &p->files[p->nfiles++];
        f->id = db_col_int(st, 0);
        f->size = db_col_int(st, 1);
        f->name = store_text(a, st, 2);
        f->media_type = store_text(a, st, 3);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

static StoreResult load_reactions(Db *db, Arena *a, Post *p, long long viewer_id) {
    DbStmt *st = db_prepare(db, "SELECT emoji, COUNT(*), MAX(CASE WHEN user_id = $2 THEN 1 ELSE 0 END) "
                                "FROM reactions WHERE post_id = $1 GROUP BY emoji ORDER BY MIN(created_at), emoji");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    db_bind_int(st, 2, viewer_id);
    size_t cap = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        p->reactions = arena_grow(a, p->reactions, (size_t)p->nreactions, &cap, sizeof *p->reactions);
        Reaction *r = &p->reactions[p->nreactions++];
        r->emoji = store_text(a, st, 0);
        r->count = db_col_int(st, 1);
        r->mine = db_col_int(st, 2) != 0;
    }
    return s == DB_DONE ? load_files(db, a, p) : STORE_ERROR;
}

static StoreResult read_posts(Db *db, Arena *a, DbStmt *st, long long viewer_id, Post **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_post(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < *n; i++)
        if (load_reactions(db, a, &(*out)[i], viewer_id) != STORE_OK) return STORE_ERROR;
    return STORE_OK;
}

StoreResult store_post_insert(Db *db, Arena *a, Post *p, const char *search) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO posts (channel_id, parent_id, author_id, body, html, search, created_at, "
                                "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->channel_id);
    store_bind_opt_int(st, 2, p->parent_id);
    store_bind_opt_int(st, 3, p->author_id);
    db_bind_text(st, 4, p->body);
    db_bind_text(st, 5, p->html);
    db_bind_text(st, 6, search);
    db_bind_text(st, 7, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    p->id = db_col_int(st, 0);
    p->version = 1;
    p->created_at = p->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_post_get(Db *db, Arena *a, long long id, long long viewer_id, Post *p) {
    DbStmt *st = db_prepare(db, "SELECT " POST_COLS POST_FROM "WHERE p.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_post(a, st, p);
    db_reset_all(db);
    return load_reactions(db, a, p, viewer_id);
}

StoreResult store_posts_list(Db *db, Arena *a, long long channel_id, long long parent_id, long long viewer_id,
                             long long before_id, int limit, Post **out, int *n) {
    DbStmt *st;
    if (parent_id > 0) {
        st = db_prepare(db, "SELECT " POST_COLS POST_FROM "WHERE p.channel_id = $1 AND p.parent_id = $2 "
                            "ORDER BY p.id LIMIT $3");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 2, parent_id);
    } else {
        st = db_prepare(db, "SELECT " POST_COLS POST_FROM "WHERE p.channel_id = $1 AND p.parent_id IS NULL "
                            "AND ($2 = 0 OR p.id < $2) ORDER BY p.id DESC LIMIT $3");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 2, before_id);
    }
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 3, limit);
    return read_posts(db, a, st, viewer_id, out, n);
}

static StoreResult add_revision(Db *db, const Post *p, long long editor_id, const char *now) {
    DbStmt *st = db_prepare(db, "INSERT INTO post_revisions (post_id, body, edited_by, replaced_at) "
                                "SELECT id, body, $2, $3 FROM posts WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    store_bind_opt_int(st, 2, editor_id);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_post_edit(Db *db, Arena *a, Post *p, const char *search, long long editor_id,
                            long long expected_version) {
    char now[21];
    time_now_iso(now);
    StoreResult r = add_revision(db, p, editor_id, now);
    if (r != STORE_OK) return r;
    DbStmt *st = db_prepare(db, "UPDATE posts SET body = $1, html = $2, search = $3, edited_at = $4, updated_at = $4, "
                                "version = version + 1 WHERE id = $5 AND version = $6 AND deleted = 0");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, p->body);
    db_bind_text(st, 2, p->html);
    db_bind_text(st, 3, search);
    db_bind_text(st, 4, now);
    db_bind_int(st, 5, p->id);
    db_bind_int(st, 6, expected_version);
    r = store_run_versioned(db, st, a, expected_version, now, &p->version, &p->updated_at);
    if (r == STORE_OK) p->edited_at = p->updated_at;
    return r;
}

/* Removes the text a deleted post leaves in other tables: its earlier
 * versions keep who replaced them and when, not what they said; the
 * notifications that quoted it keep who and where, not the excerpt; its
 * attachments (names a reader could no longer download) go. */
static StoreResult erase_post_text(Db *db, long long post_id) {
    static const char *const ERASE[] = {
        "UPDATE post_revisions SET body = '' WHERE post_id = $1",
        "UPDATE notifications SET text = '' WHERE post_id = $1",
        "DELETE FROM attachments WHERE post_id = $1",
    };
    for (size_t i = 0; i < sizeof ERASE / sizeof *ERASE; i++) {
        DbStmt *st = db_prepare(db, ERASE[i]); /* static text: cached by its address like a literal */
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, post_id);
        if (db_run(st) != DB_OK) return STORE_ERROR;
    }
    return STORE_OK;
}

StoreResult store_post_delete(Db *db, Arena *a, Post *p, long long editor_id) {
    char now[21];
    time_now_iso(now);
    StoreResult r = add_revision(db, p, editor_id, now); /* who deleted it, and when */
    if (r != STORE_OK) return r;
    DbStmt *st = db_prepare(db, "UPDATE posts SET body = '', html = '', search = '', deleted = 1, updated_at = $2, "
                                "version = version + 1 WHERE id = $1 AND deleted = 0");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    db_bind_text(st, 2, now);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    if (!db_changes(db)) return STORE_NOT_FOUND;
    if ((r = erase_post_text(db, p->id)) != STORE_OK) return r;
    p->deleted = true;
    p->body = p->html = "";
    p->version++;
    p->updated_at = arena_strdup(a, now);
    return STORE_OK;
}

StoreResult store_post_revisions(Db *db, Arena *a, long long post_id, PostRevision **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT r.body, r.replaced_at, r.edited_by, u.name FROM post_revisions r "
                                "LEFT JOIN users u ON u.id = r.edited_by WHERE r.post_id = $1 ORDER BY r.id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, post_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        PostRevision *v = &(*out)[(*n)++];
        const char *body = db_col_text(st, 0);
        v->body = body && *body ? arena_strdup(a, body) : NULL; /* "": erased with its post */
        v->replaced_at = store_text(a, st, 1);
        v->edited_by = store_opt_int(st, 2);
        v->editor_name = store_text(a, st, 3);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_reaction_set(Db *db, long long post_id, long long user_id, const char *emoji, bool on) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = on ? db_prepare(db, "INSERT INTO reactions (post_id, user_id, emoji, created_at) SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4 "
                                     "WHERE NOT EXISTS (SELECT 1 FROM reactions WHERE post_id = $1 AND user_id = $2 "
                                     "AND emoji = $3)")
                    : db_prepare(db, "DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND emoji = $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, post_id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, emoji);
    if (on) db_bind_text(st, 4, now);
    return store_result(db_run(st));
}

StoreResult store_thread_authors(Db *db, Arena *a, long long root_id, long long **ids, int *n) {
    DbStmt *st = db_prepare(db, "SELECT DISTINCT author_id FROM posts WHERE (id = $1 OR parent_id = $1) "
                                "AND author_id IS NOT NULL ORDER BY author_id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, root_id);
    return store_read_ids(a, st, ids, n);
}

/* An FTS5 query from folded words: each a quoted term ("a" "b"*), all
 * required, the last one a prefix; NULL when there is no word. */
static const char *fts5_query(Arena *a, const char *q) {
    Buf b = BUF_INIT;
    const char *p = q;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)) p++;
        if (p == w) continue;
        buf_printf(&b, "%s\"%.*s\"", b.len ? " " : "", (int)(p - w), w);
        if (!*p) buf_puts(&b, "*");
    }
    const char *out = b.len ? arena_strdup(a, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

StoreResult store_posts_search(Db *db, Arena *a, const ChannelViewer *v, const char *q, int limit, Post **out, int *n) {
    bool pg = strcmp(db_engine_name(db), "postgresql") == 0;
    const char *match = pg ? q : fts5_query(a, q);
    if (!match) {
        *out = NULL;
        *n = 0;
        return STORE_OK;
    }
    DbStmt *st = pg ? db_prepare(db, "SELECT " POST_COLS POST_FROM CHANNEL_VIEWER_JOIN "WHERE p.deleted = 0 AND "
                                     "(to_tsvector('french', p.search) || to_tsvector('english', p.search)) @@ "
                                     "(plainto_tsquery('french', $7) || plainto_tsquery('english', $7)) AND "
                                     CHANNEL_VISIBLE " ORDER BY p.id DESC LIMIT $8")
                    : db_prepare(db, "SELECT " POST_COLS POST_FROM CHANNEL_VIEWER_JOIN "WHERE p.deleted = 0 AND "
                                     "p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH $7) AND "
                                     CHANNEL_VISIBLE " ORDER BY p.id DESC LIMIT $8");
    if (!st) return STORE_ERROR;
    channel_bind_viewer(st, v);
    db_bind_text(st, 7, match);
    db_bind_int(st, 8, limit);
    return read_posts(db, a, st, v->user_id, out, n);
}

StoreResult store_posts_feed(Db *db, Arena *a, const ChannelViewer *v, long long before_id, int limit, Post **out,
                             int *n) {
    DbStmt *st = db_prepare(db, "SELECT " POST_COLS POST_FROM "JOIN channel_members m ON m.channel_id = c.id "
                                "AND m.user_id = $1 AND m.left_at IS NULL WHERE p.deleted = 0 AND ($2 = 0 OR p.id < $2) "
                                "ORDER BY p.id DESC LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, v->user_id);
    db_bind_int(st, 2, before_id);
    db_bind_int(st, 3, limit);
    return read_posts(db, a, st, v->user_id, out, n);
}
