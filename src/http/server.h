/* server: the HTTP server on libmicrohttpd. One request is one database
 * transaction; see dispatch() in server.c for the order of checks. */
#ifndef ALLIANCE_SERVER_H
#define ALLIANCE_SERVER_H

/* Serves on addr ("127.0.0.1:8080", "0.0.0.0:80", ":8080") until SIGINT or
 * SIGTERM; in-flight requests finish before it returns. 0 on a clean stop. */
int server_run(const char *addr);

#endif
