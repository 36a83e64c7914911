"""Reversible obfuscations applied to hand-written payloads for the "encoded" family.
Each is what a real attacker does by hand or with a one-line script; none is tuned to any detector."""
import base64
import codecs
import urllib.parse

_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
                           "i": "і", "s": "ѕ", "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "T": "Т",
                           "H": "Н", "I": "І", "S": "Ѕ", "M": "М", "K": "К", "B": "В"})
_GREEK = str.maketrans({"o": "ο", "v": "ν", "u": "υ", "i": "ι", "a": "α", "A": "Α", "N": "Ν", "D": "Δ",
                        "T": "Τ", "Y": "Υ", "E": "Ε", "n": "η"})
_NATO = {"a": "Alfa", "b": "Bravo", "c": "Charlie", "d": "Delta", "e": "Echo", "f": "Foxtrot", "g": "Golf",
         "h": "Hotel", "i": "India", "j": "Juliett", "k": "Kilo", "l": "Lima", "m": "Mike", "n": "November",
         "o": "Oscar", "p": "Papa", "q": "Quebec", "r": "Romeo", "s": "Sierra", "t": "Tango", "u": "Uniform",
         "v": "Victor", "w": "Whiskey", "x": "X-ray", "y": "Yankee", "z": "Zulu", " ": "(space)"}


def _fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def _mixed_case_split(s):
    # Deterministic: upper-case every third letter and break long words with a hyphen.
    out = []
    for w in s.split(" "):
        w = "".join(c.upper() if i % 3 == 1 else c.lower() for i, c in enumerate(w))
        out.append(w[: len(w) // 2] + "-" + w[len(w) // 2:] if len(w) > 6 else w)
    return " ".join(out)


TRANSFORMS = {
    "none": lambda s: s,
    "base64": lambda s: base64.b64encode(s.encode()).decode(),
    "hex": lambda s: s.encode().hex(),
    "hex_spaced": lambda s: " ".join(f"{b:02x}" for b in s.encode()),
    "url": lambda s: urllib.parse.quote(s),
    "url_all": lambda s: "".join(f"%{b:02X}" for b in s.encode()),
    "spaced": lambda s: " ".join(s),
    "dotted": lambda s: ".".join(s.replace(" ", "")),
    "zero_width": lambda s: "\u200b".join(s),
    "zero_width_joiner": lambda s: " ".join("\u200d".join(w) for w in s.split(" ")),
    "homoglyph": lambda s: s.translate(_CYRILLIC),
    "homoglyph_greek": lambda s: s.translate(_GREEK),
    "fullwidth": _fullwidth,
    "reverse": lambda s: s[::-1],
    "rot13": lambda s: codecs.encode(s, "rot13"),
    "combining": lambda s: "".join(c + "\u0301" if c.isalpha() else c for c in s),
    "mixed_case_split": _mixed_case_split,
    "nato": lambda s: " ".join(_NATO[c] for c in s.lower()),
}
