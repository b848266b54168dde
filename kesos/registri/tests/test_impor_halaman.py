"""Issue 12 item 4: the registry import has an upload page, runs in the background with
progress, and shows its report (rows refused with row, column and message) for download."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kesos.inti.errors import KesosError, TidakBerhak
from kesos.registri.models import Orang
from kesos.registri.tugas import impor_mulai
from kesos.tugas.models import Tugas

KEPALA = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,alamat,kecamatan,desa,hubungan_keluarga,kategori\n"
BAIK = (
    KEPALA
    + "1804041203850001,1804040000010001,Budi Santoso,L,12-03-1985,Dusun 1,Balik Bukit,Pasar Liwa,"
    + "Kepala Keluarga,Fakir miskin\n"
    + "1804045507900002,1804040000010001,Siti Aminah,P,15-07-1990,Dusun 1,Balik Bukit,Pasar Liwa,Istri,\n"
)
BURUK = (
    BAIK
    + "1804041111110005,,Joko Susanto,L,31-02-2011,Dusun 2,Balik Bukit,Pasar Liwa,Anak,\n"  # row 4
    + "1804041203850009,,Ani,X,12-03-1985,Dusun 2,Balik Bukit,Pasar Liwa,,\n"  # row 5
)


def _unggah(klien, isi: str, nama: str = "orang.csv", **lain):
    return klien.post(
        reverse("registri:impor"),
        {"berkas": SimpleUploadedFile(nama, isi.encode("utf-8"), content_type="text/csv"), **lain},
    )


def test_a_good_file_is_imported_in_the_background_and_reported(login, registri):
    klien = login("operator_a")
    assert "Unggah dan impor" in klien.get(reverse("registri:impor")).content.decode()
    r = _unggah(klien, BAIK)
    tugas = Tugas.objects.get()
    assert r.status_code == 302 and r.url == reverse("tugas:detail", args=[tugas.pk])
    assert tugas.status == "selesai" and tugas.hasil["dibuat"] == 2 and tugas.hasil["disimpan"]
    assert set(Orang.data_pribadi.values_list("nik", flat=True)) == {"1804041203850001", "1804045507900002"}
    status = klien.get(reverse("tugas:status", args=[tugas.pk])).json()
    assert status == status | {"status": "selesai", "persen": 100, "berakhir": True}
    html = klien.get(r.url).content.decode()
    assert "Impor disimpan." in html and "orang.csv" in html
    # The page lists the user's imports.
    assert reverse("tugas:detail", args=[tugas.pk]) in klien.get(reverse("registri:impor")).content.decode()


def test_a_bad_file_stores_nothing_and_the_report_names_row_and_field(login, registri):
    klien = login("operator_a")
    tugas_url = _unggah(klien, BURUK).url
    tugas = Tugas.objects.get()
    assert not Orang.data_pribadi.exists()  # all or nothing
    assert tugas.status == "selesai" and not tugas.hasil["disimpan"] and tugas.hasil["ditolak"] == 2
    html = klien.get(tugas_url).content.decode()
    assert "Tidak ada yang disimpan" in html
    assert "<td>4</td><td>tanggal_lahir</td>" in html and "<td>5</td><td>jenis_kelamin</td>" in html
    r = klien.get(reverse("tugas:laporan", args=[tugas.pk]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    baris = list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig"))))
    assert {(b["baris"], b["kolom"]) for b in baris if b["tingkat"] == "ditolak"} >= {
        ("4", "tanggal_lahir"),
        ("5", "jenis_kelamin"),
    }
    # The report is the starter's (and the admin's): another operator does not get it.
    assert login("operator_b").get(reverse("tugas:laporan", args=[tugas.pk])).status_code == 404


def test_keep_valid_stores_the_good_rows(login, registri):
    _unggah(login("admin"), BURUK, simpan_yang_sah="1")
    assert Orang.data_pribadi.count() == 2 and Tugas.objects.get().hasil["ditolak"] == 2


def test_a_user_who_may_not_import_cannot(login, persona, registri):
    for nama in ("reviewer", "perencana", "kadis"):
        klien = login(nama)
        assert klien.get(reverse("registri:impor")).status_code == 403
        assert _unggah(klien, BAIK).status_code == 403
        with pytest.raises(TidakBerhak):
            impor_mulai(pengguna=persona(nama), berkas=SimpleUploadedFile("a.csv", BAIK.encode()))
    assert not Tugas.objects.exists() and not Orang.data_pribadi.exists()
    # An operator imports their own area only: another kecamatan's rows are refused by row.
    _unggah(login("operator_b"), BAIK)
    tugas = Tugas.objects.get()
    assert not Orang.data_pribadi.exists() and tugas.hasil["ditolak"] == 2
    assert all(c["kolom"] == "desa" and "di luar wilayah" in c["pesan"] for c in tugas.hasil["catatan"])


def test_what_is_not_a_table_is_refused_on_the_form(login, persona, registri):
    klien = login("operator_a")
    html = _unggah(klien, "MZ\x00\x00", nama="virus.exe").content.decode()
    assert "hanya CSV atau XLSX" in html and not Tugas.objects.exists()
    html = klien.post(reverse("registri:impor"), {}).content.decode()
    assert "Pilih berkas" in html
    with pytest.raises(KesosError, match="kosong"):
        impor_mulai(pengguna=persona("operator_a"), berkas=SimpleUploadedFile("a.csv", b""))
