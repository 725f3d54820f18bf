/* backup and restore of a SQLite firm (PostgreSQL has pg_dump).
 *
 *   backup FILE   while the server runs: SQLite's online backup API copies
 *                 one consistent snapshot into FILE, which is then checked
 *                 (integrity) and summed (rows and checksum per table).
 *   restore FILE  with the server stopped: FILE is copied next to the
 *                 target, checked there (integrity, an Alliance schema not
 *                 newer than this binary), and only then renamed over it.
 * A server holds its database file with a shared lock (db_file_hold);
 * restore takes it exclusively, so it refuses a file in use. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../store/schema.h"
#include "cli.h"

/* Reads "FILE [--db URL]"; the url defaults like every command's. */
static int parse(int argc, char **argv, const char **file, const char **url) {
    const char *db = NULL;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'd') return 2;
        db = optarg;
    }
    if (optind != argc - 1 || !*argv[optind]) return 2;
    *file = argv[optind];
    if (!db) db = getenv("ALLIANCE_DB");
    *url = db && *db ? db : "alliance.db";
    return 0;
}

static bool is_postgres(const char *url) {
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

static const char *file_of(const char *url) { return strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url; }

/* Same file (following links), so that neither command overwrites its source. */
static bool same_file(const char *a, const char *b) {
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Opens a SQLite file, checks its integrity, prints its sums. */
static int check_file(const char *path, const char *what) {
    char err[256] = "", url[4200];
    snprintf(url, sizeof url, "sqlite:%s", path);
    Db *db = db_open(url, err);
    if (!db) {
        fprintf(stderr, "alliance: %s is not a readable database: %s\n", what, err);
        return 1;
    }
    int rc = 1;
    DbStmt *st = NULL;
    if (!cli_integrity_ok(db, err)) {
        fprintf(stderr, "alliance: %s is damaged: %s\n", what, err);
    } else if (!(st = db_prepare_once(db, "SELECT version FROM schema_migrations ORDER BY version"))) {
        fprintf(stderr, "alliance: %s is not an Alliance database\n", what);
    } else {
        int n = 0, unknown = -1;
        DbStatus s;
        while ((s = db_step(st)) == DB_ROW) {
            n++;
            if (!schema_known((int)db_col_int(st, 0))) unknown = (int)db_col_int(st, 0);
        }
        db_finalize(st);
        st = NULL;
        if (s != DB_DONE || n == 0) fprintf(stderr, "alliance: %s is not an Alliance database\n", what);
        else if (unknown >= 0)
            fprintf(stderr, "alliance: %s comes from a newer Alliance (it has migration %d, unknown here)\n", what,
                    unknown);
        else rc = cli_table_sums(db, NULL);
    }
    db_finalize(st);
    db_close(db);
    return rc;
}

static int postgres_says(const char *cmd) {
    fprintf(stderr,
            "alliance: %s works on SQLite files; on PostgreSQL use its own tools:\n"
            "  pg_dump --format=custom --file=FILE URL     (while the servers run)\n"
            "  pg_restore --clean --dbname=URL FILE        (servers stopped)\n",
            cmd);
    return 2;
}

int cli_backup(int argc, char **argv) {
    const char *file, *url;
    if (parse(argc, argv, &file, &url)) {
        cli_usage(stderr);
        return 2;
    }
    if (is_postgres(url)) return postgres_says("backup");
    if (access(file_of(url), F_OK) != 0) {
        fprintf(stderr, "alliance: no database at %s\n", file_of(url));
        return 1;
    }
    if (same_file(file, file_of(url))) {
        fprintf(stderr, "alliance: the backup cannot replace the database itself\n");
        return 2;
    }
    if (cli_start()) return 1;
    char err[256] = "";
    Db *db = db_open(url, err);
    if (!db) {
        fprintf(stderr, "alliance: %s\n", err);
        return 1;
    }
    DbStatus s = db_backup(db, file, err);
    db_close(db);
    if (s != DB_OK) {
        fprintf(stderr, "alliance: %s\n", err);
        return 1;
    }
    int rc = check_file(file, file);
    printf(rc ? "backup NOT verified: %s\n" : "backup written and verified: %s\n", file);
    return rc;
}

/* Copies src to dst (created, synced). */
static bool copy_file(const char *src, const char *dst) {
    int in = open(src, O_RDONLY), out = in < 0 ? -1 : open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    bool ok = in >= 0 && out >= 0;
    char buf[1 << 16];
    ssize_t n;
    while (ok && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = false;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno != EINTR) ok = false;
            else if (w > 0) done += w;
        }
    }
    if (ok && fsync(out) != 0) ok = false;
    if (in >= 0) close(in);
    if (out >= 0 && close(out) != 0) ok = false;
    return ok;
}

int cli_restore(int argc, char **argv) {
    const char *file, *url;
    if (parse(argc, argv, &file, &url)) {
        cli_usage(stderr);
        return 2;
    }
    if (is_postgres(url)) return postgres_says("restore");
    const char *target = file_of(url);
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "alliance: cannot read %s: %s\n", file, strerror(errno));
        return 1;
    }
    if (same_file(file, target)) {
        fprintf(stderr, "alliance: the backup is the database itself\n");
        return 2;
    }
    if (cli_start()) return 1;
    int hold = -2;
    if (access(target, F_OK) == 0 && (hold = db_file_hold(url, true)) == -1) {
        if (errno == EWOULDBLOCK)
            fprintf(stderr, "alliance: %s is in use (a server runs on it): stop it before restoring\n", target);
        else fprintf(stderr, "alliance: cannot lock %s: %s\n", target, strerror(errno));
        return 1;
    }
    char part[4096], wal[4200], shm[4200];
    snprintf(part, sizeof part, "%s.restore", target);
    snprintf(wal, sizeof wal, "%s-wal", target);
    snprintf(shm, sizeof shm, "%s-shm", target);
    int rc = 1;
    if (!copy_file(file, part)) {
        fprintf(stderr, "alliance: cannot copy %s to %s: %s\n", file, part, strerror(errno));
    } else if (check_file(part, file) == 0) {
        /* the target's old write-ahead log belongs to the old database:
         * replayed onto the restored one it would corrupt it */
        if ((unlink(wal) == 0 || errno == ENOENT) && (unlink(shm) == 0 || errno == ENOENT) && rename(part, target) == 0) {
            printf("restored %s into %s\n", file, target);
            rc = 0;
        } else {
            fprintf(stderr, "alliance: cannot replace %s: %s\n", target, strerror(errno));
        }
    }
    if (rc) {
        unlink(part);
        fprintf(stderr, "alliance: nothing restored; %s is unchanged\n", target);
    }
    if (hold >= 0) close(hold);
    return rc;
}
