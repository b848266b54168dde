import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja, Renja, Tahap
from kesos.perencanaan.tests.pabrik import tambah_kegiatan


def url(nama, *args):
    return reverse(f"perencanaan:{nama}", args=args)


def test_anonymous_is_sent_to_login(client, renja_demo):
    for path in (url("beranda"), url("renja", renja_demo.pk), url("periksa", renja_demo.pk)):
        r = client.get(path)
        assert r.status_code == 302 and r.url.startswith(reverse("login"))


@pytest.mark.parametrize("nama", ["perencana", "kadis", "reviewer", "admin"])
def test_plan_readers_see_the_tree_with_indonesian_totals(login, renja_demo, nama):
    r = login(nama).get(url("renja", renja_demo.pk))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Rp 5.694.430.455" in html
    assert "Rp 6.588.429.650" in html
    assert "sisa pagu Rp 893.999.195" in html
    assert "3.788.157.605" in html


def test_operator_reads_the_plan_but_may_not_edit_it(login, renja_demo):
    c = login("operator_a")
    html = c.get(url("renja", renja_demo.pk)).content.decode()
    assert "Rp 5.694.430.455" in html and "hanya baca" in html
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    assert c.get(url("baris-ubah", baris.pk)).status_code == 403


@pytest.mark.parametrize("nama", ["reviewer", "kadis"])
def test_readers_cannot_edit_rows_or_import(login, renja_demo, nama):
    c = login(nama)
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    assert c.get(url("baris-ubah", baris.pk)).status_code == 403
    assert c.post(url("baris-hapus", baris.pk), {"versi": baris.versi}).status_code == 403
    assert c.get(url("impor")).status_code == 403
    assert BarisRenja.objects.filter(pk=baris.pk).exists()


def _form(baris, **ubah):
    data = {
        "kode": baris.kode,
        "nama": baris.nama,
        "induk": baris.induk_id or "",
        "lokasi": baris.lokasi,
        "pagu": str(baris.pagu or ""),
        "pagu_maju": str(baris.pagu_maju or ""),
        "sumber_dana": baris.sumber_dana_id or "",
        "catatan": baris.catatan,
        "kode_nasional": "",
        "versi": baris.versi,
        "ind-TOTAL_FORMS": "1",
        "ind-INITIAL_FORMS": "0",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "30",
        "ind-0-uraian": "Jumlah surat",
        "ind-0-target": "1000 Surat",
        "ind-0-maju": "",
    }
    data.update(ubah)
    return data


def test_perencana_edits_a_row_in_indonesian_format(login, renja_demo):
    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    r = c.post(url("baris-ubah", baris.pk), _form(baris, pagu="4.200.000", catatan=""))
    assert r.status_code == 302
    baris.refresh_from_db()
    assert baris.pagu == 4_200_000 and baris.catatan == "" and baris.versi == 2
    assert "Rp 5.694.530.455" in c.get(url("renja", renja_demo.pk)).content.decode()
    riwayat = c.get(url("baris-riwayat", baris.pk)).content.decode()
    assert "perencana" in riwayat and "Rp 4.100.000" in riwayat and "Rp 4.200.000" in riwayat


