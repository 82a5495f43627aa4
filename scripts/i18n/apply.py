# apply.py FILE.py: edits listed in FILE.py (E = [(path, old, new)], C = [(key, en, pt)])
# are applied to the tree and the entries appended to wasm/msg/en.go and ptbr.go.
import sys, json, re
ns = {}
exec(open(sys.argv[1]).read(), ns)
for path, old, new in ns.get('E', []):
    s = open(path).read()
    n = s.count(old)
    if n != 1:
        sys.exit(f"{path}: {n} matches for {old[:80]!r}")
    open(path, 'w').write(s.replace(old, new))
def gostr(s):
    return json.dumps(s, ensure_ascii=False).replace('\\u2019', '’')
for f, idx in (('wasm/msg/en.go', 1), ('wasm/msg/ptbr.go', 2)):
    s = open(f).read()
    lines = ''.join(f'\t{gostr(c[0])}: {gostr(c[idx])},\n' for c in ns.get('C', []))
    i = s.rindex('}')
    open(f, 'w').write(s[:i] + lines + s[i:])
