/* cv_read: bounded text readers for CVs (see cv_read.h). */
#include "cv_read.h"
#include <glib.h>
#include <libxml/xmlreader.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "buf.h"
#include "text.h"

static const struct {
    const char *type, *media;
} TYPES[] = {
    {"pdf", "application/pdf"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"txt", "text/plain"},
};

const char *cv_media_type(const char *type) {
    for (size_t i = 0; type && i < sizeof TYPES / sizeof TYPES[0]; i++)
        if (strcmp(TYPES[i].type, type) == 0) return TYPES[i].media;
    return NULL;
}

const char *cv_status_name(CvStatus s) {
    static const char *const names[] = {"ok", "unsupported", "encrypted", "damaged", "too-large", "failed"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "failed";
}

/* Plain text: no NUL and no control bytes other than tab, CR, LF, FF. */
static bool looks_like_text(const unsigned char *d, size_t len) {
    if (!len) return false;
    for (size_t i = 0; i < len; i++)
        if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f') return false;
    return true;
}

/* A zip's entry, found by reading the local headers from the start (the
 * sniffer must not trust the central directory, which may be missing). */
static bool zip_has_prefix(const unsigned char *d, size_t len) { return len >= 4 && memcmp(d, "PK\3\4", 4) == 0; }

const char *cv_sniff(const unsigned char *d, size_t len) {
    if (len >= 5 && memcmp(d, "%PDF-", 5) == 0) return "pdf";
    if (zip_has_prefix(d, len)) {
        /* ODF puts an uncompressed "mimetype" entry first (30-byte header) */
        static const char odt[] = "mimetypeapplication/vnd.oasis.opendocument.text";
        if (len > 30 + sizeof odt && memcmp(d + 30, odt, sizeof odt - 1) == 0) return "odt";
        if (memmem(d, len < 65536 ? len : 65536, "word/", 5) || memmem(d, len, "word/document.xml", 17)) return "docx";
        return NULL;
    }
    /* images and programs whose first bytes would pass for Latin-1 text */
    static const struct {
        const char *bytes;
        size_t len;
    } BINARY[] = {{"\x89PNG", 4}, {"GIF87a", 6}, {"GIF89a", 6}, {"\xFF\xD8\xFF", 3}, {"\x7F" "ELF", 4},
                  {"II*\0", 4}, {"MM\0*", 4}, {"RIFF", 4}};
    for (size_t i = 0; i < sizeof BINARY / sizeof BINARY[0]; i++)
        if (len >= BINARY[i].len && memcmp(d, BINARY[i].bytes, BINARY[i].len) == 0) return NULL;
    size_t skip = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (looks_like_text(d + skip, len - skip)) return "txt";
    return NULL;
}

/* Appends s (len bytes) to b unless the text budget is spent. */
static bool add_text(Buf *b, const char *s, size_t len) {
    if (b->len + len > CV_MAX_TEXT) return false;
    return buf_append(b, s, len) == 0;
}

/* ---- PDF (poppler) ---- */
static CvStatus read_pdf(const unsigned char *data, size_t len, CvText *out, Buf *b) {
    /* a whole PDF ends with %%EOF; poppler would rebuild a cut one and read half a CV */
    size_t tail = len < 1024 ? len : 1024;
    if (!memmem(data + len - tail, tail, "%%EOF", 5)) return CV_DAMAGED;
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (!doc) {
        CvStatus s = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED ? CV_ENCRYPTED
                                                                                                : CV_DAMAGED;
        if (err) g_error_free(err);
        return s;
    }
    int pages = poppler_document_get_n_pages(doc);
    CvStatus s = CV_OK;
    if (pages < 1) s = CV_DAMAGED;
    else if (pages > CV_MAX_PAGES) s = CV_TOO_LARGE;
    for (int i = 0; s == CV_OK && i < pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) {
            s = CV_DAMAGED;
            break;
        }
        char *t = poppler_page_get_text(page);
        if (t && !(add_text(b, t, strlen(t)) && add_text(b, "\n", 1))) s = CV_TOO_LARGE;
        g_free(t);
        g_object_unref(page);
    }
    g_object_unref(doc);
    out->pages = pages;
    return s;
}

/* ---- DOCX and ODT (libzip + libxml2) ---- */

/* Inflates one entry into *buf (malloc'd, NUL-terminated), at most
 * CV_MAX_UNZIPPED bytes whatever the entry claims. */
