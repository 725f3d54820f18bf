/* mentions: the "@handle" and "#channel" references in a post's Markdown.
 * A reference starts after the beginning of the text or a character that
 * cannot end a word or an address (so "jean@acme.fr" and
 * "page.html#top" are not references), is made of letters, digits and
 * ". _ -" (a trailing dot is punctuation: "merci @ana.roy."), and is not
 * inside code (`...` or a ``` block). Pure functions, no I/O. */
#ifndef ALLIANCE_MENTIONS_H
#define ALLIANCE_MENTIONS_H

enum { MENTION_MAX = 64, MENTIONS_MAX = 32 };

typedef char MentionName[MENTION_MAX + 1];

/* Finds the references introduced by sigil ('@' or '#') in text, in order
 * of first appearance, lower-cased, each once, at most max of them; returns
 * how many were written to out. */
int mentions_find(const char *text, char sigil, MentionName *out, int max);

/* How an account matches what follows "@" in a post box, for completion:
 * q is the folded text typed (lower case, no accents), folded_name the
 * account's folded name. 0 when its handle starts with q, 1 when a part of
 * the handle (after ".", "-" or "_") or a word of the name does, -1 when
 * none does (and for an empty q). Lower is a better match. */
int mention_match(const char *handle, const char *folded_name, const char *q);

#endif
