/* mime: building Internet messages (see mime.h). */
#include "mime.h"
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const BOUNDARY = "=_alliance_part_7f3a";

void mime_date(time_t t, char out[48]) {
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 48, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
             tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static bool plain_ascii(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e) return false;
    return !strstr(s, "=?");
}

/* Length of the longest prefix of s (at most max bytes) that ends on a
 * UTF-8 character boundary. */
static size_t utf8_cut(const char *s, size_t len, size_t max) {
    if (len <= max) return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n ? n : max;
}

/* s with CR and LF as spaces (a header value stays one header). */
static int one_line(Buf *out, const char *s) {
    for (; *s; s++)
        if (buf_append(out, (*s == '\r' || *s == '\n') ? " " : s, 1)) return -1;
    return 0;
}

int mime_header_words(Buf *out, const char *utf8) {
    Buf line = BUF_INIT;
    if (one_line(&line, utf8)) return -1;
    const char *s = buf_str(&line);
    size_t len = line.len;
    int rc = 0;
    if (plain_ascii(s) && len <= 900) {
        rc = buf_append(out, s, len);
    } else {
        /* 45 bytes of UTF-8 make 60 characters of base64: with
         * "=?UTF-8?B?" and "?=" the word stays under 75 (RFC 2047). */
        bool first = true;
        while (len > 0 && rc == 0) {
            size_t n = utf8_cut(s, len, 45);
            char b64[64];
            sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
            rc = buf_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", b64);
            first = false;
            s += n;
            len -= n;
        }
    }
    buf_free(&line);
    return rc;
}

int mime_quoted_printable(Buf *out, const char *text) {
    int col = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\r') continue;
        if (*p == '\n') {
            if (buf_puts(out, "\r\n")) return -1;
            col = 0;
            continue;
        }
        char enc[4];
        /* spaces before a line end, '=', '.' opening a line (SMTP's end of
         * data) and anything outside printable ASCII are encoded */
        bool space_at_end = (*p == ' ' || *p == '\t') && (p[1] == '\n' || p[1] == '\r' || p[1] == '\0');
        bool literal = ((*p >= 33 && *p <= 126) || *p == ' ' || *p == '\t') && *p != '=' && !space_at_end &&
                       !(*p == '.' && col == 0);
        int w = literal ? 1 : 3;
        if (literal) enc[0] = (char)*p, enc[1] = '\0';
        else snprintf(enc, sizeof enc, "=%02X", *p);
        if (col + w > 75) {
            if (buf_puts(out, "=\r\n")) return -1;
            col = 0;
            if (*p == '.' && literal) snprintf(enc, sizeof enc, "=%02X", *p), w = 3;
        }
        if (buf_puts(out, enc)) return -1;
        col += w;
    }
    return 0;
}

int mime_address(const char *from, char *out, size_t n) {
    const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    const char *a = lt && gt ? lt + 1 : from;
    size_t len = lt && gt ? (size_t)(gt - lt - 1) : strlen(from);
    while (len && *a == ' ') a++, len--;
    while (len && a[len - 1] == ' ') len--;
    if (!len || len >= n) return 0;
    memcpy(out, a, len);
    out[len] = '\0';
    return 1;
}

/* "Name <addr>" with the name encoded when needed. */
static int address_header(Buf *out, const char *name, const char *addr) {
    if (name && *name) {
        if (plain_ascii(name) && !strpbrk(name, "\"<>,;:@\\()[]")) {
            if (buf_printf(out, "\"%s\" ", name)) return -1;
        } else if (mime_header_words(out, name) || buf_puts(out, " ")) {
            return -1;
        }
    }
    if (buf_puts(out, "<") || one_line(out, addr) || buf_puts(out, ">")) return -1;
    return 0;
}

static int from_header(Buf *out, const char *from) {
    char addr[256];
    if (!mime_address(from, addr, sizeof addr)) return -1;
    const char *lt = strchr(from, '<');
    if (!lt) return address_header(out, NULL, addr);
    Buf name = BUF_INIT;
    int rc = buf_append(&name, from, (size_t)(lt - from));
    char *n = name.data;
    if (n) {
        size_t l = strlen(n);
        while (l && (n[l - 1] == ' ' || n[l - 1] == '"')) n[--l] = '\0';
        while (*n == ' ' || *n == '"') n++;
    }
    if (rc == 0) rc = address_header(out, n, addr);
    buf_free(&name);
    return rc;
}

static int base64_lines(Buf *out, const char *data) {
    size_t len = strlen(data);
    for (size_t off = 0; off < len; off += 57) { /* 57 bytes: 76 characters */
        size_t n = len - off < 57 ? len - off : 57;
        char b64[80];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)data + off, n, sodium_base64_VARIANT_ORIGINAL);
        if (buf_printf(out, "%s\r\n", b64)) return -1;
    }
    return 0;
}

static int text_part_headers(Buf *out) {
    return buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n"
                         "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
}

int mime_build(Buf *out, const MimeMail *m) {
    char date[48];
    mime_date(m->date, date);
    int rc = buf_puts(out, "From: ") || from_header(out, m->from) || buf_puts(out, "\r\nTo: ") ||
             address_header(out, m->to_name, m->to) || buf_puts(out, "\r\nSubject: ") ||
             mime_header_words(out, m->subject) ||
             buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <", date) || one_line(out, m->message_id) ||
             buf_puts(out, ">\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
    if (rc) return -1;
    if (!m->ics) return text_part_headers(out) || mime_quoted_printable(out, m->text) || buf_puts(out, "\r\n");
    const char *method = m->ics_method ? m->ics_method : "REQUEST";
    return buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", BOUNDARY) ||
           buf_printf(out, "--%s\r\n", BOUNDARY) || text_part_headers(out) || mime_quoted_printable(out, m->text) ||
           buf_printf(out, "\r\n--%s\r\n", BOUNDARY) ||
           buf_printf(out, "Content-Type: text/calendar; charset=UTF-8; method=%s; name=\"invite.ics\"\r\n"
                           "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n", method) ||
           base64_lines(out, m->ics) || buf_printf(out, "--%s--\r\n", BOUNDARY)
               ? -1
               : 0;
}
