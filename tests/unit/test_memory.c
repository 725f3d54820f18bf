/* The growable buffer (lib/buf.c) and the per-request arena (lib/arena.c):
 * growth, large allocations, ownership hand-over. ASan watches every byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "lib/arena.h"
#include "lib/buf.h"

static void test_empty_buffer_reads_as_empty_string(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(b.len, 0);
    buf_free(&b);
    buf_free(&b); /* twice is harmless */
}

static void test_buffer_grows_byte_by_byte_and_stays_terminated(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    for (int i = 0; i < 5000; i++) {
        char c = (char)('a' + i % 26);
        assert_int_equal(buf_append(&b, &c, 1), 0);
        assert_int_equal(b.data[b.len], '\0');
    }
    assert_int_equal(b.len, 5000);
    assert_true(b.cap > b.len);
    for (int i = 0; i < 5000; i++) assert_int_equal(b.data[i], 'a' + i % 26);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.cap, 0);
}

static void test_buffer_takes_one_large_append(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    size_t n = 3 * 1024 * 1024;
    char *big = malloc(n);
    memset(big, 'x', n);
    buf_puts(&b, "head:");
    assert_int_equal(buf_append(&b, big, n), 0);
    assert_int_equal(b.len, n + 5);
    assert_int_equal(b.data[n + 4], 'x');
    assert_int_equal(strlen(buf_str(&b)), n + 5);
    free(big);
    buf_free(&b);
}

static void test_buffer_keeps_embedded_nul_bytes(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    buf_append(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 4);
    buf_free(&b);
}

static void test_buffer_printf_appends_formatted_text(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    buf_puts(&b, "id=");
    buf_printf(&b, "%lld, name=%s", 42LL, "Awa");
    assert_string_equal(buf_str(&b), "id=42, name=Awa");
    char *big = malloc(10001);
    memset(big, 'y', 10000);
    big[10000] = '\0';
    buf_printf(&b, "[%s]", big);
    assert_int_equal(b.len, 15 + 10002);
    assert_int_equal(b.data[b.len - 1], ']');
    free(big);
    buf_free(&b);
}

static void test_buffer_take_hands_over_the_memory(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    buf_puts(&b, "mine now");
    char *s = buf_take(&b);
    assert_string_equal(s, "mine now");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(s);
    char *empty = buf_take(&b); /* never NULL, even for an empty buffer */
    assert_non_null(empty);
    assert_string_equal(empty, "");
    free(empty);
}

static void test_buffer_reset_keeps_memory_for_reuse(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    buf_puts(&b, "first text that is rather long");
    size_t cap = b.cap;
    char *data = b.data;
    buf_reset(&b);
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(b.cap, cap);
    buf_puts(&b, "second");
    assert_ptr_equal(b.data, data);
    assert_string_equal(buf_str(&b), "second");
    buf_free(&b);
}

/* --- arena -------------------------------------------------------------- */

static void test_arena_memory_is_zeroed_and_aligned(void **state) {
    (void)state;
    Arena a = {0};
    for (size_t size = 1; size < 200; size += 7) {
        unsigned char *p = arena_alloc(&a, size);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t i = 0; i < size; i++) assert_int_equal(p[i], 0);
        memset(p, 0xAB, size);
    }
    arena_free(&a);
    assert_null(a.head);
}

static void test_arena_keeps_earlier_allocations_across_blocks(void **state) {
    (void)state;
    Arena a = {0};
    char *s[2000];
    for (int i = 0; i < 2000; i++) s[i] = arena_printf(&a, "item-%04d", i); /* far more than one block */
    for (int i = 0; i < 2000; i++) {
        char expected[32];
        snprintf(expected, sizeof expected, "item-%04d", i);
        assert_string_equal(s[i], expected);
    }
    arena_free(&a);
}

static void test_arena_gives_large_allocations_their_own_block(void **state) {
    (void)state;
    Arena a = {0};
    char *small1 = arena_strdup(&a, "before");
    size_t n = 1024 * 1024;
    unsigned char *big = arena_alloc(&a, n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i += 4096) assert_int_equal(big[i], 0);
    memset(big, 1, n);
    char *small2 = arena_strdup(&a, "after");
    assert_string_equal(small1, "before");
    assert_string_equal(small2, "after");
    /* the small ones share the first block: the big one did not end it */
    assert_true(small2 > small1 && small2 - small1 < 16 * 1024);
    arena_free(&a);
}

