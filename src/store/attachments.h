/* store/attachments: files attached to posts. The bytes live on disk by
 * content hash (lib/files.h); a row says who uploaded it, its name and
 * type, and the post it belongs to once posted (NULL before). */
#ifndef ALLIANCE_STORE_ATTACHMENTS_H
#define ALLIANCE_STORE_ATTACHMENTS_H
#include "store.h"

typedef struct {
    long long id, size, uploaded_by, post_id; /* post_id -1: not posted yet */
    const char *sha256, *name, *media_type, *created_at;
} Attachment;

StoreResult store_attachment_insert(Db *db, Arena *a, Attachment *at);
StoreResult store_attachment_get(Db *db, Arena *a, long long id, Attachment *at);
/* Attaches an upload of user_id not yet posted to post_id; NOT_FOUND
 * otherwise (someone else's, already posted, or unknown). */
StoreResult store_attachment_link(Db *db, long long id, long long user_id, long long post_id);

#endif
