"""Who may do what with assistance programmes, asked by the services (which refuse with a
KesosError) and by views (which only decide what to show). Built on akun's primitives, so
that it can join akun's one policy module when that lands.

- Reading programmes, coverage and SPM figures: every role that reads the registry.
- Defining programmes, rules, periods and cycles: admin.
- Enrolling, delivering, groups, houses, complaints: admin for every area; an operator for
  their own area only. Closing a cycle: admin or kepala dinas.
- Names and NIK of recipients: roles that may see personal data, in their own area; others
  see the same lists masked.
"""

from django.db.models import QuerySet

from kesos.akun.access import PEMBACA_DATA_PRIBADI, PEMBACA_REGISTRI, dalam_wilayah, wilayah_boleh
from kesos.akun.models import Peran
from kesos.inti.errors import KesosError

PEMBACA = PEMBACA_REGISTRI
PENGELOLA_PROGRAM = (Peran.ADMIN,)
PELAKSANA = (Peran.ADMIN, Peran.OPERATOR)
PENUTUP_SIKLUS = (Peran.ADMIN, Peran.KEPALA_DINAS)
PENCATAT_PENGADUAN = (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR)

# action -> (roles, whether the object's area must be the user's)
ATURAN = {
    "lihat": (PEMBACA, False),
    "program_kelola": (PENGELOLA_PROGRAM, False),
    "daftar": (PELAKSANA, True),
    "salur": (PELAKSANA, True),
    "kelompok_kelola": (PELAKSANA, True),
    "rumah_kelola": (PELAKSANA, True),
    "impor": (PELAKSANA, False),  # rows outside an operator's area are refused row by row
    "siklus_tutup": (PENUTUP_SIKLUS, False),
    "pengaduan_catat": (PENCATAT_PENGADUAN, True),
    "pengaduan_tindak": (PENCATAT_PENGADUAN, True),
    "lihat_pribadi": (PEMBACA_DATA_PRIBADI, True),
}

PESAN = {
    "program_kelola": "Hanya admin yang menetapkan program, aturan, periode dan siklus.",
    "daftar": "Pendaftaran penerima hanya oleh admin atau operator wilayahnya.",
    "salur": "Penyaluran dicatat hanya oleh admin atau operator wilayah penerima.",
    "kelompok_kelola": "Kelompok dikelola hanya oleh admin atau operator wilayahnya.",
    "rumah_kelola": "Rumah RTLH dikelola hanya oleh admin atau operator wilayahnya.",
    "impor": "Impor daftar penerima hanya oleh admin atau operator.",
    "siklus_tutup": "Siklus ditutup hanya oleh admin atau Kepala Dinas.",
    "pengaduan_catat": "Pengaduan dicatat oleh admin, Kepala Dinas atau operator wilayahnya.",
    "pengaduan_tindak": "Pengaduan ditindaklanjuti oleh admin, Kepala Dinas atau operator wilayahnya.",
    "lihat_pribadi": "Peran Anda tidak boleh melihat data pribadi penerima di wilayah ini.",
}


def _desa(obj) -> str | None:
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    return getattr(obj, "desa_kode", None)


def boleh(pengguna, aksi: str, obj=None) -> bool:
    """Whether ``pengguna`` may do ``aksi`` (on ``obj``: anything with a ``desa_kode``, or a
    desa code). Without an object, an area-bound action asks only for the role."""
    peran, berwilayah = ATURAN[aksi]
    if pengguna is None or not pengguna.is_authenticated or not pengguna.punya_peran(*peran):
        return False
    if pengguna.peran_efektif == Peran.OPERATOR and not pengguna.wilayah_kode:
        return False
    desa = _desa(obj)
    if berwilayah and desa is not None:
        return wilayah_boleh(pengguna, desa)
    return True


def pastikan(pengguna, aksi: str, obj=None) -> None:
    """Raise a KesosError naming the rule when ``boleh`` says no."""
    if not boleh(pengguna, aksi, obj):
        pesan = PESAN.get(aksi, "Anda tidak berhak melakukan ini.")
        desa = _desa(obj)
        if desa and pengguna is not None and getattr(pengguna, "wilayah_kode", ""):
            pesan += f" ({desa} di luar wilayah {pengguna.wilayah_kode})"
        raise KesosError(pesan)


def lingkup(qs: QuerySet, pengguna, kolom: str = "desa_kode") -> QuerySet:
    """The rows of ``qs`` in the user's area (nothing for users who may not read)."""
    if not boleh(pengguna, "lihat"):
        return qs.none()
    return dalam_wilayah(qs, pengguna, kolom)


def lingkup_kode(pengguna) -> str:
    """The area prefix a user's figures are limited to ('' = the whole regency)."""
    return pengguna.wilayah_kode or ""
