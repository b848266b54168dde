"""Reads that aggregate: the Renja tree with derived totals, the latest version, findings."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kesos.akun.models import AuditLog
from kesos.akun.riwayat import EntriRiwayat, nilai_dalam, susun
from kesos.inti.formats import rupiah

from . import pemeriksaan
from .models import (
    URUTAN_TAHAP,
    BarisRenja,
    Indikator,
    Level,
    NomenklaturItem,
    Organisasi,
    PaguRKPD,
    PemetaanKode,
    Renja,
    SumberDana,
    Tahap,
)
from .pohon import BarisData, IndikatorData, Pohon, kode_normal, susun_pohon
from .skema import Skema, skema_dari


def renja_terbaru(*, organisasi: Organisasi, tahun: int, tahap: str | None = None) -> Renja | None:
    """The latest version of an office's Renja for a year, or the named stage."""
    qs = Renja.objects.filter(organisasi=organisasi, tahun=tahun).select_related("organisasi")
    if tahap:
        return qs.filter(tahap=tahap).first()
    versi = list(qs)
    return max(versi, key=lambda r: r.urutan_tahap) if versi else None


def renja_versi_lain(renja: Renja) -> QuerySet[Renja]:
    return Renja.objects.filter(organisasi=renja.organisasi_id, tahun=renja.tahun).order_by("id")


def dapat_diubah(renja: Renja, terbaru: bool | None = None) -> bool:
    """A version can be edited when it is not locked, not final, and no later stage exists."""
    if terbaru is None:
        terbaru = adalah_versi_terbaru(renja)
    return not renja.terkunci and renja.tahap != Tahap.FINAL and terbaru


def renja_per_organisasi() -> list[tuple[Organisasi, list[tuple[Renja, bool]]]]:
    """Every office with its Renja versions, each with whether it can be edited (the same rule
    as the Renja's own page), in two queries."""
    semua = list(Renja.objects.select_related("organisasi").order_by("organisasi__kode", "-tahun", "-id"))
    terakhir: dict[tuple[int, int], int] = {}
    for r in semua:
        kunci = (r.organisasi_id, r.tahun)
        terakhir[kunci] = max(terakhir.get(kunci, -1), r.urutan_tahap)
    per_org: dict[int, list[tuple[Renja, bool]]] = {}
    for r in semua:
        per_org.setdefault(r.organisasi_id, []).append(
            (r, dapat_diubah(r, r.urutan_tahap == terakhir[(r.organisasi_id, r.tahun)]))
        )
    return [(o, per_org.get(o.pk, [])) for o in Organisasi.objects.order_by("kode")]


def adalah_versi_terbaru(renja: Renja) -> bool:
    return not Renja.objects.filter(
        organisasi=renja.organisasi_id,
        tahun=renja.tahun,
        tahap__in=URUTAN_TAHAP[renja.urutan_tahap + 1 :],
    ).exists()


