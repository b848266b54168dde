"""Reads that aggregate: the Renja tree with derived totals, the latest version, findings."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from . import pemeriksaan
from .models import URUTAN_TAHAP, BarisRenja, Indikator, Organisasi, PaguRKPD, Renja
from .pohon import BarisData, IndikatorData, Pohon, susun_pohon


def renja_terbaru(*, organisasi: Organisasi, tahun: int, tahap: str | None = None) -> Renja | None:
    """The latest version of an office's Renja for a year, or the named stage."""
    qs = Renja.objects.filter(organisasi=organisasi, tahun=tahun).select_related("organisasi")
    if tahap:
        return qs.filter(tahap=tahap).first()
    versi = list(qs)
    return max(versi, key=lambda r: r.urutan_tahap) if versi else None


def renja_versi_lain(renja: Renja) -> QuerySet[Renja]:
    return Renja.objects.filter(organisasi=renja.organisasi_id, tahun=renja.tahun).order_by("id")


def adalah_versi_terbaru(renja: Renja) -> bool:
    return not Renja.objects.filter(
        organisasi=renja.organisasi_id,
        tahun=renja.tahun,
        tahap__in=URUTAN_TAHAP[renja.urutan_tahap + 1 :],
    ).exists()


def baris_data(renja: Renja) -> list[BarisData]:
    """All rows of a Renja as plain data, in two queries whatever the number of rows."""
    rows = (
        BarisRenja.objects.filter(renja=renja)
        .select_related("sumber_dana", "induk", "kode_nasional")
        .prefetch_related(Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "id")))
        .order_by("urutan", "id")
    )
    hasil = []
    for r in rows:
        hasil.append(
            BarisData(
                id=r.id,
                kode=r.kode,
                nama=r.nama,
                level=r.level,
                induk_kode=r.induk.kode if r.induk_id else None,
                lokasi=r.lokasi,
                pagu=r.pagu,
                pagu_maju=r.pagu_maju,
                pagu_tertulis=r.pagu_tertulis,
                pagu_maju_tertulis=r.pagu_maju_tertulis,
                sumber_dana=r.sumber_dana.nama if r.sumber_dana_id else None,
                catatan=r.catatan,
                versi=r.versi,
                kode_nasional=r.kode_nasional.kode if r.kode_nasional_id else "",
                indikator=[
                    IndikatorData(uraian=i.uraian, target=i.target_teks, maju=i.maju_teks)
                    for i in r.indikator.all()
                ],
            )
        )
    return hasil


def pagu_rkpd(renja: Renja) -> int | None:
    return (
        PaguRKPD.objects.filter(organisasi=renja.organisasi_id, tahun=renja.tahun)
        .values_list("pagu", flat=True)
        .first()
    )


@dataclass
class RingkasanRenja:
    renja: Renja
    pohon: Pohon
    pagu_rkpd: int | None

    @property
    def selisih_rkpd(self) -> int | None:
        """Ceiling minus total: positive is room left, negative is over the ceiling."""
        return None if self.pagu_rkpd is None else self.pagu_rkpd - self.pohon.total

    @property
    def jumlah_program(self) -> int:
        return sum(1 for b in self.pohon.urut if b.level == "program")

    @property
    def jumlah_kegiatan(self) -> int:
        return sum(1 for b in self.pohon.urut if b.level == "kegiatan")


def renja_ringkasan(renja: Renja) -> RingkasanRenja:
    return RingkasanRenja(renja=renja, pohon=susun_pohon(baris_data(renja)), pagu_rkpd=pagu_rkpd(renja))


def renja_temuan(renja: Renja) -> list[pemeriksaan.Temuan]:
    ringkasan = renja_ringkasan(renja)
    return pemeriksaan.periksa(
        ringkasan.pohon.urut,
        pohon=ringkasan.pohon,
        pagu_rkpd=ringkasan.pagu_rkpd,
        total_tertulis=renja.total_tertulis,
        total_maju_tertulis=renja.total_maju_tertulis,
    )
