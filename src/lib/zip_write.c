/* zip_write: in-memory zip archives (see zip_write.h). */
#include "zip_write.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The bytes libzip wrote into src (kept open by zip_source_keep). */
static int read_back(zip_source_t *src, char **out, size_t *len) {
    if (zip_source_open(src) < 0) return -1;
    int rc = -1;
    zip_int64_t size;
    if (zip_source_seek(src, 0, SEEK_END) == 0 && (size = zip_source_tell(src)) >= 0 &&
        zip_source_seek(src, 0, SEEK_SET) == 0) {
        char *buf = malloc((size_t)size + 1);
        if (buf && zip_source_read(src, buf, (zip_uint64_t)size) == size) {
            *out = buf;
            *len = (size_t)size;
            rc = 0;
        } else {
            free(buf);
        }
    }
    zip_source_close(src);
    return rc;
}

int zip_write(const ZipEntry *entries, int n, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src) return -1;
    zip_source_keep(src); /* zip_close would free it: we read it after */
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    int rc = za ? 0 : -1;
    for (int i = 0; rc == 0 && i < n; i++) {
        /* the data stays the caller's until zip_close has written it */
        zip_source_t *s = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        if (!s || zip_file_add(za, entries[i].name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(s);
            rc = -1;
        }
    }
    if (za && rc == 0 && zip_close(za) < 0) rc = -1;
    if (za && rc != 0) zip_discard(za);
    if (rc == 0) rc = read_back(src, out, len);
    zip_source_free(src);
    zip_error_fini(&err);
    return rc;
}

void zip_safe_name(const char *name, char *out, size_t max) {
    size_t k = 0;
    for (const char *p = name ? name : ""; *p && k < max; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  (c == '.' && k > 0);
        out[k++] = ok ? c : '_';
    }
    out[k] = '\0';
    if (!k) snprintf(out, max + 1, "%s", "file");
}
