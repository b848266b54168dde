"""Nomenclature versions from files, the check against them, and local codes mapped to national."""

import io
import random

import pytest
from openpyxl import Workbook

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.perencanaan import pemetaan, queries, services
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import (
    BarisRenja,
    NomenklaturItem,
    NomenklaturVersi,
    Organisasi,
    PemetaanKode,
    Renja,
    SkemaKode,
)
from kesos.perencanaan.nomenklatur import nomenklatur_impor, nomenklatur_muat_baku
from kesos.perencanaan.pemeriksaan import KOLOM_KODE, KOLOM_NAMA, PERINGATAN


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


NOMENKLATUR_BARU = [
    ["Kepmendagri 900.1-861 Tahun 2026 (contoh)"],
    ["Kode", "Nomenklatur Urusan / Program / Kegiatan / Sub Kegiatan", "Status"],
    ["1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL", ""],
    ["1.06.04", "PROGRAM REHABILITASI SOSIAL", "aktif"],
    ["1.06.04.2.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar", "aktif"],
    ["1.06.04.2.01.0001", "Penyediaan Permakanan", "aktif"],
    ["1.06.04.2.01.0002", "Penyediaan Sandang", "dihapus"],
]


def test_a_newer_nomenclature_loads_from_a_file_as_a_new_version(db, persona):
    skema = SkemaKode.objects.get(kode="nasional-050-5889")
    versi = nomenklatur_impor(
        berkas=_xlsx(NOMENKLATUR_BARU),
        kode="900.1-861-2026",
        nama="Kepmendagri 900.1-861/2026",
        skema=skema,
        pengguna=SISTEM,
    )
    assert [(i.level, i.kode, i.aktif) for i in versi.item.order_by("kode")] == [
        ("program", "1.06.04", True),
        ("kegiatan", "1.06.04.2.01", True),
        ("sub_kegiatan", "1.06.04.2.01.0001", True),
        ("sub_kegiatan", "1.06.04.2.01.0002", False),
    ]
    assert AuditLog.objects.filter(objek="perencanaan.NomenklaturVersi", objek_id=str(versi.pk)).exists()
    with pytest.raises(KesosError, match="sudah ada"):
        nomenklatur_impor(
            berkas=_xlsx(NOMENKLATUR_BARU), kode="900.1-861-2026", nama="lagi", skema=skema, pengguna=SISTEM
        )
    with pytest.raises(KesosError, match="admin"):
        nomenklatur_impor(
            berkas=_xlsx(NOMENKLATUR_BARU), kode="x", nama="x", skema=skema, pengguna=persona("perencana")
        )


def test_a_nomenclature_file_with_codes_of_another_shape_is_refused_whole(db):
    skema = SkemaKode.objects.get(kode="nasional-050-5889")
    rusak = [*NOMENKLATUR_BARU, ["1.06.04.2.1.1", "Kode salah bentuk", ""], ["1.06.04", "Ganda", ""]]
    with pytest.raises(ImportDitolak) as e:
        nomenklatur_impor(berkas=_xlsx(rusak), kode="v", nama="v", skema=skema, pengguna=SISTEM)
    assert {(m.baris, m.kolom) for m in e.value.masalah} == {(8, "kode"), (9, "kode")}
    assert not NomenklaturVersi.objects.filter(kode="v").exists()


@pytest.fixture
def kantor_nasional(db):
    services.sumber_dana_baku()
    nomenklatur_muat_baku()
    return Organisasi.objects.create(kode="1.06.0.00.0.00.01.0000", nama="Dinas Sosial Kabupaten Contoh")


