"""Evaluation tables computed from recorded figures: T-C.29 (Lampiran I), E.81, budget."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.db.models import Sum

from kesos.perencanaan.models import (
    BarisRenja,
    Indikator,
    JenisIndikator,
    Level,
    Organisasi,
    Renja,
    Renstra,
    RenstraBaris,
    RenstraIndikator,
)
from kesos.perencanaan.queries import renja_ringkasan

from .capaian import DEFAULT_PREDIKAT, capaian, persen, predikat, rata_rata, realisasi_sampai
from .models import (
    AnggaranTahunan,
    CapaianTahunan,
    NilaiTertulis,
    RealisasiIndikator,
    RealisasiTriwulan,
    RentangPredikat,
)
from .services import TAHAP_BERLAKU


def rentang_predikat() -> list[tuple[Decimal, str]]:
    dari_db = [(r.batas_bawah, r.predikat) for r in RentangPredikat.objects.all()]
    return dari_db or DEFAULT_PREDIKAT


def renstra_untuk(organisasi: Organisasi, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(organisasi=organisasi, tahun_mulai__lte=tahun, tahun_akhir__gte=tahun - 1)
        .order_by("-tahun_mulai")
        .first()
    )


def _capaian_per_indikator(indikator_ids: list[int]) -> dict[int, list[CapaianTahunan]]:
    hasil: dict[int, list[CapaianTahunan]] = defaultdict(list)
    for c in CapaianTahunan.objects.filter(indikator_id__in=indikator_ids).order_by("tahun", "sampai_dengan"):
        hasil[c.indikator_id].append(c)
    return hasil


def realisasi_renstra_sampai(
    indikator: RenstraIndikator, catatan: list[CapaianTahunan], tahun: int
) -> Decimal | None:
    """Realisation of a Renstra indicator up to and including ``tahun`` from its records:
    the latest total-to-date record, then each year's realisation after it."""
    dasar = None
    for c in catatan:
        if c.sampai_dengan and c.tahun <= tahun and c.realisasi is not None:
            dasar = c
    tahunan = [
        c.realisasi
        for c in catatan
        if not c.sampai_dengan and c.tahun <= tahun and (dasar is None or c.tahun > dasar.tahun)
    ]
    return realisasi_sampai(indikator.kumulatif, [dasar.realisasi if dasar else None, *tahunan])


@dataclass
class BarisTC29:
    baris: RenstraBaris
    indikator: RenstraIndikator | None
    kolom: dict[int, Decimal | None] = field(default_factory=dict)  # 4..11, computed
    tertulis: dict[int, str] = field(default_factory=dict)  # 8, 10, 11 as the document stated them
    renja: list[str] = field(default_factory=list)  # codes of the Renja rows linked to this row

    @property
    def program(self) -> bool:
        return self.baris.level == Level.PROGRAM


@dataclass
class TabelTC29:
    organisasi: Organisasi
    tahun: int  # the Renja year the table belongs to (realisation N-2, target N-1)
    renstra: Renstra | None
    baris: list[BarisTC29]

    @property
    def tahun_realisasi(self) -> int:
        return self.tahun - 2

    @property
    def tahun_target(self) -> int:
        return self.tahun - 1


