#!/usr/bin/env python3
"""Turns a moscan pattern set into SQLite LIKE / GLOB tests, for peer_sqlite.sh.

    like_terms.py patterns/foi_platforms.pat COLUMN   ->  one line per platform:
    platform_id<TAB>SQL boolean expression over COLUMN

Each pattern is expanded into the literal strings it matches (the subset of regex syntax the
bundled set uses: literals, '?', (?:a|b), [abc], [ -]); terms that contain a shorter term of the
same platform are dropped, since '%term%' already finds them. Caseless patterns become
COLUMN LIKE '%term%' (ASCII case-insensitive), {case} ones COLUMN GLOB '*term*'. Exclude
patterns become AND NOT (...): a text naming a false friend anywhere loses the platform.
What this cannot say: word boundaries ('%insta%' finds "instant", '*IG*' finds "SIGN"),
and "a match that overlaps the false friend" (moscan drops only that match).
"""
import sys


class Expand:
    def __init__(self, s):
        self.s, self.i = s, 0

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else None

    def alt(self):
        out = self.seq()
        while self.peek() == "|":
            self.i += 1
            out |= self.seq()
        return out

    def seq(self):
        out = {""}
        while self.peek() not in (None, "|", ")"):
            atom = self.atom()
            if self.peek() == "?":
                self.i += 1
                atom = atom | {""}
            out = {a + b for a in out for b in atom}
            if len(out) > 10000:
                raise ValueError("pattern expands to too many strings")
        return out

    def atom(self):
        c = self.s[self.i]
        if c == "(":
            if self.s.startswith("(?:", self.i):
                self.i += 3
            else:
                self.i += 1
            inner = self.alt()
            if self.peek() != ")":
                raise ValueError("unbalanced group")
            self.i += 1
            return inner
        if c == "[":
            close = self.s.index("]", self.i + 1)
            body = self.s[self.i + 1:close]
            self.i = close + 1
            chars = set()
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == "-":
                    chars |= {chr(x) for x in range(ord(body[k]), ord(body[k + 2]) + 1)}
                    k += 3
                else:
                    chars.add(body[k])
                    k += 1
            return chars
        if c == "\\":
            self.i += 2
            e = self.s[self.i - 1]
            if e.isalnum():
                raise ValueError(f"escape \\{e} has no literal expansion")
            return {e}
        if c in "*+{.^$":
            raise ValueError(f"'{c}' has no finite literal expansion")
        self.i += 1
        return {c}


def expand(expr):
    e = Expand(expr)
    out = e.alt()
    if e.i != len(expr):
        raise ValueError("trailing text")
    return out


def minimal(terms):
    terms = sorted(set(terms), key=lambda t: (len(t), t))
    keep = []
    for t in terms:
        if not any(k in t for k in keep):
            keep.append(t)
    return keep


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def like_escape(s):
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def glob_escape(s):
    return "".join(f"[{c}]" if c in "*?[" else c for c in s)


def tests(pats, col):
    caseless = minimal(t.lower() for e, ci, _ in pats if ci for t in expand(e))
    cased = minimal(t for e, ci, _ in pats if not ci for t in expand(e))
    parts = [f"{col} LIKE {sql_str('%' + like_escape(t) + '%')}"
             + (" ESCAPE '\\'" if like_escape(t) != t else "") for t in caseless]
    parts += [f"{col} GLOB {sql_str('*' + glob_escape(t) + '*')}" for t in cased]
    return parts


def main():
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from peer_python import read_patterns  # the same .pat reader as the Python peer

    path, col = sys.argv[1], sys.argv[2]
    for pid, include, exclude in read_patterns(path):
        expr = "(" + " OR ".join(tests(include, col)) + ")"
        if exclude:
            expr += " AND NOT (" + " OR ".join(tests(exclude, col)) + ")"
        print(f"{pid}\t{expr}")


if __name__ == "__main__":
    main()
