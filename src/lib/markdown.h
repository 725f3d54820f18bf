/* markdown: a post's Markdown (CommonMark + GitHub tables, strikethrough,
 * task lists, autolinks) to HTML that is safe to insert in a page.
 *
 * Safety, in the order it is applied:
 *   - raw HTML is never passed through: md4c escapes it as text
 *     (MD_FLAG_NOHTML), so "<script>" or "<img onerror=...>" arrive as text;
 *   - every link gets rel="noopener noreferrer"; a link whose scheme is not
 *     http, https or mailto (javascript:, data:, vbscript:, ...) loses its
 *     href, an image whose source is not http(s) or relative loses its src.
 * Pure function: no I/O. */
#ifndef ALLIANCE_MARKDOWN_H
#define ALLIANCE_MARKDOWN_H
#include <stdbool.h>
#include <stddef.h>

/* HTML for md[0..len) (need not be NUL-terminated); caller frees. NULL
 * when out of memory. */
char *markdown_to_html(const char *md, size_t len);
/* A URL as written in an attribute (HTML-escaped) may be followed: its
 * scheme, once entities, controls and spaces are taken out the way a
 * browser does, is http, https or (links only) mailto, or it has none. */
bool markdown_url_safe(const char *attr, size_t len, bool image);

#endif
