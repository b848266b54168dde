import pytest
from django.urls import reverse

from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja


def url(nama, *args):
    return reverse(f"monev:{nama}", args=args)


@pytest.fixture
def renja_final(renstra_demo, renja_demo, persona):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    return rencana.renja_lanjutkan(renja=rancangan, pengguna=persona("kadis"))


def test_anonymous_is_sent_to_login(client, renstra_demo, renja_demo):
    org = renja_demo.organisasi.pk
    for path in (
        url("beranda"),
        url("tc29", org, 2021),
        url("e81", renja_demo.pk),
        url("anggaran", org, 2019),
    ):
        assert client.get(path).url.startswith(reverse("login")), path


def test_tc29_page_shows_computed_figures_and_struck_stated_ones(login, renstra_demo, renja_demo):
    html = login("reviewer").get(url("tc29", renja_demo.organisasi.pk, 2021)).content.decode()
    assert "20 angka yang tertulis di dokumen berbeda" in html
    assert "66,67 %" in html  # Jasa Surat Menyurat (11): 4.000 of 6.000
    assert "<del" in html and "80%" in html  # ODGJ stated 80 %, computed 30 %
    assert "tidak dapat dihitung" in html


def test_budget_page_2019(login, renstra_demo, renja_demo):
    html = login("kadis").get(url("anggaran", renja_demo.organisasi.pk, 2019)).content.decode()
    assert "Rp 6.627.182.650" in html and "94,44 %" in html and "43,75 %" in html


@pytest.mark.parametrize("fmt,awal", [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_charts_are_real_images(login, renja_final, fmt, awal):
    c = login("reviewer")
    assert c.get(url("grafik-capaian", renja_final.pk, fmt)).content.startswith(awal)
    assert c.get(url("grafik-tren", renja_final.organisasi.pk, 2021, fmt)).content.startswith(awal)
    assert c.get(url("grafik-capaian", renja_final.pk, "gif")).status_code == 404


def _post(c, baris, tw, **data):
    ind = baris.indikator.order_by("urutan").first()
    isian = {
        "rupiah": "20.000.000",
        "faktor_pendorong": "",
        "faktor_penghambat": "",
        "tindak_lanjut": "",
        f"ind_{ind.id}": "3",
        "aksi": "simpan",
    }
    isian.update(data)
    return c.post(url("realisasi-form", baris.pk, tw), isian)


def test_perencana_records_and_submits_a_quarter(login, renja_final):
    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.3")
    assert _post(c, baris, 1).status_code == 302
    r = RealisasiTriwulan.objects.get(baris=baris, triwulan=1)
    assert r.rupiah == 20_000_000 and r.nilai.get().nilai == 3
    assert _post(c, baris, 1, versi=r.versi, aksi="ajukan").status_code == 302
    r.refresh_from_db()
    assert r.terkunci
    resp = _post(c, baris, 1, versi=r.versi, rupiah="1")
    assert "koreksi hanya oleh Kepala Dinas" in resp.content.decode()
    r.refresh_from_db()
    assert r.rupiah == 20_000_000
    html = login("reviewer").get(url("e81", renja_final.pk)).content.decode()
    assert "20.000.000" in html and "20,00 %" in html


def test_refused_realisation_keeps_what_was_typed(login, renja_final):
    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.3")
    resp = _post(c, baris, 2, rupiah="-5", faktor_penghambat="hujan deras")
    html = resp.content.decode()
    assert resp.status_code == 200 and "tidak boleh negatif" in html and "hujan deras" in html
    assert not RealisasiTriwulan.objects.filter(baris=baris).exists()


@pytest.mark.parametrize("nama", ["reviewer", "operator_a", "operator_b"])
def test_operators_and_reviewers_may_not_record_the_offices_realisation(login, renja_final, nama):
    """Issue 10: a kecamatan operator could record the office's realisation."""
    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.3")
    assert _post(login(nama), baris, 1).status_code == 403
    assert login(nama).get(url("realisasi", renja_final.pk)).status_code == 403
    assert not RealisasiTriwulan.objects.exists()


def test_upload_page_refuses_a_bad_file_and_lists_problems(login, renja_final):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login("perencana")
    resp = c.post(url("realisasi-impor", renja_final.pk), {"berkas": SimpleUploadedFile("x.xlsx", b"bukan")})
    html = resp.content.decode()
    assert resp.status_code == 200 and "ditolak" in html and 'id="masalah"' in html
    assert not RealisasiTriwulan.objects.exists()
