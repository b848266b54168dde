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
    po = _entri_po()
    tertulis: dict[str, tuple[str, str]] = {}
    for berkas in sorted(LOCALE_EN.glob("terjemahan*.json")):
        for msgid, inggris in json.loads(berkas.read_text(encoding="utf-8")).items():
            inggris = inggris[0] if isinstance(inggris, list) else inggris
            if msgid in tertulis:
                assert tertulis[msgid][1] == inggris, f"{msgid!r}: {tertulis[msgid]} and {berkas.name} differ"
            tertulis[msgid] = (berkas.name, inggris)
            if msgid in po:
                assert po[msgid] == inggris, msgid
