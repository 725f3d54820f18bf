/* store/documents: files people gave us (CVs) and the skills proposed
 * from them. The file itself lives on disk by content hash (lib/files.h);
 * a row holds its name, type, hash, size and extracted text. */
#ifndef ALLIANCE_STORE_DOCUMENTS_H
#define ALLIANCE_STORE_DOCUMENTS_H
#include "store.h"

typedef struct {
    long long id, person_id, size;
    int pages;                 /* -1 unknown */
    const char *file_name, *type, *media_type, *sha256, *created_at;
    long long text_length;     /* bytes of extracted text */
} Document;

typedef struct {
    const char *skill, *evidence, *created_at;
    long long document_id;     /* -1 none */
} SkillProposal;

/* Inserts d with its text; d->id and created_at are set. */
StoreResult store_document_insert(Db *db, Arena *a, Document *d, const char *text);
/* A person's documents, newest first (text left out). */
StoreResult store_documents_list(Db *db, Arena *a, long long person_id, Document **out, int *n);
/* One document (text left out). */
StoreResult store_document_get(Db *db, Arena *a, long long id, Document *d);
/* Proposes a skill unless already proposed (then nothing changes);
 * position orders the proposals of one document (first mention first). */
StoreResult store_proposal_add(Db *db, long long person_id, const char *skill, long long document_id,
                               const char *evidence, int position);
StoreResult store_proposals_list(Db *db, Arena *a, long long person_id, SkillProposal **out, int *n);
/* NOT_FOUND when the skill was not proposed. */
StoreResult store_proposal_delete(Db *db, long long person_id, const char *skill);

#endif