def test_refused_form_keeps_what_was_typed(login, renja_demo):
    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    r = c.post(url("baris-ubah", baris.pk), _form(baris, pagu="-5", lokasi="Kantor Baru"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "tidak boleh negatif" in html
    assert 'value="Kantor Baru"' in html and 'value="-5"' in html
    baris.refresh_from_db()
    assert baris.pagu == 4_100_000 and baris.lokasi == "Liwa"


def test_stale_form_is_refused_with_a_clear_message(login, renja_demo):
    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    lama = _form(baris, pagu="1")
    services.baris_ubah(baris=baris, versi=baris.versi, pagu=7_777, pengguna=SISTEM)
    r = c.post(url("baris-ubah", baris.pk), lama)
    assert r.status_code == 200
    assert "telah diubah oleh pengguna lain" in r.content.decode()
    baris.refresh_from_db()
    assert baris.pagu == 7_777


def test_add_kegiatan_under_a_program(login, renja_demo):
    c = login("perencana")
    program = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.23")
    data = {
        "kode": "1.6.1.1.23.1",
        "nama": "Bantuan Modal Usaha",
        "induk": program.pk,
        "lokasi": "Liwa",
        "pagu": "25.000.000",
        "pagu_maju": "",
        "sumber_dana": "",
        "catatan": "",
        "kode_nasional": "",
        "ind-TOTAL_FORMS": "1",
        "ind-INITIAL_FORMS": "0",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "30",
        "ind-0-uraian": "Jumlah KUBE",
        "ind-0-target": "30 Kelompok",
    }
    assert c.post(url("baris-tambah", renja_demo.pk, "kegiatan"), data).status_code == 302
    baru = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.23.1")
    assert baru.induk == program and baru.pagu == 25_000_000
    data["kode"] = "1.6.1.1.24.9"
    r = c.post(url("baris-tambah", renja_demo.pk, "kegiatan"), data)
    assert "harus diawali kode induknya 1.6.1.1.23" in r.content.decode()


def test_only_kepala_dinas_finalises(login, renja_demo):
    rancangan = services.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    c = login("perencana")
    c.post(url("lanjutkan", rancangan.pk))
    assert not Renja.objects.filter(tahap=Tahap.FINAL).exists()
    c = login("kadis")
    # The demo carries one error: the kepala dinas is shown it and confirms it by name.
    assert "1.6.1.1.18.14" in c.post(url("lanjutkan", rancangan.pk)).content.decode()
    kunci = [services.kunci_temuan(t) for t in queries.renja_temuan(rancangan) if t.galat]
    r = c.post(url("lanjutkan", rancangan.pk), {"konfirmasi": "1", "galat": kunci})
    final = Renja.objects.get(tahap=Tahap.FINAL)
    assert r.url == url("renja", final.pk)
    html = c.get(url("renja", final.pk)).content.decode()
    assert "hanya baca" in html


def test_periksa_page_lists_findings(login, renja_demo):
    html = login("reviewer").get(url("periksa", renja_demo.pk)).content.decode()
    assert "1.6.1.1.18.14" in html and "tanpa sumber dana" in html


def test_download_is_an_xlsx(login, renja_demo):
    r = login("reviewer").get(url("unduh", renja_demo.pk))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert r.content[:2] == b"PK"


def test_upload_page_refuses_bad_file_and_lists_problems(login, renja_demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login("perencana")
    r = c.post(
        url("impor"),
        {
            "organisasi": renja_demo.organisasi.pk,
            "tahun": 2022,
            "tahap": "rancangan_awal",
            "berkas": SimpleUploadedFile("x.xlsx", b"bukan"),
        },
    )
    assert "ditolak" in r.content.decode()
    assert not Renja.objects.filter(tahun=2022).exists()


def test_tree_page_query_count_stays_flat_as_rows_grow(login, renja_demo):
    c = login("perencana")
    path = url("renja", renja_demo.pk)
    c.get(path)
    with CaptureQueriesContext(connection) as kecil:
        c.get(path)
    tambah_kegiatan(renja_demo, 30)
    with CaptureQueriesContext(connection) as besar:
        r = c.get(path)
    assert "Tambahan 29" in r.content.decode()
    assert len(besar) == len(kecil)


def test_interface_is_indonesian_by_default_and_english_selectable(login, renja_demo):
    c = login("reviewer")
    assert "Total pagu 2021" in c.get(url("renja", renja_demo.pk)).content.decode()
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = c.get(url("renja", renja_demo.pk)).content.decode()
    assert "Total budget 2021" in html and "Rp 5.694.430.455" in html


def test_periksa_speaks_english_when_english_is_chosen(login, renja_demo):
    c = login("reviewer")
    html = c.get(url("periksa", renja_demo.pk)).content.decode()
    assert "pagu Rp 2.000.000 tanpa sumber dana" in html and "Sumber Dana (7)" in html
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = c.get(url("periksa", renja_demo.pk)).content.decode()
    assert "budget Rp 2.000.000 without a funding source" in html and "Funding source (7)" in html
    assert "tanpa sumber dana" not in html and "tidak ada indikator kinerja" not in html
    assert "no performance indicator" in html


def test_nomenklatur_is_listed_and_a_row_can_be_mapped(login, renja_demo):
    from kesos.perencanaan.models import NomenklaturItem
    from kesos.perencanaan.nomenklatur import nomenklatur_muat_baku

    nomenklatur_muat_baku()
    c = login("perencana")
    html = c.get(url("nomenklatur")).content.decode()
    assert "1.06.01.2.01" in html and "Kepmendagri 050-3708" in html
    item = NomenklaturItem.objects.get(versi__kode="kepmendagri-050-3708-2020", kode="1.06.01.2.01")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.18.16")
    assert c.post(url("baris-ubah", baris.pk), _form(baris, kode_nasional=item.pk)).status_code == 302
    baris.refresh_from_db()
    assert baris.kode_nasional == item and baris.kode == "1.6.1.1.18.16"
    assert "1.06.01.2.01" in c.get(url("renja", renja_demo.pk)).content.decode()


def _semua_halaman(renja):
    baris = BarisRenja.objects.get(renja=renja, kode="1.6.1.1.15.2")
    baca = [
        url("beranda"),
        url("renja", renja.pk),
        url("periksa", renja.pk),
        url("unduh", renja.pk),
        url("baris-riwayat", baris.pk),
        url("nomenklatur"),
    ]
    tulis_get = [url("baris-ubah", baris.pk), url("baris-tambah", renja.pk, "program"), url("impor")]
    tulis_post = [url("baris-hapus", baris.pk), url("baris-pindah", baris.pk), url("lanjutkan", renja.pk)]
    return baca, tulis_get, tulis_post


def test_every_page_sends_anonymous_users_to_login(client, renja_demo):
    baca, tulis_get, tulis_post = _semua_halaman(renja_demo)
    for path in baca + tulis_get:
        assert client.get(path).url.startswith(reverse("login")), path
    for path in tulis_post:
        assert client.post(path).url.startswith(reverse("login")), path


@pytest.mark.parametrize("nama", ["reviewer", "operator_a"])
def test_readers_may_read_every_page_and_write_none(login, renja_demo, nama):
    c = login(nama)
    baca, tulis_get, tulis_post = _semua_halaman(renja_demo)
    for path in baca:
        assert c.get(path).status_code == 200, path
    for path in tulis_get:
        assert c.get(path).status_code == 403, path
    for path in tulis_post:
        assert c.post(path, {"versi": 1, "arah": "naik"}).status_code == 403, path
    assert Renja.objects.count() == 1 and BarisRenja.objects.filter(renja=renja_demo).count() == 59


def test_a_row_is_linked_to_its_renstra_row_explicitly(login, renstra_demo, renja_demo):
    from kesos.perencanaan.models import RenstraBaris

    c = login("perencana")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.19.2")  # not in Lampiran I
    assert baris.renstra_baris is None
    target = RenstraBaris.objects.get(kode="1 6 16 15")
    assert c.post(url("baris-ubah", baris.pk), _form(baris, renstra_baris=target.pk)).status_code == 302
    baris.refresh_from_db()
    assert baris.renstra_baris == target
