"""The audit trail of one record as the office reads it: field labels instead of field names,
names instead of ids and codes, rupiah and dates in Indonesian.

The audit records keep what the code knew (``{"desa_kode": "18.04.04.1001"}``); each app says
how its fields read (a label and a function that shows a value, which looks up names in bulk
beforehand) and this module puts the entries together. The stored records are not changed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kesos.inti.formats import tanggal_waktu

from .models import AuditLog

KOSONG = "—"


@dataclass
class Perubahan:
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    waktu: str
    oleh: str
    aksi: str
    keterangan: str
    perubahan: list[Perubahan] = field(default_factory=list)


def nama_pengguna(pengguna) -> str:
    """A user as people call them: the full name, else the username; no user is the system."""
    if pengguna is None:
        return _("sistem")
    return pengguna.get_full_name() or pengguna.username


def nilai_dalam(log: Iterable[AuditLog], kunci: str) -> set:
    """Every value one field took in these records, before or after (for a lookup in bulk)."""
    hasil = set()
    for entri in log:
        for isi in (entri.sebelum, entri.sesudah):
            if isinstance(isi, dict) and isi.get(kunci) not in (None, ""):
                v = isi[kunci]
                if isinstance(v, str | int):
                    hasil.add(v)
    return hasil


def susun(
    log: Iterable[AuditLog],
    *,
    label: dict[str, str],
    tampil: Callable[[str, object], str],
    sembunyi: Iterable[str] = (),
) -> list[EntriRiwayat]:
    """Each record with its changed fields as (label, before, after), shown by ``tampil``.
    Fields in ``sembunyi`` are internal (a version counter) and left out."""
    sembunyi = set(sembunyi)
    hasil = []
    for entri in log:
        perubahan = [
            Perubahan(
                label.get(k, k.replace("_", " ")),
                KOSONG if lama in (None, "") else tampil(k, lama),
                KOSONG if baru in (None, "") else tampil(k, baru),
            )
            for k, lama, baru in entri.perubahan()
            if k not in sembunyi
        ]
        hasil.append(
            EntriRiwayat(
                waktu=tanggal_waktu(entri.waktu),
                oleh=nama_pengguna(entri.pengguna),
                aksi=entri.get_aksi_display(),
                keterangan=entri.keterangan,
                perubahan=perubahan,
            )
        )
    return hasil
