/* cv_read: the text of a CV (PDF, DOCX, ODT or plain text), read with
 * bounded readers. The type is told by the content (magic bytes, zip
 * entries), never by the file name. Budgets: CV_MAX_TEXT bytes of text out,
 * CV_MAX_UNZIPPED bytes inflated from a zip (a zip bomb stops there, not in
 * memory), CV_MAX_DEPTH nested XML elements, CV_MAX_PAGES PDF pages.
 *
 * This runs inside a child process with CPU, memory and time limits
 * (cv_sandbox.h): a library bug on a hostile file ends that child, never
 * the server. */
#ifndef ALLIANCE_CV_READ_H
#define ALLIANCE_CV_READ_H
#include <stddef.h>

enum {
    CV_MAX_TEXT = 2 * 1024 * 1024,
    CV_MAX_UNZIPPED = 32 * 1024 * 1024,
    CV_MAX_DEPTH = 200,
    CV_MAX_PAGES = 500,
};

typedef enum {
    CV_OK = 0,
    CV_UNSUPPORTED,  /* not a PDF, DOCX, ODT or text file */
    CV_ENCRYPTED,    /* a PDF that needs a password */
    CV_DAMAGED,      /* truncated or malformed */
    CV_TOO_LARGE,    /* over a budget: inflated size, pages, XML depth */
    CV_FAILED,       /* the reader ran out of time or memory, or crashed */
} CvStatus;

typedef struct {
    const char *type;       /* "pdf" | "docx" | "odt" | "txt" (static) */
    const char *media_type; /* its media type (static) */
    int pages;              /* PDF pages; -1 for other types */
    char *text;             /* UTF-8; caller frees */
    size_t len;
} CvText;

/* The type the content announces ("pdf", "docx", "odt", "txt") or NULL. */
const char *cv_sniff(const unsigned char *data, size_t len);
/* Reads the text of data into out (out->text is the caller's to free). */
CvStatus cv_read(const unsigned char *data, size_t len, CvText *out);
/* A short stable name for a status ("encrypted"), for problems and logs. */
const char *cv_status_name(CvStatus s);
/* The media type for a type name, or NULL. */
const char *cv_media_type(const char *type);

#endif