static void test_arena_large_allocation_as_first_one(void **state) {
    (void)state;
    Arena a = {0};
    unsigned char *big = arena_alloc(&a, 100000);
    memset(big, 2, 100000);
    char *s = arena_strdup(&a, "next");
    assert_string_equal(s, "next");
    assert_int_equal(big[99999], 2);
    arena_free(&a);
}

static void test_arena_string_copies(void **state) {
    (void)state;
    Arena a = {0};
    assert_null(arena_strdup(&a, NULL));
    assert_null(arena_strndup(&a, NULL, 3));
    assert_string_equal(arena_strdup(&a, ""), "");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(&a, "%s-%d", "x", 7), "x-7");
    arena_free(&a);
}

static void test_arena_grow_doubles_and_keeps_elements(void **state) {
    (void)state;
    Arena a = {0};
    long long *v = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 5000; i++) {
        v = arena_grow(&a, v, i, &cap, sizeof *v);
        assert_non_null(v);
        assert_true(cap > i);
        v[i] = (long long)i * 3;
    }
    for (size_t i = 0; i < 5000; i++) assert_int_equal(v[i], (long long)i * 3);
    arena_free(&a);
}

static void test_arena_grow_starts_at_eight_and_reuses_room_left(void **state) {
    (void)state;
    Arena a = {0};
    size_t cap = 0;
    int *v = arena_grow(&a, NULL, 0, &cap, sizeof *v);
    assert_int_equal(cap, 8);
    int *same = arena_grow(&a, v, 7, &cap, sizeof *v);
    assert_ptr_equal(same, v);
    assert_int_equal(cap, 8);
    int *bigger = arena_grow(&a, v, 8, &cap, sizeof *v);
    assert_ptr_not_equal(bigger, v);
    assert_int_equal(cap, 16);
    arena_free(&a);
}

static void test_arena_is_reusable_after_free(void **state) {
    (void)state;
    Arena a = {0};
    arena_strdup(&a, "one");
    arena_free(&a);
    assert_string_equal(arena_strdup(&a, "two"), "two");
    arena_free(&a);
    arena_free(&a);
}

static void test_arena_refuses_impossible_sizes(void **state) {
    (void)state;
    /* "NULL on out of memory": a size that wraps around when rounded up to
     * 16, or an element count times size that overflows, must not come
     * back as a tiny valid block the caller would then overrun. (Sizes are
     * chosen so that the wrong answer is harmless here: nothing is written.) */
    Arena a = {0};
    void *wrapped = arena_alloc(&a, SIZE_MAX - 7);
    size_t cap = (size_t)1 << 59;
    void *grown = arena_grow(&a, NULL, cap, &cap, 32); /* 2^60 elements of 32 bytes */
    arena_free(&a);
    assert_null(wrapped);
    assert_null(grown);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_buffer_reads_as_empty_string),
        cmocka_unit_test(test_buffer_grows_byte_by_byte_and_stays_terminated),
        cmocka_unit_test(test_buffer_takes_one_large_append),
        cmocka_unit_test(test_buffer_keeps_embedded_nul_bytes),
        cmocka_unit_test(test_buffer_printf_appends_formatted_text),
        cmocka_unit_test(test_buffer_take_hands_over_the_memory),
        cmocka_unit_test(test_buffer_reset_keeps_memory_for_reuse),
        cmocka_unit_test(test_arena_memory_is_zeroed_and_aligned),
        cmocka_unit_test(test_arena_keeps_earlier_allocations_across_blocks),
        cmocka_unit_test(test_arena_gives_large_allocations_their_own_block),
        cmocka_unit_test(test_arena_large_allocation_as_first_one),
        cmocka_unit_test(test_arena_string_copies),
        cmocka_unit_test(test_arena_grow_doubles_and_keeps_elements),
        cmocka_unit_test(test_arena_grow_starts_at_eight_and_reuses_room_left),
        cmocka_unit_test(test_arena_is_reusable_after_free),
        cmocka_unit_test(test_arena_refuses_impossible_sizes),
    };
    return cmocka_run_group_tests_name("buffer and arena", tests, NULL, NULL);
}
