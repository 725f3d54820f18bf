/* common: usage text and the start-up every subcommand shares. */
#include <stdlib.h>
#include <string.h>
#include "../domain/password.h"
#include "../api/duplicates.h"
#include "../domain/sales.h"
#include "../domain/skills.h"
#include "../lib/buf.h"
#include "../lib/embedded.h"
#include "../lib/files.h"
#include "../lib/secret.h"
#include "../match/index.h"
#include "../store/clients.h"
#include "../store/copy.h"
#include "../store/people_scan.h"
#include "../store/schema.h"
#include "cli.h"

void cli_usage(FILE *out) {
    fputs("usage: alliance <command> [options]\n"
          "\n"
          "commands:\n"
          "  serve [--addr HOST:PORT] [--db FILE] [--data-dir DIR]\n"
          "                                         serve the web UI and the API (default 127.0.0.1:8080);\n"
          "                                         uploaded CVs are kept in DIR (default: next to the database)\n"
          "  init [--demo] [--db FILE]              create the database; --demo adds a demo firm\n"
          "  user add --email E --role R --name N [--client ID] [--person ID] [--db FILE]\n"
          "                                         add an account; the password is read from stdin\n"
          "  user reset-link --email E [--base URL] [--db FILE]\n"
          "                                         print a single-use link to set a new password\n"
          "  token create --email E [--label L] [--db FILE]\n"
          "                                         print a new API token for that account\n"
          "  token list --email E [--db FILE]       list that account's tokens\n"
          "  token revoke --id N [--db FILE]        revoke a token\n"
          "  migrate --from URL --to URL            copy a firm between databases (e.g. sqlite:alliance.db\n"
          "                                         to postgresql://user@host/db), checked by counts and checksums\n"
          "  backup FILE [--db FILE]                copy the live database into FILE (the server may run)\n"
          "  restore FILE [--db FILE]               check FILE, then put it in place of the database\n"
          "                                         (server stopped; PostgreSQL: pg_dump / pg_restore)\n"
          "  digest [--db FILE]                     queue the digest of waiting candidates to their owners now\n"
          "  match --need ID [--limit N] [--json] [--db FILE]\n"
          "                                         the people ranked for a need, explained\n"
          "  eval-match DIR [--json]                quality of the ranking on a graded set (DIR/needs/*.txt,\n"
          "                                         DIR/cvs/*.txt, DIR/qrels.tsv): nDCG@5, nDCG@10, MAP vs BM25\n"
          "  kpis rebuild [--db FILE]               make the KPI rows again from the whole event log\n"
          "  purge [--dry-run [--as-of DATE]] [--db FILE] [--data-dir DIR]\n"
          "                                         erase the people whose retention ended (CVs and files\n"
          "                                         included); --dry-run lists them, as of DATE if given\n"
          "  skills-find [--split]                  print the skills found in the text on stdin (CV reading)\n"
          "  version                                print the version\n"
          "  help                                   print this help\n"
          "\n"
          "environment: ALLIANCE_DB (database file), ALLIANCE_ADDR (listen address),\n"
          "             ALLIANCE_DATA_DIR (uploaded documents), ALLIANCE_FIRM_NAME and\n"
          "             ALLIANCE_PUBLIC_URL (the careers page's firm name and address)\n"
          "mail: ALLIANCE_SMTP_URL (smtp://host:port), ALLIANCE_SMTP_TLS (none|try|required),\n"
          "      ALLIANCE_SMTP_USER, ALLIANCE_SMTP_PASSWORD, ALLIANCE_MAIL_FROM\n"
          "privacy: ALLIANCE_PURGE_HOUR (UTC hour of serve's daily warnings and purge, 3; off)\n"
          "roles: admin manager sales recruiter tech consultant\n",
          out);
}

