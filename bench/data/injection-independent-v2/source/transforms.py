"""Reversible encodings applied by build_v2.py to hand-written payloads.

Every encoding is a pair (encode, decode) with decode(encode(p)) == p for the payloads it is used on; build_v2.py
checks that for every encoded item, so a label never rests on an encoding that silently lost its payload.
Written for v2 without reference to v1's transforms.
"""
import base64
import codecs
import html
import re
import urllib.parse

ZWSP = "\u200b"
TAG_BASE = 0xE0000
COMBINING = "\u0336"

# Latin letters that have a Cyrillic or Greek look-alike; only letters whose look-alike is not itself used in the
# payloads, so the inverse map is exact.
HOMOGLYPHS = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440", "x": "\u0445",
              "y": "\u0443", "i": "\u0456", "s": "\u0455", "A": "\u0391", "B": "\u0392", "E": "\u0395",
              "H": "\u0397", "I": "\u0399", "K": "\u039a", "M": "\u039c", "O": "\u039f", "T": "\u03a4"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
NATO = ["Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo",
        "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor",
        "Whiskey", "X-ray", "Yankee", "Zulu"]
MORSE = dict(zip("abcdefghijklmnopqrstuvwxyz0123456789",
                 ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .-- -..- -.-- --.. "
                 "----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----.".split()))


def _b64(p): return base64.b64encode(p.encode()).decode()
def _unb64(s): return base64.b64decode(s).decode()
def _b32(p): return base64.b32encode(p.encode()).decode()
def _unb32(s): return base64.b32decode(s).decode()
def _hex(p): return " ".join(f"{b:02x}" for b in p.encode())
def _unhex(s): return bytes.fromhex(s.replace(" ", "")).decode()
def _url(p): return "".join(f"%{b:02X}" for b in p.encode())
def _spaced(p): return "   ".join(" ".join(w) for w in p.split(" "))
def _unspaced(s): return " ".join(w.replace(" ", "") for w in s.split("   "))
def _dotted(p): return " ".join(".".join(w) for w in p.split(" "))
def _zw(p): return ZWSP.join(p)
def _homo(p): return "".join(HOMOGLYPHS.get(c, c) for c in p)
def _unhomo(s):
    back = {v: k for k, v in HOMOGLYPHS.items()}
    return "".join(back.get(c, c) for c in s)
def _full(p): return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in p)
def _unfull(s): return "".join(" " if c == "\u3000" else chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in s)
def _rot13(p): return codecs.encode(p, "rot_13")
def _leet(p): return "".join(LEET.get(c, c) for c in p)
def _unleet(s):
    back = {v: k for k, v in LEET.items()}
    return "".join(back.get(c, c) for c in s)
def _nato(p): return " / ".join(" ".join(NATO[ord(c) - 97] for c in w) for w in p.lower().split(" "))
def _unnato(s):
    letter = {w: w[0].lower() for w in NATO}
    return " ".join("".join(letter[w] for w in g.split(" ")) for g in s.split(" / "))
def _morse(p): return " / ".join(" ".join(MORSE[c] for c in w) for w in p.lower().split(" "))
def _unmorse(s):
    back = {v: k for k, v in MORSE.items()}
    return " ".join("".join(back[m] for m in g.split(" ")) for g in s.split(" / "))
def _binary(p): return " ".join(f"{b:08b}" for b in p.encode())
def _unbinary(s): return bytes(int(b, 2) for b in s.split(" ")).decode()
def _caesar(p, k=3):
    out = []
    for c in p:
        if "a" <= c <= "z": out.append(chr((ord(c) - 97 + k) % 26 + 97))
        elif "A" <= c <= "Z": out.append(chr((ord(c) - 65 + k) % 26 + 65))
        else: out.append(c)
    return "".join(out)
def _tags(p): return "".join(chr(TAG_BASE + ord(c)) for c in p)
def _untags(s): return "".join(chr(ord(c) - TAG_BASE) for c in s)
def _comb(p): return "".join(c + COMBINING for c in p)
def _uesc(p): return "".join(f"\\u{ord(c):04x}" for c in p)
def _unuesc(s): return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), s)
def _ent(p): return "".join(f"&#{ord(c)};" for c in p)
def _codes(p): return ", ".join(str(ord(c)) for c in p)
def _uncodes(s): return "".join(chr(int(x)) for x in s.split(", "))
def _wordrev(p): return " ".join(reversed(p.split(" ")))
def _b64rev(p): return _b64(p)[::-1]
def _split(p, n=4):
    size = -(-len(p) // n)
    return "; ".join(f'p{i + 1} = "{p[i * size:(i + 1) * size]}"' for i in range(n))
def _unsplit(s): return "".join(re.findall(r'p\d+ = "(.*?)"(?:; |$)', s))


ENCODINGS = {
    "base64": (_b64, _unb64),
    "base32": (_b32, _unb32),
    "hex": (_hex, _unhex),
    "url-encoding": (_url, urllib.parse.unquote),
    "letter-spacing": (_spaced, _unspaced),
    "dotted-letters": (_dotted, lambda s: s.replace(".", "")),
    "zero-width": (_zw, lambda s: s.replace(ZWSP, "")),
    "homoglyphs": (_homo, _unhomo),
    "fullwidth": (_full, _unfull),
    "reversal": (lambda p: p[::-1], lambda s: s[::-1]),
    "rot13": (_rot13, _rot13),
    "leetspeak": (_leet, _unleet),
    "nato": (_nato, _unnato),
    "morse": (_morse, _unmorse),
    "binary": (_binary, _unbinary),
    "caesar3": (_caesar, lambda s: _caesar(s, -3)),
    "unicode-tags": (_tags, _untags),
    "combining-overlay": (_comb, lambda s: s.replace(COMBINING, "")),
    "unicode-escapes": (_uesc, _unuesc),
    "html-entities": (_ent, html.unescape),
    "char-codes": (_codes, _uncodes),
    "word-reversal": (_wordrev, _wordrev),
    "base64-reversed": (_b64rev, lambda s: _unb64(s[::-1])),
    "payload-split": (_split, _unsplit),
}


def encode(name, payload):
    return ENCODINGS[name][0](payload)


def decode(name, encoded):
    return ENCODINGS[name][1](encoded)
