/* arena: a per-request memory pool. Everything allocated from an arena is
 * released at once by arena_free(), so handlers never free piecemeal. */
#ifndef ALLIANCE_ARENA_H
#define ALLIANCE_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head;
} Arena;

void *arena_alloc(Arena *a, size_t size);          /* zeroed; NULL on out of memory */
char *arena_strdup(Arena *a, const char *s);       /* NULL in, NULL out */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for one more element: returns old when count < *cap, else a copy
 * twice as large (*cap updated). The old block stays in the arena. */
void *arena_grow(Arena *a, void *old, size_t count, size_t *cap, size_t elem);
void arena_free(Arena *a);

#endif
