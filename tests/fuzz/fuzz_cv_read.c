/* libFuzzer target for the CV readers (lib/cv_read.c): PDF, DOCX, ODT and
 * text from any bytes, with the budgets of the sandbox. In the server they
 * run in a limited child (lib/cv_sandbox.c); here a crash is a bug to fix.
 *   make fuzz && build/fuzz/fuzz_cv_read -max_total_time=60 -rss_limit_mb=2048 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "lib/cv_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    CvText t;
    if (cv_read(data, size, &t) == CV_OK) free(t.text);
    return 0;
}
