"""Fill msgstr entries of a .po file from a JSON dictionary {msgid: msgstr}.

Used to keep the English translation (kesos/locale/en/LC_MESSAGES/terjemahan*.json) in
reviewable files; run `python tools/isi_po.py` after `kesos makemessages -l en`, then
`kesos compilemessages`.
"""

import json
import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "kesos" / "locale" / "en" / "LC_MESSAGES"


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line) for line in lines)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _bukan_fuzzy(head: list[str]) -> list[str]:
    """The comment lines of an entry filled from the JSON: no 'fuzzy' flag (msgfmt leaves a
    fuzzy entry out of the .mo, so its English would never show) and no '#|' previous msgid
    that msgmerge's guess left behind."""
    hasil = []
    for line in head:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        hasil.append(line)
    return hasil


def isi(po: Path, terjemahan: dict[str, str]) -> list[str]:
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    hilang = []
    out = []
    for block in blocks:
        lines = block.split("\n")
        keys = [
            i for i, line in enumerate(lines) if re.match(r"^(msgid|msgid_plural|msgstr(\[\d\])?) ", line)
        ]
        if not keys:
            out.append(block)
            continue
        parts: dict[str, list[str]] = {}
        order = []
        for n, i in enumerate(keys):
            key, first = lines[i].split(" ", 1)
            end = keys[n + 1] if n + 1 < len(keys) else len(lines)
            parts[key] = [first, *[line for line in lines[i + 1 : end] if line.startswith('"')]]
            order.append(key)
        msgid = _unquote(parts["msgid"])
        head = lines[: keys[0]]
        if not msgid:
            out.append(block)
            continue
        if msgid not in terjemahan:
            hilang.append(msgid)
            out.append("\n".join(head + lines[keys[0] :]))
            continue
        head = _bukan_fuzzy(head)
        nilai = terjemahan[msgid]
        body = [f"msgid {_quote(msgid)}"]
        if "msgid_plural" in parts:
            tunggal, jamak = nilai if isinstance(nilai, list) else (nilai, nilai)
            body += [f"msgid_plural {_quote(_unquote(parts['msgid_plural']))}"]
            body += [f"msgstr[0] {_quote(tunggal)}", f"msgstr[1] {_quote(jamak)}"]
        else:
            body += [f"msgstr {_quote(nilai)}"]
        out.append("\n".join(head + body))
    po.write_text("\n\n".join(out), encoding="utf-8")
    return hilang


if __name__ == "__main__":
    kamus: dict[str, str] = {}
    # terjemahan.json, and one terjemahan-<part>.json per branch of work, merged here.
    for berkas in sorted(LOCALE.glob("terjemahan*.json")):
        kamus.update(json.loads(berkas.read_text(encoding="utf-8")))
    hilang = isi(LOCALE / "django.po", kamus)
    for m in hilang:
        print("belum diterjemahkan:", m)
    sys.exit(1 if hilang else 0)
