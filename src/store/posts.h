/* store/posts: posts in channels, their revisions, reactions, and the
 * full-text search over them (FTS5 on SQLite, French and English
 * tsvectors on PostgreSQL). Lists take a ChannelViewer and skip the posts
 * of channels it may not see. */
#ifndef ALLIANCE_STORE_POSTS_H
#define ALLIANCE_STORE_POSTS_H
#include "store.h"

/* Inserts p (channel_id, parent_id, author_id, body, html set) with search
 * text `search` (folded); sets id, version, created_at. */
StoreResult store_post_insert(Db *db, Arena *a, Post *p, const char *search);
/* The post with its reactions as seen by viewer_id (whatever the channel). */
StoreResult store_post_get(Db *db, Arena *a, long long id, long long viewer_id, Post *p);
/* A channel's posts, newest first: top-level ones (parent_id < 0) with a
 * cursor, or the replies of a thread (parent_id > 0), oldest first. */
StoreResult store_posts_list(Db *db, Arena *a, long long channel_id, long long parent_id, long long viewer_id,
                             long long before_id, int limit, Post **out, int *n);
/* Replaces the body (the previous one is kept as a revision by editor). */
StoreResult store_post_edit(Db *db, Arena *a, Post *p, const char *search, long long editor_id,
                            long long expected_version);
/* Deletes: the post stays as "deleted" and its text leaves the store:
 * the body, every earlier version (their authors and times stay) and the
 * excerpts of the notifications about it. See store/scrub.h. */
StoreResult store_post_delete(Db *db, Arena *a, Post *p, long long editor_id);
typedef struct {
    const char *body;          /* NULL: erased when the post was deleted */
    const char *replaced_at, *editor_name;
    long long edited_by;       /* -1: unknown */
} PostRevision;
/* The previous versions, oldest first; for a deleted post the last one
 * says who deleted it and when. */
StoreResult store_post_revisions(Db *db, Arena *a, long long post_id, PostRevision **out, int *n);
/* Adds (on) or removes one reaction; adding twice is one reaction. */
StoreResult store_reaction_set(Db *db, long long post_id, long long user_id, const char *emoji, bool on);
/* The other accounts who wrote in a thread (its root's author and repliers). */
StoreResult store_thread_authors(Db *db, Arena *a, long long root_id, long long **ids, int *n);
/* Posts matching the folded words of q in channels viewer sees, newest first. */
StoreResult store_posts_search(Db *db, Arena *a, const ChannelViewer *v, const char *q, int limit, Post **out, int *n);
/* The posts of the viewer's channels (member of), newest first. */
StoreResult store_posts_feed(Db *db, Arena *a, const ChannelViewer *v, long long before_id, int limit, Post **out,
                             int *n);

#endif
