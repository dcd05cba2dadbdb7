/*
 * tap.h - a tiny TAP producer for the unit tests (meson runs them with
 * protocol: 'tap'). Each check prints "ok N - what" or "not ok N - what" with
 * the values it compared; tap_done() prints the plan and returns the exit code.
 */
#ifndef EG_TAP_H
#define EG_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline int tap_ok(int cond, const char *what)
{
    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%s %d - %s\n", cond ? "ok" : "not ok", tap_count, what);
    return cond;
}

static inline int tap_int(long long got, long long want, const char *what)
{
    int ok = tap_ok(got == want, what);
    if (!ok)
        printf("#   got %lld, want %lld\n", got, want);
    return ok;
}

static inline int tap_str(const char *got, const char *want, const char *what)
{
    int ok = tap_ok(got && want ? strcmp(got, want) == 0 : got == want, what);
    if (!ok)
        printf("#   got \"%s\", want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
    return ok;
}

static inline int tap_near(double got, double want, double tol, const char *what)
{
    double d = got - want;
    int ok = tap_ok(d <= tol && d >= -tol, what);
    if (!ok)
        printf("#   got %.9g, want %.9g (tolerance %g)\n", got, want, tol);
    return ok;
}

/* A known failure, written down rather than hidden: "not ok N - what # TODO
 * why" does not fail the run (TAP's TODO directive), and meson reports the
 * day it passes. */
static inline int tap_todo(int cond, const char *what, const char *why)
{
    tap_count++;
    printf("%s %d - %s # TODO %s\n", cond ? "ok" : "not ok", tap_count, what, why);
    return cond;
}

static inline void tap_diag(const char *msg)
{
    printf("# %s\n", msg);
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
