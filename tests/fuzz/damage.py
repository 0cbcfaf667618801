"""Damaging ledgers and making hostile value strings, for the fuzz test and the fuzz script."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
FOLDERS = ("sources", "claims", "declarations", "gazetteer", "resolutions")

# Pieces historians write, and pieces attackers write, to glue into value strings.
PIECES = [
    "16", "March", "Mart", "1921", "1337", "Rumi", "Hijri", "Receb", "O.S.", "N.S.", "[O.S.]", "/", "-", "–", "to",
    "between", "and", "about", "c.", "?", "(?)", "~", "%", "early", "late", "mid-", "19", "1918-21", "191X", "..",
    "1,000,000", "2.500.000,5", "million", "rubles", "gold", "lira", "$", "£", "(rubles?)", "at least", "over",
    " ", "  ", "\t", ",", ";", ":", "(", ")", "[", "]", "{", "}", "'", '"', "\\", "*", "&", "!", "#", "%",
    "ğ", "ı", "İ", "ş", "Ё", "ё", "й", "ǧ", "\u200b", "\u202e", "\ufeff", "١٩٢١", "𝟙", "\x1b]0;x\x07",
]


def hostile_string(rng: random.Random) -> str:
    """A string glued from historians' and attackers' pieces, sometimes repeated a great many times."""
    text = "".join(rng.choice(PIECES) + (" " if rng.random() < 0.5 else "") for _ in range(rng.randint(1, 12)))
    if rng.random() < 0.1:
        text = text * rng.randint(50, 2000)
    return text


def copy_demo(target: Path) -> Path:
    for folder in FOLDERS:
        shutil.copytree(REPO / folder, target / folder)
    return target


def damage(root: Path, rng: random.Random) -> str:
    """Damage one file of the ledger at ``root`` in one of a few ways; say how."""
    files = sorted(p for folder in FOLDERS for p in (root / folder).rglob("*.yaml"))
    path = rng.choice(files)
    data = bytearray(path.read_bytes())
    how = rng.choice(["flip", "cut", "drop line", "double line", "indent", "splice", "bytes"])
    if how == "flip" and data:
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    elif how == "cut":
        data = data[: rng.randrange(len(data) + 1)]
    elif how in ("drop line", "double line", "indent"):
        lines = data.split(b"\n")
        at = rng.randrange(len(lines))
        if how == "drop line":
            del lines[at]
        elif how == "double line":
            lines.insert(at, lines[at])
        else:
            lines[at] = b"  " + lines[at] if rng.random() < 0.5 else lines[at].lstrip()
        data = bytearray(b"\n".join(lines))
    elif how == "splice":
        other = rng.choice(files).read_bytes()
        start = rng.randrange(len(other) + 1)
        at = rng.randrange(len(data) + 1)
        data[at:at] = other[start:start + rng.randint(1, 400)]
    else:
        at = rng.randrange(len(data) + 1)
        data[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"&a ", b"*a", b"<<: ", b"!!python/object:os.system ", b"\t",
                                  b"\r", hostile_string(rng).encode("utf-8")])
    path.write_bytes(bytes(data))
    return f"{how} in {path.relative_to(root)}"
