"""Reversible encodings applied by build_v3.py to hand-written payloads.

Every encoding is a pair (encode, decode) with decode(encode(p)) == p for the payloads it is used on; build_v3.py
checks that for every encoded item (attack and benign alike), so no label rests on an encoding that silently lost
its payload. A few basic encodings are adapted from v2's transforms.py (which holds no evaluation texts); most
are new in v3: double encoding, unpadded and line-split base64, `\\x` hex and octal escapes, IDNA/punycode labels,
mixed zero-width + homoglyph, upside-down text, emoji and enclosed letters, mathematical bold, Braille, Atbash,
ROT47, base85, quoted-printable, uuencode, and instructions split across nested JSON keys or JSON fields.
"""
import base64
import binascii
import codecs
import json
import quopri
import re
import urllib.parse

ZW_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060")
HOMOGLYPHS = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440", "x": "\u0445",
              "y": "\u0443", "i": "\u0456", "s": "\u0455", "j": "\u0458", "h": "\u04bb",
              "A": "\u0410", "B": "\u0412", "E": "\u0415", "H": "\u041d", "K": "\u041a", "M": "\u041c",
              "O": "\u041e", "P": "\u0420", "T": "\u0422", "X": "\u0425"}
UPSIDE = dict(zip("abcdefghijklmnopqrstuvwxyz.?!,'",
                  "\u0250q\u0254p\u01dd\u025f\u0183\u0265\u1d09\u027e\u029el\u026fuodb\u0279s\u0287n\u028c\u028dx\u028ez"
                  "\u02d9\u00bf\u00a1'\u002c"))
BRAILLE = dict(zip("abcdefghijklmnopqrstuvwxyz",
                   "\u2801\u2803\u2809\u2819\u2811\u280b\u281b\u2813\u280a\u281a\u2805\u2807\u280d\u281d\u2815"
                   "\u280f\u281f\u2817\u280e\u281e\u2825\u2827\u283a\u282d\u283d\u2835"))


def _inverse(table):
    back = {v: k for k, v in table.items()}
    assert len(back) == len(table), "mapping is not invertible"
    return back


def _map(table, s): return "".join(table.get(c, c) for c in s)


