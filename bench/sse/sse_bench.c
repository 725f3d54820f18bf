/* sse_bench: many server-sent event clients in one thread (epoll), for
 * bench/sse/run.sh. Two modes:
 *
 *   sse_bench hold PORT TOKEN N PID
 *     opens N streams (GET /api/v1/events), waits until every one has its
 *     first bytes, and prints how many are open and the server's resident
 *     memory (VmRSS of PID) before and after, per connection.
 *
 *   sse_bench delay PORT TOKEN N CHANNEL POSTS
 *     opens N streams, then writes POSTS posts in CHANNEL (one every 50 ms)
 *     and measures, for every stream and post, the time from just before
 *     the POST is sent to the arrival of that post on the stream; prints
 *     p50, p99 and max, and how many deliveries arrived (N x POSTS).
 *
 * Plain C, no libraries; figures are printed, never asserted. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { LINE = 8192, MAX_POSTS = 1000 };

typedef struct {
    int fd;
    bool started;      /* first bytes of the answer seen */
    size_t len;        /* bytes in line */
    char line[LINE];   /* the current, incomplete line */
} Conn;

static int g_port;
static const char *g_token;
static double g_sent_at[MAX_POSTS];  /* when post k was sent (monotonic seconds) */
static double *g_delays;
static size_t g_ndelays, g_cap;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long rss_kib(int pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    if (f) fclose(f);
    return kib;
}

static int connect_to(bool blocking) {
    int fd = socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0) return -1;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)g_port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

/* A line of the stream: a post's data line carries its body "bench <k>". */
static void on_line(const char *line, size_t len) {
    if (len < 6 || strncmp(line, "data: ", 6) != 0) return;
    const char *m = memmem(line, len, "\"body\":\"bench ", 14);
    if (!m) return;
    int k = atoi(m + 14);
    if (k < 0 || k >= MAX_POSTS || g_sent_at[k] == 0) return;
    if (g_ndelays == g_cap) {
        size_t cap = g_cap ? g_cap * 2 : 4096;
        void *grown = realloc(g_delays, cap * sizeof *g_delays);
        if (!grown) return; /* out of memory: this delay is not counted, the others stay */
        g_delays = grown;
        g_cap = cap;
    }
    g_delays[g_ndelays++] = now() - g_sent_at[k];
}

static void on_bytes(Conn *c, const char *buf, size_t n) {
    c->started = true;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n') {
            on_line(c->line, c->len);
            c->len = 0;
        } else if (c->len < LINE) {
            c->line[c->len++] = buf[i];
        }
    }
}

/* Reads what is ready on every connection for up to ms milliseconds. */
static void pump(int ep, int ms) {
    struct epoll_event evs[512];
    double until = now() + ms / 1000.0;
    for (;;) {
        int left = (int)((until - now()) * 1000);
        if (left < 0) left = 0;
        int n = epoll_wait(ep, evs, 512, left);
        for (int i = 0; i < n; i++) {
            Conn *c = evs[i].data.ptr;
            char buf[16384];
            ssize_t r;
            while ((r = read(c->fd, buf, sizeof buf)) > 0) on_bytes(c, buf, (size_t)r);
            if (r == 0 || (r < 0 && errno != EAGAIN)) {
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                c->fd = -1;
            }
        }
        if (left == 0) return;
    }
}

/* Opens n streams (in waves, so the listen queue never overflows). */
static Conn *open_streams(int ep, int n) {
    Conn *cs = calloc((size_t)n, sizeof *cs);
    char req[1024];
    int len = snprintf(req, sizeof req, "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                                        "Authorization: Bearer %s\r\n\r\n", g_token);
    for (int i = 0; i < n; i++) {
        cs[i].fd = connect_to(true);
        if (cs[i].fd < 0) {
            fprintf(stderr, "connection %d: %s\n", i, strerror(errno));
            break;
        }
        if (write(cs[i].fd, req, (size_t)len) != len) fprintf(stderr, "connection %d: short write\n", i);
        fcntl(cs[i].fd, F_SETFL, O_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &cs[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
        if (i % 200 == 199) pump(ep, 5);
    }
    return cs;
}

static int count_started(Conn *cs, int n) {
    int k = 0;
    for (int i = 0; i < n; i++) k += cs[i].fd >= 0 && cs[i].started;
    return k;
}

static int wait_started(int ep, Conn *cs, int n) {
    for (int round = 0; round < 600 && count_started(cs, n) < n; round++) pump(ep, 100);
    return count_started(cs, n);
}

/* One blocking POST of a post "bench <k>"; the status code. */
static int post(long long channel, int k) {
    int fd = connect_to(true);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char body[64], req[1024];
    int blen = snprintf(body, sizeof body, "{\"body\":\"bench %d\"}", k);
    int len = snprintf(req, sizeof req, "POST /api/v1/channels/%lld/posts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                        "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
                       channel, g_token, blen, body);
    g_sent_at[k] = now();
    int status = -1;
    if (write(fd, req, (size_t)len) == len) {
        char buf[4096];
        ssize_t r = read(fd, buf, sizeof buf - 1);
        if (r > 12) status = atoi(buf + 9);
    }
    close(fd);
    return status;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: sse_bench hold PORT TOKEN N PID | delay PORT TOKEN N CHANNEL POSTS\n");
        return 2;
    }
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    g_port = atoi(argv[2]);
    g_token = argv[3];
    int n = atoi(argv[4]);
    int ep = epoll_create1(0);
    if (strcmp(argv[1], "hold") == 0) {
        int pid = atoi(argv[5]);
        long before = rss_kib(pid);
        double t0 = now();
        Conn *cs = open_streams(ep, n);
        int open = wait_started(ep, cs, n);
        double took = now() - t0;
        pump(ep, 1000); /* let the server settle */
        long after = rss_kib(pid);
        printf("streams open: %d of %d (in %.1f s)\n", count_started(cs, n), n, took);
        printf("server RSS: %ld KiB before, %ld KiB with the streams: %.1f KiB per stream\n", before, after,
               open ? (double)(after - before) / open : 0.0);
        return open == n ? 0 : 1;
    }
    long long channel = atoll(argv[5]);
    int posts = argc > 6 ? atoi(argv[6]) : 50;
    if (posts > MAX_POSTS) posts = MAX_POSTS;
    Conn *cs = open_streams(ep, n);
    int open = wait_started(ep, cs, n);
    pump(ep, 500);
    int failed = 0;
    for (int k = 0; k < posts; k++) {
        if (post(channel, k) != 201) failed++;
        pump(ep, 50);
    }
    for (int round = 0; round < 100 && g_ndelays < (size_t)open * (size_t)posts; round++) pump(ep, 100);
    qsort(g_delays, g_ndelays, sizeof *g_delays, cmp);
    printf("streams open: %d of %d; posts: %d (%d failed); deliveries: %zu of %lld\n", open, n, posts, failed,
           g_ndelays, (long long)open * posts);
    if (g_ndelays)
        printf("post-to-delivery delay: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", g_delays[g_ndelays / 2] * 1000,
               g_delays[(size_t)((double)g_ndelays * 0.99)] * 1000, g_delays[g_ndelays - 1] * 1000);
    (void)cs;
    return 0;
}
