/* serve: run the HTTP server. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "../api/events_stream.h"
#include "../http/follower.h"
#include "../http/server.h"
#include "../api/match_sync.h"
#include "../lib/buf.h"
#include "../lib/files.h"
#include "../mail/sender.h"
#include "cli.h"

/* Uploaded documents go to --data-dir, ALLIANCE_DATA_DIR, or next to a
 * SQLite file ("<file>.files"), never under the web root. */
static void configure_files(const char *flag) {
    const char *dir = flag && *flag ? flag : getenv("ALLIANCE_DATA_DIR");
    if (dir && *dir) return files_configure(dir);
    const char *url = db_url();
    if (url && strncmp(url, "postgres", 8) != 0) {
        Buf b = BUF_INIT;
        buf_printf(&b, "%s.files", strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url);
        files_configure(buf_str(&b));
        buf_free(&b);
    }
}

int cli_serve(int argc, char **argv) {
    const char *addr = getenv("ALLIANCE_ADDR"), *db = NULL, *data_dir = NULL;
    static const struct option opts[] = {{"addr", required_argument, NULL, 'a'},
                                         {"db", required_argument, NULL, 'd'},
                                         {"data-dir", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a') addr = optarg;
        else if (c == 'd') db = optarg;
        else if (c == 'f') data_dir = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        cli_usage(stderr);
        return 2;
    }
    Db *conn = cli_open(db);
    if (!conn) return 1;
    configure_files(data_dir);
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
    int rc = server_run(addr && *addr ? addr : "127.0.0.1:8080");
    mail_sender_stop();
    follower_stop();
    match_sync_stop();
    db_thread_close();
    return rc;
}
