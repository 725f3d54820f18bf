/* cv: receiving a CV, wherever it comes from (the careers form, the
 * candidate's status page, the back office). Two steps so that the slow
 * part never holds the write lock:
 *   1. cv_prepare(), before any transaction: size and type checks, text
 *      extraction in the sandbox (lib/cv_sandbox.h);
 *   2. cv_save(), inside the request's write transaction: the file on disk
 *      by hash, the documents row, skill proposals, the full-text index. */
#ifndef ALLIANCE_API_CV_H
#define ALLIANCE_API_CV_H
#include "../lib/cv_read.h"
#include "../lib/multipart.h"
#include "../store/documents.h"
#include "api.h"

typedef struct {
    const MultipartPart *file;
    const char *file_name;     /* cleaned: a base name, at most 200 characters */
    CvText text;               /* text.text is freed by cv_upload_free() */
} CvUpload;

/* Checks and reads the file part. CV_OK, or why it cannot be read; a file
 * over MAX_UPLOAD_FILE is CV_TOO_LARGE and an empty one CV_DAMAGED. */
CvStatus cv_prepare(Request *rq, const MultipartPart *file, CvUpload *up);
void cv_upload_free(CvUpload *up);
/* Stores the prepared CV for the person; *proposed receives how many new
 * skills were proposed. */
StoreResult cv_save(Request *rq, long long person_id, CvUpload *up, Document *doc, int *proposed);
/* Opens the write transaction of an upload route (ROUTE_OWN_TX) once the
 * CV is read. Reads done before (sign-in, the offer, the status link) left
 * statements open in autocommit mode: they are reset first, or SQLite
 * could not turn their old snapshot into a write (SQLITE_BUSY_SNAPSHOT). */
bool cv_begin_write(Request *rq);
/* The message key that explains a status to a person ("cv_encrypted"). */
const char *cv_status_key(CvStatus s);
/* The JSON of a document (API.md "Document"). */
json_t *document_json(const Document *d);

/* Body of an upload route: the multipart parts (count), or -1 after
 * fail(..., arg) answered (413 too large, 415 not multipart, 400 malformed). */
typedef void (*UploadFail)(Request *rq, Response *rs, int status, const char *key, const void *arg);
int upload_parts(Request *rq, Response *rs, MultipartPart *parts, UploadFail fail, const void *arg);

#endif
