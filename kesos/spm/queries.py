"""The SPM table of a year computed from kesos data: numerator ÷ denominator × 100, both
shown, with the hand-entered values and the stated regional target beside them."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kesos.monev.capaian import persen

from . import pemeriksaan
from .models import BarisTertulis, IndikatorSPM, JenisTabel, NilaiManual, SetIndikator, TabelTertulis
from .pemeriksaan import baca_nilai
from .ukuran import Nilai, TidakDapatDihitung, sesi, ukur


@dataclass
class HasilIndikator:
    indikator: IndikatorSPM
    pembilang: Nilai
    penyebut: Nilai
    manual: NilaiManual | None
    target_daerah: str  # as a stated table of the year gives it, or ""

    @property
    def dapat_dihitung(self) -> bool:
        return (
            not isinstance(self.pembilang, TidakDapatDihitung)
            and not isinstance(self.penyebut, TidakDapatDihitung)
            and self.penyebut != 0
        )

    @property
    def persen(self) -> Decimal | None:
        """None for 0/0 or a missing measure: never 0 % or 100 %."""
        return persen(self.pembilang, self.penyebut) if self.dapat_dihitung else None

    @property
    def alasan(self) -> str:
        for n in (self.pembilang, self.penyebut):
            if isinstance(n, TidakDapatDihitung):
                return n.alasan
        return _("penyebut nol") if not self.dapat_dihitung else ""

    @property
    def persen_manual(self) -> Decimal | None:
        return persen(self.manual.pembilang, self.manual.penyebut) if self.manual else None


@dataclass
class TabelSPM:
    tahun: int
    set: SetIndikator
    baris: list[HasilIndikator]


def set_berlaku(tahun: int, kode: str | None = None) -> list[SetIndikator]:
    qs = SetIndikator.objects.order_by("berlaku_mulai", "kode", "-versi")
    if kode:
        qs = qs.filter(kode=kode)
    hasil, dilihat = [], set()
    for s in qs:
        if s.berlaku(tahun) and s.kode not in dilihat:
            dilihat.add(s.kode)
            hasil.append(s)
    return hasil


def hitung(*, tahun: int, set_kode: str | None = None, lingkup: str = "") -> list[TabelSPM]:
    """One table per indicator set in force in ``tahun``; each measure is counted once."""
    tabel = []
    cache: dict[str, Nilai] = {}  # a measure named by several indicators is counted once

    def nilai(nama: str) -> Nilai:
        if nama not in cache:
            cache[nama] = ukur(nama, tahun, lingkup)
        return cache[nama]

    with sesi():
        for s in set_berlaku(tahun, set_kode):
            tabel.append(_tabel(s, tahun, nilai))
    return tabel


def _tabel(s: SetIndikator, tahun: int, nilai) -> TabelSPM:
    indikator = list(s.indikator.order_by("nomor"))
    manual = {n.indikator_id: n for n in NilaiManual.objects.filter(indikator__in=indikator, tahun=tahun)}
    target = {}
    for b in BarisTertulis.objects.filter(
        tabel__tahun=tahun, tabel__jenis=JenisTabel.TARGET_DAERAH, indikator__in=indikator
    ).order_by("tabel__urutan"):
        target.setdefault(b.indikator_id, b.target_daerah)
    return TabelSPM(
        tahun,
        s,
        [
            HasilIndikator(i, nilai(i.pembilang), nilai(i.penyebut), manual.get(i.pk), target.get(i.pk, ""))
            for i in indikator
        ],
    )


def target_daerah_angka(teks: str) -> Decimal | None:
    return baca_nilai(teks).persen


def nama_tabel(t: TabelTertulis) -> str:
    """How findings name a stated table: short enough to read on a phone."""
    return f"Tabel {t.urutan} ({t.get_jenis_display()})"


def temuan(*, tahun: int) -> list[pemeriksaan.Temuan]:
    """Every contradiction among the tables stated for ``tahun``, and between them and the
    values computed from kesos data, per indicator set."""
    hasil = []
    tabel = list(TabelTertulis.objects.filter(tahun=tahun).select_related("set").order_by("urutan", "id"))
    per_set: dict[int, list[TabelTertulis]] = {}
    for t in tabel:
        per_set.setdefault(t.set_id, []).append(t)
    dihitung = {t.set.pk: t for t in hitung(tahun=tahun)}
    for set_id, daftar in per_set.items():
        himpunan = daftar[0].set
        indikator = list(himpunan.indikator.order_by("nomor"))
        baris = [
            pemeriksaan.Baris(
                tabel=nama_tabel(t),
                nomor=b.nomor,
                uraian=b.uraian,
                indikator=b.indikator.kode if b.indikator_id else None,
                target_nasional=b.target_nasional,
                target_daerah=b.target_daerah,
                realisasi=b.realisasi,
            )
            for t in daftar
            for b in t.baris.select_related("indikator").order_by("urutan")
        ]
        hitungan = []
        if set_id in dihitung:
            for h in dihitung[set_id].baris:
                if h.dapat_dihitung:
                    hitungan.append(pemeriksaan.Hitungan(h.indikator.kode, h.persen, h.pembilang, h.penyebut))
        hasil += pemeriksaan.periksa(
            baris, [pemeriksaan.Indikator(i.kode, i.nomor, i.uraian) for i in indikator], hitungan
        )
    return hasil