def tc29(*, organisasi: Organisasi, tahun: int) -> TabelTC29:
    """T-C.29: (8) = (7)/(6)×100, (10) = (5)+(7)+(9) (or the last value for a
    non-cumulative indicator), (11) = (10)/(4)×100."""
    renstra = renstra_untuk(organisasi, tahun)
    if renstra is None:
        return TabelTC29(organisasi, tahun, None, [])
    baris = list(renstra.baris.order_by("urutan", "id").prefetch_related("indikator"))
    semua_ind = [i for b in baris for i in b.indikator.all()]
    # Codes of this year's Renja rows linked to each Renstra row, in one query of plain values.
    kode_renja: dict[int, set[str]] = defaultdict(set)
    for renstra_baris_id, kode in BarisRenja.objects.filter(
        renstra_baris__renstra=renstra, renja__tahun=tahun
    ).values_list("renstra_baris_id", "kode"):
        kode_renja[renstra_baris_id].add(kode)
    catatan = _capaian_per_indikator([i.id for i in semua_ind])
    tertulis: dict[int, dict[int, str]] = defaultdict(dict)
    for t in NilaiTertulis.objects.filter(indikator__in=semua_ind, tabel="tc29", tahun_renja=tahun):
        tertulis[t.indikator_id][t.kolom] = t.nilai
    hasil = []
    for b in baris:
        renja = sorted(kode_renja.get(b.id, ()))
        daftar = list(b.indikator.all())
        if not daftar:
            hasil.append(BarisTC29(b, None, renja=renja))
        for i in daftar:
            c = catatan.get(i.id, [])
            per_tahun = {x.tahun: x for x in c if not x.sampai_dengan}
            k: dict[int, Decimal | None] = {4: i.target_akhir}
            k[5] = realisasi_renstra_sampai(i, c, tahun - 3)
            lalu = per_tahun.get(tahun - 2)
            k[6], k[7] = (lalu.target, lalu.realisasi) if lalu else (None, None)
            k[8] = capaian(i.jenis, k[6], k[7])
            kini = per_tahun.get(tahun - 1)
            k[9] = kini.target if kini else None
            if any(v is not None for v in (k[5], k[7], k[9])):
                k[10] = realisasi_sampai(i.kumulatif, [k[5], k[7], k[9]])
            else:
                k[10] = None
            k[11] = capaian(i.jenis, k[4], k[10])
            hasil.append(BarisTC29(b, i, k, tertulis.get(i.id, {}), renja))
    return TabelTC29(organisasi, tahun, renstra, hasil)


def angka_tertulis(teks: str) -> Decimal | None:
    """A figure as Lampiran I writes it: '4,000' (comma for thousands), '67%', '-'."""
    s = (teks or "").strip().rstrip("%").strip()
    if not s or s == "-":
        return None
    s = s.replace(".", "").replace(",", "") if _ribuan(s) else s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _ribuan(s: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}([.,]\d{3})+", s))


@dataclass(frozen=True)
class Selisih:
    kode: str
    nama: str
    kolom: int
    tertulis: str
    dihitung: Decimal | None


def tc29_selisih(tabel: TabelTC29) -> list[Selisih]:
    """Each stated figure of columns 8, 10 and 11 that the row's own numbers contradict.

    A figure whose inputs the document does not state is not judged."""
    masukan = {8: (6, 7), 10: (5, 7, 9), 11: (4, 10)}
    hasil = []
    for r in tabel.baris:
        for kolom, teks in sorted(r.tertulis.items()):
            tertulis = angka_tertulis(teks)
            if tertulis is None:
                continue
            if kolom == 8 and (r.kolom.get(6) is None or r.kolom.get(7) is None):
                continue
            if kolom != 8 and any(r.kolom.get(m) is None for m in masukan[kolom] if m in (4, 7)):
                continue
            dihitung = r.kolom.get(kolom)
            desimal = len(teks.split(",")[1].rstrip("%").strip()) if "," in teks and kolom != 10 else 0
            if dihitung is None or dihitung.quantize(Decimal(1).scaleb(-desimal)) != tertulis:
                hasil.append(Selisih(r.baris.kode, r.baris.nama, kolom, teks, dihitung))
    return hasil


@dataclass
class RingkasanAnggaran:
    anggaran: AnggaranTahunan

    @property
    def persen(self) -> Decimal | None:
        return persen(self.anggaran.realisasi, self.anggaran.pagu)

    @property
    def kegiatan(self) -> list:
        return list(self.anggaran.kegiatan.all())


def anggaran(*, organisasi: Organisasi, tahun: int) -> RingkasanAnggaran | None:
    a = AnggaranTahunan.objects.filter(organisasi=organisasi, tahun=tahun).first()
    return RingkasanAnggaran(a) if a else None


# E.81 -----------------------------------------------------------------------------------


@dataclass
class BarisE81:
    baris: object  # pohon.BarisData
    indikator: Indikator | None
    renstra_indikator: RenstraIndikator | None
    target_k: Decimal | None
    target_rp: int
    tw_k: list[Decimal | None]
    tw_rp: list[int | None]
    realisasi_k: Decimal | None
    realisasi_rp: int | None
    capaian_k: Decimal | None
    capaian_rp: Decimal | None
    renstra_target_k: Decimal | None = None
    renstra_sampai_lalu_k: Decimal | None = None
    renstra_sampai_kini_k: Decimal | None = None
    renstra_capaian_k: Decimal | None = None
    faktor_pendorong: str = ""
    faktor_penghambat: str = ""
    tindak_lanjut: str = ""
    rata_rata: Decimal | None = None  # programs: mean of their kegiatan's achievement
    predikat: str = ""

    @property
    def triwulan(self) -> list[tuple[Decimal | None, int | None]]:
        """The four quarters as (indicator value, rupiah) pairs."""
        return list(zip(self.tw_k, self.tw_rp, strict=True))


