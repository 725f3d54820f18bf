/* i18n: the server's own messages (problem titles, validation messages) in
 * French (default) and English. The UI has its own catalogs in ui/i18n/. */
#ifndef ALLIANCE_I18N_H
#define ALLIANCE_I18N_H

typedef enum { LANG_FR = 0, LANG_EN = 1 } Lang;

/* Picks the language from an Accept-Language header value (NULL: French). */
Lang i18n_lang_from_header(const char *accept_language);
/* Message for key in lang; the key itself when unknown (never NULL).
 * Messages may hold printf conversions documented next to their key. */
const char *i18n(Lang lang, const char *key);

/* "3 mars 2027" / "3 March 2027" for an ISO date or timestamp into out
 * (n bytes); the text as is when it is not one. */
void i18n_long_date(Lang lang, const char *iso, char *out, unsigned n);

#endif
