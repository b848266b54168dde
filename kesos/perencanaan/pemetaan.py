"""From local codes to the national nomenclature: suggestions by name, and the office's mapping.

For each row that carries pagu in a Renja written in a local scheme, the national sub-kegiatan
with the closest names are suggested: rapidfuzz's token_sort_ratio over the names without their
common words, best three with their score 0–100 (measured in docs/benchmarks.md). What the
planner accepts is kept per office (``PemetaanKode``).
"""

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kesos.inti.tabel import normal

from .models import Level, NomenklaturItem, NomenklaturVersi, PemetaanKode, Renja
from .pohon import BarisData, kode_normal
from .queries import renja_ringkasan

JUMLAH_SARAN = 3


@dataclass(frozen=True)
class Saran:
    item_id: int
    kode: str
    nama: str
    skor: int


@dataclass
class BarisPemetaan:
    baris: BarisData
    saran: list[Saran]
    pilihan: int | None = None  # the item chosen before (office mapping or the row's own code)
    diputuskan: bool = False  # a decision is stored (an item, or "no national twin")
    pilihan_lain: Saran | None = None  # a chosen item that is not among the suggestions
    diketik: str = ""  # a code the planner typed, kept when the form is refused


def versi_nasional() -> NomenklaturVersi | None:
    """The newest nomenclature written in a scheme (not the old Permendagri 13 list)."""
    return NomenklaturVersi.objects.filter(skema__isnull=False).order_by("-dimuat_pada", "-id").first()


# Words that every name carries and that say nothing of what is funded.
_KATA_UMUM = {
    "dan",
    "atau",
    "bagi",
    "di",
    "ke",
    "yang",
    "serta",
    "untuk",
    "pada",
    "dalam",
    "dari",
    "kegiatan",
}


def _bersih(nama: str) -> str:
    return " ".join(k for k in normal(nama).split() if k not in _KATA_UMUM)


def _calon(versi: NomenklaturVersi) -> dict[int, tuple[str, str, str]]:
    """Active sub-kegiatan of a version: id -> (code, name, name as compared)."""
    return {
        pk: (kode, nama, _bersih(nama))
        for pk, kode, nama in NomenklaturItem.objects.filter(
            versi=versi, level=Level.SUB_KEGIATAN, aktif=True
        ).values_list("pk", "kode", "nama")
    }


def saran(nama: str, calon: dict[int, tuple[str, str, str]], jumlah: int = JUMLAH_SARAN) -> list[Saran]:
    pilihan = {pk: c[2] for pk, c in calon.items()}
    return [
        Saran(pk, calon[pk][0], calon[pk][1], round(skor))
        for _teks, skor, pk in process.extract(
            _bersih(nama), pilihan, scorer=fuzz.token_sort_ratio, limit=jumlah
        )
    ]


def pemetaan_renja(renja: Renja, versi: NomenklaturVersi) -> list[BarisPemetaan]:
    """Every row of the Renja that carries pagu, with suggestions and the office's decision."""
    calon = _calon(versi)
    tersimpan = {
        kode_normal(p.kode_asal): p
        for p in PemetaanKode.objects.filter(organisasi=renja.organisasi_id, skema_asal=renja.skema_id)
    }
    per_kode_versi = {
        kode_normal(k): pk for pk, k in NomenklaturItem.objects.filter(versi=versi).values_list("pk", "kode")
    }
    hasil = []
    for b in renja_ringkasan(renja).pohon.urut:
        if not b.daun or b.level not in (Level.KEGIATAN, Level.SUB_KEGIATAN):
            continue
        baris = BarisPemetaan(baris=b, saran=saran(b.nama, calon))
        p = tersimpan.get(kode_normal(b.kode))
        if p is not None:
            baris.diputuskan = True
            # A mapping made against another version is carried over by its code.
            baris.pilihan = per_kode_versi.get(kode_normal(p.item.kode)) if p.item_id else None
        elif b.kode_nasional:
            baris.pilihan = per_kode_versi.get(kode_normal(b.kode_nasional))
        if baris.pilihan and baris.pilihan not in {s.item_id for s in baris.saran} and baris.pilihan in calon:
            kode, nama, _ = calon[baris.pilihan]
            baris.pilihan_lain = Saran(baris.pilihan, kode, nama, 0)
        hasil.append(baris)
    return hasil