static CvStatus unzip_entry(zip_t *z, const char *name, char **buf, size_t *n) {
    zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0) return CV_DAMAGED;
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0) return CV_DAMAGED;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > CV_MAX_UNZIPPED) return CV_TOO_LARGE;
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) return CV_DAMAGED;
    Buf b = BUF_INIT;
    char chunk[65536];
    zip_int64_t got;
    CvStatus s = CV_OK;
    while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
        if (b.len + (size_t)got > CV_MAX_UNZIPPED) {
            s = CV_TOO_LARGE; /* the entry lied about its size: a bomb */
            break;
        }
        if (buf_append(&b, chunk, (size_t)got)) {
            s = CV_FAILED;
            break;
        }
    }
    if (s == CV_OK && got < 0) s = CV_DAMAGED;
    zip_fclose(f);
    if (s != CV_OK) {
        buf_free(&b);
        return s;
    }
    *n = b.len;
    *buf = buf_take(&b);
    if (!*buf) *buf = calloc(1, 1);
    return *buf ? CV_OK : CV_FAILED;
}

/* The element's local name is one of the NULL-terminated names. */
static bool named(const xmlChar *local, const char *const *names) {
    for (; local && *names; names++)
        if (strcmp((const char *)local, *names) == 0) return true;
    return false;
}

/* Walks the XML with a streaming reader: text nodes are kept, paragraphs
 * end a line, tabs and breaks become spaces. Nesting deeper than
 * CV_MAX_DEPTH stops the walk. Word puts text in <w:t>, ODF in text:p/h/span. */
static CvStatus xml_text(const char *xml, size_t len, Buf *b) {
    static const char *const BLOCKS[] = {"p", "h", "tr", NULL};
    static const char *const SPACES[] = {"tab", "br", "s", "line-break", "tc", "cr", NULL};
    if (len > INT_MAX) return CV_TOO_LARGE;
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) return CV_DAMAGED;
    CvStatus s = CV_OK;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > CV_MAX_DEPTH) {
            s = CV_TOO_LARGE;
            break;
        }
        int type = xmlTextReaderNodeType(r);
        const xmlChar *local = xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            if (v && !add_text(b, (const char *)v, strlen((const char *)v))) s = CV_TOO_LARGE;
        } else if ((type == XML_READER_TYPE_END_ELEMENT ||
                    (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r))) && named(local, BLOCKS)) {
            if (!add_text(b, "\n", 1)) s = CV_TOO_LARGE;
        } else if (type == XML_READER_TYPE_ELEMENT && named(local, SPACES)) {
            if (!add_text(b, " ", 1)) s = CV_TOO_LARGE;
        }
        if (s != CV_OK) break;
    }
    if (s == CV_OK && ret != 0) {
        /* libxml2 stops at its own depth limit before the reader shows it */
        const xmlError *e = xmlGetLastError();
        s = e && e->message && strstr(e->message, "depth") ? CV_TOO_LARGE : CV_DAMAGED;
    }
    xmlFreeTextReader(r);
    return s;
}

static CvStatus read_zip_xml(const unsigned char *data, size_t len, const char *entry, Buf *b) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        if (src) zip_source_free(src);
        return CV_DAMAGED;
    }
    char *xml = NULL;
    size_t n = 0;
    CvStatus s = unzip_entry(z, entry, &xml, &n);
    zip_discard(z); /* also frees src */
    if (s == CV_OK) s = xml_text(xml, n, b);
    free(xml);
    return s;
}

/* ---- plain text ---- */

/* UTF-8 as is (a BOM dropped); anything else is read as Windows-1252's
 * Latin-1 subset, what old editors write. */
static CvStatus read_txt(const unsigned char *d, size_t len, Buf *b) {
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) d += 3, len -= 3;
    if (len > CV_MAX_TEXT) return CV_TOO_LARGE;
    if (text_valid_utf8((const char *)d, len)) return buf_append(b, d, len) ? CV_FAILED : CV_OK;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = d[i];
        char two[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
        if (c < 0x80 ? !add_text(b, (const char *)&d[i], 1) : !add_text(b, two, 2)) return CV_TOO_LARGE;
    }
    return CV_OK;
}

CvStatus cv_read(const unsigned char *data, size_t len, CvText *out) {
    memset(out, 0, sizeof *out);
    out->pages = -1;
    const char *type = cv_sniff(data, len);
    if (!type) return CV_UNSUPPORTED;
    out->type = type;
    out->media_type = cv_media_type(type);
    Buf b = BUF_INIT;
    CvStatus s;
    if (strcmp(type, "pdf") == 0) s = read_pdf(data, len, out, &b);
    else if (strcmp(type, "docx") == 0) s = read_zip_xml(data, len, "word/document.xml", &b);
    else if (strcmp(type, "odt") == 0) s = read_zip_xml(data, len, "content.xml", &b);
    else s = read_txt(data, len, &b);
    /* readers copy bytes from the file: keep only valid UTF-8 */
    if (s == CV_OK && !text_valid_utf8(buf_str(&b), b.len)) s = CV_DAMAGED;
    if (s != CV_OK) {
        buf_free(&b);
        return s;
    }
    out->len = b.len;
    out->text = buf_take(&b);
    if (!out->text) out->text = calloc(1, 1);
    return out->text ? CV_OK : CV_FAILED;
}
