/* sniff: media types from the bytes (see sniff.h). */
#include "sniff.h"
#include <string.h>
#include <strings.h>
#include "cv_read.h"

enum { MARKUP_WINDOW = 4096 }; /* how far markup is looked for: where a browser would */

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n) {
    return len >= n && memcmp(d, magic, n) == 0;
}

/* Whether the first bytes hold needle, ignoring ASCII case. */
static bool holds(const unsigned char *d, size_t len, const char *needle) {
    size_t n = strlen(needle), end = len < MARKUP_WINDOW ? len : MARKUP_WINDOW;
    for (size_t i = 0; i + n <= end; i++)
        if (strncasecmp((const char *)d + i, needle, n) == 0) return true;
    return false;
}

bool sniff_is_markup(const unsigned char *d, size_t len) {
    size_t i = starts(d, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' || d[i] == '\f')) i++;
    if (i < len && d[i] == '<') return true; /* <html, <svg, <?xml, <!DOCTYPE, <script... */
    static const char *const TAGS[] = {"<html", "<script", "<svg", "<iframe", "<object", "<embed", "<body",
                                       "<!doctype", "<?xml", "javascript:"};
    for (size_t k = 0; k < sizeof TAGS / sizeof TAGS[0]; k++)
        if (holds(d, len, TAGS[k])) return true;
    return false;
}

const char *sniff_media_type(const unsigned char *d, size_t len, const char *declared) {
    if (starts(d, len, "\x89PNG\r\n\x1a\n", 8)) return "image/png";
    if (starts(d, len, "\xFF\xD8\xFF", 3)) return "image/jpeg";
    if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6)) return "image/gif";
    const char *cv = cv_sniff(d, len); /* PDF, DOCX, ODT, text */
    if (cv && strcmp(cv, "txt") != 0) return cv_media_type(cv);
    if (starts(d, len, "PK\3\4", 4)) return "application/zip";
    if (!cv || sniff_is_markup(d, len)) return "application/octet-stream";
    return declared && strncasecmp(declared, "text/csv", 8) == 0 ? "text/csv" : "text/plain";
}
