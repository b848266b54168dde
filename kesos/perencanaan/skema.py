"""Code schemes as plain data: the level of a plan code, read from the code itself.

A scheme lists its levels in order, each with the widths of the code segments it adds to
its parent's code. Under the national scheme ``1.06.02.2.01`` has five segments of widths
1, 2, 2, 1, 2: urusan (1) + bidang (2) + program (2) + kegiatan (1, 2), so it is a kegiatan.
A row's level never comes from its position in a file or from counting dots alone: a code
whose segments do not have the widths of any level fits no level.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import LEVEL_KEPALA, Level, SkemaKode
from .pohon import kode_normal


def lebar_segmen(teks: str) -> tuple[tuple[int, int], ...]:
    """'1,2' -> ((1, 1), (2, 2)); '1-3' -> ((1, 3),). Raises ValueError for anything else."""
    hasil = []
    for bagian in (teks or "").split(","):
        m = re.fullmatch(r"\s*([0-9]{1,2})\s*(?:-\s*([0-9]{1,2})\s*)?", bagian)
        if not m:
            raise ValueError(
                _("'%(teks)s' bukan daftar lebar segmen (contoh: 2 atau 1,2 atau 1-3)") % {"teks": teks}
            )
        bawah, atas = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 1 <= bawah <= atas:
            raise ValueError(_("lebar segmen '%(bagian)s' tidak sah") % {"bagian": bagian.strip()})
        hasil.append((bawah, atas))
    return tuple(hasil)


@dataclass(frozen=True)
class Tingkat:
    level: str
    nama: str
    lebar: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Skema:
    kode: str
    nama: str
    tingkat: tuple[Tingkat, ...]
    pemisah: str = "."
    kode_memuat_organisasi: bool = False
    prioritas: int = 0
    pk: int | None = None

    @classmethod
    def dari_model(cls, skema: SkemaKode) -> "Skema":
        return cls(
            kode=skema.kode,
            nama=skema.nama,
            pemisah=skema.pemisah or ".",
            kode_memuat_organisasi=skema.kode_memuat_organisasi,
            prioritas=skema.prioritas,
            pk=skema.pk,
            tingkat=tuple(
                Tingkat(t.level, t.nama, lebar_segmen(t.segmen)) for t in skema.tingkat.order_by("urutan")
            ),
        )

    @property
    def level(self) -> list[str]:
        return [t.level for t in self.tingkat]

    def tingkat_dari(self, level: str) -> Tingkat | None:
        return next((t for t in self.tingkat if t.level == level), None)

    def nama_level(self, level: str) -> str:
        t = self.tingkat_dari(level)
        return t.nama if t else Level(level).label

    def level_kode(self, kode: str) -> str | None:
        """The level whose code this is, or None when its segments fit no level."""
        segmen = kode_normal(kode).split(".")
        lebar: list[tuple[int, int]] = []
        for t in self.tingkat:
            lebar.extend(t.lebar)
            if len(lebar) == len(segmen):
                return t.level if all(_cocok(s, w) for s, w in zip(segmen, lebar, strict=True)) else None
            if len(lebar) > len(segmen):
                return None
        return None

    def kode_induk(self, kode: str) -> str | None:
        """The code of this code's parent level (its leading segments), normalised."""
        level = self.level_kode(kode)
        if level is None:
            return None
        i = self.level.index(level)
        if i == 0:
            return None
        n = sum(len(t.lebar) for t in self.tingkat[:i])
        return ".".join(kode_normal(kode).split(".")[:n])

    def level_induk(self, level: str) -> str | None:
        i = self.level.index(level)
        return self.level[i - 1] if i > 0 else None

    def level_anak(self, level: str) -> str | None:
        i = self.level.index(level)
        return self.level[i + 1] if i + 1 < len(self.level) else None

    def wajib_induk(self, level: str) -> bool:
        """Kegiatan and sub-kegiatan always sit under their parent; program, bidang and urusan
        may head a table that leaves out the levels above them."""
        return level not in (*LEVEL_KEPALA, Level.PROGRAM)

    def level_akar(self) -> list[str]:
        return [lv for lv in self.level if not self.wajib_induk(lv)]

    def contoh(self, level: str) -> str:
        """An example code of a level, as a message can show it: 1.01.01.1.01 for a kegiatan."""
        bagian = []
        for t in self.tingkat:
            bagian.extend("1".zfill(bawah) for bawah, _atas in t.lebar)
            if t.level == level:
                break
        return self.pemisah.join(bagian)


def _cocok(segmen: str, lebar: tuple[int, int]) -> bool:
    # "X.XX.01": the program that every urusan shares is written with X in place of digits.
    return lebar[0] <= len(segmen) <= lebar[1] and (segmen.isdecimal() or set(segmen) <= {"X", "x"})


def skema_dari(skema: SkemaKode | int) -> Skema:
    if isinstance(skema, int):
        skema = SkemaKode.objects.get(pk=skema)
    return Skema.dari_model(skema)


def semua_skema() -> list[Skema]:
    return [Skema.dari_model(s) for s in SkemaKode.objects.prefetch_related("tingkat")]


def pilih_skema(kode: list[str], pilihan: list[Skema]) -> tuple[Skema | None, int]:
    """The scheme under which the most of these codes fit a level; on a tie the one with the
    higher priority. Returns it with the number of codes that fit."""
    terbaik: tuple[int, int, Skema] | None = None
    for s in pilihan:
        cocok = sum(1 for k in kode if s.level_kode(k) is not None)
        kunci = (cocok, s.prioritas)
        if terbaik is None or kunci > terbaik[:2]:
            terbaik = (*kunci, s)
    if terbaik is None or terbaik[0] == 0:
        return None, 0
    return terbaik[2], terbaik[0]
