/* files: content-addressed file storage (see files.h). */
#include "files.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[4096] = "alliance-files";

void files_configure(const char *dir) {
    if (dir && *dir) snprintf(g_dir, sizeof g_dir, "%s", dir);
}

const char *files_dir(void) { return g_dir; }

void files_sha256(const void *data, size_t len, char out[FILES_HASH_LEN]) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, FILES_HASH_LEN, h, sizeof h);
}

static int make_dir(const char *path) { return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1; }

int files_put(const void *data, size_t len, char out[FILES_HASH_LEN]) {
    files_sha256(data, len, out);
    char sub[4200], path[4300], tmp[4400];
    snprintf(sub, sizeof sub, "%s/%.2s", g_dir, out);
    snprintf(path, sizeof path, "%s/%s", sub, out);
    if (make_dir(g_dir) || make_dir(sub)) return -1;
    if (access(path, F_OK) == 0) return 0; /* same content already kept */
    snprintf(tmp, sizeof tmp, "%s.%ld.%lx.tmp", path, (long)getpid(), (unsigned long)randombytes_random());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        p += w;
        left -= (size_t)w;
    }
    int ok = left == 0 && fsync(fd) == 0;
    if (close(fd) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* The path of a stored file; false unless hash is 64 hex digits (never a path). */
static bool path_of(const char *hash, char path[4300]) {
    if (!hash || strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64) return false;
    snprintf(path, 4300, "%s/%.2s/%s", g_dir, hash, hash);
    return true;
}

int files_remove(const char *hash) {
    char path[4300];
    if (!path_of(hash, path)) return -1;
    return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

int files_get(const char *hash, size_t max, char **data, size_t *len) {
    *data = NULL;
    *len = 0;
    char path[4300];
    if (!path_of(hash, path)) return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        close(fd);
        return -1;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = got;
    return 0;
}
