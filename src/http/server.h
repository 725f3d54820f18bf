/* server: the HTTP server on libmicrohttpd. One request is one database
 * transaction; see dispatch() in server.c for the order of checks. */
#ifndef ALLIANCE_SERVER_H
#define ALLIANCE_SERVER_H

#include <stdbool.h>

typedef struct {
    const char *addr;        /* "127.0.0.1:8080", "0.0.0.0:443", ":8080" */
    /* HTTPS (libmicrohttpd with GnuTLS): the PEM texts of the certificate
     * chain and its private key, or NULL for plain HTTP. */
    const char *tls_cert, *tls_key;
    /* Behind a reverse proxy that terminates TLS: believe its
     * X-Forwarded-Proto (https: Secure cookies, HSTS) and the last address
     * of X-Forwarded-For (limits and audit per client). Never set it when
     * clients can reach the server directly: they could forge both. */
    bool trust_proxy;
} ServerOptions;

/* Serves until SIGINT or SIGTERM; in-flight requests finish before it
 * returns. 0 on a clean stop, 2 on a bad address, 1 when it cannot listen. */
int server_run(const ServerOptions *o);
/* Whether this libmicrohttpd was built with TLS. */
bool server_tls_available(void);

#endif
