"""The demo Renja: Lampiran II of the Renja 2021 of Dinas Sosial Kabupaten Lampung Barat."""

import json
from pathlib import Path

from django.db import transaction

from kesos.akun.access import SISTEM
from kesos.wilayah.models import Wilayah

from .models import Organisasi, Renja
from .pohon import BarisData, IndikatorData
from .services import buat_renja_dari_data, pagu_rkpd_tetapkan, sumber_dana_baku

DATA_DEMO = Path(__file__).parent / "data" / "renja_lampung_barat_2021.json"


def baca_demo() -> dict:
    with open(DATA_DEMO, encoding="utf-8") as f:
        return json.load(f)


def _indikator(uraian: list[str], target: list[str], maju: list[str]) -> list[IndikatorData]:
    n = max(len(uraian), len(target), len(maju))

    def ambil(daftar: list[str], i: int) -> str:
        return daftar[i] if i < len(daftar) else ""

    return [IndikatorData(ambil(uraian, i), ambil(target, i), ambil(maju, i)) for i in range(n)]


def baris_demo(data: dict) -> list[BarisData]:
    hasil = []
    for p in data["program"]:
        hasil.append(
            BarisData(
                kode=p["kode"],
                nama=p["nama"],
                level="program",
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
        total_tertulis=data["total_tertulis"],
        total_maju_tertulis=data["total_maju_tertulis"],
        pengguna=SISTEM,
        keterangan="Data demo: Lampiran II Renja 2021 Dinas Sosial Kabupaten Lampung Barat",
    )
