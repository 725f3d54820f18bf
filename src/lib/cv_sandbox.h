/* cv_sandbox: runs cv_read() in a child process (this same binary, started
 * as `alliance cv-extract`) with limits: CPU seconds, address space, no
 * file writes, and a wall-clock deadline after which the parent kills it.
 * A hostile file can only make the child fail: the server answers 422. */
#ifndef ALLIANCE_CV_SANDBOX_H
#define ALLIANCE_CV_SANDBOX_H
#include "cv_read.h"

enum { CV_CPU_SECONDS = 10, CV_WALL_SECONDS = 20, CV_MEMORY_MB = 1024 };

/* Extracts the text of data in a child; out->text is the caller's to free.
 * CV_FAILED when the child cannot start, dies, or runs out of time. */
CvStatus cv_extract(const void *data, size_t len, CvText *out);
/* The child's side (`alliance cv-extract`): reads a file from stdin,
 * writes "<status> <type> <pages>\n" and the text to stdout. Exit code 0
 * when it could answer at all. */
int cv_extract_child(void);

#endif
