"""Issue 10: a target of 10^30 was stored and the E.81 page and API answered 500 from then on;
a 600-character name via the API was a 500 on PostgreSQL; NUL bytes; text silently longer
than its column on SQLite. Every write service now refuses such values with the field named."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak
from kesos.inti.validasi import ANGKA_MAKS, PAGU_MAKS
from kesos.monev import services as monev
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan import services
from kesos.perencanaan.models import BarisRenja, Indikator, Level


@pytest.fixture
def api(persona):
    def sebagai(nama: str) -> APIClient:
        c = APIClient()
        c.force_authenticate(persona(nama))
        return c

    return sebagai


def _baris(renja, kode="1.6.1.1.18.14"):
    return BarisRenja.objects.get(renja=renja, kode=kode)


@pytest.mark.parametrize(
    ("isian", "kolom"),
    [
        ({"nama": "N" * 600}, "nama"),
        ({"nama": "Rapat\x00koordinasi"}, "nama"),
        ({"lokasi": "Liwa\x07"}, "lokasi"),
        ({"kode": "1" * 61}, "kode"),
        ({"pagu": 10**30}, "pagu"),
        ({"pagu": PAGU_MAKS + 1}, "pagu"),
        ({"pagu_maju": -1}, "pagu_maju"),
        ({"catatan": "c" * 20_000}, "catatan"),
        ({"indikator": [{"uraian": "Jumlah", "target": "1" + "0" * 30 + " Orang"}]}, "indikator"),
        ({"indikator": [{"uraian": "x\x00", "target": "1 Orang"}]}, "indikator"),
        ({"indikator": [{"uraian": "Jumlah", "target": "T" * 201}]}, "indikator"),
    ],
)
def test_api_refuses_out_of_bounds_values_with_the_field_named(api, renja_demo, isian, kolom):
    baris = _baris(renja_demo)
    sebelum = (baris.nama, baris.pagu, list(baris.indikator.values_list("target_teks", flat=True)))
    r = api("perencana").patch(f"/api/baris/{baris.pk}/", {"versi": baris.versi, **isian}, format="json")
    assert r.status_code == 400, r.content
    body = r.json()
    assert body["code"] == "tidak_valid" and body["message"]
    assert any(k == kolom or k.startswith(kolom + ".") for k in body["fields"]), body
    baris.refresh_from_db()
    assert (baris.nama, baris.pagu, list(baris.indikator.values_list("target_teks", flat=True))) == sebelum


@pytest.mark.parametrize(
    ("isian", "kolom"),
    [
        ({"nama": "N" * 501}, "nama"),
        ({"nama": "Rapat\x01"}, "nama"),
        ({"pagu": 10**16}, "pagu"),
        ({"indikator": [services.IndikatorInput("Jumlah", "1" + "0" * 30)]}, "indikator"),
        ({"indikator": [services.IndikatorInput("Jumlah", "1,123456 %")]}, "indikator"),
    ],
)
def test_every_row_service_validates_what_it_stores(renja_demo, persona, isian, kolom):
    program = _baris(renja_demo, "1.6.1.1.23")
    data = {"nama": "Baru", "pagu": 1_000, "indikator": [], **isian}
    with pytest.raises(ValidationError) as e:
        services.baris_tambah(
            renja=renja_demo,
            level=Level.KEGIATAN,
            kode="1.6.1.1.23.7",
            induk=program,
            pengguna=persona("perencana"),
            **data,
        )
    assert kolom in e.value.message_dict
    assert not BarisRenja.objects.filter(renja=renja_demo, kode="1.6.1.1.23.7").exists()
    baris = _baris(renja_demo)
    with pytest.raises(ValidationError) as e:
        services.baris_ubah(baris=baris, versi=baris.versi, pengguna=persona("perencana"), **isian)
    assert kolom in e.value.message_dict


def test_the_largest_allowed_figures_keep_e81_computable(api, login, renja_demo, renstra_demo, persona):
    """Bounds chosen so that every sum and ratio of the tables stays computable: the largest
    target and realisation with the smallest target still render the page and the API."""
    rancangan = services.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    final = services.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    kecil = _baris(final, "1.6.1.1.20.3")
    Indikator.objects.filter(baris=kecil).update(target_angka=D("0.0001"))
    besar = _baris(final, "1.6.1.1.20.5")
    Indikator.objects.filter(baris=besar).update(target_angka=ANGKA_MAKS)
    for b in (kecil, besar):
        ind = b.indikator.order_by("urutan").first()
        for tw in (1, 2, 3, 4):
            monev.realisasi_simpan(
                baris=b,
                triwulan=tw,
                rupiah=PAGU_MAKS,
                nilai={ind.id: ANGKA_MAKS},
                pengguna=persona("perencana"),
            )
    assert login("reviewer").get(reverse("monev:e81", args=[final.pk])).status_code == 200
    assert login("reviewer").get(reverse("monev:e81-unduh", args=[final.pk])).status_code == 200
    assert api("reviewer").get(f"/api/renja/{final.pk}/e81/").status_code == 200
    ind = kecil.indikator.order_by("urutan").first()
    with pytest.raises(ValidationError):
        monev.realisasi_simpan(
            baris=kecil,
            triwulan=1,
            rupiah=PAGU_MAKS + 1,
            nilai={ind.id: D(1)},
            versi=RealisasiTriwulan.objects.get(baris=kecil, triwulan=1).versi,
            pengguna=persona("perencana"),
        )
    with pytest.raises(ValidationError):
        monev.realisasi_simpan(
            baris=kecil,
            triwulan=1,
            rupiah=1,
            nilai={ind.id: ANGKA_MAKS + 1},
            versi=RealisasiTriwulan.objects.get(baris=kecil, triwulan=1).versi,
            pengguna=persona("perencana"),
        )


def test_the_row_form_shows_a_service_refusal_as_a_form_error(login, renja_demo):
    from kesos.perencanaan.tests.test_views import _form

    baris = _baris(renja_demo, "1.6.1.1.15.2")
    c = login("perencana")
    r = c.post(reverse("perencanaan:baris-ubah", args=[baris.pk]), _form(baris, nama="Rapat\x01koordinasi"))
    assert r.status_code == 200 and "karakter kendali" in r.content.decode()
    r = c.post(
        reverse("perencanaan:baris-ubah", args=[baris.pk]), _form(baris, **{"ind-0-target": "1" + "0" * 30})
    )
    assert r.status_code == 200 and "Indikator 1: " in r.content.decode()
    baris.refresh_from_db()
    assert baris.nama != "Rapat\x01koordinasi" and baris.versi == 1


def test_a_renja_file_with_a_huge_target_is_refused_naming_the_row(renja_demo, persona):
    import io

    from openpyxl import load_workbook

    from kesos.laporan.renja_xlsx import buat_xlsx
    from kesos.perencanaan import queries
    from kesos.perencanaan.impor import renja_import

    wb = load_workbook(io.BytesIO(buat_xlsx(queries.renja_ringkasan(renja_demo))))
    ws = wb.active
    row = next(r for r in ws.iter_rows() if r[0].value == "1.6.1.1.15.2")
    row[4].value = "1" + "0" * 30 + " Orang"
    row[1].value = "N" * 501
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportDitolak) as e:
        renja_import(
            berkas=buf.getvalue(), organisasi=renja_demo.organisasi, tahun=2022, pengguna=persona("perencana")
        )
    masalah = {(m.baris, m.kolom) for m in e.value.masalah}
    assert (row[0].row, "(2) Nama") in masalah and any(b == row[0].row and "Target" in k for b, k in masalah)


def test_registry_rows_are_checked_for_length_and_control_characters(registri):
    from kesos.registri.impor import registri_import
    from kesos.registri.models import Orang

    isi = (
        "nik,nama,jenis_kelamin,tanggal_lahir,alamat,kecamatan,desa\n"
        f"1804041203850001,{'B' * 121},L,12-03-1985,Dusun 1,Balik Bukit,Pasar Liwa\n"
        "1804041203850002,Budi\x01,L,12-03-1985,Dusun 1,Balik Bukit,Pasar Liwa\n"
        f"1804041203850003,Budi,L,12-03-1985,{'A' * 256},Balik Bukit,Pasar Liwa\n"
    ).encode()
    hasil = registri_import(berkas=isi, pada=date(2026, 6, 1), pengguna=SISTEM)
    assert hasil.ditolak == 3 and not hasil.disimpan
    assert {(c.baris, c.kolom) for c in hasil.catatan} == {(2, "nama"), (3, "nama"), (4, "alamat")}
    assert not Orang.data_pribadi.exists()
    # A NUL byte makes the shared reader take the file for binary: refused whole, not a 500.
    hasil = registri_import(berkas=isi.replace(b"\x01", b"\x00"), pada=date(2026, 6, 1), pengguna=SISTEM)
    assert hasil.ditolak and not hasil.disimpan and not Orang.data_pribadi.exists()


def test_no_silent_truncation_of_a_person(registri):
    from kesos.registri.models import Orang
    from kesos.registri.services import orang_simpan

    with pytest.raises(ValidationError) as e:
        orang_simpan(
            nik="1804041203850001",
            nama="B" * 121,
            jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode="18.04.04.1001",
            pengguna=SISTEM,
        )
    assert "nama" in e.value.message_dict and not Orang.data_pribadi.exists()


def test_a_nul_byte_in_a_query_parameter_is_a_400_not_a_database_error(api, renja_demo):
    """Found by schemathesis on PostgreSQL: ?organisasi=…%00… reached the database (500)."""
    c = api("reviewer")
    for alamat in (f"/api/renja/{renja_demo.pk}/e81/", "/api/renja/", "/api/evaluasi/tc29/"):
        r = c.get(alamat, {"organisasi": "1.6\x001.1", "tahun": "2021"})
        assert r.status_code == 400 and r.json()["fields"]["organisasi"], alamat


def test_a_refused_query_parameter_is_explained_in_english(api, renja_demo, katalog_inggris):
    c = api("reviewer")
    r = c.get(
        "/api/evaluasi/tc29/",
        {"organisasi": renja_demo.organisasi.kode, "tahun": "abad"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 400
    assert r.json()["fields"]["tahun"] == ["The year parameter must be a year (a number 1900–2200)."]
    r = c.get("/api/renja/", {"organisasi": "1.6\x001.1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.json()["fields"]["organisasi"] == ["The parameter holds control characters or is too long."]
