"""The registry's background jobs: an import uploaded on a page, and the duplicate search
started from the queue's page. Each start asks the registry's policy; the work is the same
function the command line runs (``registri_import``, ``pasangan_mungkin_sama``)."""

import re
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kesos.inti.errors import KesosError
from kesos.tugas.models import Tugas
from kesos.tugas.services import (
    JenisTugas,
    Lapor,
    daftarkan_jenis,
    folder,
    sedang_berjalan,
    tugas_buat,
    tugas_luncurkan,
)

from .access import DUPLIKAT, ORANG

IMPOR = "registri.impor"
DUPLIKAT_CARI = "registri.duplikat"
UKURAN_MAKS = 200 * 2**20  # 200 MiB: a million persons in CSV are about 130 MiB
JENIS_BERKAS = (".csv", ".xlsx")


def _nama_aman(nama: str) -> str:
    dasar = Path(nama or "berkas").name
    return re.sub(r"[^A-Za-z0-9._-]+", "_", dasar)[-100:] or "berkas"


@transaction.atomic
def impor_mulai(
    *, pengguna: AbstractBaseUser, berkas: UploadedFile | None, simpan_yang_sah: bool = False
) -> Tugas:
    """Keep an uploaded registry file beside a new job and start importing it in the
    background, as ``kesos registri import`` does, for this user and their area."""
    ORANG.pastikan(pengguna, "impor")
    if berkas is None:
        raise KesosError(_("Pilih berkas CSV atau XLSX yang akan diimpor."))
    nama = _nama_aman(berkas.name)
    if not nama.lower().endswith(JENIS_BERKAS):
        raise KesosError(_("Berkas %(nama)s: hanya CSV atau XLSX yang dapat diimpor.") % {"nama": nama})
    if berkas.size > UKURAN_MAKS:
        raise KesosError(
            _("Berkas %(nama)s terlalu besar (%(mib)s MiB; paling besar %(maks)s MiB).")
            % {"nama": nama, "mib": f"{berkas.size / 2**20:.0f}", "maks": UKURAN_MAKS // 2**20}
        )
    if not berkas.size:
        raise KesosError(_("Berkas %(nama)s kosong.") % {"nama": nama})
    tugas = tugas_buat(
        jenis=IMPOR, pengguna=pengguna, parameter={"berkas": nama, "simpan_yang_sah": bool(simpan_yang_sah)}
    )
    with open(folder(tugas) / nama, "wb") as f:
        for potong in berkas.chunks():
            f.write(potong)
    tugas_luncurkan(tugas)
    return tugas


def _jumlah_baris(berkas: Path) -> int | None:
    """Rows of a CSV (for the percentage); a workbook's are not counted beforehand."""
    if berkas.suffix.lower() != ".csv":
        return None
    n = 0
    with open(berkas, "rb") as f:
        while potong := f.read(1 << 20):
            n += potong.count(b"\n")
    return max(n - 1, 1)


def _jalankan_impor(tugas: Tugas, lapor: Lapor) -> dict:
    from .impor import registri_import

    if tugas.dimulai_oleh is None:
        raise KesosError(_("Pengguna yang memulai impor ini sudah tidak ada."))
    berkas = folder(tugas) / tugas.parameter["berkas"]
    total = _jumlah_baris(berkas)
    dibaca = 0

    def maju(n: int) -> None:
        nonlocal dibaca
        dibaca += n
        persen = min(95, dibaca * 95 // total) if total else 50
        lapor(persen, f"{dibaca:,} baris diperiksa".replace(",", "."))

    lapor(1, gettext_noop("Membaca berkas"))
    hasil = registri_import(
        berkas=berkas,
        nama_berkas=tugas.parameter["berkas"],
        simpan_yang_sah=tugas.parameter.get("simpan_yang_sah", False),
        pengguna=tugas.dimulai_oleh,
        kemajuan=maju,
    )
    hasil.tulis_laporan(folder(tugas) / "laporan.csv")
    berkas.unlink(missing_ok=True)  # the persons are in the database now, or refused
    return {
        "dibaca": hasil.dibaca,
        "dibuat": hasil.dibuat,
        "diperbarui": hasil.diperbarui,
        "ditolak": hasil.ditolak,
        "disimpan": hasil.disimpan,
        "jumlah_catatan": len(hasil.catatan),
        "catatan": [c.sebagai_dict() for c in hasil.catatan[:200]],
        "laporan": "laporan.csv",
        "ringkasan": (
            f"{hasil.dibaca} baris dibaca: {hasil.dibuat} orang baru, {hasil.diperbarui} diperbarui, "
            f"{hasil.ditolak} baris ditolak" + ("" if hasil.disimpan else "; tidak ada yang disimpan")
        ),
    }


@transaction.atomic
def duplikat_cari_mulai(*, pengguna: AbstractBaseUser) -> Tugas:
    """Start the likely-duplicate search over the whole registry in the background; its pairs
    join the queue for the operators. One search at a time."""
    DUPLIKAT.pastikan(pengguna, "cari")
    berjalan = sedang_berjalan(DUPLIKAT_CARI)
    if berjalan is not None:
        raise KesosError(
            _("Pencarian duplikat sedang berjalan (tugas #%(id)s); tunggu sampai selesai.")
            % {"id": berjalan.pk}
        )
    tugas = tugas_buat(jenis=DUPLIKAT_CARI, pengguna=pengguna)
    tugas_luncurkan(tugas)
    return tugas


def _jalankan_duplikat(tugas: Tugas, lapor: Lapor) -> dict:
    from .duplikat import AMBANG, antrekan, pasangan_mungkin_sama

    pasangan = pasangan_mungkin_sama(ambang=AMBANG, kemajuan=lapor)
    lapor(97, gettext_noop("Mengantrekan pasangan"))
    baru = antrekan(pasangan)
    return {
        "pasangan": len(pasangan),
        "baru": baru,
        "ambang": AMBANG,
        "ringkasan": f"{len(pasangan)} pasangan kemungkinan duplikat; {baru} baru masuk antrean keputusan",
    }


def daftarkan() -> None:
    daftarkan_jenis(
        JenisTugas(IMPOR, gettext_noop("Impor registri"), _jalankan_impor, "registri/tugas_impor.html")
    )
    daftarkan_jenis(
        JenisTugas(
            DUPLIKAT_CARI,
            gettext_noop("Pencarian kemungkinan duplikat"),
            _jalankan_duplikat,
            "registri/tugas_duplikat.html",
        )
    )
