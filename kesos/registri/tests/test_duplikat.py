import io
from datetime import date

import pytest

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import KesosError
from kesos.registri.duplikat import antrekan, pasangan_mungkin_sama, putuskan
from kesos.registri.impor import registri_import
from kesos.registri.models import KandidatDuplikat, Klasifikasi, Orang, Status
from kesos.registri.sintetis import tulis_csv


@pytest.fixture
def registri_dengan_duplikat(registri, tmp_path):
    f = tmp_path / "syn.csv"
    tulis_csv(600, f, seed=11)
    # Three synthetic people recorded twice: a typo in the name, another NIK serial, another household.
    f.write_text(
        f.read_text()
        + "1804041203850001,1804040000099001,Bambang Saputra,L,12-03-1985,Dusun 1,Balik Bukit,Pasar Liwa,"
        + "Kepala Keluarga,Fakir miskin\n"
        + "1804041203850002,1804040000099002,Bambang Saputro,L,12-03-1985,Dusun 1,Balik Bukit,Pasar Liwa,"
        + "Kepala Keluarga,\n"
        + "1804046507700003,,Siti Rahayu,P,25-07-1970,Dusun 3,Balik Bukit,Pasar Liwa,,\n"
        + "1804046507700004,,Siti Rahayu,P,25-07-1970,Dusun 4,Balik Bukit,Pasar Liwa,,\n"
        + "1804041111110005,,Joko Susanto,L,11-11-2011,Dusun 2,Balik Bukit,Pasar Liwa,Anak,\n"
        + "1804041111110006,,Joko Susant,L,11-11-2011,Dusun 2,Balik Bukit,Pasar Liwa,Anak,\n"
    )
    hasil = registri_import(pengguna=SISTEM, berkas=str(f), pada=date(2026, 6, 1))
    assert hasil.disimpan, hasil.catatan[:3]


def _id(nik):
    return Orang.data_pribadi.get(nik=nik).pk


def test_splink_finds_the_injected_duplicates(registri_dengan_duplikat):
    pasangan = {(min(a, b), max(a, b)) for a, b, _ in pasangan_mungkin_sama(ambang=0.9)}
    for x, y in [
        ("1804041203850001", "1804041203850002"),
        ("1804046507700003", "1804046507700004"),
        ("1804041111110005", "1804041111110006"),
    ]:
        assert tuple(sorted((_id(x), _id(y)))) in pasangan
    assert len(pasangan) < 20  # a handful of other look-alikes at most, not the whole registry


def test_pairs_are_queued_and_merged_only_by_a_person_of_the_area(registri_dengan_duplikat, persona):
    a, b = _id("1804041203850001"), _id("1804041203850002")
    assert antrekan([(b, a, 0.99)]) == 1
    assert antrekan([(a, b, 0.99)]) == 0  # queued once
    k = KandidatDuplikat.objects.get()
    assert Orang.data_pribadi.get(pk=b).status == Status.HIDUP  # nothing merged silently
    with pytest.raises(KesosError, match="operator wilayah"):
        putuskan(kandidat=k, gabung=True, pengguna=persona("operator_b"))
    versi = Orang.data_pribadi.get(pk=b).versi
    putuskan(kandidat=k, gabung=True, pengguna=persona("operator_a"))
    assert Orang.data_pribadi.get(pk=b).status == Status.DIGABUNG
    assert Orang.data_pribadi.get(pk=b).versi == versi + 1  # a merge is a status change like any other
    log = AuditLog.objects.filter(objek="registri.Orang", objek_id=str(b), aksi="status").get()
    assert log.sesudah == {"status": "digabung"} and log.keterangan == f"duplikat digabung ke #{a}"
    assert Klasifikasi.objects.filter(orang_id=a, kategori__kode="FM").exists()
    with pytest.raises(KesosError, match="sudah diputuskan"):
        putuskan(kandidat=k, gabung=False, pengguna=persona("operator_a"))


def test_queue_page_is_scoped_and_decides(login, registri_dengan_duplikat):
    from django.urls import reverse

    a, b = _id("1804046507700003"), _id("1804046507700004")
    antrekan([(a, b, 0.97)])
    k = KandidatDuplikat.objects.get()
    assert "Siti Rahayu" in login("operator_a").get(reverse("registri:duplikat")).content.decode()
    assert "Siti Rahayu" not in login("operator_b").get(reverse("registri:duplikat")).content.decode()
    assert login("reviewer").get(reverse("registri:duplikat")).status_code == 403
    login("operator_a").post(reverse("registri:duplikat-putus", args=[k.pk]), {"aksi": "pisah"})
    k.refresh_from_db()
    assert k.keputusan == "pisah" and Orang.data_pribadi.get(pk=b).status == Status.HIDUP


@pytest.fixture
def pasangan_lintas_wilayah(registri):
    """One person recorded in Balik Bukit (18.04.04) and again in Sumber Jaya (18.04.05)."""
    from kesos.registri.services import orang_simpan

    a, _ = orang_simpan(
        nik="1804041203850001",
        nama="Bambang Lintas",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
        pengguna=SISTEM,
    )
    b, _ = orang_simpan(
        nik="1804051203850002",
        nama="Bambang Lintas",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.05.2001",
        pengguna=SISTEM,
    )
    antrekan([(a.pk, b.pk, 0.98)])
    return KandidatDuplikat.objects.get(), a, b


