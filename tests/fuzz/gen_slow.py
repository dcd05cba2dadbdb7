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

# ---- inputs of the other commands (graph, report) ----


def w3():
    return ''.join(rnd.choice('bcdfghklmnprstvz') + rnd.choice('aeiou') for _ in range(3)).capitalize()


# `extract` then `graph`: 520 nested "of the X Committee" (12 KB) make a
# 13 MB JSON line nested deeper than cJSON reads back; `build` of it takes a minute
with open(os.path.join(out, 'of_chain_520.txt'), 'w') as f:
    f.write('Council' + ''.join(' of the %s Committee' % w3() for _ in range(n(520))) + '.\n')


def graphml(path, n_keys, n_nodes):
    with open(path, 'w') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for i in range(n_keys):
            f.write('<key id="m%d" for="node" attr.name="m%d" attr.type="double"/>\n' % (i, i))
        f.write('<graph id="G" edgedefault="undirected">\n')
        for i in range(n_nodes):
            f.write('<node id="n%d"/>\n' % i)
        f.write('</graph></graphml>\n')


# `report`: node ids go through eg_map (a libxml2 hash that never grows)
graphml(os.path.join(out, 'nodes_300k.graphml'), 0, n(300000))
# `report`: every numeric key is a metric array as long as the node array
graphml(os.path.join(out, 'keys_2000_nodes_50k.graphml'), n(2000), n(50000))
graphml(os.path.join(out, 'keys_20k.graphml'), n(20000), 10)

import json  # noqa: E402


def doc_line(i, mentions):
    return json.dumps({'doc': 'd%d' % i, 'title': None, 'date': None, 'sentences': [],
                       'mentions': mentions, 'relations': []}) + '\n'


# `graph`: one body whose name has many " of ": rule_head_part claims every prefix
name = ' of '.join(['ab'] * n(3333))
with open(os.path.join(out, 'head_part_20k.jsonl'), 'w') as f:
    f.write(doc_line(0, [{'start': 0, 'end': len(name), 'type': 'body', 'text': name,
                          'entity': name, 'form': 'name', 'sentence': 0}]))
# `graph`: 100,000 documents naming 100,000 different people
with open(os.path.join(out, 'unique_people_100k.jsonl'), 'w') as f:
    for i in range(n(100000)):
        p = 'Person%d Smith' % i
        f.write(doc_line(i, [{'start': 0, 'end': len(p), 'type': 'person', 'text': p,
                              'entity': p, 'form': 'name', 'sentence': 0}]))
