"""Who may do what with assistance programmes and the SPM: policies (``akun.access.Kebijakan``)
registered beside akun's others, asked by the services (``pastikan``: a ``TidakBerhak``) and
by pages and the API (``boleh``, ``lingkup``).

- Reading programmes, coverage and SPM figures: every role of the office.
- Defining programmes, rules, periods and cycles: admin.
- Enrolling, delivering, groups, houses, complaints: admin everywhere, an operator in their
  own area. Closing a cycle: admin or kepala dinas.
- Recipients' names and numbers: as the registry's full record (``registri.access.ORANG``
  "lihat"): the admin and the operator of the area; every other role reads the same lists
  masked, and every showing or export of them is logged (``akun.AksesDataPribadi``).
- Hand-entered SPM values: admin, perencana, kepala dinas.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kesos.akun.access import (
    PEMBACA_REGISTRI,
    Aturan,
    Kebijakan,
    daftarkan,
    dalam_wilayah,
    wilayah_boleh,
)
from kesos.akun.models import Peran
from kesos.inti.errors import TidakBerhak

PEMBACA = PEMBACA_REGISTRI
PELAKSANA = (Peran.ADMIN, Peran.OPERATOR)


def _desa(obj) -> str | None:
    if obj is None:
        return None
    return obj if isinstance(obj, str) else getattr(obj, "desa_kode", None)


def _di_wilayah(pengguna, obj) -> bool:
    desa = _desa(obj)
    return desa is None or wilayah_boleh(pengguna, desa)


def _saring(pengguna, qs):
    return dalam_wilayah(qs, pengguna)


def _wilayah(peran: tuple[str, ...], pesan: str) -> Aturan:
    return Aturan(peran, syarat=_di_wilayah, saring=_saring, pesan=pesan)


BANSOS = daftarkan(
    Kebijakan(
        "bansos",
        {
            "lihat": Aturan(PEMBACA, saring=_saring),
            "program_kelola": Aturan(
                (Peran.ADMIN,), pesan=_("Hanya admin yang menetapkan program, aturan, periode dan siklus.")
            ),
            "daftar": _wilayah(
                PELAKSANA, _("Pendaftaran penerima hanya oleh admin atau operator wilayahnya.")
            ),
            "salur": _wilayah(
                PELAKSANA, _("Penyaluran dicatat hanya oleh admin atau operator wilayah penerima.")
            ),
            "kelompok_kelola": _wilayah(
                PELAKSANA, _("Kelompok dikelola hanya oleh admin atau operator wilayahnya.")
            ),
            "rumah_kelola": _wilayah(
                PELAKSANA, _("Rumah RTLH dikelola hanya oleh admin atau operator wilayahnya.")
            ),
            # Rows of a list outside an operator's area are refused row by row.
            "impor": Aturan(PELAKSANA, pesan=_("Impor daftar penerima hanya oleh admin atau operator.")),
            "siklus_tutup": Aturan(
                (Peran.ADMIN, Peran.KEPALA_DINAS),
                pesan=_("Siklus ditutup hanya oleh admin atau Kepala Dinas."),
            ),
            "pengaduan_catat": _wilayah(
                (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR),
                _("Pengaduan dicatat oleh admin, Kepala Dinas atau operator wilayahnya."),
            ),
            "pengaduan_tindak": _wilayah(
                (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR),
                _("Pengaduan ditindaklanjuti oleh admin, Kepala Dinas atau operator wilayahnya."),
            ),
            "lihat_pribadi": _wilayah(
                PELAKSANA, _("Data pribadi penerima hanya untuk operator wilayahnya dan admin.")
            ),
        },
    )
)

SPM = daftarkan(
    Kebijakan(
        "spm",
        {
            "lihat": Aturan(PEMBACA),
            "isi": Aturan(
                (Peran.ADMIN, Peran.PERENCANA, Peran.KEPALA_DINAS),
                pesan=_("Nilai SPM diisi oleh admin, perencana atau Kepala Dinas."),
            ),
        },
    )
)


def boleh(pengguna, aksi: str, obj=None) -> bool:
    """Whether ``pengguna`` may do ``aksi`` (on ``obj``: anything with a ``desa_kode``, or a
    desa code). Without an object, an area-bound action asks only for the role."""
    return BANSOS.boleh(pengguna, aksi, obj)


def pastikan(pengguna, aksi: str, obj=None) -> None:
    """Raise ``TidakBerhak`` naming the rule (and the area) when ``boleh`` says no."""
    if not BANSOS.boleh(pengguna, aksi, obj):
        pesan = str(BANSOS.aturan[aksi].pesan or _("Anda tidak berhak melakukan ini."))
        desa = _desa(obj)
        if desa and BANSOS.boleh_peran(pengguna, aksi) and getattr(pengguna, "wilayah_kode", ""):
            pesan += _(" (%(desa)s di luar wilayah %(wilayah)s)") % {
                "desa": desa,
                "wilayah": pengguna.wilayah_kode,
            }
        raise TidakBerhak(pesan)


def lingkup(qs: QuerySet, pengguna, kolom: str = "desa_kode") -> QuerySet:
    """The rows of ``qs`` in the user's area (nothing for users who may not read)."""
    if not BANSOS.boleh_peran(pengguna, "lihat"):
        return qs.none()
    return dalam_wilayah(qs, pengguna, kolom)


def lingkup_kode(pengguna) -> str:
    """The area prefix a user's figures are limited to ('' = the whole regency)."""
    return getattr(pengguna, "wilayah_kode", "") or ""


PESAN = {aksi: a.pesan for aksi, a in BANSOS.aturan.items()}
