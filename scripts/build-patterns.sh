#!/usr/bin/env bash
# Writes patterns/foi_platforms.pat from patterns/foi_platforms.pat.in: each line
# "@VARIANTS word@" becomes the misspelling literals of `moscan patterns variants word`
# (edit distance 1, real English words of /usr/share/dict/british-english left out, one
# alternation per length), indented like the line it replaces. Then checks every example
# of the result on both engines.
#   scripts/build-patterns.sh [MOSCAN] [OUT]   MOSCAN: default build/moscan; OUT: the .pat
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/moscan}
out=${2:-patterns/foi_platforms.pat}
python3 - "$bin" patterns/foi_platforms.pat.in "$out" <<'PY'
import re, subprocess, sys
binary, src, out = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
def variants(m):
    lines = subprocess.run([binary, "patterns", "variants", m.group(2)], capture_output=True,
                           text=True, check=True).stdout.strip().split("\n")
    return m.group(1) + ("\n" + m.group(1)).join(lines)
result = re.sub(r"^( *)@VARIANTS (\w+)@", variants, text, flags=re.M)
tmp = out + ".tmp"
open(tmp, "w", encoding="utf-8").write(result)
import os; os.replace(tmp, out)
PY
"$bin" patterns check "$out"
