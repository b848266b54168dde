import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kesos.inti.errors import ImportDitolak
from kesos.wilayah.models import Tingkat, Wilayah
from kesos.wilayah.services import wilayah_import, wilayah_muat_lampung_barat


def test_lampung_barat_has_15_kecamatan_and_136_desa(db):
    wilayah_muat_lampung_barat()
    kab = Wilayah.objects.get(kode="18.04")
    assert kab.nama == "Kabupaten Lampung Barat"
    assert kab.anak.filter(tingkat=Tingkat.KECAMATAN).count() == 15
    desa = Wilayah.objects.filter(tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN], kode__startswith="18.04.")
    assert desa.count() == 136
    assert Wilayah.objects.filter(tingkat=Tingkat.KELURAHAN).count() == 5


def test_loading_twice_does_not_duplicate(db):
    wilayah_muat_lampung_barat()
    jumlah = Wilayah.objects.count()
    wilayah_muat_lampung_barat()
    assert Wilayah.objects.count() == jumlah


def test_row_whose_parent_does_not_exist_is_refused_and_nothing_stored(db):
    csv = (
        "kode,nama,tingkat,kode_induk\n"
        "31,DKI Jakarta,provinsi,\n"
        "31.71,Kota Jakarta Pusat,kabupaten,31\n"
        "31.99.01,Entah,kecamatan,31.99\n"
    )
    with pytest.raises(ImportDitolak) as e:
        wilayah_import(berkas=io.StringIO(csv))
    assert Wilayah.objects.count() == 0
    [m] = e.value.masalah
    assert (m.baris, m.kolom) == (4, "kode_induk")
    assert "31.99" in m.pesan


def test_code_must_extend_parent_and_level_must_fit(db):
    csv = "kode,nama,tingkat,kode_induk\n18,Lampung,provinsi,\n19.01,Salah,kabupaten,18\n18.02,X,desa,18\n"
    with pytest.raises(ImportDitolak) as e:
        wilayah_import(berkas=io.StringIO(csv))
    pesan = [(m.baris, m.kolom) for m in e.value.masalah]
    assert (3, "kode") in pesan
    assert (4, "tingkat") in pesan


def test_cli_import_reports_rows_and_fails(db, tmp_path, capsys):
    f = tmp_path / "w.csv"
    f.write_text("kode,nama,tingkat,kode_induk\n18.04.99,Entah,kecamatan,18.04\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("wilayah", "import", str(f))
    assert "baris 2, kolom kode_induk" in capsys.readouterr().err


def test_a_refused_region_file_is_reported_in_english(db, katalog_inggris):
    from django.utils import translation

    csv = "kode,nama,tingkat,kode_induk\n18,Lampung,provinsi,\n19.01,Salah,kabupaten,18\n18.02,X,desa,18\n"
    with translation.override("en"), pytest.raises(ImportDitolak) as e:
        wilayah_import(berkas=io.StringIO(csv))
    pesan = {(m.baris, m.kolom): m.pesan for m in e.value.masalah}
    assert pesan[3, "kode"] == "code 19.01 does not start with its parent's code 18"
    assert pesan[4, "tingkat"] == "desa cannot sit under provinsi"
    assert Wilayah.objects.count() == 0
