import pytest
from rest_framework.test import APIClient

from kesos.akun.access import SISTEM
from kesos.perencanaan.models import BarisRenja


@pytest.fixture
def api(persona):
    def sebagai(nama: str | None) -> APIClient:
        c = APIClient()
        if nama:
            c.force_authenticate(persona(nama))
        return c

    return sebagai


def test_anonymous_gets_nothing(api, renja_demo):
    assert api(None).get("/api/renja/").status_code in (401, 403)


def test_renja_detail_has_computed_totals(api, renja_demo):
    r = api("reviewer").get(f"/api/renja/{renja_demo.pk}/")
    assert r.status_code == 200
    assert r.json()["ringkasan"] == {
        "total": 5_694_430_455,
        "total_maju": 6_611_182_965,
        "pagu_rkpd": 6_588_429_650,
        "selisih_rkpd": 893_999_195,
        "jumlah_program": 10,
        "jumlah_kegiatan": 47,
        "jumlah_sub_kegiatan": 0,
    }


def test_filter_and_rows(api, renja_demo):
    c = api("reviewer")
    assert len(c.get("/api/renja/", {"tahun": 2021, "organisasi": "1.6.1.1"}).json()["results"]) == 1
    assert c.get("/api/renja/", {"tahun": 2020}).json()["results"] == []
    baris = c.get(f"/api/renja/{renja_demo.pk}/baris/").json()
    assert len(baris) == 59  # urusan, bidang, 10 program, 47 kegiatan
    p22 = next(b for b in baris if b["kode"] == "1.6.1.1.22")
    assert p22["pagu_hitung"] == 219_304_000 and p22["pagu"] is None
    temuan = c.get(f"/api/renja/{renja_demo.pk}/temuan/").json()
    assert [t["kode"] for t in temuan if t["tingkat"] == "galat"] == ["1.6.1.1.18.14"]


def test_writing_needs_perencana_and_respects_versions(api, renja_demo):
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.18.14")
    path = f"/api/baris/{baris.pk}/"
    assert api("reviewer").patch(path, {"versi": 1, "sumber_dana": "DAU"}, format="json").status_code == 403
    r = api("perencana").patch(path, {"versi": 1, "sumber_dana": "DAU"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["sumber_dana"] == "Dana Alokasi Umum" and r.json()["versi"] == 2
    r = api("perencana").patch(path, {"versi": 1, "pagu": 5}, format="json")
    assert r.status_code == 409 and "pengguna lain" in r.json()["message"]
    r = api("perencana").patch(path, {"versi": 2, "pagu": -5}, format="json")
    assert r.status_code == 400
    baris.refresh_from_db()
    assert baris.pagu == 2_000_000
    assert api("reviewer").get(f"/api/renja/{renja_demo.pk}/temuan/").json()[0]["tingkat"] != "galat"


def test_openapi_docs_are_served(api, renja_demo, client, persona):
    client.force_login(persona("reviewer"))
    assert client.get("/api/docs/").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/renja/{id}/baris/" in schema.content


def test_tc29_and_e81_endpoints(api, renstra_demo, renja_demo):
    c = api("reviewer")
    rows = c.get("/api/evaluasi/tc29/", {"organisasi": "1.6.1.1", "tahun": 2021}).json()
    odgj = next(r for r in rows if r["kode"] == "1 6 16 15")
    assert (
        odgj["kolom"]["10"] == "15" and odgj["tertulis"]["10"] == "40" and odgj["renja"] == ["1.6.1.1.20.2"]
    )
    assert c.get("/api/evaluasi/tc29/", {"organisasi": "1.6.1.1", "tahun": "x"}).status_code == 400
    e81 = c.get(f"/api/renja/{renja_demo.pk}/e81/").json()
    assert {r["kode"] for r in e81} >= {"1.6.1.1.20.3"} and e81[0]["realisasi_rp"] is None
    assert api(None).get("/api/evaluasi/tc29/", {"organisasi": "1.6.1.1", "tahun": 2021}).status_code in (
        401,
        403,
    )


def test_person_endpoints_are_scoped_like_the_pages(api, registri):
    from datetime import date

    from kesos.registri.impor import registri_import

    isi = (
        b"nik,no_kk,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa,hubungan_keluarga\n"
        b"1804041203850001,1804040000010001,Budi,L,12-03-1985,Balik Bukit,Pasar Liwa,Kepala Keluarga\n"
        b"1804055507900002,1804050000010001,Siti,P,15-07-1990,Sumber Jaya,Simpangsari,Kepala Keluarga\n"
    )
    assert registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1)).dibuat == 2
    a = api("operator_a").get("/api/orang/").json()["results"]
    assert [o["nama"] for o in a] == ["Budi"] and a[0]["nik"] == "1804041203850001"
    b = api("operator_b").get("/api/orang/").json()["results"]
    assert [o["nama"] for o in b] == ["Siti"]
    assert len(api("admin").get("/api/orang/").json()["results"]) == 2
    assert api("kadis").get("/api/orang/").status_code == 403
    assert api("operator_a").get(f"/api/orang/{b[0]['id']}/").status_code == 404
    assert api("reviewer").get("/api/orang/").status_code == 403
    assert api("perencana").get("/api/keluarga/").status_code == 403
    kel = api("operator_a").get("/api/keluarga/").json()["results"]
    assert len(kel) == 1 and kel[0]["kepala"] == a[0]["id"]
    assert api("operator_a").post("/api/orang/", {}, format="json").status_code in (403, 405)
