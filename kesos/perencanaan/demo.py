"""The demo Renja: Lampiran II of the Renja 2021 of Dinas Sosial Kabupaten Lampung Barat."""

import json
import random
from pathlib import Path

from django.db import transaction

from kesos.akun.access import SISTEM
from kesos.wilayah.models import Wilayah

from .models import NomenklaturItem, NomenklaturVersi, Organisasi, Renja, SkemaKode, Tahap
from .pohon import BarisData, IndikatorData
from .services import buat_renja_dari_data, pagu_rkpd_tetapkan, sumber_dana_baku

DATA_DEMO = Path(__file__).parent / "data" / "renja_lampung_barat_2021.json"
SKEMA_DEMO = "lokal-2021"  # the document numbers its programs itself: 1.6.1.1.15


def baca_demo() -> dict:
    with open(DATA_DEMO, encoding="utf-8") as f:
        return json.load(f)


def _indikator(uraian: list[str], target: list[str], maju: list[str]) -> list[IndikatorData]:
    n = max(len(uraian), len(target), len(maju))

    def ambil(daftar: list[str], i: int) -> str:
        return daftar[i] if i < len(daftar) else ""

    return [IndikatorData(ambil(uraian, i), ambil(target, i), ambil(maju, i)) for i in range(n)]


def baris_demo(data: dict) -> list[BarisData]:
    """The document's rows: urusan and bidang heading the table, then programs and kegiatan."""
    o = data["organisasi"]
    hasil = [
        BarisData(kode=o["urusan_kode"], nama=o["urusan_nama"], level="urusan"),
        BarisData(kode=o["bidang_kode"], nama=o["bidang_nama"], level="bidang", induk_kode=o["urusan_kode"]),
    ]
    for p in data["program"]:
        hasil.append(
            BarisData(
                kode=p["kode"],
                nama=p["nama"],
                level="program",
                induk_kode=o["bidang_kode"],
                pagu_tertulis=p["pagu_tertulis"],
                pagu_maju_tertulis=p["pagu_maju_tertulis"],
                indikator=_indikator(p["indikator"], p["target"], p["target_maju"]),
            )
        )
        for k in p["kegiatan"]:
            hasil.append(
                BarisData(
                    kode=k["kode"],
                    nama=k["nama"],
                    level="kegiatan",
                    induk_kode=p["kode"],
                    lokasi=k["lokasi"],
                    pagu=k["pagu"],
                    pagu_maju=k["pagu_maju"],
                    sumber_dana=k["sumber_dana"],
                    catatan=k["catatan"],
                    indikator=_indikator(k["indikator"], k["target"], k["target_maju"]),
                )
            )
    return hasil


@transaction.atomic
def muat_renja_demo() -> Renja:
    """Load the document's Renja 2021 (rancangan awal). Safe to run twice."""
    data = baca_demo()
    sumber_dana_baku()
    o = data["organisasi"]
    org, _ = Organisasi.objects.update_or_create(
        kode=o["kode"],
        defaults={
            "nama": o["nama"],
            "urusan_kode": o["urusan_kode"],
            "urusan_nama": o["urusan_nama"],
            "bidang_kode": o["bidang_kode"],
            "bidang_nama": o["bidang_nama"],
            "kepala_nama": o["kepala_nama"],
            "kepala_jabatan": o["kepala_jabatan"],
            "kepala_nip": o["kepala_nip"],
            "wilayah": Wilayah.objects.filter(kode=o["kabupaten_kode"]).first(),
        },
    )
    pagu_rkpd_tetapkan(organisasi=org, tahun=data["tahun"], pagu=data["pagu_rkpd"], pengguna=SISTEM)
    ada = Renja.objects.filter(organisasi=org, tahun=data["tahun"], tahap=data["tahap"]).first()
    if ada:
        return ada
    baris = baris_demo(data)
    for b in baris:
        b.anak = [c for c in baris if c.induk_kode == b.kode]
    return buat_renja_dari_data(
        organisasi=org,
        tahun=data["tahun"],
        tahap=data["tahap"],
        baris=baris,
        skema=SkemaKode.objects.get(kode=SKEMA_DEMO),
        total_tertulis=data["total_tertulis"],
        total_maju_tertulis=data["total_maju_tertulis"],
        pengguna=SISTEM,
        keterangan="Data demo: Lampiran II Renja 2021 Dinas Sosial Kabupaten Lampung Barat",
    )


# A second office, in the national shape -------------------------------------------------

