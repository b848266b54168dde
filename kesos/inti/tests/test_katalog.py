"""The English catalogue shipped is the one the translations describe."""

import gettext
import json
import re
from pathlib import Path

LOCALE_EN = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def _entri_po() -> dict[str, str]:
    """msgid → msgstr (or msgstr[0]) of django.po, the header left out."""
    entri = {}
    for blok in (LOCALE_EN / "django.po").read_text(encoding="utf-8").split("\n\n"):
        bagian = dict(re.findall(r'^(msgid|msgstr(?:\[0\])?) ((?:".*"\n?)+)', blok, re.M))
        if "msgid" in bagian:
            teks = {k: "".join(json.loads(x) for x in v.split("\n") if x) for k, v in bagian.items()}
            entri[teks["msgid"]] = teks.get("msgstr", teks.get("msgstr[0]", ""))
    entri.pop("", None)
    return entri


def test_every_message_in_the_catalogue_has_its_english_compiled():
    po = _entri_po()
    assert len(po) > 1000
    kosong = [m for m, en in po.items() if not en]
    assert not kosong, f"without English: {kosong[:5]} (add it to terjemahan*.json, run `make messages`)"
    with (LOCALE_EN / "django.mo").open("rb") as berkas:
        mo = gettext.GNUTranslations(berkas)._catalog
    lama = [m for m in po if m not in mo and (m, 0) not in mo]
    assert not lama, f"not compiled: {lama[:5]} (run `make messages`)"


def test_the_written_english_is_what_the_catalogue_says():
    """Each branch of work writes its own terjemahan-<branch>.json; where two write the same
    message, the later file in name order (terjemahan.json, the lead's, last) is the word."""
    po = _entri_po()
    tertulis: dict[str, str] = {}
    for berkas in sorted(LOCALE_EN.glob("terjemahan*.json")):
        for msgid, inggris in json.loads(berkas.read_text(encoding="utf-8")).items():
            tertulis[msgid] = inggris[0] if isinstance(inggris, list) else inggris
    beda = [m for m, inggris in tertulis.items() if m in po and po[m] != inggris]
    assert not beda, f"django.po differs from the JSON: {beda[:5]} (run `make messages`)"
