/*
 * eg_hash.h - 64-bit hashes of bytes, and a map from such hashes to indexes.
 *
 * The tagger turns every feature of a word ("the word before is 'said'") into
 * a 64-bit hash and looks its weights up by that hash, tens of times per word:
 * eg_map (libxml2's table, keyed by strings) would copy and compare strings at
 * each look-up and stops growing at 16,384 buckets. eg_u64map stores only the
 * hashes, in one open-addressing array that doubles at a load of one half.
 * Two different features with the same 64-bit hash are one feature: with a
 * million features the chance of any such pair is below 1e-7.
 */
#ifndef EG_HASH_H
#define EG_HASH_H

#include "eg_base.h"

#include <stdint.h>

/* Hash of len bytes, continuing from seed h (start with EG_HASH_SEED). Stable
 * across machines and runs: models store these values. */
#define EG_HASH_SEED UINT64_C(14695981039346656037)
uint64_t eg_hash_bytes(uint64_t h, const void *data, size_t len);
/* Hash of a NUL-terminated string, continuing from h. */
uint64_t eg_hash_str(uint64_t h, const char *s);
/* splitmix64's finaliser: every bit of x moves every bit of the result. */
static inline uint64_t eg_hash_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

/* Mixes a number into h (inline: the tagger calls it for every feature). */
static inline uint64_t eg_hash_u64(uint64_t h, uint64_t v)
{
    return eg_hash_mix(h * UINT64_C(0x9e3779b97f4a7c15) + v);
}

/* Map from 64-bit keys to size_t values. Key 0 is kept aside internally, so
 * any key may be stored. */
typedef struct eg_u64slot {
    uint64_t key;   /* 0: empty */
    size_t value;
} eg_u64slot;

typedef struct eg_u64map {
    eg_u64slot *slots; /* key and value side by side: one cache line a probe */
    size_t cap;     /* a power of two, or 0 */
    size_t n;       /* keys stored */
    bool has_zero;  /* key 0 stored, with value zero_value */
    size_t zero_value;
} eg_u64map;

void eg_u64map_init(eg_u64map *m);
void eg_u64map_release(eg_u64map *m);
/* Removes every key, keeping the storage. */
void eg_u64map_clear(eg_u64map *m);
/* Inserts or replaces. */
eg_status eg_u64map_put(eg_u64map *m, uint64_t key, size_t value);
/* The value of key, or EG_NONE. */
size_t eg_u64map_get(const eg_u64map *m, uint64_t key);
/* The value slot of key, inserting it with value `init` when absent; NULL
 * when out of memory. The pointer is valid until the next insertion. */
size_t *eg_u64map_slot(eg_u64map *m, uint64_t key, size_t init);

#endif
