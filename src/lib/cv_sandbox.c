/* cv_sandbox: text extraction in a limited child process (see .h). */
#include "cv_sandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"

extern char **environ;

enum { MAX_INPUT = 10 * 1024 * 1024, MAX_OUTPUT = CV_MAX_TEXT + 256 };

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void limit(int what, rlim_t v) {
    struct rlimit r = {v, v};
    setrlimit(what, &r);
}

int cv_extract_child(void) {
    limit(RLIMIT_CPU, CV_CPU_SECONDS);
    struct stat so;
    if (fstat(1, &so) == 0 && S_ISFIFO(so.st_mode)) limit(RLIMIT_FSIZE, 0); /* under cv_extract(): no file writes */
    limit(RLIMIT_CORE, 0);
#if !defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer reserves terabytes of address space: no cap there */
    limit(RLIMIT_AS, (rlim_t)CV_MEMORY_MB * 1024 * 1024);
#endif
    alarm(CV_WALL_SECONDS);
    Buf in = BUF_INIT;
    char chunk[65536];
    ssize_t n;
    while ((n = read(0, chunk, sizeof chunk)) > 0) {
        if (in.len + (size_t)n > MAX_INPUT || buf_append(&in, chunk, (size_t)n)) {
            printf("too-large - -1\n");
            return 0;
        }
    }
    CvText t;
    CvStatus s = cv_read((const unsigned char *)buf_str(&in), in.len, &t);
    buf_free(&in);
    printf("%s %s %d\n", cv_status_name(s), s == CV_OK ? t.type : "-", s == CV_OK ? t.pages : -1);
    if (s == CV_OK) fwrite(t.text, 1, t.len, stdout);
    free(t.text);
    return fflush(stdout) == 0 ? 0 : 1;
}

static CvStatus status_named(const char *name) {
    for (int s = CV_OK; s <= CV_FAILED; s++)
        if (strcmp(cv_status_name((CvStatus)s), name) == 0) return (CvStatus)s;
    return CV_FAILED;
}

/* Reads the child's answer "<status> <type> <pages>\n<text>". */
static CvStatus parse_answer(Buf *b, CvText *out) {
    const char *s = buf_str(b), *nl = memchr(s, '\n', b->len);
    if (!nl) return CV_FAILED;
    char status[16], type[8];
    int pages;
    if (sscanf(s, "%15s %7s %d", status, type, &pages) != 3) return CV_FAILED;
    CvStatus st = status_named(status);
    if (st != CV_OK) return st;
    const char *media = cv_media_type(type);
    if (!media) return CV_FAILED;
    static const char *const TYPES[] = {"pdf", "docx", "odt", "txt"};
    for (int i = 0; i < 4; i++)
        if (strcmp(TYPES[i], type) == 0) out->type = TYPES[i];
    out->media_type = media;
    out->pages = pages;
    size_t skip = (size_t)(nl - s) + 1;
    out->len = b->len - skip;
    out->text = malloc(out->len + 1);
    if (!out->text) return CV_FAILED;
    memcpy(out->text, s + skip, out->len);
    out->text[out->len] = '\0';
    return CV_OK;
}

/* Feeds data to the child and collects its output until it closes
 * stdout or the deadline passes. false on timeout or overflow. */
static bool exchange(int to, int from, const char *data, size_t len, Buf *out) {
    long long deadline = now_ms() + CV_WALL_SECONDS * 1000LL;
    size_t sent = 0;
    if (len == 0) {
        close(to);
        to = -1;
    }
    for (;;) {
        struct pollfd p[2] = {{from, POLLIN, 0}, {to, POLLOUT, 0}};
        long long left = deadline - now_ms();
        if (left <= 0) break;
        int r = poll(p, to >= 0 ? 2 : 1, (int)left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (to >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(to, data + sent, len - sent);
            if (w > 0) sent += (size_t)w;
            if (w < 0 && errno != EAGAIN && errno != EINTR) sent = len; /* the child stopped reading */
            if (sent == len) {
                close(to);
                to = -1;
            }
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char chunk[65536];
            ssize_t n = read(from, chunk, sizeof chunk);
            if (n == 0) {
                if (to >= 0) close(to);
                return true;
            }
            if (n < 0 && errno != EINTR && errno != EAGAIN) break;
            if (n > 0 && (out->len + (size_t)n > MAX_OUTPUT || buf_append(out, chunk, (size_t)n))) break;
        }
    }
    if (to >= 0) close(to);
    return false;
}

CvStatus cv_extract(const void *data, size_t len, CvText *out) {
    memset(out, 0, sizeof *out);
    out->pages = -1;
    char exe[4096];
    ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (el <= 0) return CV_FAILED;
    exe[el] = '\0';
    int in[2], res[2];
    if (pipe2(in, O_CLOEXEC)) return CV_FAILED;
    if (pipe2(res, O_CLOEXEC)) {
        close(in[0]);
        close(in[1]);
        return CV_FAILED;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, res[1], 1);
    char *argv[] = {exe, "cv-extract", NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(res[1]);
    if (rc != 0) {
        close(in[1]);
        close(res[0]);
        return CV_FAILED;
    }
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    Buf answer = BUF_INIT;
    bool done = exchange(in[1], res[0], data, len, &answer);
    close(res[0]);
    if (!done) kill(pid, SIGKILL);
    int wst = 0;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR) {}
    CvStatus s = CV_FAILED;
    if (done && WIFEXITED(wst) && WEXITSTATUS(wst) == 0) s = parse_answer(&answer, out);
    buf_free(&answer);
    return s;
}