def baris_data(renja: Renja) -> list[BarisData]:
    """All rows of a Renja as plain data, in two queries whatever the number of rows."""
    indikator: dict[int, list[IndikatorData]] = {}
    for baris_id, uraian, target, maju in (
        Indikator.objects.filter(baris__renja=renja)
        .order_by("baris_id", "urutan", "id")
        .values_list("baris_id", "uraian", "target_teks", "maju_teks")
    ):
        indikator.setdefault(baris_id, []).append(IndikatorData(uraian, target, maju))
    rows = (
        BarisRenja.objects.filter(renja=renja)
        .order_by("urutan", "id")
        .values_list(
            "id",
            "kode",
            "nama",
            "level",
            "induk__kode",
            "lokasi",
            "pagu",
            "pagu_maju",
            "pagu_tertulis",
            "pagu_maju_tertulis",
            "sumber_dana__nama",
            "catatan",
            "versi",
            "kode_nasional__kode",
        )
    )
    # A row without a national code of its own shows the office's mapping of its code.
    peta = {
        kode_normal(k): n
        for k, n in PemetaanKode.objects.filter(
            organisasi=renja.organisasi_id, skema_asal=renja.skema_id, item__isnull=False
        ).values_list("kode_asal", "item__kode")
    }
    return [
        BarisData(
            id=r[0],
            kode=r[1],
            nama=r[2],
            level=r[3],
            induk_kode=r[4],
            lokasi=r[5],
            pagu=r[6],
            pagu_maju=r[7],
            pagu_tertulis=r[8],
            pagu_maju_tertulis=r[9],
            sumber_dana=r[10],
            catatan=r[11],
            versi=r[12],
            kode_nasional=r[13] or peta.get(kode_normal(r[1]), ""),
            indikator=indikator.get(r[0], []),
        )
        for r in rows
    ]


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
    skema: Skema

    @property
    def selisih_rkpd(self) -> int | None:
        """Ceiling minus total: positive is room left, negative is over the ceiling."""
        return None if self.pagu_rkpd is None else self.pagu_rkpd - self.pohon.total

    @property
    def melebihi_rkpd(self) -> bool:
        return self.selisih_rkpd is not None and self.selisih_rkpd < 0

    @property
    def besar_selisih_rkpd(self) -> int | None:
        """The difference as a positive amount: room left, or how far the total is over."""
        return None if self.selisih_rkpd is None else abs(self.selisih_rkpd)

    def jumlah(self, level: str) -> int:
        return sum(1 for b in self.pohon.urut if b.level == level)

    @property
    def jumlah_program(self) -> int:
        return self.jumlah("program")

    @property
    def jumlah_kegiatan(self) -> int:
        return self.jumlah("kegiatan")

    @property
    def jumlah_sub_kegiatan(self) -> int:
        return self.jumlah("sub_kegiatan")


def renja_ringkasan(renja: Renja) -> RingkasanRenja:
    return RingkasanRenja(
        renja=renja,
        pohon=susun_pohon(baris_data(renja)),
        pagu_rkpd=pagu_rkpd(renja),
        skema=skema_dari(renja.skema_id),
    )


def nomenklatur_acuan(renja: Renja) -> pemeriksaan.Nomenklatur | None:
    """The nomenclature version a Renja is checked against, as the check needs it."""
    if renja.nomenklatur_id is None:
        return None
    item = NomenklaturItem.objects.filter(versi=renja.nomenklatur_id).values_list("kode", "nama")
    return pemeriksaan.Nomenklatur(nama=renja.nomenklatur.nama, item={kode_normal(k): n for k, n in item})


def renja_temuan(renja: Renja, ringkasan: RingkasanRenja | None = None) -> list[pemeriksaan.Temuan]:
    ringkasan = ringkasan or renja_ringkasan(renja)
    return pemeriksaan.periksa(
        ringkasan.pohon.urut,
        pohon=ringkasan.pohon,
        pagu_rkpd=ringkasan.pagu_rkpd,
        total_tertulis=renja.total_tertulis,
        total_maju_tertulis=renja.total_maju_tertulis,
        skema=ringkasan.skema,
        nomenklatur=nomenklatur_acuan(renja),
    )


def renja_terkini() -> list[Renja]:
    """Each office's current Renja: the latest stage of its latest year, in one query."""
    terkini: dict[int, Renja] = {}
    for r in Renja.objects.select_related("organisasi", "nomenklatur").order_by("organisasi__kode", "id"):
        ada = terkini.get(r.organisasi_id)
        if ada is None or (r.tahun, r.urutan_tahap) > (ada.tahun, ada.urutan_tahap):
            terkini[r.organisasi_id] = r
    return sorted(terkini.values(), key=lambda r: r.organisasi.kode)


@dataclass
class KeadaanRenja:
    """Where a Renja stands: its totals against the ceiling, Periksa's findings, and the rows
    still missing an indicator or a target (by Periksa's own rules)."""

    ringkasan: RingkasanRenja
    temuan: list[pemeriksaan.Temuan]
    dapat_diubah: bool
    id_baris: dict[str, int]

    @property
    def renja(self) -> Renja:
        return self.ringkasan.renja

    @property
    def galat(self) -> list[tuple[pemeriksaan.Temuan, int | None]]:
        """Each error with the id of its row (for a link to the row in the tree)."""
        return [(t, self.id_baris.get(t.kode)) for t in self.temuan if t.galat]

    @property
    def jumlah_peringatan(self) -> int:
        return sum(not t.galat for t in self.temuan)

    @property
    def tanpa_indikator(self) -> list[BarisData]:
        return [b for b in self.ringkasan.pohon.urut if pemeriksaan.tanpa_indikator(b)]

    @property
    def tanpa_target(self) -> list[BarisData]:
        return [b for b in self.ringkasan.pohon.urut if pemeriksaan.tanpa_target(b)]


