#!/usr/bin/env python3
"""extract.py FILE WRAP PREFIX: moves the prose of FILE's messages into the
catalog. Every fmt.Sprintf("prose", args…), every Title/title/msg value and
every message argument of add/addField/fail that is a string literal or a
concatenation starting with one becomes WRAP("key", args…); the English text
is printed as Python tuples (key, en) for the catalog. One-off tool used to
move the first messages (the catalog is edited by hand afterwards)."""
import re, sys, json

path, wrap, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
src = open(path).read()

def scan_string(s, i):
    q = s[i]
    j = i + 1
    if q == '`':
        j = s.index('`', j)
        return j + 1
    while s[j] != q:
        if s[j] == '\\':
            j += 1
        j += 1
    return j + 1

def scan_expr(s, i):
    """end of the expression starting at i: stops at , ) } or newline-terminated
    statement at depth 0."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c in '"`\'':
            j = scan_string(s, j)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                return j
            depth -= 1
        elif c == ',' and depth == 0:
            return j
        elif c == '\n' and depth == 0 and not s[:j].rstrip().endswith(('+', ',', '(')):
            return j
        j += 1
    return j

def scan_close(s, i):
    """the index of the ) that closes the call whose arguments start at i."""
    while True:
        i = scan_expr(s, i)
        if s[i] == ')':
            return i
        i += 1

def split_args(s):
    args, i = [], 0
    while i < len(s):
        while i < len(s) and s[i] in ' \t\n,':
            i += 1
        if i >= len(s):
            break
        e = scan_expr(s, i)
        args.append(s[i:e].strip())
        i = e
    return args

def golit(lit):
    if lit[0] == '`':
        return lit[1:-1]
    return json.loads(lit.replace("\\'", "'")) if '\\x' not in lit else eval(lit)

def concat_parts(expr):
    """split a + b + c at depth 0."""
    parts, depth, j, start = [], 0, 0, 0
    while j < len(expr):
        c = expr[j]
        if c in '"`\'':
            j = scan_string(expr, j)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == '+' and depth == 0:
            parts.append(expr[start:j].strip())
            start = j + 1
        j += 1
    parts.append(expr[start:].strip())
    return parts

prose = re.compile(r'[A-Za-z]{2,}[ ,;:][^%]*?[A-Za-z]|^[A-Z][a-z]+ ')
import os
EXCLUDE = re.compile(os.environ.get('EXCLUDE', '^$'))
def is_prose(text):
    if os.environ.get('SENTENCES') and not EXCLUDE.search(text):
        return '\n' not in text and prose.search(text) is not None
    if text.endswith('.'):
        return False  # ASMX's own texts (faultstrings, XmlException messages) are protocol data
    return not text.startswith((' ', '>')) and '\n' not in text and prose.search(text) is not None

out = []
used = {}
callre = re.compile(r'(?:add|addField|fail)\((?:\w+, )?"([a-z0-9-]+)"')
bytext = {}
def keyfor(pos, text):
    if text not in bytext:
        bytext[text] = newkey(pos)
        out.append((bytext[text], text))
    return bytext[text]

def newkey(pos):
    # the code of the add/fail around pos, else of the next one after pos
    code = None
    for m in callre.finditer(src, max(0, pos - 400), pos):
        if scan_close(src, m.end()) >= pos:
            code = m.group(1)
    if code is None:
        m = callre.search(src, pos)
        code = m.group(1) if m and m.start() - pos < 1500 else 'msg'
    base = prefix + code
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f'{base}.{used[base]}'

def convert(expr, pos):
    """expr is Sprintf(...) or a concat; returns the replacement or None."""
    expr = expr.strip()
    if expr.startswith('fmt.Sprintf('):
        inner = expr[len('fmt.Sprintf('):-1]
        args = split_args(inner)
        if not args[0].startswith(('"', '`')):
            return None
        text = golit(args[0])
        if not is_prose(text):
            return None
        k = keyfor(pos, text)
        return f'{wrap}({json.dumps(k)}' + ''.join(', ' + a for a in args[1:]) + ')'
    parts = concat_parts(expr)
    if not parts[0].startswith(('"', '`')):
        return None
    text, args = '', []
    for p in parts:
        if p.startswith(('"', '`')) and scan_string(p, 0) == len(p):
            text += golit(p).replace('%', '%%')
        else:
            text += '%s'
            args.append(p)
    if not is_prose(text):
        return None
    k = keyfor(pos, text)
    return f'{wrap}({json.dumps(k)}' + ''.join(', ' + a for a in args) + ')'

edits = []  # (start, end, new)
def covered(a, b):
    return any(s <= a < e or s < b <= e for s, e, _ in edits)

# message positions: add/addField 4th arg, fail 2nd arg
for m in re.finditer(r'\b(c\.add|c\.addField|fail)\(', src):
    start = m.end()
    end = scan_close(src, start)
    args = []
    i = start
    while i < end:
        while src[i] in ' \t\n,':
            i += 1
        if i >= end:
            break
        e = scan_expr(src, i)
        args.append((i, e))
        i = e
    n = 3 if m.group(1) != 'fail' else 1
    if len(args) > n:
        a, b = args[n]
        new = convert(src[a:b], a)
        if new:
            edits.append((a, b, new))
for m in re.finditer(r'(Title: |title :?= |\.Title = |msg :?= |what = |wrap := |skip := |\b[\w.]+ (?::=|=|\+=) |\breturn |Explain: )', src):
    a = m.end()
    b = scan_expr(src, a)
    if covered(a, b):
        continue
    new = convert(src[a:b], a)
    if new:
        edits.append((a, b, new))
for m in re.finditer(r'fmt\.Sprintf\(', src):
    a = m.start()
    b = scan_close(src, m.end()) + 1
    if covered(a, b):
        continue
    new = convert(src[a:b], a)
    if new:
        edits.append((a, b, new))
edits.sort()
res, last = [], 0
for a, b, new in edits:
    if a < last:
        continue
    res.append(src[last:a]); res.append(new); last = b
res.append(src[last:])
open(path, 'w').write(''.join(res))
for k, t in sorted(out):
    print(f'({json.dumps(k)}, {json.dumps(t, ensure_ascii=False)}, ""),')