int cli_start(void) {
    if (secret_init()) {
        fprintf(stderr, "alliance: libsodium failed to start\n");
        return -1;
    }
    const EmbeddedFile *skills = embedded_find("data/skills.tsv"), *aliases = embedded_find("data/aliases.tsv");
    if (!skills || !aliases ||
        skills_load((const char *)skills->data, skills->len, (const char *)aliases->data, aliases->len)) {
        fprintf(stderr, "alliance: cannot load the skills reference\n");
        return -1;
    }
    const EmbeddedFile *common = embedded_find("data/common-passwords.txt");
    if (!common || password_load((const char *)common->data, common->len)) {
        fprintf(stderr, "alliance: cannot load the list of common passwords\n");
        return -1;
    }
    return 0;
}

Db *cli_open(const char *db_flag) {
    if (cli_start()) return NULL;
    const char *url = db_flag ? db_flag : getenv("ALLIANCE_DB");
    db_configure(url && *url ? url : "alliance.db");
    Db *db = db_thread();
    if (!db) return NULL;
    if (schema_migrate(db)) return NULL;
    /* Clients older than migration 2 get their duplicate key once. */
    if (store_clients_fill_keys(db, client_name_key) != STORE_OK) {
        fprintf(stderr, "alliance: cannot index the clients: %s\n", db_errmsg(db));
        return NULL;
    }
    /* People older than migration 40 get their duplicate keys once (imports, duplicates). */
    if (duplicates_backfill(db) != STORE_OK) {
        fprintf(stderr, "alliance: cannot index the people for duplicates: %s\n", db_errmsg(db));
        return NULL;
    }
    return db;
}

int cli_table_sums(Db *a, Db *b) {
    int rc = 0;
    printf("%-24s %10s  %s\n", "table", "rows", b ? "checksum (source = target)" : "checksum");
    for (int i = 0; COPY_TABLES[i]; i++) {
        TableSum x, y;
        if (store_table_sum(a, COPY_TABLES[i], &x) != STORE_OK ||
            (b && store_table_sum(b, COPY_TABLES[i], &y) != STORE_OK)) {
            fprintf(stderr, "alliance: cannot check %s\n", COPY_TABLES[i]);
            rc = 1;
            continue;
        }
        bool same = !b || (x.rows == y.rows && strcmp(x.checksum, y.checksum) == 0);
        printf("%-24s %10lld  %.16s%s\n", x.table, x.rows, x.checksum, !b ? "" : same ? " ok" : " MISMATCH");
        if (!same) {
            fprintf(stderr, "alliance: %s differs: %lld rows %s vs %lld rows %s\n", x.table, x.rows, x.checksum, y.rows,
                    y.checksum);
            rc = 1;
        }
    }
    return rc;
}

bool cli_integrity_ok(Db *db, char err[256]) {
    if (strcmp(db_engine_name(db), "sqlite") != 0) return true;
    DbStmt *st = db_prepare_once(db, "PRAGMA integrity_check");
    if (!st) {
        snprintf(err, 256, "cannot check integrity: %s", db_errmsg(db));
        return false;
    }
    bool ok = false;
    if (db_step(st) == DB_ROW) {
        const char *v = db_col_text(st, 0);
        ok = v && strcmp(v, "ok") == 0;
        if (!ok) snprintf(err, 256, "integrity check: %s", v ? v : "?");
    } else {
        snprintf(err, 256, "cannot check integrity: %s", db_errmsg(db));
    }
    db_finalize(st);
    return ok;
}

static int put_person(const Person *p, void *arg) { return match_index_put(arg, p); }

struct MatchIndex *cli_match_index(Db *db) {
    MatchIndex *ix = match_index_new();
    if (!ix || store_people_each(db, put_person, ix) != STORE_OK) {
        fprintf(stderr, "alliance: cannot build the matching index: %s\n", ix ? db_errmsg(db) : "out of memory");
        match_index_free(ix);
        return NULL;
    }
    return ix;
}

void cli_configure_files(const char *flag) {
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