@dataclass
class TabelE81:
    renja: Renja
    baris: list[BarisE81]
    rata_rata: Decimal | None
    predikat: str
    total_pagu: int
    total_realisasi: int

    @property
    def capaian_anggaran(self) -> Decimal | None:
        return persen(self.total_realisasi, self.total_pagu)


class _Triwulan(NamedTuple):
    id: int
    baris_id: int
    triwulan: int
    rupiah: int
    faktor_pendorong: str
    faktor_penghambat: str
    tindak_lanjut: str


def _gabung(teks: list[str]) -> str:
    return "; ".join(t.strip() for t in teks if t and t.strip())


def e81(renja: Renja) -> TabelE81:
    """Tabel E.81 for the Renja of one year: quarters, annual realisation as the sum of the
    quarters (the last quarter's value for percentage and last-value indicators), achievement
    against the Renja and the Renstra, averages and ratings per program and for the office."""
    ringkasan = renja_ringkasan(renja)
    rentang = rentang_predikat()
    # Plain tuples, not model instances: 8.000 quarters with their values load ten times faster.
    realisasi = [
        _Triwulan(*r)
        for r in RealisasiTriwulan.objects.filter(baris__renja=renja)
        .order_by("triwulan")
        .values_list(
            "id", "baris_id", "triwulan", "rupiah", "faktor_pendorong", "faktor_penghambat", "tindak_lanjut"
        )
    ]
    per_baris: dict[int, list[_Triwulan]] = defaultdict(list)
    for r in realisasi:
        per_baris[r.baris_id].append(r)
    nilai_per: dict[tuple[int, int], Decimal] = {
        (realisasi_id, indikator_id): nilai
        for realisasi_id, indikator_id, nilai in RealisasiIndikator.objects.filter(
            realisasi__baris__renja=renja
        ).values_list("realisasi_id", "indikator_id", "nilai")
    }
    indikator = {
        i.id: i for i in Indikator.objects.filter(baris__renja=renja).select_related("renstra_indikator")
    }
    ind_per_baris: dict[int, list[Indikator]] = defaultdict(list)
    for i in sorted(indikator.values(), key=lambda i: (i.urutan, i.id)):
        ind_per_baris[i.baris_id].append(i)
    renstra_ind = [i.renstra_indikator for i in indikator.values() if i.renstra_indikator_id]
    catatan = _capaian_per_indikator([i.id for i in renstra_ind])

    # Rupiah per quarter: recorded on the rows without children, summed up every level above.
    rp_tw: dict[int, list[int | None]] = {}
    for b in reversed(ringkasan.pohon.urut):
        if b.daun:
            rp_tw[b.id] = [None] * 4
            for r in per_baris.get(b.id, []):
                rp_tw[b.id][r.triwulan - 1] = r.rupiah
        else:
            anak = [rp_tw[a.id] for a in b.anak]
            rp_tw[b.id] = [
                sum(v for v in kolom if v is not None) if any(v is not None for v in kolom) else None
                for kolom in zip(*anak, strict=True)
            ]

    hasil: list[BarisE81] = []
    for b in ringkasan.pohon.urut:
        tw = per_baris.get(b.id, [])
        tw_rp = rp_tw[b.id]
        tercatat_rp = [v for v in tw_rp if v is not None]
        realisasi_rp = sum(tercatat_rp) if tercatat_rp else None
        daftar = [i for i in ind_per_baris.get(b.id, []) if i.uraian.strip()] or [None]
        for i in daftar:
            tw_k: list[Decimal | None] = [None] * 4
            if i is not None:
                for r in tw:
                    tw_k[r.triwulan - 1] = nilai_per.get((r.id, i.id))
            ri = i.renstra_indikator if i is not None else None
            jenis = ri.jenis if ri else JenisIndikator.NAIK
            tercatat = [v for v in tw_k if v is not None]
            if not tercatat:
                realisasi_k = None
            elif jenis in (JenisIndikator.PERSEN, JenisIndikator.TERAKHIR):
                realisasi_k = tercatat[-1]
            else:
                realisasi_k = sum(tercatat, Decimal(0))
            target_k = i.target_angka if i is not None else None
            row = BarisE81(
                baris=b,
                indikator=i,
                renstra_indikator=ri,
                target_k=target_k,
                target_rp=b.pagu_hitung,
                tw_k=tw_k,
                tw_rp=tw_rp,
                realisasi_k=realisasi_k,
                realisasi_rp=realisasi_rp,
                capaian_k=capaian(jenis, target_k, realisasi_k) if b.daun else None,
                capaian_rp=persen(realisasi_rp, b.pagu_hitung) if realisasi_rp is not None else None,
                faktor_pendorong=_gabung([r.faktor_pendorong for r in tw]),
                faktor_penghambat=_gabung([r.faktor_penghambat for r in tw]),
                tindak_lanjut=_gabung([r.tindak_lanjut for r in tw]),
            )
            if ri is not None:
                row.renstra_target_k = ri.target_akhir
                row.renstra_sampai_lalu_k = realisasi_renstra_sampai(
                    ri, catatan.get(ri.id, []), renja.tahun - 1
                )
                row.renstra_sampai_kini_k = realisasi_sampai(
                    ri.kumulatif, [row.renstra_sampai_lalu_k, realisasi_k]
                )
                row.renstra_capaian_k = capaian(ri.jenis, ri.target_akhir, row.renstra_sampai_kini_k)
            hasil.append(row)

    # Programs: the mean achievement of their kegiatan rows, and a rating.
    per_kode = {x.kode: x for x in ringkasan.pohon.urut}
    kegiatan_per_program: dict[str, list[Decimal | None]] = defaultdict(list)
    for row in hasil:
        if row.baris.level != Level.PROGRAM and row.baris.daun:
            induk = per_kode.get(row.baris.induk_kode)
            while induk is not None and induk.level != Level.PROGRAM:
                induk = per_kode.get(induk.induk_kode)
            if induk is not None:
                kegiatan_per_program[induk.kode].append(row.capaian_k)
    for row in hasil:
        if row.baris.level == Level.PROGRAM:
            row.rata_rata = rata_rata(kegiatan_per_program.get(row.baris.kode, []))
            row.predikat = predikat(row.rata_rata, rentang)
        elif row.baris.daun:
            row.predikat = predikat(row.capaian_k, rentang)
    semua = rata_rata([row.capaian_k for row in hasil if row.baris.daun and row.baris.level != Level.PROGRAM])
    return TabelE81(
        renja=renja,
        baris=hasil,
        rata_rata=semua,
        predikat=predikat(semua, rentang),
        total_pagu=ringkasan.pohon.total,
        total_realisasi=sum(r.rupiah for r in realisasi),
    )