def test_periksa_warns_of_codes_missing_from_the_nomenclature_and_names_that_differ(kantor_nasional):
    data = _xlsx(
        [
            ["Kode", "Uraian", "Pagu Indikatif", "Sumber Dana", "Indikator", "Target"],
            ["1.06.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", None, None, "I", "1 Dok"],
            ["1.06.01.2.01", "Perencanaan Penganggaran dan Evaluasi", None, None, "I", "1 Dok"],
            ["1.06.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 5, "DAU", "I", "1 Dok"],
            ["1.06.01.2.01.99", "Sub yang tidak ada", 5, "DAU", "I", "1 Dok"],
        ]
    )
    renja = renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor_nasional, tahun=2022).renja
    assert renja.skema.kode == "nasional-050-3708" and renja.nomenklatur.kode == "kepmendagri-050-3708-2020"
    temuan = {(t.kode, t.kolom): t.pesan for t in queries.renja_temuan(renja) if t.tingkat == PERINGATAN}
    assert "tidak ada dalam nomenklatur" in temuan[("1.06.01.2.01.99", KOLOM_KODE)]
    assert temuan[("1.06.01.2.01", KOLOM_NAMA)] == (
        "nama berbeda dari nomenklatur Kepmendagri 050-3708 Tahun 2020: tertulis 'Perencanaan Penganggaran "
        "dan Evaluasi', nomenklatur 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah'"
    )
    assert ("1.06.01.2.01.01", KOLOM_NAMA) not in temuan and ("1.06.01", KOLOM_NAMA) not in temuan


def _rusak(nama: str, acak: random.Random) -> str:
    """A name as an office types it: case, a slash as a space, a dropped 'dan', one typo."""
    kata = nama.replace("/", " ").split()
    if acak.random() < 0.5:
        kata = [k for k in kata if k.lower() != "dan"]
    teks = " ".join(kata)
    teks = teks.lower() if acak.random() < 0.3 else teks
    i = acak.randrange(len(teks))
    return teks[:i] + teks[i + 1 :] if acak.random() < 0.6 else teks


def test_suggestions_find_the_national_name_of_names_typed_loosely(db):
    """Scored: every active sub-kegiatan typed loosely must be among the three suggestions."""
    nomenklatur_muat_baku()
    versi = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020")
    calon = pemetaan._calon(versi)
    acak = random.Random(2021)
    benar3 = benar1 = 0
    for pk, (_kode, nama, _) in calon.items():
        saran = pemetaan.saran(_rusak(nama, acak), calon)
        benar3 += pk in [s.item_id for s in saran]
        benar1 += saran[0].item_id == pk
    assert benar3 / len(calon) >= 0.95, (benar3, len(calon))
    assert benar1 / len(calon) >= 0.85, (benar1, len(calon))


def test_mapping_is_kept_for_the_office_and_used_to_start_next_year_nationally(renja_demo, persona):
    nomenklatur_muat_baku()
    versi = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020")
    daftar = pemetaan.pemetaan_renja(renja_demo, versi)
    assert len(daftar) == 47  # every kegiatan carries pagu
    surat = next(d for d in daftar if d.baris.kode == "1.6.1.1.15.2")
    assert surat.saran[0].skor >= 90 and "Surat" in surat.saran[0].nama
    # Accept the best suggestion where it scores 90 or more; say "no twin" for the katarak escort.
    pilihan = {d.baris.kode: d.saran[0].item_id for d in daftar if d.saran[0].skor >= 90}
    pilihan["1.6.1.1.20.3"] = None
    with pytest.raises(KesosError):
        services.pemetaan_simpan(renja=renja_demo, pilihan=pilihan, pengguna=persona("reviewer"))
    n = services.pemetaan_simpan(renja=renja_demo, pilihan=pilihan, pengguna=persona("perencana"))
    assert n == len(pilihan) == PemetaanKode.objects.filter(organisasi=renja_demo.organisasi).count()
    assert services.pemetaan_simpan(renja=renja_demo, pilihan=pilihan, pengguna=persona("perencana")) == 0
    # Decisions show again, and the tree shows the national code of each mapped row.
    lagi = {d.baris.kode: d for d in pemetaan.pemetaan_renja(renja_demo, versi)}
    assert lagi["1.6.1.1.20.3"].diputuskan and lagi["1.6.1.1.20.3"].pilihan is None
    pohon = {b.kode: b for b in queries.renja_ringkasan(renja_demo).pohon.urut}
    item = NomenklaturItem.objects.get(pk=pilihan["1.6.1.1.15.2"])
    assert pohon["1.6.1.1.15.2"].kode_nasional == item.kode

    hasil = services.renja_mulai_nasional(renja=renja_demo, versi=versi, pengguna=persona("perencana"))
    baru = hasil.renja
    assert (baru.tahun, baru.tahap, baru.skema.kode) == (2022, "rancangan_awal", "nasional-050-3708")
    dipetakan = {k for k, v in pilihan.items() if v}
    # Every row with pagu that was not mapped is listed, the empty program 23 too.
    assert {b.kode for b in hasil.tidak_dipetakan} == {
        b.kode for b in BarisRenja.objects.filter(renja=renja_demo, level="kegiatan")
    } - dipetakan | {"1.6.1.1.23"}
    ringkas = queries.renja_ringkasan(baru)
    # Next year's pagu is what this year's Renja forecast for it (prakiraan maju).
    maju = sum(b.pagu_maju or 0 for b in BarisRenja.objects.filter(renja=renja_demo, kode__in=dipetakan))
    assert ringkas.pohon.total == maju
    assert not [t for t in queries.renja_temuan(baru) if t.kolom == KOLOM_KODE and t.tingkat == "galat"]
    sub = {b.kode: b for b in ringkas.pohon.urut}
    assert sub[item.kode].level == "sub_kegiatan" and "1.6.1.1.15.2" in sub[item.kode].catatan
    with pytest.raises(KesosError, match="sudah ada"):
        services.renja_mulai_nasional(renja=renja_demo, versi=versi, pengguna=persona("perencana"))


