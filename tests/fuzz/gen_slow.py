#!/usr/bin/env python3
"""Writes inputs that stress the extractor's worst cases into DIR (default
/tmp/fuzz/slow), one file per case; time them with
`time build/entigraph extract DIR/NAME.txt > /dev/null`.

  gen_slow.py [DIR] [SCALE]    SCALE multiplies every size (default 1)
"""
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/fuzz/slow'
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(out, exist_ok=True)
rnd = random.Random(1)


def n(x):
    return max(1, int(x * scale))


def word(cap=True):
    w = ''.join(rnd.choice('bcdfghklmnprstvz') + rnd.choice('aeiou') for _ in range(rnd.randint(2, 4)))
    return w.capitalize() if cap else w


cases = {
    # one huge line of capitalised words
    'caps_10k': ' '.join(word() for _ in range(n(10000))) + '\n',
    # the same, separated by commas: many separate untyped names
    'caps_commas_10k': ', '.join(word() for _ in range(n(10000))) + '.\n',
    # two-word unknown names separated by "and": name-like chunks
    'names_and_5k': ' and '.join(word() + ' ' + word() for _ in range(n(5000))) + ' said.\n',
    'parens_100k': '(' * n(100000) + '\n',
    'parens_words_20k': ' '.join('(' + word() for _ in range(n(20000))) + '\n',
    'nospace_1m': ''.join(rnd.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(n(1000000))) + '\n',
    'dots_1m': 'A.' * n(500000) + '\n',
    'nested_of_2k': 'The ' + ' of the '.join('Ministry of ' + word() for _ in range(n(2000))) + ' met.\n',
    'of_chain_5k': 'Council ' + ' '.join('of the ' + word() + ' Committee' for _ in range(n(5000))) + '.\n',
    'countries_50k_one_sentence': ', '.join(rnd.choice(['Russia', 'Belarus', 'Kazakhstan', 'Armenia', 'France', 'China']) for _ in range(n(50000))) + '.\n',
    'mentions_50k_sentences': ' '.join(rnd.choice(['Russia', 'Belarus', 'Kazakhstan', 'Armenia', 'France', 'China']) + ' met.' for _ in range(n(50000))) + '\n',
    'ministries_20k': ' '.join('Ministry of Defence of ' + rnd.choice(['Russia', 'Belarus', 'Armenia']) + '.' for _ in range(n(20000))) + '\n',
    'ministries_one_sentence_10k': ', '.join('Ministry of Defence of ' + rnd.choice(['Russia', 'Belarus', 'Armenia']) for _ in range(n(10000))) + '.\n',
    'persons_titles_10k': ' '.join('Mr %s %s, Minister of Foreign Affairs of %s, said.' % (word(), word(), rnd.choice(['Russia', 'Belarus', 'Armenia'])) for _ in range(n(10000))) + '\n',
    'titles_names_one_line_10k': ', '.join('chairman %s %s' % (word(), word()) for _ in range(n(10000))) + '\n',
    'acronyms_10k': ' '.join('The %s %s Organization (%s) met.' % (word(), word(), ''.join(rnd.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(3))) for _ in range(n(10000))) + '\n',
    'sports_10k': 'cricket match innings wicket bowler. ' + ' '.join('%s beat %s %d.' % (word(), word(), rnd.randint(10, 300)) for _ in range(n(10000))) + '\n',
    'lines_100k': '\n'.join(word() + ' ' + word() for _ in range(n(100000))) + '\n',
    'dates_100k': ' '.join('%d December 20%02d' % (rnd.randint(1, 28), rnd.randint(0, 99)) for _ in range(n(100000))) + '\n',
    'digits_1m': '1' * n(1000000) + '\n',
    'said_surnames_10k': ' '.join('%s said.' % word() for _ in range(n(10000))) + '\n',
}
for name, text in cases.items():
    if not text:
        continue
    with open(os.path.join(out, name + '.txt'), 'w', encoding='utf-8') as f:
        f.write(text)
with open(os.path.join(out, 'invalid_1m.txt'), 'wb') as f:
    f.write(b'A\xff' * n(500000) + b'\n')
# one document with a title-like head, then names: possessives and apostrophes
with open(os.path.join(out, 'possessive_20k.txt'), 'w', encoding='utf-8') as f:
    f.write(' '.join("%s\u2019s %s" % (word(), word()) for _ in range(n(20000))) + '\n')
print(out)