def baris_tanpa_renstra(renja: Renja) -> list[BarisRenja]:
    """Renja rows that are not linked to a Renstra row."""
    return list(BarisRenja.objects.filter(renja=renja, renstra_baris__isnull=True).order_by("urutan"))


@dataclass
class Tren:
    """Renstra achievement to date of each program, year by year (mean over its kegiatan)."""

    tahun: list[int]
    program: dict[str, list[Decimal | None]]


def tren_renstra(*, organisasi: Organisasi, tahun: int) -> Tren:
    renstra = renstra_untuk(organisasi, tahun)
    if renstra is None:
        return Tren([], {})
    tahun_list = list(range(renstra.tahun_mulai, min(tahun, renstra.tahun_akhir + 1)))
    baris = list(renstra.baris.order_by("urutan", "id").prefetch_related("indikator"))
    catatan = _capaian_per_indikator([i.id for b in baris for i in b.indikator.all()])
    hasil: dict[str, list[Decimal | None]] = {}
    program = None
    per_program: dict[str, list[RenstraIndikator]] = defaultdict(list)
    for b in baris:
        if b.level == Level.PROGRAM:
            program = b.nama
            per_program.setdefault(program, [])
        elif program is not None:
            per_program[program].extend(b.indikator.all())
    # Only years in which some realisation was recorded: a year with targets alone says nothing.
    tahun_list = [
        t
        for t in tahun_list
        if any(x.tahun == t and x.realisasi is not None for c in catatan.values() for x in c)
    ]
    for nama, daftar in per_program.items():
        seri = []
        for t in tahun_list:
            nilai = []
            for i in daftar:
                c = [x for x in catatan.get(i.id, []) if x.realisasi is not None and x.tahun <= t]
                nilai.append(
                    capaian(i.jenis, i.target_akhir, realisasi_renstra_sampai(i, c, t)) if c else None
                )
            seri.append(rata_rata(nilai))
        if any(v is not None for v in seri):
            hasil[nama] = seri
    return Tren(tahun_list, hasil)


