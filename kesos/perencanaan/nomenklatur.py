"""The national nomenclature for Urusan Sosial, loaded as versioned reference data.

A version is never edited in place: a newer Kepmendagri is loaded from its file as a new
version (``nomenklatur_impor``), and each Renja keeps the version it was checked against.
"""

import csv
import io
import re
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.inti.errors import ImportDitolak, KesosError, Masalah
from kesos.inti.tabel import Kolom, baca_tabel

from .models import LEVEL_KEPALA, NomenklaturItem, NomenklaturVersi, SkemaKode

DATA = Path(__file__).parent / "data"
VERSI_BAKU = [
    (
        "kepmendagri-050-3708-2020",
        "Kepmendagri 050-3708 Tahun 2020",
        "nomenklatur_sosial_kepmendagri_050-3708.csv",
        "nasional-050-3708",
    ),
    (
        "permendagri-13-2006",
        "Permendagri 13 Tahun 2006",
        "nomenklatur_sosial_permendagri_13-2006.csv",
        None,  # its codes (1.06.01.01) fit none of the shipped schemes
    ),
]
SUMBER = "Data master SIMDA Perencanaan BPKP (simda-id/simcan); lihat kesos/perencanaan/data/SUMBER.md"


@transaction.atomic
def nomenklatur_muat_baku() -> int:
    """Load the shipped versions; a version already loaded is left exactly as it is."""
    jumlah = 0
    for kode, nama, berkas, skema in VERSI_BAKU:
        versi, dibuat = NomenklaturVersi.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "sumber": SUMBER,
                "skema": SkemaKode.objects.filter(kode=skema).first() if skema else None,
            },
        )
        if not dibuat:
            continue
        with open(DATA / berkas, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            kepala = next(reader)
            item = []
            for row in reader:
                if not row:
                    continue
                aktif = not (len(kepala) > 3 and row[3].strip() == "1")
                item.append(NomenklaturItem(versi=versi, level=row[0], kode=row[1], nama=row[2], aktif=aktif))
            NomenklaturItem.objects.bulk_create(item)
            jumlah += len(item)
    return jumlah


KOLOM = [
    Kolom("kode", "kode", ("kode", "kode rekening")),
    Kolom(
        "nama",
        "nama",
        ("nama", "uraian", "nomenklatur", "program kegiatan sub kegiatan", "urusan bidang"),
        bukan=("kode", "kinerja", "indikator", "satuan"),
    ),
    Kolom("status", "status", ("status", "aktif"), wajib=False),
]
_DIHAPUS = re.compile(r"^(1|dihapus|hapus|tidak aktif|nonaktif|transisi)$", re.IGNORECASE)


@transaction.atomic
def nomenklatur_impor(
    *,
    berkas: str | Path | bytes | io.BytesIO,
    kode: str,
    nama: str,
    skema: SkemaKode,
    sumber: str = "",
    nama_berkas: str = "",
    pengguna: AbstractBaseUser,
) -> NomenklaturVersi:
    """Load a nomenclature from a table (kode, nama, optionally status) as a new version whose
    codes are written in ``skema``; each row's level comes from its code. All or nothing."""
    from .access import NOMENKLATUR

    NOMENKLATUR.pastikan(pengguna, "muat")
    kode, nama = kode.strip(), nama.strip()
    if not kode or not nama or len(kode) > 40 or len(nama) > 200:
        raise KesosError(_("Kode (≤ 40 huruf) dan nama (≤ 200 huruf) versi nomenklatur wajib diisi."))
    if NomenklaturVersi.objects.filter(kode=kode).exists():
        raise KesosError(
            _("Versi nomenklatur %(kode)s sudah ada; versi baru dimuat dengan kode baru.") % {"kode": kode}
        )
    from .skema import skema_dari

    s = skema_dari(skema)
    tabel = baca_tabel(berkas, kolom=KOLOM, nama=nama_berkas)
    masalah: list[Masalah] = []
    item: list[NomenklaturItem] = []
    dilihat: dict[str, int] = {}
    for row in tabel.baris():
        k, n = tabel.teks(row, "kode"), tabel.teks(row, "nama")
        if not k and not n:
            continue
        level = s.level_kode(k) if k else None
        if level is None:
            masalah.append(
                Masalah(row.nomor, "kode", _("kode tidak sesuai skema %(skema)s") % {"skema": s.nama}, k)
            )
            continue
        if level in LEVEL_KEPALA:
            continue  # urusan and bidang rows only head the list
        if not n or len(n) > 300:
            masalah.append(Masalah(row.nomor, "nama", _("nama kosong atau lebih dari 300 huruf"), n[:60]))
            continue
        if k in dilihat:
            masalah.append(
                Masalah(row.nomor, "kode", _("kode sudah ada di baris %(baris)s") % {"baris": dilihat[k]}, k)
            )
            continue
        dilihat[k] = row.nomor
        aktif = not _DIHAPUS.match(tabel.teks(row, "status"))
        item.append(NomenklaturItem(level=level, kode=k, nama=n, aktif=aktif))
    if not item and not masalah:
        masalah.append(
            Masalah(tabel.nomor_kepala + 1, "", _("tabel tidak berisi satu pun kode program/kegiatan"))
        )
    if masalah:
        raise ImportDitolak(masalah)
    versi = NomenklaturVersi.objects.create(kode=kode, nama=nama, sumber=sumber.strip(), skema=skema)
    for i in item:
        i.versi = versi
    NomenklaturItem.objects.bulk_create(item, batch_size=1000)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="perencanaan.NomenklaturVersi",
        objek_id=versi.pk,
        sesudah={"kode": kode, "nama": nama, "skema": skema.kode, "item": len(item)},
        keterangan=f"Impor {nama_berkas}".strip(),
    )
    return versi
