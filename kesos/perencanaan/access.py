"""Who may do what with a Renja and its rows (built on ``akun.access``)."""

from django.utils.translation import gettext_lazy as _

from kesos.akun.access import (
    PEMBACA_RENCANA,
    PENETAP_RENCANA,
    PENGGUNA_RENCANA,
    PENYUSUN_RENCANA,
    Aturan,
    Kebijakan,
    daftarkan,
)
from kesos.akun.models import Peran

from .models import Tahap

# The stages an import or a new Renja may start at: drafts only. A Final comes from the
# kepala dinas' decision on a rancangan (renja_lanjutkan), never from a file.
TAHAP_RANCANGAN = (Tahap.RANCANGAN_AWAL, Tahap.RANCANGAN)

RENJA = daftarkan(
    Kebijakan(
        "renja",
        {
            "lihat": Aturan(PEMBACA_RENCANA),
            # the Renja list in the site's menu: those whose work the plan is
            "menu": Aturan(PENGGUNA_RENCANA),
            "buat": Aturan(PENYUSUN_RENCANA, pesan=_("Hanya perencana yang menyusun Renja.")),
            "impor": Aturan(PENYUSUN_RENCANA, pesan=_("Hanya perencana yang mengimpor Renja.")),
            # rancangan awal -> rancangan: a drafting step, the planner's (or the head's).
            "lanjutkan": Aturan(
                (*PENYUSUN_RENCANA, Peran.KEPALA_DINAS), pesan=_("Hanya perencana yang meneruskan rancangan.")
            ),
            "tetapkan": Aturan(
                PENETAP_RENCANA, pesan=_("Hanya Kepala Dinas yang dapat menetapkan Renja final.")
            ),
            "buka_perubahan": Aturan(
                PENETAP_RENCANA, pesan=_("Hanya Kepala Dinas yang dapat membuka Renja perubahan.")
            ),
        },
    )
)

BARIS_RENJA = daftarkan(
    Kebijakan(
        "baris_renja",
        {
            "lihat": Aturan(PEMBACA_RENCANA),
            "ubah": Aturan(PENYUSUN_RENCANA, pesan=_("Hanya perencana yang mengubah baris Renja.")),
        },
    )
)

ORGANISASI = daftarkan(
    Kebijakan(
        "organisasi",
        {
            "lihat": Aturan(PEMBACA_RENCANA),
            "ubah": Aturan((Peran.ADMIN,), pesan=_("Hanya admin yang mendaftarkan perangkat daerah.")),
            "pagu_rkpd": Aturan(PENYUSUN_RENCANA, pesan=_("Hanya perencana yang mencatat pagu RKPD.")),
        },
    )
)


NOMENKLATUR = daftarkan(
    Kebijakan(
        "nomenklatur",
        {
            "lihat": Aturan(PEMBACA_RENCANA),
            # in the menu for those who map and check codes against it
            "menu": Aturan((*PENYUSUN_RENCANA, Peran.REVIEWER)),
            "muat": Aturan((Peran.ADMIN,), pesan=_("Hanya admin yang dapat memuat versi nomenklatur baru.")),
        },
    )
)


def aksi_lanjutkan(tahap_berikut: str | None) -> str:
    """The action that moving a Renja to its next stage is."""
    if tahap_berikut == Tahap.FINAL:
        return "tetapkan"
    if tahap_berikut == Tahap.PERUBAHAN:
        return "buka_perubahan"
    return "lanjutkan"