# Home page -------------------------------------------------------------------------------


def renja_berlaku(tahun: int) -> list[Renja]:
    """Per office, the Renja in force (its perubahan, else its final) on which realisation is
    recorded: that of ``tahun``, or of the latest earlier year that has one. One query."""
    hasil: dict[int, Renja] = {}
    for r in Renja.objects.filter(tahun__lte=tahun, tahap__in=TAHAP_BERLAKU).select_related("organisasi"):
        ada = hasil.get(r.organisasi_id)
        if ada is None or (r.tahun, r.urutan_tahap) > (ada.tahun, ada.urutan_tahap):
            hasil[r.organisasi_id] = r
    return sorted(hasil.values(), key=lambda r: r.organisasi.kode)


def renja_dengan_renstra(renja: list[Renja]) -> list[Renja]:
    """Those of ``renja`` whose office has a Renstra covering their year (a trend to draw); one query."""
    renstra = list(Renstra.objects.values_list("organisasi_id", "tahun_mulai", "tahun_akhir"))
    return [
        r
        for r in renja
        if any(o == r.organisasi_id and mulai <= r.tahun <= akhir + 1 for o, mulai, akhir in renstra)
    ]


@dataclass
class RealisasiProgram:
    """A program's budget and the rupiah realised under it so far (every quarter recorded)."""

    baris_id: int
    kode: str
    nama: str
    pagu: int
    realisasi: int

    @property
    def persen(self) -> Decimal | None:
        return persen(self.realisasi, self.pagu)


def realisasi_per_program(renja: Renja) -> list[RealisasiProgram]:
    """Each program of a Renja with its pagu (the typed pagu of the rows without children below
    it) and the rupiah realised on the rows below it: two queries over plain rows, without the
    indicators and the tree the E.81 table needs."""
    baris = list(
        BarisRenja.objects.filter(renja=renja)
        .order_by("urutan", "id")
        .values_list("id", "induk_id", "level", "kode", "nama", "pagu")
    )
    per_baris = dict(
        RealisasiTriwulan.objects.filter(baris__renja=renja)
        .values("baris_id")
        .annotate(n=Sum("rupiah"))
        .values_list("baris_id", "n")
    )
    induk = {b[0]: b[1] for b in baris}
    level = {b[0]: b[2] for b in baris}
    punya_anak = {b[1] for b in baris if b[1] is not None}
    program = {b[0]: RealisasiProgram(b[0], b[3], b[4], 0, 0) for b in baris if b[2] == Level.PROGRAM}

    def program_dari(i: int | None) -> int | None:
        while i is not None and level.get(i) != Level.PROGRAM:
            i = induk.get(i)
        return i

    for i, _induk, _level, _kode, _nama, pagu in baris:
        p = program.get(program_dari(i))
        if p is None:
            continue
        if i not in punya_anak:
            p.pagu += pagu or 0
        p.realisasi += per_baris.get(i) or 0
    return list(program.values())


@dataclass
class RealisasiRenja:
    """A Renja's programs with their realisation, and the office's total."""

    renja: Renja
    program: list[RealisasiProgram]

    @property
    def pagu(self) -> int:
        return sum(p.pagu for p in self.program)

    @property
    def realisasi(self) -> int:
        return sum(p.realisasi for p in self.program)

    @property
    def persen(self) -> Decimal | None:
        return persen(self.realisasi, self.pagu)


def realisasi_renja(renja: Renja) -> RealisasiRenja:
    return RealisasiRenja(renja, realisasi_per_program(renja))


def triwulan_terkunci(renja: Renja) -> set[tuple[int, int]]:
    """(row id, quarter) of the submitted, locked quarters of a Renja; one query."""
    return set(
        RealisasiTriwulan.objects.filter(baris__renja=renja, terkunci=True).values_list(
            "baris_id", "triwulan"
        )
    )