KANTOR_NASIONAL = {
    "kode": "1.06.0.00.0.00.01.0000",
    "nama": "Dinas Sosial Kabupaten Pesisir Barat",
    "urusan_kode": "1",
    "urusan_nama": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "bidang_kode": "1.06",
    "bidang_nama": "URUSAN PEMERINTAHAN BIDANG SOSIAL",
    "kepala_nama": "(Kepala Dinas, contoh sintetis)",
}
TAHUN_NASIONAL = 2022
VERSI_NASIONAL = "kepmendagri-050-3708-2020"


def baris_nasional_demo(acak: random.Random) -> list[BarisData]:
    """A synthetic Renja drawn from the nomenclature: every program, two kegiatan of each (where it
    has them) and up to three sub-kegiatan of each kegiatan, with invented figures."""
    item = {
        i.kode: i
        for i in NomenklaturItem.objects.filter(versi__kode=VERSI_NASIONAL, aktif=True).order_by("kode")
    }
    o = KANTOR_NASIONAL
    hasil = [
        BarisData(kode=o["urusan_kode"], nama=o["urusan_nama"], level="urusan"),
        BarisData(kode=o["bidang_kode"], nama=o["bidang_nama"], level="bidang", induk_kode=o["urusan_kode"]),
    ]
    for p in (i for i in item.values() if i.level == "program"):
        kegiatan = [i for i in item.values() if i.level == "kegiatan" and i.kode.startswith(p.kode + ".")][:2]
        if not kegiatan:
            continue
        hasil.append(
            BarisData(
                kode=p.kode,
                nama=p.nama,
                level="program",
                induk_kode=o["bidang_kode"],
                indikator=[IndikatorData("Persentase sasaran program yang terlayani", "100 %", "100 %")],
            )
        )
        for k in kegiatan:
            hasil.append(
                BarisData(
                    kode=k.kode,
                    nama=k.nama,
                    level="kegiatan",
                    induk_kode=p.kode,
                    indikator=[IndikatorData("Persentase sub-kegiatan yang terlaksana", "100 %", "100 %")],
                )
            )
            sub = [i for i in item.values() if i.level == "sub_kegiatan" and i.kode.startswith(k.kode + ".")]
            for s in sub[:3]:
                pagu = acak.randrange(10_000, 600_000) * 1000
                dokumen = p.kode.endswith(".01")
                jumlah = acak.randrange(2, 12) if dokumen else acak.randrange(20, 400)
                satuan = "Dokumen" if dokumen else "Orang"
                hasil.append(
                    BarisData(
                        kode=s.kode,
                        nama=s.nama,
                        level="sub_kegiatan",
                        induk_kode=k.kode,
                        lokasi="Krui" if dokumen else "Pesisir Barat",
                        pagu=pagu,
                        pagu_maju=round(pagu * 1.05, -3),
                        sumber_dana="Dana Alokasi Umum",
                        indikator=[
                            IndikatorData(
                                f"Jumlah {satuan.lower()} {s.nama[0].lower()}{s.nama[1:]}",
                                f"{jumlah} {satuan}",
                                f"{jumlah + 1} {satuan}",
                            )
                        ],
                    )
                )
    for b in hasil:
        b.anak = [c for c in hasil if c.induk_kode == b.kode]
    return hasil


@transaction.atomic
def muat_renja_nasional_demo() -> Renja:
    """A synthetic Dinas Sosial of a real regency (Pesisir Barat, Lampung) with a Renja in the
    national shape, its sub-kegiatan drawn from the nomenclature. Safe to run twice."""
    sumber_dana_baku()
    org, _ = Organisasi.objects.update_or_create(kode=KANTOR_NASIONAL["kode"], defaults=KANTOR_NASIONAL)
    ada = Renja.objects.filter(organisasi=org, tahun=TAHUN_NASIONAL).first()
    if ada:
        return ada
    versi = NomenklaturVersi.objects.get(kode=VERSI_NASIONAL)
    baris = baris_nasional_demo(random.Random(1813))  # 18.13 is Pesisir Barat
    total = sum(b.pagu or 0 for b in baris)
    pagu_rkpd_tetapkan(organisasi=org, tahun=TAHUN_NASIONAL, pagu=round(total * 1.02, -6), pengguna=SISTEM)
    return buat_renja_dari_data(
        organisasi=org,
        tahun=TAHUN_NASIONAL,
        tahap=Tahap.RANCANGAN_AWAL,
        baris=baris,
        skema=versi.skema,
        nomenklatur=versi,
        pengguna=SISTEM,
        keterangan="Data demo sintetis: Renja dalam bentuk kode nasional",
    )
