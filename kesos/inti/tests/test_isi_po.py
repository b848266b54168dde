"""tools/isi_po.py fills the English from the JSON files and leaves no filled entry fuzzy:
msgfmt leaves fuzzy entries out of the .mo, so their English would never show."""

import importlib.util
from pathlib import Path

ALAT = Path(__file__).resolve().parents[3] / "tools" / "isi_po.py"


def _isi_po():
    spec = importlib.util.spec_from_file_location("isi_po", ALAT)
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


PO = """# header
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: kesos/bansos/impor.py:1
#, fuzzy, python-format
#| msgid "Program %(kode)s disimpan."
msgid "Program %(kode)s tidak aktif."
msgstr "Programme %(kode)s saved."

#: kesos/bansos/templates/bansos/belum.html:5
#, fuzzy, python-format
#| msgid "%(n)s temuan"
#| msgid_plural "%(n)s temuan"
msgid "%(n)s penerima"
msgid_plural "%(n)s penerima"
msgstr[0] "%(n)s finding"
msgstr[1] "%(n)s findings"

#: kesos/x.py:1
#, fuzzy
#| msgid "Jumlah"
msgid "Jumlah %(i)s"
msgstr "Quantity"
"""


def test_filled_entries_are_not_fuzzy_and_missing_ones_stay_fuzzy(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(PO, encoding="utf-8")
    hilang = _isi_po().isi(
        po,
        {
            "Program %(kode)s tidak aktif.": "Programme %(kode)s is not active.",
            "%(n)s penerima": ["%(n)s recipient", "%(n)s recipients"],
        },
    )
    teks = po.read_text(encoding="utf-8")
    assert hilang == ["Jumlah %(i)s"]
    aktif, penerima, jumlah = teks.split("\n\n")[1:]
    assert aktif.splitlines()[:2] == ["#: kesos/bansos/impor.py:1", "#, python-format"]
    assert 'msgstr "Programme %(kode)s is not active."' in aktif and "#|" not in aktif
    assert "fuzzy" not in penerima and 'msgstr[1] "%(n)s recipients"' in penerima
    assert "#, fuzzy" in jumlah  # msgmerge's guess is not compiled as if it were the English
    assert teks.startswith("# header\n#, fuzzy\nmsgid")