def test_queue_shows_an_operator_no_full_nik_and_masks_the_other_area(login, pasangan_lintas_wilayah):
    """Issue 10: the queue showed an operator the full NIK and name of a person in another
    kecamatan."""
    from django.urls import reverse

    k, a, b = pasangan_lintas_wilayah
    for nama, sendiri, lain in (("operator_a", a, b), ("operator_b", b, a)):
        html = login(nama).get(reverse("registri:duplikat")).content.decode()
        assert sendiri.nik not in html and lain.nik not in html  # masked on both sides
        assert lain.nik[:4] + "••••••••" + lain.nik[-4:] in html
        assert html.count("Bambang Lintas") == 1  # own side only
        assert "diputuskan admin" in html and reverse("registri:duplikat-putus", args=[k.pk]) not in html


def test_a_pair_across_two_areas_is_decided_by_an_admin(login, persona, pasangan_lintas_wilayah):
    """Issue 10: a pair across two kecamatan could never be decided by anyone."""
    from django.urls import reverse

    k, a, b = pasangan_lintas_wilayah
    for nama in ("operator_a", "operator_b"):
        with pytest.raises(KesosError, match="lintas wilayah diputuskan admin"):
            putuskan(kandidat=k, gabung=True, pengguna=persona(nama))
    html = login("admin").get(reverse("registri:duplikat")).content.decode()
    assert html.count("Bambang Lintas") == 2 and "lintas kecamatan" in html
    login("admin").post(reverse("registri:duplikat-putus", args=[k.pk]), {"aksi": "gabung"})
    k.refresh_from_db()
    assert k.keputusan == "gabung" and Orang.data_pribadi.get(pk=b.pk).status == Status.DIGABUNG


@pytest.fixture
def registri_berlabel(registri):
    """A few thousand invented persons with labelled second records (bench.sintetis)."""
    from bench.sintetis import registri_berlabel
    from kesos.inti.ekspor import penulis_csv
    from kesos.registri.impor import KOLOM

    data = registri_berlabel(4000, porsi_duplikat=0.03, porsi_bukan=0.01, seed=5)
    f = io.StringIO()
    w = penulis_csv(f)
    w.writerow(KOLOM)
    w.writerows(data.baris)
    hasil = registri_import(pengguna=SISTEM, berkas=f.getvalue().encode(), pada=date(2026, 6, 1))
    assert hasil.disimpan, hasil.catatan[:3]
    return data


def test_the_search_finds_the_labelled_duplicates_and_little_else(registri_berlabel):
    """Issue 12: recall and precision at the default threshold, through the function the
    command and the page call. The benchmark (bench/duplikat.py) measures 100.000 and
    1.000.000 persons; this floor catches a regression of the model or the blocking."""
    from kesos.registri.duplikat import AMBANG

    nik = dict(Orang.data_pribadi.values_list("id", "nik"))
    ditemukan = {frozenset((nik[a], nik[b])) for a, b, _ in pasangan_mungkin_sama(ambang=AMBANG)}
    benar = {frozenset((a, b)) for a, b, _ in registri_berlabel.benar}
    recall = len(ditemukan & benar) / len(benar)
    presisi = len(ditemukan & benar) / len(ditemukan)
    # Measured: recall 100 % (120 of 120), precision 96,8 % (the four twins below); the
    # model before issue 12 found about a quarter of such pairs.
    assert recall >= 0.93 and presisi >= 0.95, (recall, presisi)
    # The case: same KK, desa and birth date, one letter different in the name.
    satu_huruf = {frozenset((a, b)) for a, b, j in registri_berlabel.benar if j == "salah_ketik_1"}
    assert satu_huruf <= ditemukan
    # Twins (same KK and birth date, other names) are mostly not taken for one person. In a
    # registry this small a pair is a priori far likelier one person than in a large one
    # (4 of 14 twins are taken here; 2 of 134 at 100.000 persons): a floor, not an aim.
    kembar = {frozenset((a, b)) for a, b, j in registri_berlabel.bukan if j == "kembar"}
    assert len(kembar & ditemukan) <= len(kembar) // 3


def test_an_admin_starts_the_search_from_the_page(login, registri_dengan_duplikat):
    from django.urls import reverse

    from kesos.tugas.models import Tugas

    assert (
        "Cari duplikat sekarang" not in login("operator_a").get(reverse("registri:duplikat")).content.decode()
    )
    assert login("operator_a").post(reverse("registri:duplikat-cari")).status_code == 403
    klien = login("admin")
    assert "Cari duplikat sekarang" in klien.get(reverse("registri:duplikat")).content.decode()
    r = klien.post(reverse("registri:duplikat-cari"))
    tugas = Tugas.objects.get(jenis="registri.duplikat")
    assert r.status_code == 302 and r.url == reverse("tugas:detail", args=[tugas.pk])
    assert tugas.status == "selesai" and tugas.hasil["baru"] >= 3
    assert KandidatDuplikat.objects.count() == tugas.hasil["baru"]  # queued for the operators
    html = klien.get(r.url).content.decode()
    assert "baru masuk antrean keputusan" in html and reverse("registri:duplikat") in html
    # A queued pair is what the operator of its area sees.
    assert "Bambang Sapu" in login("operator_a").get(reverse("registri:duplikat")).content.decode()