def keadaan_renja(renja: Renja, *, terbaru: bool = True) -> KeadaanRenja:
    """A Renja's standing for a home page; ``terbaru`` says it is its office's latest stage
    (``renja_terkini`` gives only those), which spares the query that would ask."""
    ringkasan = renja_ringkasan(renja)
    return KeadaanRenja(
        ringkasan=ringkasan,
        temuan=renja_temuan(renja, ringkasan),
        dapat_diubah=dapat_diubah(renja, terbaru),
        id_baris={b.kode: b.id for b in ringkasan.pohon.urut},
    )


OBJEK_BARIS = "perencanaan.BarisRenja"  # as the services write it in the audit trail

# Labels the row's foreign keys have no verbose name for.
_LABEL_BARIS = {
    "induk": _("baris induk"),
    "sumber_dana": _("sumber dana"),
    "kode_nasional": _("kode nasional"),
    "renstra_baris": _("baris Renstra"),
    "indikator": _("indikator kinerja"),
}


def _indikator_teks(daftar: object) -> str:
    if not isinstance(daftar, list):
        return str(daftar)
    bagian = []
    for i in daftar:
        if not isinstance(i, dict):
            continue
        teks = i.get("uraian") or "(tanpa uraian)"
        target = ", ".join(
            f"{nama} {i[k]}" for k, nama in (("target", "target"), ("maju", "maju")) if i.get(k)
        )
        bagian.append(f"{teks} ({target})" if target else teks)
    return "; ".join(bagian) or "—"


def riwayat_baris(baris: BarisRenja) -> list[EntriRiwayat]:
    """The audit trail of a Renja row in the office's words: field labels, the parent row, the
    funding source and the national sub-kegiatan by name, rupiah and dates in Indonesian.
    A fixed number of queries whatever the length of the trail."""
    log = list(AuditLog.objects.filter(objek=OBJEK_BARIS, objek_id=str(baris.pk)).select_related("pengguna"))
    skema = skema_dari(baris.renja.skema_id)
    induk = dict(
        BarisRenja.objects.filter(renja=baris.renja_id, kode__in=nilai_dalam(log, "induk")).values_list(
            "kode", "nama"
        )
    )
    sumber = dict(
        SumberDana.objects.filter(kode__in=nilai_dalam(log, "sumber_dana")).values_list("kode", "nama")
    )
    nasional = dict(
        NomenklaturItem.objects.filter(kode__in=nilai_dalam(log, "kode_nasional")).values_list("kode", "nama")
    )
    label = {f.name: str(f.verbose_name) for f in BarisRenja._meta.get_fields() if hasattr(f, "verbose_name")}
    label |= {k: str(v) for k, v in _LABEL_BARIS.items()}
    label = {k: v[:1].upper() + v[1:] for k, v in label.items()}

    def tampil(kunci: str, nilai: object) -> str:
        if kunci in ("pagu", "pagu_maju", "pagu_tertulis", "pagu_maju_tertulis") and isinstance(nilai, int):
            return rupiah(nilai)
        if kunci == "level" and isinstance(nilai, str):
            return skema.nama_level(nilai) if nilai in Level.values else nilai
        if kunci == "induk":
            return f"{nilai} {induk[nilai]}" if nilai in induk else str(nilai)
        if kunci == "sumber_dana":
            return sumber.get(nilai, str(nilai))
        if kunci == "kode_nasional":
            return f"{nilai} {nasional[nilai]}" if nilai in nasional else str(nilai)
        if kunci == "indikator":
            return _indikator_teks(nilai)
        return str(nilai)

    return susun(log, label=label, tampil=tampil)
