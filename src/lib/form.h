/* form: reading application/x-www-form-urlencoded bodies (HTML forms). */
#ifndef ALLIANCE_FORM_H
#define ALLIANCE_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

/* The decoded value of the first field named key ("+" is a space, %XX a
 * byte), or NULL when absent. A value that is badly encoded (a broken
 * %-escape, an encoded NUL, or bytes that are not UTF-8) is NULL too, with
 * *bad set. */
char *form_value(Arena *a, const char *body, size_t len, const char *key, bool *bad);

#endif
