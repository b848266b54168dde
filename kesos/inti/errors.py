"""The one error type of kesos, and the row-by-row problem report that imports and checks share."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class KesosError(Exception):
    """A refusal the user should read: the message is in the office's language."""


class KonflikEdit(KesosError):
    """Someone else saved the same row after this user opened it."""


class TidakBerhak(KesosError):
    """The user's role or area does not allow this action (403 in the API and on pages)."""


class TidakBolehDiubah(KesosError):
    """The object is read-only (a final Renja, an older version)."""


@dataclass(frozen=True)
class Masalah:
    """One problem found in a file or a plan: where (row, column), the value found there, and
    what is wrong with it. Every importer reports with this type; the CLI prints ``str()``, pages
    and the API show the four fields."""

    baris: int | None
    kolom: str
    pesan: str
    nilai: str = ""
    tingkat: str = "ditolak"  # or "peringatan": the row is kept, the user is told

    def __str__(self) -> str:
        tempat = []
        if self.baris is not None:
            tempat.append(_("baris %(baris)s") % {"baris": self.baris})
        if self.kolom:
            tempat.append(_("kolom %(kolom)s") % {"kolom": self.kolom})
        if self.nilai:
            nilai = self.nilai if len(self.nilai) <= 60 else self.nilai[:59] + "…"
            tempat.append(_("isian '%(nilai)s'") % {"nilai": nilai})
        return f"{', '.join(tempat)}: {self.pesan}" if tempat else self.pesan

    def sebagai_dict(self) -> dict:
        return {
            "baris": self.baris,
            "kolom": self.kolom,
            "nilai": self.nilai,
            "pesan": self.pesan,
            "tingkat": self.tingkat,
        }


class ImportDitolak(KesosError):
    """A file refused whole; nothing from it was stored."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        super().__init__(
            ngettext(
                "Berkas ditolak: %(n)s masalah ditemukan, tidak ada data yang disimpan.",
                "Berkas ditolak: %(n)s masalah ditemukan, tidak ada data yang disimpan.",
                len(masalah),
            )
            % {"n": len(masalah)}
        )
