from datetime import date

import pytest
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.registri import services
from kesos.registri.models import Orang, PutaranVerval, Status, Verval


def url(nama, *args):
    return reverse(f"registri:{nama}", args=args)


@pytest.fixture
def orang(registri):
    """Two synthetic persons: one in Balik Bukit (18.04.04), one in Sumber Jaya (18.04.05)."""
    a, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama="Budi Balikbukit",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
        alamat="Dusun 1",
    )
    b, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804055507900002",
        nama="Siti Sumberjaya",
        jenis_kelamin="P",
        tanggal_lahir=date(1990, 7, 15),
        desa_kode="18.04.05.2001",
        alamat="Dusun 2",
    )
    return a, b


def test_operator_sees_only_own_area(login, orang):
    a, b = orang
    c = login("operator_a")  # 18.04.04
    html = c.get(url("daftar")).content.decode()
    assert "Budi Balikbukit" in html and "Siti Sumberjaya" not in html
    assert c.get(url("orang", a.pk)).status_code == 200
    assert c.get(url("orang", b.pk)).status_code == 404
    assert c.post(url("status", b.pk), {"status": "meninggal"}).status_code == 404
    assert Orang.data_pribadi.get(pk=b.pk).status == Status.HIDUP


def test_person_list_searches_by_nik_prefix_and_name_within_the_area(login, orang):
    c = login("admin")
    cari = lambda q: c.get(url("daftar"), {"q": q}).content.decode()  # noqa: E731
    assert "Budi Balikbukit" in cari("180404") and "Siti Sumberjaya" not in cari("180404")
    assert "Siti Sumberjaya" in cari("1804055507900002") and "Budi Balikbukit" not in cari("1804055507900002")
    assert "Siti Sumberjaya" in cari("sumberjaya")
    assert "Budi Balikbukit" not in cari("18040x") and "Budi Balikbukit" not in cari("18050")
    op = login("operator_a")  # 18.04.04: a search does not reach past the area
    assert "Siti Sumberjaya" not in op.get(url("daftar"), {"q": "180405"}).content.decode()


@pytest.mark.parametrize("nama", ["perencana", "reviewer"])
def test_roles_without_personal_data_see_counts_only(login, orang, nama):
    """Issue 10: reviewers and perencana listed every person."""
    c = login(nama)
    assert c.get(url("daftar")).status_code == 403
    assert c.get(url("orang", orang[0].pk)).status_code == 403
    html = c.get(url("beranda")).content.decode()
    assert "34.384" in html and "1804041203850001" not in html and "Budi" not in html


def test_a_reviewer_given_the_right_sees_the_masked_list(login, orang, persona):
    from django.contrib.auth.models import Permission

    reviewer = persona("reviewer")
    reviewer.user_permissions.add(Permission.objects.get(codename="lihat_daftar_orang"))
    html = login("reviewer").get(url("daftar")).content.decode()
    assert "1804••••••••0001" in html and "1804041203850001" not in html and "Budi" not in html


@pytest.mark.parametrize("nama", ["kadis", "admin", "operator_a"])
def test_the_masked_nik_cannot_be_completed_from_the_list(login, orang, nama):
    """Issue 10: birth date, sex and desa stood beside the masked NIK, and those are its own
    digits. Digits 5-12 (kecamatan, birth date + 40 for women) must not be readable from the
    list, in whatever form the date is written."""
    html = login(nama).get(url("daftar")).content.decode()
    budi = orang[0]
    assert "1804••••••••0001" in html and budi.nik not in html
    for tanggal in ("12-03-1985", "12/03/1985", "1985-03-12", "12 Maret 1985", "120385"):
        assert tanggal not in html
    assert ">L<" not in html and "Laki-laki" not in html


def test_kepala_dinas_sees_masked_persons_but_no_full_record(login, orang):
    c = login("kadis")
    html = c.get(url("daftar")).content.decode()
    assert "1804••••••••0001" in html and "Budi" not in html
    assert c.get(url("orang", orang[0].pk)).status_code == 403


def test_every_view_of_a_full_nik_is_logged(login, orang, persona):
    from kesos.akun.models import AksesDataPribadi

    c = login("operator_a")
    html = c.get(url("orang", orang[0].pk)).content.decode()
    assert orang[0].nik in html
    log = AksesDataPribadi.objects.get()
    assert log.pengguna == persona("operator_a") and log.ids == [orang[0].pk] and log.aksi == "lihat"
    assert c.get(url("orang", orang[1].pk)).status_code == 404
    assert AksesDataPribadi.objects.count() == 1


