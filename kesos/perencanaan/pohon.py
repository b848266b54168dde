"""A Renja as plain data: the tree of rows with derived totals.

Pages, the check, the XLSX builder and the importer all work on this one shape, whether
the rows came from the database or from a file that is not stored yet.
"""

import re
from dataclasses import dataclass, field


def kode_normal(kode: str) -> str:
    """'1 6 1' and '1.6.1' are the same code; compare codes in this form."""
    return re.sub(r"[\s.]+", ".", (kode or "").strip()).strip(".")


def kode_memperluas(kode_anak: str, kode_induk: str) -> bool:
    return kode_normal(kode_anak).startswith(kode_normal(kode_induk) + ".")


@dataclass
class IndikatorData:
    uraian: str = ""
    target: str = ""
    maju: str = ""


@dataclass
class BarisData:
    kode: str
    nama: str
    level: str
    induk_kode: str | None = None
    lokasi: str = ""
    pagu: int | None = None
    pagu_maju: int | None = None
    pagu_tertulis: int | None = None
    pagu_maju_tertulis: int | None = None
    sumber_dana: str | None = None
    catatan: str = ""
    indikator: list[IndikatorData] = field(default_factory=list)
    nomor: int | None = None  # row number in the file it was read from
    id: int | None = None
    versi: int = 1
    kode_nasional: str = ""
    # Filled by susun_pohon:
    anak: list["BarisData"] = field(default_factory=list, repr=False)
    kedalaman: int = 0
    pagu_hitung: int = 0
    pagu_maju_hitung: int = 0

    @property
    def daun(self) -> bool:
        return not self.anak

    @property
    def jumlah_indikator(self) -> int:
        return sum(1 for i in self.indikator if i.uraian.strip())

    @property
    def target(self) -> list[str]:
        return [i.target for i in self.indikator if i.target.strip()]

    @property
    def target_maju(self) -> list[str]:
        return [i.maju for i in self.indikator if i.maju.strip()]


@dataclass
class Pohon:
    akar: list[BarisData]
    urut: list[BarisData]  # every row, parents before children, in display order
    total: int
    total_maju: int


def susun_pohon(baris: list[BarisData]) -> Pohon:
    """Link rows to their parents by ``induk_kode`` and derive every parent's pagu.

    A row whose parent code is not among the rows is treated as a root, so that the check
    can still report it instead of losing it.
    """
    per_kode: dict[str, BarisData] = {}
    for b in baris:
        b.anak = []
        per_kode.setdefault(b.kode, b)
    akar = []
    for b in baris:
        induk = per_kode.get(b.induk_kode) if b.induk_kode else None
        if induk is not None and induk is not b:
            induk.anak.append(b)
        else:
            akar.append(b)

    urut: list[BarisData] = []

    def jalan(node: BarisData, kedalaman: int) -> None:
        node.kedalaman = kedalaman
        urut.append(node)
        for a in node.anak:
            jalan(a, kedalaman + 1)
        if node.anak:
            node.pagu_hitung = sum(a.pagu_hitung for a in node.anak)
            node.pagu_maju_hitung = sum(a.pagu_maju_hitung for a in node.anak)
        else:
            node.pagu_hitung = node.pagu or 0
            node.pagu_maju_hitung = node.pagu_maju or 0

    for a in akar:
        jalan(a, 0)
    return Pohon(
        akar=akar,
        urut=urut,
        total=sum(a.pagu_hitung for a in akar),
        total_maju=sum(a.pagu_maju_hitung for a in akar),
    )
