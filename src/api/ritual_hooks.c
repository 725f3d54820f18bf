/* ritual_hooks: a ritual's channel. The channels mechanism (another part
 * of the product) is not in this build yet: nothing to do. */
#include "ritual_util.h"

bool ritual_after_change(Request *rq, long long id, const Ritual *before) {
    (void)rq;
    (void)id;
    (void)before;
    return true;
}

bool ritual_post_notes(Request *rq, const Ritual *r, const char *markdown) {
    (void)rq;
    (void)r;
    (void)markdown;
    return false;
}
