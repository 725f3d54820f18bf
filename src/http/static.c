/* static: embedded UI files with ETag revalidation (see static.h). */
#include "static.h"
#include <string.h>
#include "../lib/embedded.h"

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},             {".png", "image/png"},
    {".ico", "image/x-icon"},              {".txt", "text/plain; charset=utf-8"},
    {".md", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *path) {
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

static const char NOT_FOUND[] = "<!doctype html><meta charset=utf-8><title>404</title><p>Page introuvable / Page not found</p>";

void static_serve(Request *rq, Response *rs) {
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        reply_problem(rq, rs, 405, "method-not-allowed", "method_not_allowed", NULL);
        return;
    }
    const char *path = strcmp(rq->path, "/") == 0 ? "/index.html" : rq->path;
    const EmbeddedFile *f = strstr(path, "..") ? NULL : embedded_find(arena_printf(&rq->arena, "ui%s", path));
    if (!f) {
        rs->status = 404;
        rs->raw = NOT_FOUND;
        rs->raw_len = sizeof NOT_FOUND - 1;
        rs->content_type = "text/html; charset=utf-8";
        return;
    }
    reply_header(rq, rs, "ETag", f->etag);
    reply_header(rq, rs, "Cache-Control", "no-cache");
    const char *inm = req_header(rq, "If-None-Match");
    if (inm && strcmp(inm, f->etag) == 0) {
        rs->status = 304;
        return;
    }
    rs->status = 200;
    rs->raw = f->data;
    rs->raw_len = f->len;
    rs->content_type = content_type(path);
}
