/* store/mail_templates: templates edited by managers. A kind without a row
 * uses its default (domain/mail_templates.c) and has version 1; the first
 * edit stores version 2. */
#ifndef ALLIANCE_STORE_MAIL_TEMPLATES_H
#define ALLIANCE_STORE_MAIL_TEMPLATES_H
#include "../domain/mail_templates.h"
#include "store.h"

typedef struct {
    MailTemplate t;
    long long version;
    long long updated_by;        /* -1: the default */
    const char *updated_at;      /* NULL: the default */
} StoredTemplate;

/* The template of a kind: the edited one, else the default. NOT_FOUND for
 * an unknown kind. */
StoreResult store_mail_template_get(Db *db, Arena *a, const char *kind, StoredTemplate *out);
/* Replaces the four texts when the version is still expected. */
StoreResult store_mail_template_put(Db *db, Arena *a, StoredTemplate *t, long long expected);

#endif
