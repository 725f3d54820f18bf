/* mime: Internet messages (RFC 5322, MIME) ready for SMTP: UTF-8 text in
 * quoted-printable, subjects and display names as RFC 2047 encoded words,
 * Date and Message-ID headers, and an optional iCalendar part
 * (multipart/mixed with text/calendar; method=...). Lines end in CRLF.
 * Header values have CR and LF replaced by spaces, so text typed by a user
 * cannot add a header. */
#ifndef ALLIANCE_MIME_H
#define ALLIANCE_MIME_H
#include <time.h>
#include "buf.h"

typedef struct {
    const char *from;        /* "Name <addr>" or "addr" */
    const char *to_name;     /* NULL: the address alone */
    const char *to;          /* address */
    const char *subject;     /* UTF-8 */
    const char *text;        /* UTF-8 body, lines ending in \n */
    const char *ics;         /* NULL, or an iCalendar object (CRLF lines) */
    const char *ics_method;  /* "REQUEST" or "CANCEL" when ics is given */
    const char *message_id;  /* without the angle brackets */
    time_t date;
} MimeMail;

/* The whole message appended to out; 0 on success, -1 out of memory. */
int mime_build(Buf *out, const MimeMail *m);
/* Subject (or any unstructured header value) as encoded words when it is
 * not plain ASCII, folded so that no line exceeds 76 characters. */
int mime_header_words(Buf *out, const char *utf8);
/* Quoted-printable (RFC 2045) of UTF-8 text, \n becoming CRLF. */
int mime_quoted_printable(Buf *out, const char *text);
/* The address part of "Name <addr>" (or the whole when there is no <>),
 * copied into out (size n); false when it does not fit or is empty. */
int mime_address(const char *from, char *out, size_t n);
/* RFC 5322 date "Tue, 01 Dec 2026 19:48:33 +0000" (48 bytes of room). */
void mime_date(time_t t, char out[48]);

#endif
