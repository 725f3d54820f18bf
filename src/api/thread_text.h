/* thread_text: pieces of the system posts and channel names that
 * incidents and rituals write in their threads. */
#ifndef ALLIANCE_THREAD_TEXT_H
#define ALLIANCE_THREAD_TEXT_H
#include "../lib/buf.h"
#include "api.h"

/* User text inside a system post: Markdown punctuation escaped and line
 * breaks made spaces, so a title reads as typed ("@handle" stays a
 * mention on purpose). */
void md_text(Buf *b, const char *s);
/* A name quoted in a system post (a channel's): like md_text, and "@"
 * escaped too, so a name never mentions anyone. */
void md_name(Buf *b, const char *s);
/* The name of an account ("?" when unknown); not a mention: those
 * concerned get a notification of their own (assignment). */
void md_user(Request *rq, Buf *b, long long user_id);
/* "02/12/2026" of a local date (days since 1970-01-01). */
void md_date(Buf *b, long days);
/* prefix + text, cut on a character boundary (with "…") to at most max
 * characters: a channel name. Arena copy. */
const char *thread_name(Request *rq, const char *prefix, const char *text, size_t max);

#endif
