#include "eg_hash.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a alone leaves the low bits, which pick the slot, poorly mixed for
 * short keys: its result goes through eg_hash_mix. */
static uint64_t mix(uint64_t x)
{
    return eg_hash_mix(x);
}

uint64_t eg_hash_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    return mix(h ^ len);
}

uint64_t eg_hash_str(uint64_t h, const char *s)
{
    return eg_hash_bytes(h, s, strlen(s));
}


void eg_u64map_init(eg_u64map *m)
{
    memset(m, 0, sizeof *m);
}

void eg_u64map_release(eg_u64map *m)
{
    if (!m)
        return;
    free(m->slots);
    eg_u64map_init(m);
}

void eg_u64map_clear(eg_u64map *m)
{
    if (m->cap)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->n = 0;
    m->has_zero = false;
}

/* The slot of key (nonzero): where it is, or the empty slot where it goes.
 * Keys are hashes already; mixing them once more costs little and keeps
 * keys that are not (small numbers) spread. */
static size_t find(const eg_u64map *m, uint64_t key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)mix(key) & mask;
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static eg_status grow(eg_u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    if (cap < m->cap)
        return EG_ENOMEM;
    eg_u64map bigger = {0};
    bigger.slots = calloc(cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return EG_ENOMEM;
    bigger.cap = cap;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        bigger.slots[find(&bigger, m->slots[i].key)] = m->slots[i];
    }
    free(m->slots);
    m->slots = bigger.slots;
    m->cap = cap;
    return EG_OK;
}

size_t *eg_u64map_slot(eg_u64map *m, uint64_t key, size_t init)
{
    if (key == 0) {
        if (!m->has_zero) {
            m->has_zero = true;
            m->zero_value = init;
        }
        return &m->zero_value;
    }
    if ((m->n + 1) * 2 > m->cap && grow(m) != EG_OK)
        return NULL;
    size_t i = find(m, key);
    if (!m->slots[i].key) {
        m->slots[i].key = key;
        m->slots[i].value = init;
        m->n++;
    }
    return &m->slots[i].value;
}

eg_status eg_u64map_put(eg_u64map *m, uint64_t key, size_t value)
{
    size_t *slot = eg_u64map_slot(m, key, value);
    if (!slot)
        return EG_ENOMEM;
    *slot = value;
    return EG_OK;
}

size_t eg_u64map_get(const eg_u64map *m, uint64_t key)
{
    if (key == 0)
        return m->has_zero ? m->zero_value : EG_NONE;
    if (!m->cap)
        return EG_NONE;
    size_t i = find(m, key);
    return m->slots[i].key ? m->slots[i].value : EG_NONE;
}
