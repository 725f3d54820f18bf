/* compose: mail to outbox rows (see compose.h). */
#include "compose.h"
#include <sodium.h>
#include <string.h>
#include <time.h>
#include "../lib/mime.h"
#include "../store/outbox.h"
#include "mail_config.h"

StoreResult mail_queue(Db *db, const Mail *m) {
    const MailConfig *cfg = mail_config();
    /* 128 random bits: unique across servers without asking the database */
    unsigned char raw[16];
    char hex[33], message_id[320];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    const char *at = strchr(cfg->from_address, '@');
    snprintf(message_id, sizeof message_id, "%s@%s", hex, at ? at + 1 : "alliance.example");
    Buf msg = BUF_INIT;
    MimeMail mm = {.from = cfg->from, .to = m->to, .to_name = m->to_name, .subject = m->subject, .text = m->text,
                   .ics = m->ics, .ics_method = m->ics_method, .message_id = message_id, .date = time(NULL)};
    if (mime_build(&msg, &mm)) {
        buf_free(&msg);
        return STORE_ERROR;
    }
    OutboxMail row = {.candidacy_id = m->candidacy_id, .message_id = message_id, .kind = m->kind,
                      .recipient = m->to, .subject = m->subject, .message = buf_str(&msg)};
    StoreResult r = store_outbox_add(db, &row, NULL);
    buf_free(&msg);
    return r;
}
