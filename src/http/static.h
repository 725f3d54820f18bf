/* static: the web UI's files, served from the embedded table. */
#ifndef ALLIANCE_STATIC_H
#define ALLIANCE_STATIC_H
#include "http.h"

/* Answers GET/HEAD of "/" (index.html) and of files under ui/; 404 otherwise. */
void static_serve(Request *rq, Response *rs);

#endif