def _b64(b): return base64.b64encode(b).decode()
def _double(p): return _b64(urllib.parse.quote(p, safe="").encode())
def _undouble(s): return urllib.parse.unquote(base64.b64decode(s).decode())
def _nopad(p): return _b64(p.encode()).rstrip("=")
def _unnopad(s): return base64.b64decode(s + "=" * (-len(s) % 4)).decode()
def _lines(p): s = _b64(p.encode()); return "\n".join(s[i:i + 24] for i in range(0, len(s), 24))
def _unlines(s): return base64.b64decode(s.replace("\n", "")).decode()
def _hexx(p): return "".join(f"\\x{b:02x}" for b in p.encode())
def _unhexx(s): return bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-f]{2})", s)).decode()
def _octal(p): return "".join(f"\\{b:03o}" for b in p.encode())
def _unoctal(s): return bytes(int(o, 8) for o in re.findall(r"\\([0-7]{3})", s)).decode()
def _idna(p): return ".".join("xn--" + codecs.encode(w, "punycode").decode() if not w.isascii() else w for w in p.split(" "))
def _unidna(s): return " ".join(codecs.decode(w[4:].encode(), "punycode") if w.startswith("xn--") else w for w in s.split("."))
def _zwhomo(p):
    out = []
    for i, c in enumerate(p):
        out.append(HOMOGLYPHS.get(c, c))
        if i % 2 == 0: out.append(ZW_CHARS[i // 2 % len(ZW_CHARS)])
    return "".join(out)
def _unzwhomo(s): return _map(_inverse(HOMOGLYPHS), "".join(c for c in s if c not in ZW_CHARS))
def _upside(p): return _map(UPSIDE, p)[::-1]
def _unupside(s): return _map(_inverse(UPSIDE), s[::-1])
def _letters(p, base): return "   ".join(" ".join(chr(base + ord(c) - 97) for c in w) for w in p.split(" "))
def _unletters(s, base): return " ".join("".join(chr(ord(c) - base + 97) for c in w.split(" ")) for w in s.split("   "))
def _circled(p): return "".join(chr(0x24D0 + ord(c) - 97) if "a" <= c <= "z" else c for c in p)
def _uncircled(s): return "".join(chr(ord(c) - 0x24D0 + 97) if "\u24d0" <= c <= "\u24e9" else c for c in s)
def _mathbold(p):
    return "".join(chr(0x1D41A + ord(c) - 97) if "a" <= c <= "z" else chr(0x1D400 + ord(c) - 65) if "A" <= c <= "Z" else c for c in p)
def _unmathbold(s):
    return "".join(chr(ord(c) - 0x1D41A + 97) if 0x1D41A <= ord(c) <= 0x1D433 else chr(ord(c) - 0x1D400 + 65) if 0x1D400 <= ord(c) <= 0x1D419 else c for c in s)
def _atbash(p):
    return "".join(chr(219 - ord(c)) if "a" <= c <= "z" else chr(155 - ord(c)) if "A" <= c <= "Z" else c for c in p)
def _rot47(p): return "".join(chr(33 + (ord(c) - 33 + 47) % 94) if "!" <= c <= "~" else c for c in p)
def _b85(p): return base64.b85encode(p.encode()).decode()
def _qp(p): return quopri.encodestring(p.encode()).decode()
def _unqp(s): return quopri.decodestring(s.encode()).decode()
def _uu(p):
    b = p.encode()
    return "".join(binascii.b2a_uu(b[i:i + 45]).decode() for i in range(0, len(b), 45)).rstrip("\n")
def _unuu(s): return b"".join(binascii.a2b_uu(line) for line in s.split("\n")).decode()
def _nested(p):
    node = None
    for w in reversed(p.split(" ")): node = {w: node}
    return json.dumps(node, ensure_ascii=False)
def _unnested(s):
    node, words = json.loads(s), []
    while node:
        (k, v), = node.items(); words.append(k); node = v
    return " ".join(words)
def _fields(p):
    w = p.split(" "); n = -(-len(w) // 3)
    return json.dumps({f"part_{i + 1}": " ".join(w[i * n:(i + 1) * n]) for i in range(3)}, ensure_ascii=False)
def _unfields(s): return " ".join(v for _, v in sorted(json.loads(s).items()) if v)
def _hexwords(p): return " ".join(w.encode().hex() for w in p.split(" "))
def _unhexwords(s): return " ".join(bytes.fromhex(w).decode() for w in s.split(" "))
def _revwords(p): return " ".join(w[::-1] for w in p.split(" "))


ENCODINGS = {
    "base64-of-url-encoding": (_double, _undouble),
    "base64-unpadded": (_nopad, _unnopad),
    "base64-split-lines": (_lines, _unlines),
    "hex-backslash-x": (_hexx, _unhexx),
    "octal-escapes": (_octal, _unoctal),
    "idna-punycode": (_idna, _unidna),
    "zero-width-plus-homoglyphs": (_zwhomo, _unzwhomo),
    "upside-down": (_upside, _unupside),
    "regional-indicator-letters": (lambda p: _letters(p, 0x1F1E6), lambda s: _unletters(s, 0x1F1E6)),
    "negative-squared-letters": (lambda p: _letters(p, 0x1F170), lambda s: _unletters(s, 0x1F170)),
    "circled-letters": (_circled, _uncircled),
    "math-bold": (_mathbold, _unmathbold),
    "braille": (lambda p: _map(BRAILLE, p), lambda s: _map(_inverse(BRAILLE), s)),
    "atbash": (_atbash, _atbash),
    "rot47": (_rot47, _rot47),
    "base85": (_b85, lambda s: base64.b85decode(s).decode()),
    "quoted-printable": (_qp, _unqp),
    "uuencode": (_uu, _unuu),
    "json-nested-keys": (_nested, _unnested),
    "json-split-fields": (_fields, _unfields),
    "hex-per-word": (_hexwords, _unhexwords),
    "letters-reversed-per-word": (_revwords, _revwords),
    "base64": (lambda p: _b64(p.encode()), lambda s: base64.b64decode(s).decode()),
    "url-encoding": (lambda p: urllib.parse.quote(p, safe=""), urllib.parse.unquote),
}


def encode(name, payload):
    return ENCODINGS[name][0](payload)


def decode(name, encoded):
    return ENCODINGS[name][1](encoded)
