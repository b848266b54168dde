from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from .models import AuditLog, Pengguna


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
    """Record one change. Called inside the service's own transaction, so it lands or not with it."""
    return AuditLog.objects.create(
        pengguna=pengguna if pengguna is not None and pengguna.is_authenticated else None,
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
