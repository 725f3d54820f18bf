/* mail_templates: the messages sent to candidates, one template per kind
 * (a stage reached, an application received, an interview), in French and
 * English. Templates hold placeholders {{name}} from a fixed list only;
 * values are plain text, so a template cannot run anything or add a
 * header. The defaults below apply until a manager edits a template. */
#ifndef ALLIANCE_MAIL_TEMPLATES_H
#define ALLIANCE_MAIL_TEMPLATES_H
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *kind;
    const char *subject_fr, *body_fr, *subject_en, *body_en;
} MailTemplate;

extern const MailTemplate MAIL_TEMPLATE_DEFAULTS[];  /* ends with kind NULL */
extern const char *const MAIL_PLACEHOLDERS[];        /* NULL-terminated */

/* The default template of a kind, NULL for an unknown kind. */
const MailTemplate *mail_template_default(const char *kind);
/* The kind of mail a candidacy reaching stage sends ("stage_offer"). */
const char *mail_kind_for_stage(const char *stage);

typedef enum { TPL_OK = 0, TPL_UNKNOWN_PLACEHOLDER, TPL_UNCLOSED } TemplateCheck;
/* Checks every {{...}} of text; on failure *bad (size n) receives the
 * offending name (or the text after an unclosed "{{"). */
TemplateCheck mail_template_check(const char *text, char *bad, size_t n);

typedef struct {
    const char *name, *value;   /* value NULL renders as "" */
} TemplateVar;
/* text with placeholders replaced; caller frees. NULL out of memory. */
char *mail_template_render(const char *text, const TemplateVar *vars, int nvars);

#endif
