/* unit: what every cmocka test file of Alliance includes. cmocka needs
 * these system headers before its own. Each tests/unit/test_<name>.c is
 * built by the Makefile into build/asan/tests/test_<name> (ASan + UBSan),
 * linked with every object of src/ except main.c and the embedded files. */
#ifndef ALLIANCE_UNIT_H
#define ALLIANCE_UNIT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
