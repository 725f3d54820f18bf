/* sniff: the media type of a file told by its bytes, never by what the
 * uploader declared (a "PDF" that is HTML is not a PDF). Pure functions
 * over a buffer, for uploads (api/attachments.c, api/cv.c) and fuzzing. */
#ifndef ALLIANCE_SNIFF_H
#define ALLIANCE_SNIFF_H
#include <stdbool.h>
#include <stddef.h>

/* One of application/pdf, image/png, image/jpeg, image/gif, the DOCX and
 * ODT types, application/zip, text/plain, text/csv (text declared as CSV)
 * or application/octet-stream (anything else, and any text that a browser
 * could take for markup or script: HTML, SVG, XML). Static strings. */
const char *sniff_media_type(const unsigned char *data, size_t len, const char *declared);
/* Text that looks like markup (HTML, SVG, XML, a script) in its first
 * bytes: never to be kept or served as text. */
bool sniff_is_markup(const unsigned char *data, size_t len);

#endif
