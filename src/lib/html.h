/* html: the one escaping helper for server-rendered HTML. Every piece of
 * text that reaches a page goes through html_text(). */
#ifndef ALLIANCE_HTML_H
#define ALLIANCE_HTML_H
#include "buf.h"

/* Appends s with & < > " ' escaped (safe in text and quoted attributes). */
void html_text(Buf *b, const char *s);

#endif
