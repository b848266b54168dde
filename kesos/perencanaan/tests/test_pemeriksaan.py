"""The check: on the document's table it reports what is really wrong, and nothing else."""

import pytest
from django.core.management import call_command

from kesos.perencanaan import queries
from kesos.perencanaan.pemeriksaan import GALAT, KOLOM_KODE, KOLOM_PAGU, KOLOM_SUMBER, KOLOM_TARGET, periksa
from kesos.perencanaan.pohon import BarisData, IndikatorData


def _temuan(renja):
    return [(t.tingkat, t.kode, t.kolom, t.pesan) for t in queries.renja_temuan(renja)]


def test_demo_only_error_is_pagu_without_sumber_dana(renja_demo):
    galat = [t for t in _temuan(renja_demo) if t[0] == GALAT]
    # 1.6.1.1.18.14 (Prognosis Realisasi Anggaran) carries Rp 2.000.000 with "-" as its sumber dana.
    assert [(t[1], t[2]) for t in galat] == [("1.6.1.1.18.14", KOLOM_SUMBER)]


def test_demo_totals_agree_with_their_rows_so_no_total_is_reported(renja_demo):
    assert not [t for t in _temuan(renja_demo) if "berbeda dari jumlah" in t[3]]
    assert not [t for t in _temuan(renja_demo) if "melebihi pagu" in t[3]]


def test_demo_rows_with_more_targets_than_indicators(renja_demo):
    kode = {t[1] for t in _temuan(renja_demo) if t[2] == KOLOM_TARGET and "indikator" in t[3]}
    assert kode == {f"1.6.1.1.{p}" for p in (18, 19, 21, 22, 23, 24)}


def test_demo_placeholders_and_pagu_without_target(renja_demo):
    temuan = _temuan(renja_demo)
    null = {t[1] for t in temuan if "'null'" in t[3]}
    assert null == {"1.6.1.1.15.2", "1.6.1.1.15.3", "1.6.1.1.15.4", "1.6.1.1.18.16"}
    tanpa_target = {t[1] for t in temuan if "tanpa target" in t[3]}
    assert "1.6.1.1.15.7" in tanpa_target and "1.6.1.1.19.16" in tanpa_target
    assert "1.6.1.1.15.2" not in tanpa_target
    nol = {t[1] for t in temuan if "dengan pagu Rp 0" in t[3]}
    assert nol == {"1.6.1.1.21.1", "1.6.1.1.23"}


def test_cli_check_exits_1_on_the_demo(renja_demo, capsys):
    with pytest.raises(SystemExit) as e:
        call_command("renja", "check", "--year", "2021")
    assert e.value.code == 1
    out = capsys.readouterr().out
    assert "1.6.1.1.18.14" in out and "1 galat" in out


def _prog(kode="1.1", **kw):
    return BarisData(
        kode=kode, nama="Program", level="program", indikator=[IndikatorData("I", "1 Dok")], **kw
    )


def _keg(kode, induk="1.1", pagu=100, **kw):
    kw.setdefault("indikator", [IndikatorData("I", "1 Dok")])
    return BarisData(
        kode=kode, nama="Kegiatan", level="kegiatan", induk_kode=induk, pagu=pagu, sumber_dana="DAU", **kw
    )


def _pesan(temuan):
    return [(t.tingkat, t.kode, t.kolom) for t in temuan]


def test_stored_total_differing_from_rows_is_an_error():
    temuan = periksa([_prog(pagu_tertulis=250), _keg("1.1.1"), _keg("1.1.2")])
    assert (GALAT, "1.1", KOLOM_PAGU) in _pesan(temuan)
    assert periksa([_prog(pagu_tertulis=200), _keg("1.1.1"), _keg("1.1.2")]) == []


def test_total_over_rkpd_ceiling_is_an_error():
    baris = [_prog(), _keg("1.1.1", pagu=1000)]
    assert (GALAT, "TOTAL", KOLOM_PAGU) in _pesan(periksa(baris, pagu_rkpd=999))
    assert periksa(baris, pagu_rkpd=1000) == []


def test_duplicate_code_and_code_outside_parent_are_errors():
    temuan = _pesan(periksa([_prog(), _keg("1.1.1"), _keg("1.1.1"), _keg("1.2.1")]))
    assert temuan.count((GALAT, "1.1.1", KOLOM_KODE)) == 1
    assert (GALAT, "1.2.1", KOLOM_KODE) in temuan


def test_target_that_is_not_a_number_is_an_error():
    temuan = periksa([_prog(), _keg("1.1.1", indikator=[IndikatorData("I", "Satu Tahun")])])
    assert (GALAT, "1.1.1", KOLOM_TARGET) in _pesan(temuan)
