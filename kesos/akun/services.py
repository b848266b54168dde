from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from .access import Sistem, pengguna_db
from .models import AksesDataPribadi, AuditLog, Pengguna


def audit_catat(
    *,
    pengguna: AbstractBaseUser | None,
    aksi: str,
    objek: str,
    objek_id: Any,
    sebelum: dict | None = None,
    sesudah: dict | None = None,
    keterangan: str = "",
) -> AuditLog:
    """Record one change. Called inside the service's own transaction, so it lands or not with it.
    A change made by a command without a named user says so in its note."""
    if isinstance(pengguna, Sistem):
        keterangan = f"{keterangan} [sistem]".strip()
    return AuditLog.objects.create(
        pengguna=pengguna_db(pengguna),
        aksi=aksi,
        objek=objek,
        objek_id=str(objek_id),
        sebelum=sebelum,
        sesudah=sesudah,
        keterangan=keterangan[:255],
    )


def pengguna_buat(
    *, username: str, password: str, peran: str, nama: str = "", wilayah_kode: str = ""
) -> Pengguna:
    user = Pengguna(username=username, peran=peran, first_name=nama, wilayah_kode=wilayah_kode)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def akses_catat(
    *,
    pengguna,
    aksi: str,
    objek: str,
    ids: list[int],
    tujuan: str = "",
    alamat: str = "",
) -> AksesDataPribadi:
    """Log that full personal data of these records was shown or exported, and why."""
    return AksesDataPribadi.objects.create(
        pengguna=pengguna_db(pengguna),
        nama_pengguna=getattr(pengguna, "username", "") or "anonim",
        aksi=aksi,
        objek=objek,
        jumlah=len(ids),
        ids=list(ids),
        tujuan=tujuan[:255],
        alamat=alamat[:255],
    )