def test_export_of_persons_needs_a_purpose_and_is_logged(login, orang, persona):
    import csv
    import io

    from kesos.akun.models import AksesDataPribadi

    c = login("operator_a")
    r = c.post(url("ekspor"), {"tujuan": ""})
    assert r.status_code == 200 and "wajib diisi" in r.content.decode()
    assert not AksesDataPribadi.objects.exists()
    r = c.post(url("ekspor"), {"tujuan": "kunjungan verval tahap I"})
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [orang[0].nik]  # own area only
    log = AksesDataPribadi.objects.get()
    assert (log.aksi, log.tujuan, log.ids) == ("ekspor", "kunjungan verval tahap I", [orang[0].pk])
    assert log.pengguna == persona("operator_a")
    for nama in ("kadis", "reviewer", "perencana"):
        assert login(nama).post(url("ekspor"), {"tujuan": "x"}).status_code == 403


def test_pages_with_personal_data_are_not_stored_by_browsers(login, orang):
    c = login("operator_a")
    for alamat in (url("daftar"), url("orang", orang[0].pk), url("duplikat")):
        assert "no-store" in c.get(alamat)["Cache-Control"]


def test_public_sees_only_suppressed_aggregates(client, orang):
    from kesos.registri.models import Kategori

    services.klasifikasi_tambah(
        pengguna=SISTEM, orang=orang[0], kategori=Kategori.objects.get(kode="FM"), tanggal=date(2026, 1, 1)
    )
    html = client.get(url("data-terbuka")).content.decode()
    assert "Fakir miskin" in html and "&lt; 5" in html and "Budi" not in html
    csv = client.get(url("data-terbuka") + "?format=csv").content.decode()
    assert "18.04.04,Balik Bukit,Fakir miskin,< 5" in csv
    assert client.get(url("daftar")).status_code == 302


def test_verval_round_marking_progress_and_closing(login, orang, persona):
    a, b = orang
    kadis = login("kadis")
    kadis.post(url("putaran"), {"aksi": "buka", "nama": "Verval 2026 Tahap I"})
    p = PutaranVerval.objects.get()
    op = login("operator_a")
    op.post(url("orang-verval", a.pk), {"putaran": p.pk, "hasil": "tidak_valid", "alasan": "meninggal"})
    v = Verval.objects.get(orang=a)
    assert v.hasil == "tidak_valid" and Orang.data_pribadi.get(pk=a.pk).status == Status.MENINGGAL
    # Not their area: refused, nothing stored.
    assert op.post(url("orang-verval", b.pk), {"putaran": p.pk, "hasil": "valid"}).status_code == 404
    # A reason is required for "tidak valid".
    resp = op.post(
        url("orang-verval", a.pk), {"putaran": p.pk, "hasil": "tidak_valid", "alasan": ""}, follow=True
    )
    assert "harus dengan alasan" in resp.content.decode()
    html = login("reviewer").get(url("verval")).content.decode()
    assert "Balik Bukit" in html and "belum memverifikasi" in html
    kadis = login("kadis")
    kadis.post(url("putaran"), {"aksi": "tutup", "putaran": p.pk})
    p.refresh_from_db()
    assert not p.terbuka
    op = login("operator_a")
    resp = op.post(url("orang-verval", a.pk), {"putaran": p.pk, "hasil": "valid"}, follow=True)
    assert "sudah ditutup" in resp.content.decode()
    assert Verval.objects.get(orang=a).hasil == "tidak_valid"


def test_only_kepala_dinas_opens_a_round(login, orang):
    login("operator_a").post(url("putaran"), {"aksi": "buka", "nama": "X"})
    login("perencana").post(url("putaran"), {"aksi": "buka", "nama": "X"})
    assert not PutaranVerval.objects.exists()


def test_trend_charts_of_the_recorded_tables(login, registri):
    c = login("reviewer")
    assert c.get(url("grafik", "PMKS", "png")).content.startswith(b"\x89PNG")
    assert b"<svg" in c.get(url("grafik", "PSKS", "svg")).content
    assert c.get(url("grafik", "XYZ", "svg")).status_code == 404


def test_admin_amends_a_category_in_use_as_a_new_version(client, orang, persona):
    from kesos.registri.models import Kategori

    services.klasifikasi_tambah(
        pengguna=SISTEM, orang=orang[0], kategori=Kategori.objects.get(kode="FM"), tanggal=date(2026, 1, 1)
    )
    admin = persona("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    fm = Kategori.objects.get(kode="FM")
    data = {
        f: getattr(fm, f) or ""
        for f in (
            "jenis",
            "kelompok",
            "nama",
            "definisi",
            "usia_min",
            "usia_max",
            "usia_kurang_dari",
            "jenis_kelamin",
        )
    }
    data["definisi"] = "Definisi baru"
    resp = client.post(reverse("admin:registri_kategori_change", args=[fm.pk]), data)
    assert resp.status_code == 302
    fm.refresh_from_db()
    assert fm.definisi != "Definisi baru" and not fm.aktif
    assert Kategori.objects.get(kode="FM", versi=2).definisi == "Definisi baru"
