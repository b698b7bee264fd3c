"""Regenerate the encoded samples of this folder from vss.expected.txt (see README.md).

    .venv/bin/python tests/data/legacy/make_corpus.py

The legacy files are made with console.legacy's encoders (the inverse tables); handchecked.tsv is
not generated: it holds strings checked by hand and from independent sources.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from console.legacy import encode_cp1258, encode_tcvn3, encode_viqr, encode_vni

HERE = Path(__file__).resolve().parent


def windows_1252(data: bytes) -> str:
    """Bytes as Windows shows them in code page 1252: the five undefined bytes become the C1
    controls of the same number (what MultiByteToWideChar does), not U+FFFD."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def composite(text: str) -> str:
    """The Windows-1258 "composite" form in Unicode: letters keep â ê ô ơ ư ă precomposed, tones
    are separate combining marks."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
        rest = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
        out.append(rest + tones)
    return "".join(out)


FRENCH = (
    "La sécurité sociale française a été créée en 1945. Elle protège les salariés contre les "
    "risques de la vie : maladie, maternité, invalidité, vieillesse et décès. Où en est-on "
    "aujourd'hui ? Les cotisations sont prélevées sur les salaires, et l'État garantit l'équilibre "
    "du système. Très bien, merci.\n"
)
CHINESE = (
    "中华人民共和国社会保险法。国家建立基本养老保险、基本医疗保险、工伤保险、失业保险、生育保险等"
    "社会保险制度，保障公民在年老、疾病、工伤、失业、生育等情况下依法从国家和社会获得物质帮助的权利。\n"
)
ENGLISH = (
    "Vietnam Social Security (VSS) runs the VssID app. Contributions are due by the 20th of each "
    "month; see https://vss.gov.vn for details. Call 1900 9068.\n"
)


def main() -> None:
    text = (HERE / "vss.expected.txt").read_text(encoding="utf-8")
    files: dict[str, bytes] = {
        "vss.utf-8-bom.txt": text.encode("utf-8-sig"),
        "vss.utf-16.txt": text.encode("utf-16"),  # with BOM, little-endian here
        "vss.utf-16be-nobom.txt": text.encode("utf-16-be"),
        "vss.nfd.txt": unicodedata.normalize("NFD", text).encode("utf-8"),
        "vss.composite.txt": composite(text).encode("utf-8"),
        "vss.cp1258.txt": encode_cp1258(text),
        "vss.tcvn3.txt": encode_tcvn3(text.replace("\n", "\r\n")),
        "vss.tcvn3-hfont.txt": encode_tcvn3(text, vn1_uppercase=False),
        "vss.vni.txt": encode_vni(text),
        "vss.viqr.txt": encode_viqr(text).encode("utf-8"),  # ASCII but for the typographic quotes
        # pasted text: legacy bytes shown by Windows as code page 1252, saved as UTF-8
        "vss.tcvn3-as-cp1252.txt": windows_1252(encode_tcvn3(text)).encode("utf-8"),
        "vss.vni-as-cp1252.txt": windows_1252(encode_vni(text)).encode("utf-8"),
        "vss.utf-8-as-cp1252.txt": windows_1252(text.encode("utf-8")).encode("utf-8"),
        "vss.cp1258-as-cp1252.txt": windows_1252(encode_cp1258(text)).encode("utf-8"),
        # negatives
        "negative.random.bin": random.Random(4).randbytes(2048),
        "negative.french-latin1.txt": FRENCH.encode("latin-1"),
        "negative.french-utf8.txt": FRENCH.encode("utf-8"),
        "negative.chinese-gbk.txt": CHINESE.encode("gbk"),
        "negative.english.txt": ENGLISH.encode("ascii"),
        "negative.english-cp1252.txt": ("He said \u201cthe deadline is Monday\u201d \u2013 \u00a9 VSS 2024.\n").encode(
            "cp1252"
        ),
        "negative.damaged-utf8.txt": text.replace("ệ", "\ufffd").replace("ộ", "\ufffd").encode("utf-8"),
        "negative.tcvn3-mixed-vni.txt": b"".join(
            encode_tcvn3(line + "\n") if i % 2 else encode_vni(line + "\n")
            for i, line in enumerate(text.splitlines())
        ),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