def test_mapping_page_keeps_what_was_typed_when_a_code_is_unknown(renja_demo, login):
    nomenklatur_muat_baku()
    versi = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020")
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    klien = login("perencana")
    url = f"/renja/{renja_demo.pk}/petakan/?versi={versi.pk}"
    halaman = klien.get(url).content.decode()
    assert "Penyediaan Jasa Surat Menyurat" in halaman and f'name="pilih-{baris.pk}"' in halaman
    r = klien.post(url, {f"kode-{baris.pk}": "9.99.99.9.99.99"})
    assert r.status_code == 200 and 'value="9.99.99.9.99.99"' in r.content.decode()
    assert not PemetaanKode.objects.exists()
    item = NomenklaturItem.objects.get(versi=versi, kode="1.06.01.2.02.01")
    r = klien.post(url, {f"kode-{baris.pk}": "1.06.01.2.02.01"})
    assert r.status_code == 302
    assert PemetaanKode.objects.get(kode_asal="1.6.1.1.15.2").item == item
    # A reviewer reads the page but cannot change the mapping.
    assert login("reviewer").post(url, {f"kode-{baris.pk}": ""}).status_code == 403
    assert PemetaanKode.objects.get(kode_asal="1.6.1.1.15.2").item == item
    r = login("perencana").post(f"/renja/{renja_demo.pk}/nasional/", {"versi": versi.pk})
    baru = Renja.objects.get(tahun=2022)
    assert r.status_code == 302 and r.url == f"/renja/{baru.pk}/"


def test_admin_loads_a_newer_nomenclature_on_its_page_and_others_cannot(db, login, persona):
    data = {
        "kode": "baru-2026",
        "nama": "Baru 2026",
        "skema": SkemaKode.objects.get(kode="nasional-050-5889").pk,
    }
    berkas = io.BytesIO(_xlsx(NOMENKLATUR_BARU))
    berkas.name = "baru.xlsx"
    r = login("perencana").post("/nomenklatur/", {**data, "berkas": berkas})
    assert r.status_code == 200 and not NomenklaturVersi.objects.filter(kode="baru-2026").exists()
    berkas.seek(0)
    r = login("admin").post("/nomenklatur/", {**data, "berkas": berkas})
    versi = NomenklaturVersi.objects.get(kode="baru-2026")
    assert r.status_code == 302 and versi.item.count() == 4
    halaman = login("reviewer").get(f"/nomenklatur/?versi={versi.pk}").content.decode()
    assert "Penyediaan Permakanan" in halaman and "Muat versi baru" not in halaman
