/* serve: run the HTTP server. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "../api/events_stream.h"
#include "../http/auth.h"
#include "../http/follower.h"
#include "../http/server.h"
#include "../api/match_sync.h"
#include "../lib/buf.h"
#include "../lib/files.h"
#include "../mail/sender.h"
#include "../privacy/daily.h"
#include "../store/calendar_feeds.h"
#include "../store/server_keys.h"
#include <unistd.h>
#include "cli.h"

/* The whole of a small text file (a PEM certificate or key), or NULL after
 * saying why. Caller frees. */
static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "alliance: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(1024 * 1024 + 1);
    size_t n = text ? fread(text, 1, 1024 * 1024 + 1, f) : 0;
    fclose(f);
    if (!text || n == 0 || n > 1024 * 1024) {
        fprintf(stderr, "alliance: %s is empty or too large\n", path);
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* A whole positive number of minutes or hours for a flag; -1 otherwise. */
static long positive(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    return *s >= '0' && *s <= '9' && !*end && v > 0 && v <= 100000 ? v : -1;
}

int cli_serve(int argc, char **argv) {
    const char *addr = getenv("ALLIANCE_ADDR"), *db = NULL, *data_dir = NULL, *cert = NULL, *key = NULL;
    /* trust: HTTPS, a trusted proxy, session lifetimes */
    bool trust_proxy = false;
    long idle_min = AUTH_IDLE_MINUTES, max_hours = AUTH_MAX_HOURS;
    static const struct option opts[] = {{"addr", required_argument, NULL, 'a'},
                                         {"db", required_argument, NULL, 'd'},
                                         {"data-dir", required_argument, NULL, 'f'},
                                         {"tls-cert", required_argument, NULL, 'c'},
                                         {"tls-key", required_argument, NULL, 'k'},
                                         {"trust-proxy", no_argument, NULL, 'p'},
                                         {"session-idle-minutes", required_argument, NULL, 'i'},
                                         {"session-max-hours", required_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a') addr = optarg;
        else if (c == 'd') db = optarg;
        else if (c == 'f') data_dir = optarg;
        else if (c == 'c') cert = optarg;
        else if (c == 'k') key = optarg;
        else if (c == 'p') trust_proxy = true;
        else if (c == 'i' && (idle_min = positive(optarg)) > 0) continue;
        else if (c == 'h' && (max_hours = positive(optarg)) > 0) continue;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc || !cert != !key || idle_min > max_hours * 60) {
        if (!cert != !key) fprintf(stderr, "alliance: --tls-cert and --tls-key go together\n");
        if (idle_min > max_hours * 60) fprintf(stderr, "alliance: the idle expiry exceeds the absolute one\n");
        cli_usage(stderr);
        return 2;
    }
    if (cert && !server_tls_available()) {
        fprintf(stderr, "alliance: this libmicrohttpd has no TLS support\n");
        return 1;
    }
    ServerOptions o = {.addr = addr && *addr ? addr : "127.0.0.1:8080", .trust_proxy = trust_proxy};
    char *cert_pem = NULL, *key_pem = NULL;
    if (cert && (!(cert_pem = read_text(cert)) || !(key_pem = read_text(key)))) {
        free(cert_pem);
        return 1;
    }
    o.tls_cert = cert_pem;
    o.tls_key = key_pem;
    auth_configure((int)idle_min * 60, (int)max_hours * 3600);
    Db *conn = cli_open(db);
    if (!conn) return 1;
    /* says "in use" to `alliance restore` for as long as we run */
    int hold = db_file_hold(db_url(), false);
    if (hold == -1) {
        fprintf(stderr, "alliance: %s is being restored (%s)\n", db_url(), errno == EWOULDBLOCK ? "locked" : strerror(errno));
        return 1;
    }
    cli_configure_files(data_dir);
    /* the key calendar feed addresses are derived from, shared by every server */
    if (store_server_key_ensure(conn, CALENDAR_KEY) != STORE_OK) {
        fprintf(stderr, "alliance: cannot make the server key: %s\n", db_errmsg(conn));
        return 1;
    }
    match_sync_subscribe(); /* matching engine: subscribes before the follower starts */
    /* in-memory state subscribes to the event log before it is followed */
    events_stream_init(); /* the live stream, GET /api/v1/events */
    if (!follower_start()) {
        fprintf(stderr, "alliance: cannot read the event log\n");
        return 1;
    }
    if (match_sync_build(conn)) { /* matching engine: the index, then the writes made meanwhile */
        follower_stop();
        return 1;
    }
    if (!mail_sender_start()) { /* mail: the outbox's SMTP sender */
        follower_stop();
        match_sync_stop();
        return 1;
    }
    /* privacy: the day's retention warnings and purge; an erasure reaches
     * this server's indexes at once */
    if (!privacy_daily_start(follower_catch_up)) {
        mail_sender_stop();
        follower_stop();
        match_sync_stop();
        return 1;
    }
    int rc = server_run(&o);
    privacy_daily_stop();
    mail_sender_stop();
    follower_stop();
    match_sync_stop();
    db_thread_close();
    if (hold >= 0) close(hold);
    if (key_pem) explicit_bzero(key_pem, strlen(key_pem)); /* the private key leaves no copy behind */
    free(key_pem);
    free(cert_pem);
    return rc;
}
