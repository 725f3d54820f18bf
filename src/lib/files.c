/* files: content-addressed file storage (see files.h). */
#include "files.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
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
