#!/usr/bin/env python3
"""Writes a 2.4 MB document, one name of 100,000 nested "of the X Committee"
complements: parse_name -> body_complements -> parse_name recurses once per
complement (extract/eg_ner.c) and overflows an 8 MB stack at about 40,000.

  python3 extract-of-chain-stack-overflow.py > /tmp/deep.txt
  build/entigraph extract /tmp/deep.txt      # SIGSEGV
"""
import random
import sys

r = random.Random(3)


def word():
    return ''.join(r.choice('bcdfghklmnprstvz') + r.choice('aeiou') for _ in range(3)).capitalize()


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
sys.stdout.write('Council' + ''.join(' of the %s Committee' % word() for _ in range(n)) + '.\n')
