"""Who may see and change which records of the registry (built on ``akun.access``).

Three levels of sight:
- counts (``orang.hitung``): every role of the office;
- the masked list (``orang.daftar``): admin, kepala dinas and the operators of the area, or
  anyone given the permission ``registri.lihat_daftar_orang``; the NIK is masked and nothing
  that the NIK encodes (birth date, sex) stands beside it, so the mask cannot be completed;
- the full record (``orang.lihat``): the operator of the person's area and the admin. Every
  such view is logged (``akun.AksesDataPribadi``), like every export of persons.
"""

from django.utils.translation import gettext_lazy as _

from kesos.akun.access import (
    PEMBACA_REGISTRI,
    PENETAP_RENCANA,
    Aturan,
    Kebijakan,
    daftarkan,
    dalam_wilayah,
    peran,
    wilayah_boleh,
)
from kesos.akun.models import Peran

PENGELOLA_DATA_PRIBADI = (Peran.ADMIN, Peran.OPERATOR)
IZIN_DAFTAR = "registri.lihat_daftar_orang"


def _di_wilayah(pengguna, obj) -> bool:
    return wilayah_boleh(pengguna, obj.desa_kode)


def _saring_wilayah(pengguna, qs):
    return dalam_wilayah(qs, pengguna)


_PESAN_PRIBADI = _("Data pribadi hanya untuk operator wilayahnya dan admin.")

ORANG = daftarkan(
    Kebijakan(
        "orang",
        {
            "hitung": Aturan(PEMBACA_REGISTRI),
            "daftar": Aturan(
                (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR),
                syarat=_di_wilayah,
                saring=_saring_wilayah,
                izin=IZIN_DAFTAR,
            ),
            "lihat": Aturan(PENGELOLA_DATA_PRIBADI, _di_wilayah, _saring_wilayah, pesan=_PESAN_PRIBADI),
            "ubah": Aturan(PENGELOLA_DATA_PRIBADI, _di_wilayah, _saring_wilayah, pesan=_PESAN_PRIBADI),
            "ekspor": Aturan(PENGELOLA_DATA_PRIBADI, _di_wilayah, _saring_wilayah, pesan=_PESAN_PRIBADI),
            "impor": Aturan(
                PENGELOLA_DATA_PRIBADI,
                _di_wilayah,
                pesan=_("Impor registri hanya oleh operator (untuk wilayahnya) dan admin."),
            ),
        },
    )
)

KELUARGA = daftarkan(
    Kebijakan(
        "keluarga",
        {
            "lihat": Aturan(PENGELOLA_DATA_PRIBADI, _di_wilayah, _saring_wilayah, pesan=_PESAN_PRIBADI),
            "ubah": Aturan(PENGELOLA_DATA_PRIBADI, _di_wilayah, _saring_wilayah, pesan=_PESAN_PRIBADI),
        },
    )
)


def _operator_berwilayah(pengguna, obj) -> bool:
    return peran(pengguna) == Peran.OPERATOR and bool(pengguna.wilayah_kode) and _di_wilayah(pengguna, obj)


VERVAL = daftarkan(
    Kebijakan(
        "verval",
        {
            "kemajuan": Aturan(PEMBACA_REGISTRI),
            "putaran": Aturan(
                PENETAP_RENCANA, pesan=_("Hanya Kepala Dinas yang membuka dan menutup putaran verval.")
            ),
            "tandai": Aturan(
                (Peran.OPERATOR,),
                _operator_berwilayah,
                _saring_wilayah,
                pesan=_("Verval hanya oleh operator desa atau kecamatan orang ini."),
            ),
        },
    )
)


def _kedua_catatan(pengguna, k) -> bool:
    """Both records of a pair lie in the user's area (any area for an admin)."""
    return wilayah_boleh(pengguna, k.orang_a.desa_kode) and wilayah_boleh(pengguna, k.orang_b.desa_kode)


def _salah_satu(pengguna, qs):
    """Pairs with at least one record in the user's area: the operator sees their own side."""
    return dalam_wilayah(qs, pengguna, "orang_a__desa_kode") | dalam_wilayah(
        qs, pengguna, "orang_b__desa_kode"
    )


DUPLIKAT = daftarkan(
    Kebijakan(
        "duplikat",
        {
            "lihat": Aturan(PENGELOLA_DATA_PRIBADI, saring=_salah_satu),
            # The search runs over every area (a person registered in two kecamatan).
            "cari": Aturan((Peran.ADMIN,), pesan="Pencarian duplikat dijalankan oleh admin."),
            "putuskan": Aturan(
                PENGELOLA_DATA_PRIBADI,
                _kedua_catatan,
                pesan=_(
                    "Hanya operator wilayah kedua catatan yang dapat memutuskan; "
                    "pasangan lintas wilayah diputuskan admin."
                ),
            ),
        },
    )
)

KATEGORI = daftarkan(
    Kebijakan("kategori", {"ubah": Aturan((Peran.ADMIN,), pesan=_("Hanya admin yang mengubah kategori."))})
)
