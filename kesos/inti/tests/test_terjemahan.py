"""The shared readers refuse in the user's language: Indonesian by default, English when chosen."""

import pytest
from django.utils import translation

from kesos.inti.errors import ImportDitolak, Masalah
from kesos.inti.formats import parse_rupiah, parse_tanggal
from kesos.inti.tabel import Kolom, baca_tabel

KOLOM = [Kolom("kode", "Kode", ("kode",), 1), Kolom("pagu", "Pagu", ("pagu",), 2)]


def test_an_empty_file_is_refused_in_english(katalog_inggris):
    with translation.override("en"), pytest.raises(ImportDitolak) as e:
        baca_tabel(b"", kolom=KOLOM)
    assert str(e.value) == "File refused: 1 problem found, no data was stored."
    assert [m.pesan for m in e.value.masalah] == ["the file is empty"]


def test_a_missing_column_is_refused_in_english_and_in_indonesian(katalog_inggris):
    data = b"Kode;Nama\n1;x\n"
    with translation.override("en"), pytest.raises(ImportDitolak) as e:
        baca_tabel(data, kolom=KOLOM)
    assert [(m.kolom, m.pesan) for m in e.value.masalah] == [
        ("Pagu", "column not found in the table's header row")
    ]
    with translation.override("id"), pytest.raises(ImportDitolak) as e:
        baca_tabel(data, kolom=KOLOM)
    assert e.value.masalah[0].pesan == "kolom tidak ditemukan pada baris judul tabel"
    assert str(e.value).startswith("Berkas ditolak: 1 masalah")


def test_numbers_and_dates_are_refused_in_english(katalog_inggris):
    with translation.override("en"):
        with pytest.raises(ValueError, match=r"^'12,50' is not whole rupiah$"):
            parse_rupiah("12,50")
        with pytest.raises(ValueError, match=r"^date '31-02-2021' does not exist in the calendar$"):
            parse_tanggal("31-02-2021")
        assert str(Masalah(4, "Pagu", "x", "abc")) == "row 4, column Pagu, value 'abc': x"
    with pytest.raises(ValueError, match=r"^'12,50' bukan rupiah utuh$"):
        parse_rupiah("12,50")
