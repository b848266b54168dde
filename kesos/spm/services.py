"""Writes of SPM data: the reference sets and stated tables (loaded once, as stated), and
values an office enters by hand beside the computed ones."""

import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.bansos import validasi
from kesos.bansos.access import SPM
from kesos.inti.errors import KesosError

from .models import BarisTertulis, IndikatorSPM, NilaiManual, SetIndikator, TabelTertulis
from .ukuran import cari

DATA = Path(__file__).parent / "data" / "spm_sosial.json"


@transaction.atomic
def spm_muat_baku(berkas: Path = DATA) -> int:
    """The two indicator sets and the document's stated 2019 tables; safe to run twice.
    Every measure an indicator names must exist (a typo in the data is refused, not
    computed as zero)."""
    with open(berkas, encoding="utf-8") as f:
        data = json.load(f)
    for s in data["set"]:
        himpunan, _dibuat = SetIndikator.objects.get_or_create(
            kode=s["kode"],
            versi=s["versi"],
            defaults={k: s[k] for k in ("nama", "dasar_hukum", "berlaku_mulai", "berlaku_sampai")},
        )
        for i in s["indikator"]:
            for ukuran in (i["pembilang"], i["penyebut"]):
                if cari(ukuran) is None:
                    raise KesosError(
                        _("Indikator %(set)s no. %(nomor)s: ukuran '%(ukuran)s' tidak dikenal.")
                        % {"set": s["kode"], "nomor": i["nomor"], "ukuran": ukuran}
                    )
            IndikatorSPM.objects.get_or_create(
                set=himpunan,
                nomor=i["nomor"],
                defaults={
                    "kode": i["kode"],
                    "jenis_layanan": i["jenis_layanan"],
                    "uraian": i["uraian"],
                    "pembilang": i["pembilang"],
                    "penyebut": i["penyebut"],
                    "target_nasional": Decimal(i["target_nasional"]) if i["target_nasional"] else None,
                },
            )
    n = 0
    for dok in data["tertulis"]:
        himpunan = SetIndikator.objects.filter(kode=dok["set"]).order_by("-versi").first()
        nomor = {i.nomor: i for i in himpunan.indikator.all()}
        for t in dok["tabel"]:
            tabel, dibuat = TabelTertulis.objects.get_or_create(
                sumber=dok["sumber"],
                kode=t["kode"],
                tahun=dok["tahun"],
                defaults={"judul": t["judul"], "jenis": t["jenis"], "urutan": t["urutan"], "set": himpunan},
            )
            if not dibuat:
                continue
            n += 1
            BarisTertulis.objects.bulk_create(
                BarisTertulis(
                    tabel=tabel,
                    urutan=u,
                    nomor=b["nomor"],
                    uraian=b["uraian"],
                    indikator=nomor.get(b["indikator"]),
                    target_nasional=b["target_nasional"],
                    target_daerah=b["target_daerah"],
                    realisasi=b["realisasi"],
                    batas_waktu=b["batas_waktu"],
                )
                for u, b in enumerate(t["baris"], start=1)
            )
    return n


@transaction.atomic
def nilai_manual_simpan(
    *,
    pengguna: AbstractBaseUser | None,
    indikator: IndikatorSPM,
    tahun: int,
    pembilang: Decimal | int | str,
    penyebut: Decimal | int | str,
    keterangan: str = "",
) -> NilaiManual:
    """Keep a hand-entered numerator and denominator for a year beside the computed ones."""
    SPM.pastikan(pengguna, "isi")
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise KesosError(_("tahun: 2000 sampai 2100."))
    a = validasi.desimal(pembilang, _("pembilang"))
    b = validasi.desimal(penyebut, _("penyebut"))
    if a is None or b is None:
        raise KesosError(_("pembilang dan penyebut wajib diisi."))
    keterangan = validasi.teks(keterangan, _("keterangan"), 255)
    lama = NilaiManual.objects.select_for_update().filter(indikator=indikator, tahun=tahun).first()
    sebelum = {"pembilang": str(lama.pembilang), "penyebut": str(lama.penyebut)} if lama else None
    n, _dibuat = NilaiManual.objects.update_or_create(
        indikator=indikator,
        tahun=tahun,
        defaults={
            "pembilang": a,
            "penyebut": b,
            "keterangan": keterangan,
            "dicatat_oleh": pengguna_db(pengguna),
        },
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH if lama else AuditLog.Aksi.BUAT,
        objek="spm.NilaiManual",
        objek_id=n.pk,
        sebelum=sebelum,
        sesudah={"indikator": indikator.kode, "tahun": tahun, "pembilang": str(a), "penyebut": str(b)},
        keterangan=keterangan,
    )
    return n
