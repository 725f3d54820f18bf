/* mail_config: settings from the environment (see mail_config.h). */
#include "mail_config.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/mime.h"

static MailConfig g_config;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static const char *env(const char *name) {
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static long long env_int(const char *name, long long def, long long min, long long max) {
    const char *v = env(name);
    if (!v) return def;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end || n < min || n > max ? def : n;
}

static void load(void) {
    MailConfig *c = &g_config;
    c->smtp_url = env("ALLIANCE_SMTP_URL");
    c->smtp_user = env("ALLIANCE_SMTP_USER");
    c->smtp_password = env("ALLIANCE_SMTP_PASSWORD");
    c->smtp_ca_file = env("ALLIANCE_SMTP_CA_FILE");
    const char *tls = env("ALLIANCE_SMTP_TLS");
    c->tls = !tls ? 1 : strcmp(tls, "none") == 0 ? 0 : strcmp(tls, "required") == 0 ? 2 : 1;
    c->from = env("ALLIANCE_MAIL_FROM") ? env("ALLIANCE_MAIL_FROM") : "Alliance <recrutement@alliance.example>";
    if (!mime_address(c->from, c->from_address, sizeof c->from_address))
        strcpy(c->from_address, "recrutement@alliance.example");
    static char url[512];
    const char *pu = env("ALLIANCE_PUBLIC_URL") ? env("ALLIANCE_PUBLIC_URL") : "http://127.0.0.1:8080";
    size_t n = strlen(pu);
    while (n && pu[n - 1] == '/') n--;
    if (n >= sizeof url) n = sizeof url - 1;
    memcpy(url, pu, n);
    url[n] = '\0';
    c->public_url = url;
    c->backoff_ms = env_int("ALLIANCE_MAIL_BACKOFF_MS", 30000, 1, 3600000);
    c->max_attempts = (int)env_int("ALLIANCE_MAIL_MAX_ATTEMPTS", 12, 1, 1000);
    c->lease_s = (int)env_int("ALLIANCE_MAIL_LEASE_S", 120, 1, 86400);
    c->poll_ms = (int)env_int("ALLIANCE_MAIL_POLL_MS", 1000, 10, 60000);
    const char *dh = env("ALLIANCE_DIGEST_HOUR");
    c->digest_hour = dh && strcmp(dh, "off") == 0 ? -1 : (int)env_int("ALLIANCE_DIGEST_HOUR", 7, 0, 23);
}

const MailConfig *mail_config(void) {
    pthread_once(&g_once, load);
    return &g_config;
}
