"""Recipient lists from the centre: every outcome of a row, all or nothing or keep-valid,
households by KK, the operator's area, other shapes of file, and hostile files."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.bansos import services
from kesos.bansos.impor import daftar_impor
from kesos.bansos.models import Kepesertaan, Satuan
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.registri import services as registri

from . import pabrik
from .pabrik import DESA_B


@pytest.fixture
def admin(registri, persona):
    return persona("admin")


@pytest.fixture
def kasus(admin):
    """A PKH-like person programme and one person for each outcome."""
    p = pabrik.program(admin, kode="BPNT", kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    o = {
        "cocok": pabrik.orang(kategori=("FM",)),
        "cocok_b": pabrik.orang(desa=DESA_B, kategori=("FM",)),
        "tidak_layak": pabrik.orang(),
        "sudah": pabrik.orang(kategori=("FM",)),
        "meninggal": pabrik.orang(kategori=("FM",)),
        "pindah": pabrik.orang(kategori=("FM",)),
    }
    services.kepesertaan_daftar(pengguna=admin, periode=per, orang=o["sudah"])
    registri.orang_ubah_status(orang=o["meninggal"], status="meninggal", pengguna=SISTEM)
    registri.orang_ubah_status(orang=o["pindah"], status="pindah", pengguna=SISTEM)
    return per, o


def _csv(*baris: str, kepala: str = "No;NIK KPM;Nama Penerima;No. KK") -> bytes:
    judul = "DAFTAR KPM BPNT TAHAP 1 KABUPATEN LAMPUNG BARAT\n\n"
    return (judul + kepala + "\n" + "\n".join(baris) + "\n").encode("cp1252")


def _baris(kasus_data):
    _, o = kasus_data
    return [
        f"1;{o['cocok'].nik};Penerima Satu;",
        f"2;{o['cocok_b'].nik};Penerima Dua;",
        f"3;{o['tidak_layak'].nik};Bukan Miskin;",
        f"4;{o['sudah'].nik};Sudah Ada;",
        f"5;{o['meninggal'].nik};Almarhum;",
        f"6;{o['pindah'].nik};Pindahan;",
        "7;1804042505900009;Tak Dikenal;",
        "8;3201012505900009;Orang Bogor;",
        "9;18040425059;NIK Pendek;",
        f"10;{o['cocok'].nik};Penerima Satu Lagi;",
    ]


def test_every_outcome_and_nothing_stored_when_any_row_is_refused(kasus, admin):
    per, o = kasus
    hasil = daftar_impor(berkas=_csv(*_baris(kasus)), periode=per, pengguna=admin)
    assert [b.hasil for b in hasil.laporan] == [
        "cocok",
        "cocok",
        "tidak_layak",
        "sudah_terdaftar",
        "meninggal",
        "pindah",
        "nik_tidak_dikenal",
        "luar_kabupaten",
        "nik_salah",
        "ganda",
    ]
    assert [b.baris for b in hasil.laporan] == list(range(4, 14))  # the file's own row numbers
    assert "kategori FM" in hasil.laporan[2].pesan
    assert "baris 4" in hasil.laporan[9].pesan
    assert hasil.ditolak == 7 and not hasil.disimpan
    assert Kepesertaan.objects.filter(periode=per).count() == 1  # only the one enrolled before
    assert {m.baris for m in hasil.masalah} == {6, 8, 9, 10, 11, 12, 13}


def test_keep_valid_enrols_the_matched_and_reports_the_rest(kasus, admin, tmp_path):
    per, o = kasus
    hasil = daftar_impor(berkas=_csv(*_baris(kasus)), periode=per, pengguna=admin, simpan_yang_sah=True)
    assert hasil.disimpan and hasil.didaftarkan == 2
    status = dict(Kepesertaan.objects.filter(periode=per).values_list("orang_id", "status"))
    assert status[o["cocok"].pk] == status[o["cocok_b"].pk] == "terdaftar"
    assert o["tidak_layak"].pk not in status
    [audit] = AuditLog.objects.filter(objek="bansos.Kepesertaan", keterangan__startswith="impor daftar")
    diimpor = sorted(Kepesertaan.objects.filter(sumber="impor").values_list("pk", flat=True))
    assert audit.sesudah["jumlah"] == 2
    assert [i for r in audit.sesudah["id"] for i in range(r[0], r[1] + 1)] == diimpor
    # Importing the same list again enrols nothing new and refuses the same rows.
    lagi = daftar_impor(berkas=_csv(*_baris(kasus)), periode=per, pengguna=admin, simpan_yang_sah=True)
    assert lagi.didaftarkan == 0 and lagi.rekap["sudah_terdaftar"] == 3 and lagi.rekap["tidak_layak"] == 1
    assert "kategori FM" in lagi.laporan[2].pesan
    laporan = tmp_path / "l.csv"
    hasil.tulis_laporan(laporan)
    assert laporan.read_text().splitlines()[0] == "baris,nik,no_kk,hasil,pesan"


def test_an_operator_imports_only_rows_of_their_area(kasus, persona):
    per, o = kasus
    hasil = daftar_impor(
        berkas=_csv(f"1;{o['cocok'].nik};A;", f"2;{o['cocok_b'].nik};B;"),
        periode=per,
        pengguna=persona("operator_a"),
        simpan_yang_sah=True,
    )
    assert [b.hasil for b in hasil.laporan] == ["cocok", "luar_wilayah"]
    with pytest.raises(KesosError, match="admin atau operator"):
        daftar_impor(berkas=_csv(f"1;{o['cocok'].nik};A;"), periode=per, pengguna=persona("reviewer"))


def test_household_programme_matches_by_nik_then_kk_from_an_xlsx(admin):
    p = pabrik.program(admin, kode="PKH", satuan=Satuan.KELUARGA, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    k1, k2 = pabrik.keluarga(), pabrik.keluarga(DESA_B)
    kepala1 = pabrik.orang(keluarga=k1, kategori=("FM",))
    pabrik.orang(keluarga=k2, desa=DESA_B, kategori=("FM",))
    wb = Workbook()
    ws = wb.active
    ws.append(["Daftar KPM PKH 2021"])
    ws.merge_cells("A1:C1")
    ws.append(["NIK", "Nomor KK", "Nama Pengurus"])
    ws.append([int(kepala1.nik), None, "Kepala Satu"])  # NIK as a number, as spreadsheets keep it
    ws.append(["1804050101900001", k2.no_kk, "Pengurus Baru"])  # NIK unknown, KK known
    buf = io.BytesIO()
    wb.save(buf)
    hasil = daftar_impor(berkas=buf.getvalue(), periode=per, pengguna=admin)
    assert [b.hasil for b in hasil.laporan] == ["cocok", "cocok"] and hasil.disimpan
    assert set(Kepesertaan.objects.filter(periode=per).values_list("keluarga_id", flat=True)) == {
        k1.pk,
        k2.pk,
    }


def test_a_file_without_a_nik_column_is_refused_whole(kasus, admin):
    per, _ = kasus
    with pytest.raises(ImportDitolak) as e:
        daftar_impor(berkas=b"nama;alamat\nBudi;Liwa\n", periode=per, pengguna=admin)
    assert "NIK" in str(e.value.masalah[0])


def test_the_command_reports_and_exits_non_zero(kasus, admin, tmp_path):
    per, o = kasus
    f = tmp_path / "bpnt.csv"
    f.write_bytes(_csv(f"1;{o['cocok'].nik};A;", "2;3201012505900009;B;"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 baris ditolak"):
        call_command(
            "program",
            "impor",
            str(f),
            "--program",
            "bpnt",
            "--periode",
            "2021",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "kabupaten/kota lain" in out.getvalue()
    assert (tmp_path / "bpnt.laporan.csv").exists()
    assert not Kepesertaan.objects.filter(orang=o["cocok"]).exists()
    with pytest.raises(CommandError):  # keep-valid still exits non-zero, after saving the valid row
        call_command(
            "program",
            "impor",
            str(f),
            "--program",
            "BPNT",
            "--periode",
            "2021",
            "--keep-valid",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert Kepesertaan.objects.get(orang=o["cocok"]).status == "terdaftar"


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    isi=st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=5), min_size=1, max_size=8).map(
            lambda rows: ("NIK;Nama\n" + "\n".join(";".join(r) for r in rows)).encode("utf-8", "replace")
        ),
    )
)
def test_hostile_files_are_refused_or_reported_never_a_crash(registri, persona, isi):
    admin = persona("admin")
    from kesos.bansos.models import Program

    p = Program.objects.filter(kode="FUZZ").first() or pabrik.program(admin, kode="FUZZ")
    per = p.periode.first() or pabrik.periode(admin, p)
    sebelum = Kepesertaan.objects.count()
    try:
        hasil = daftar_impor(berkas=isi, periode=per, pengguna=admin)
    except ImportDitolak as e:
        assert e.masalah
    else:
        assert all(b.hasil != "cocok" for b in hasil.laporan)  # no real NIK can be in random text
    assert Kepesertaan.objects.count() == sebelum
