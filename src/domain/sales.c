/* sales: client, deal, review and need qualification rules (see sales.h). */
#include "sales.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"

const char *const DEAL_STAGES[] = {"lead", "qualified", "proposal", "negotiation", "won", "lost", NULL};
const char *const REVIEW_VERDICTS[] = {"go", "go_with_conditions", "no_go", NULL};

bool deal_stage_valid(const char *stage) {
    if (!stage) return false;
    for (int i = 0; DEAL_STAGES[i]; i++)
        if (strcmp(DEAL_STAGES[i], stage) == 0) return true;
    return false;
}

bool siret_valid(const char *s) {
    if (!s || strlen(s) != 14) return false;
    int sum = 0, plain = 0;
    for (int i = 0; i < 14; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        int d = s[i] - '0';
        plain += d;
        /* From the right, every second digit is doubled: here the even positions. */
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    if (sum % 10 == 0) return true;
    return strncmp(s, "356000000", 9) == 0 && plain % 5 == 0;
}

int siret_check_digit(const char *s) {
    int sum = 0;
    for (int i = 0; i < 13; i++) {
        int d = s[i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

static const char *const LEGAL_FORMS[] = {"sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scop", "scp",
                                          "selarl", "gie", "inc", "ltd", "llc", "gmbh", "plc", "bv", "nv", NULL};

static bool legal_form(const char *w) {
    for (int i = 0; LEGAL_FORMS[i]; i++)
        if (strcmp(LEGAL_FORMS[i], w) == 0) return true;
    return false;
}

char *client_name_key(const char *name) {
    char *f = text_fold(name);
    if (!f) return NULL;
    /* Dots vanish ("S.A." is "sa"); other ASCII punctuation separates words. */
    size_t w = 0;
    for (size_t r = 0; f[r]; r++) {
        unsigned char c = (unsigned char)f[r];
        if (c == '.') continue;
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) c = ' ';
        f[w++] = (char)c;
    }
    f[w] = '\0';
    Buf out = BUF_INIT, all = BUF_INIT;
    char *save = NULL;
    for (char *word = strtok_r(f, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
        if (all.len) buf_puts(&all, " ");
        buf_puts(&all, word);
        if (legal_form(word)) continue;
        if (out.len) buf_puts(&out, " ");
        buf_puts(&out, word);
    }
    free(f);
    if (!out.len) { /* a name made only of legal forms ("SAS") is its own key */
        buf_free(&out);
        out = all;
    } else {
        buf_free(&all);
    }
    char *key = strdup(buf_str(&out));
    buf_free(&out);
    return key;
}

bool verdict_positive(const char *v) {
    return v && (strcmp(v, "go") == 0 || strcmp(v, "go_with_conditions") == 0);
}

WonCheck deal_check_won(const char *latest_verdict) {
    if (!latest_verdict) return WON_REVIEW_REQUIRED;
    if (strcmp(latest_verdict, "no_go") == 0) return WON_NO_GO;
    return verdict_positive(latest_verdict) ? WON_OK : WON_REVIEW_REQUIRED;
}

int need_qualification_missing(const Need *n, const char *target, bool in_deal, bool deal_reviewed,
                               const char *missing[QUAL_MAX_MISSING]) {
    if (!target || (strcmp(target, "qualified") && strcmp(target, "open"))) return 0;
    int k = 0;
    bool leveled = false;
    for (int i = 0; i < n->nskills; i++)
        if (n->skills[i].min_level >= 1) leveled = true;
    if (!leveled) missing[k++] = "skills";
    if (!n->start_date || !*n->start_date) missing[k++] = "start_date";
    if ((!n->location || !*n->location) && !(n->remote && strcmp(n->remote, "full") == 0)) missing[k++] = "location";
    if (n->client_id < 1) missing[k++] = "client_id";
    if (strcmp(target, "open") == 0 && in_deal && !deal_reviewed) missing[k++] = "review";
    return k;
}

const char *need_next_gate(const char *status) {
    if (!status) return NULL;
    if (strcmp(status, "draft") == 0) return "qualified";
    if (strcmp(status, "qualified") == 0) return "open";
    return NULL;
}
