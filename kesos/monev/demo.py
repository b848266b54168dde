"""The demo Renstra and its account: Lampiran I of the Renja 2021 and the 2019 budget (Bab II);
and a year in progress for the synthetic second office."""

import json
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from kesos.akun.access import SISTEM
from kesos.perencanaan.models import (
    BarisRenja,
    Indikator,
    Level,
    Organisasi,
    Renja,
    Renstra,
    RenstraBaris,
    RenstraIndikator,
    Tahap,
)
from kesos.perencanaan.services import renja_lanjutkan, renja_tetapkan_dengan_konfirmasi, tahap_berikutnya

from .models import AnggaranKegiatan, AnggaranTahunan, CapaianTahunan, NilaiTertulis
from .services import realisasi_ajukan, realisasi_simpan

DATA_LAMPIRAN_I = Path(__file__).parent / "data" / "lampiran_i_2021.json"
SUMBER = "Lampiran I Renja 2021"


def _d(nilai: int | None) -> Decimal | None:
    return None if nilai is None else Decimal(nilai)


@transaction.atomic
def muat_lampiran_i(*, organisasi: Organisasi) -> Renstra:
    """Load the Renstra with the document's figures, as stated; safe to run twice."""
    with open(DATA_LAMPIRAN_I, encoding="utf-8") as f:
        data = json.load(f)
    r = data["renstra"]
    renstra, dibuat = Renstra.objects.get_or_create(
        organisasi=organisasi,
        tahun_mulai=r["tahun_mulai"],
        defaults={"tahun_akhir": r["tahun_akhir"], "nama": r["nama"]},
    )
    if dibuat:
        _isi_renstra(renstra, data)
    _muat_anggaran(organisasi, data["anggaran"])
    return renstra


def _isi_renstra(renstra: Renstra, data: dict) -> None:
    tahun = data["tahun_renja"]
    renja_baris = {
        b.kode: b
        for b in BarisRenja.objects.filter(
            renja__organisasi=renstra.organisasi, renja__tahun=tahun
        ).select_related("renja")
    }
    urutan = 0
    for p in data["program"]:
        urutan += 1
        program = RenstraBaris.objects.create(
            renstra=renstra, level=Level.PROGRAM, urutan=urutan, kode=p["kode"], nama=p["nama"]
        )
        for i, uraian in enumerate(p["indikator"]):
            RenstraIndikator.objects.create(baris=program, urutan=i, uraian=uraian)
        _tautkan(renja_baris.get(p["renja"]), program, None)
        for k in p["kegiatan"]:
            urutan += 1
            kegiatan = RenstraBaris.objects.create(
                renstra=renstra,
                induk=program,
                level=Level.KEGIATAN,
                urutan=urutan,
                kode=k["kode"],
                nama=k["nama"],
            )
            ind = RenstraIndikator.objects.create(
                baris=kegiatan,
                uraian=k["indikator"],
                jenis=k["jenis"],
                kumulatif=k["kumulatif"],
                target_akhir=_d(k["target_akhir"]),
            )
            CapaianTahunan.objects.create(
                indikator=ind,
                tahun=tahun - 3,
                sampai_dengan=True,
                realisasi=_d(k["realisasi_sd_2018"]),
                sumber=SUMBER,
            )
            CapaianTahunan.objects.create(
                indikator=ind,
                tahun=tahun - 2,
                target=_d(k["target_2019"]),
                realisasi=_d(k["realisasi_2019"]),
                sumber=SUMBER,
            )
            CapaianTahunan.objects.create(
                indikator=ind, tahun=tahun - 1, target=_d(k["target_2020"]), sumber=SUMBER
            )
            for kolom, nilai in k["tertulis"].items():
                if nilai:
                    NilaiTertulis.objects.create(
                        indikator=ind, tabel="tc29", tahun_renja=tahun, kolom=int(kolom), nilai=nilai
                    )
            _tautkan(renja_baris.get(k["renja"]), kegiatan, ind)


def _tautkan(baris: BarisRenja | None, renstra_baris: RenstraBaris, ind: RenstraIndikator | None) -> None:
    """Link a Renja row (all its versions of the year share the code) to its Renstra row."""
    if baris is None:
        return
    semua = BarisRenja.objects.filter(
        renja__organisasi=baris.renja.organisasi_id, renja__tahun=baris.renja.tahun, kode=baris.kode
    )
    semua.update(renstra_baris=renstra_baris)
    if ind is not None:
        pertama = Indikator.objects.filter(baris__in=semua, urutan=0)
        pertama.update(renstra_indikator=ind)


def _muat_anggaran(organisasi: Organisasi, a: dict) -> None:
    anggaran, dibuat = AnggaranTahunan.objects.get_or_create(
        organisasi=organisasi,
        tahun=a["tahun"],
        defaults={
            "pagu": a["pagu"],
            "realisasi": a["realisasi"],
            "jumlah_program": a["jumlah_program"],
            "jumlah_kegiatan": a["jumlah_kegiatan"],
            "persen_tertulis": a["persen_tertulis"],
            "sumber": a["sumber"],
        },
    )
    if dibuat:
        for i, k in enumerate(a["kegiatan"]):
            AnggaranKegiatan.objects.create(
                anggaran=anggaran,
                urutan=i,
                nama=k["nama"],
                pagu=k["pagu"],
                realisasi=k["realisasi"],
                fisik_persen=None if k["fisik_persen"] is None else Decimal(k["fisik_persen"]),
                alasan=k["alasan"],
            )


# Share of a kegiatan's pagu and target realised by the end of each quarter, before noise.
_KUMULATIF_TRIWULAN = {1: 0.18, 2: 0.42, 3: 0.68}


@transaction.atomic
def muat_realisasi_demo(renja: Renja, *, sampai_triwulan: int = 3) -> Renja:
    """The synthetic office's Renja made final and its realisation of the first quarters (the
    first two submitted), so that the evaluation pages and the head's home page show a year in
    progress. Figures come from a seeded generator, never from a real office. Safe to run twice:
    an office whose Renja of that year is already final is left as it is."""
    ada = Renja.objects.filter(organisasi=renja.organisasi, tahun=renja.tahun, tahap=Tahap.FINAL).first()
    if ada is not None:
        return ada
    r = renja
    while r.tahap != Tahap.FINAL:
        if tahap_berikutnya(r) == Tahap.FINAL:
            r = renja_tetapkan_dengan_konfirmasi(renja=r, pengguna=SISTEM)
        else:
            r = renja_lanjutkan(renja=r, pengguna=SISTEM)
    acak = random.Random(f"{r.organisasi.kode}-{r.tahun}")
    daun = (
        BarisRenja.objects.filter(renja=r, anak__isnull=True, pagu__gt=0)
        .prefetch_related("indikator")
        .order_by("urutan")
    )
    for baris in daun:
        laju = acak.uniform(0.6, 1.25)  # some kegiatan run ahead of plan, some behind
        for tw in range(1, sampai_triwulan + 1):
            bagian = min(1.0, _KUMULATIF_TRIWULAN[tw] * laju) - (
                min(1.0, _KUMULATIF_TRIWULAN[tw - 1] * laju) if tw > 1 else 0.0
            )
            nilai = {
                i.id: (None if i.target_angka is None else round(i.target_angka * Decimal(str(bagian)), 2))
                for i in baris.indikator.all()
            }
            realisasi = realisasi_simpan(
                baris=baris, triwulan=tw, rupiah=round(baris.pagu * bagian), nilai=nilai, pengguna=SISTEM
            )
            if tw <= 2:
                realisasi_ajukan(realisasi=realisasi, pengguna=SISTEM)
    return r
