"""T-C.29 (Lampiran I) computed from the document's own numbers, worked by hand."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from kesos.monev.capaian import bulat
from kesos.monev.queries import angka_tertulis, tc29, tc29_selisih


@pytest.fixture
def tabel(renstra_demo, renja_demo):
    return tc29(organisasi=renja_demo.organisasi, tahun=2021)


def _baris(tabel, kode):
    return next(r for r in tabel.baris if r.baris.kode == kode)


def test_columns_follow_the_formulas(tabel):
    assert tabel.tahun_realisasi == 2019 and tabel.tahun_target == 2020
    # Pengadaan Kendaraan Dinas: (4) 21, (5) 4, (6) 8, (7) 8, (9) 5.
    r = _baris(tabel, "1 6 2 5")
    assert [r.kolom[k] for k in (4, 5, 6, 7, 9)] == [21, 4, 8, 8, 5]
    assert r.kolom[8] == 100
    assert r.kolom[10] == 4 + 8 + 5
    assert bulat(r.kolom[11]) == D("80.95")


def test_non_cumulative_indicator_keeps_the_last_value(tabel):
    # LKSA under guidance: 12 each year, to date 12 of 12, not 36.
    r = _baris(tabel, "1 6 21 9")
    assert r.kolom[10] == 12 and r.kolom[11] == 100


def test_zero_target_zero_realisation_is_not_a_percentage(tabel):
    r = _baris(tabel, "1 6 16 17")  # DAK Bidang Sosial 2019: 0 of 0
    assert r.kolom[8] is None


def test_first_page_rows_without_a_stated_2019_target(tabel):
    r = _baris(tabel, "1 6 1 1")  # Jasa Surat Menyurat
    assert r.kolom[6] is None and r.kolom[8] is None
    assert r.kolom[10] == 4000 and bulat(r.kolom[11]) == D("66.67")


def test_renja_rows_are_linked_explicitly_not_by_code(tabel):
    # Lampiran I 1 6 16 15 and Lampiran II 1.6.1.1.20.2 are the same kegiatan.
    assert _baris(tabel, "1 6 16 15").renja == ["1.6.1.1.20.2"]
    assert _baris(tabel, "1 6 25 4").renja == []


def test_disagreements_with_the_document(tabel):
    selisih = {(s.kode, s.kolom): (s.tertulis, s.dihitung) for s in tc29_selisih(tabel)}
    # Penanganan ODGJ: 0 + 10 + 5 = 15, not 40; so 30 %, not 80 %.
    assert selisih[("1 6 16 15", 10)] == ("40", 15)
    assert bulat(selisih[("1 6 16 15", 11)][1]) == 30
    # Jasa Kebersihan: 18 of 18 is 100 %, not 80 %... but its 2019 target is not stated: not judged.
    assert ("1 6 1 8", 8) not in selisih
    # DAK Bidang Sosial: 0 of 0 cannot be computed; the document says 0 %.
    assert selisih[("1 6 16 17", 8)] == ("0%", None)
    # Computers: 1 + 0 + 1 = 2 of 3.
    assert selisih[("1 6 2 89", 10)] == ("1", 2)
    # Rows whose figures agree are not listed.
    for kode in ("1 6 1 1", "1 6 2 5", "1 6 2 10", "1 6 21 9", "1 6 25 2", "1 6 16 19"):
        assert not [k for k in selisih if k[0] == kode], kode


@pytest.mark.parametrize(
    "teks,nilai", [("4,000", 4000), ("67%", 67), ("94,44 %", D("94.44")), ("-", None), ("", None)]
)
def test_stated_figures_are_read_as_the_document_writes_them(teks, nilai):
    assert angka_tertulis(teks) == nilai


def test_cli_evaluasi_check_lists_disagreements_and_exits_1(renstra_demo, capsys):
    with pytest.raises(SystemExit) as e:
        call_command("evaluasi", "check", "--year", "2021")
    assert e.value.code == 1
    out = capsys.readouterr().out
    assert "1 6 16 15" in out and "(10)" in out and "tertulis 40" in out
