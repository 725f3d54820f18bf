/* buf: a growable byte buffer, always NUL-terminated.
 * The one string builder used everywhere instead of fixed char arrays.
 * The buffer owns its memory; buf_free() releases it, buf_take() hands it
 * to the caller (who frees it with free()). */
#ifndef ALLIANCE_BUF_H
#define ALLIANCE_BUF_H
#include <stddef.h>

typedef struct {
    char *data;   /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
} Buf;

#define BUF_INIT {NULL, 0, 0}

int buf_append(Buf *b, const void *data, size_t len); /* 0 ok, -1 out of memory */
int buf_puts(Buf *b, const char *s);
int buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_str(const Buf *b);  /* never NULL: "" for an empty buffer */
char *buf_take(Buf *b);             /* caller frees; the buffer is reset */
void buf_reset(Buf *b);             /* keeps the memory, length 0 */
void buf_free(Buf *b);

#endif
