"""The check of SPM tables: generic rules over stated rows (and computed values), never a
list of one document's mistakes.

Rules, for the tables of one year:
- the same indicator with different national targets, regional targets or realisation in
  different tables;
- a stated percentage that its own numerator and denominator do not give;
- a numerator and denominator in different units (rupiah over persons);
- an indicator of the set missing from a table; a gap in a table's numbering; the same
  indicator numbered differently in different tables; a row linked to no indicator;
- a stated realisation that the value computed from kesos data contradicts.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kesos.inti.formats import angka, parse_target

GALAT, PERINGATAN = "galat", "peringatan"
TOLERANSI = Decimal("0.01")  # percentages are stated to two decimals


@dataclass(frozen=True)
class NilaiTertulis:
    """A cell as written, and what it says: a percentage, and perhaps its numerator and
    denominator with their units."""

    teks: str
    persen: Decimal | None = None
    pembilang: Decimal | None = None
    satuan_pembilang: str = ""
    penyebut: Decimal | None = None
    satuan_penyebut: str = ""

    @property
    def ada_rasio(self) -> bool:
        return self.pembilang is not None and self.penyebut is not None


_RASIO_RE = re.compile(
    r"^\s*(?P<rp>rp\.?)?\s*(?P<a>\d[\d.,]*)\s*(?P<sa>[a-z]*)\s*/\s*(?P<b>\d[\d.,]*)\s*(?P<sb>[a-z]*?)\s*"
    r"(?:[x×*]\s*100\s*%?)?\s*=\s*(?P<p>\d[\d.,]*)\s*%?\s*$",
    re.IGNORECASE,
)
_PERSEN_RE = re.compile(r"^\s*(\d[\d.,]*)\s*%?\s*$")
SATUAN_SAMA = {
    "rp": "rupiah",
    "rupiah": "rupiah",
    "org": "orang",
    "jiwa": "orang",
    "kpm": "keluarga",
    "kk": "keluarga",
}


def _angka(teks: str) -> Decimal | None:
    n, sisa = parse_target(teks)
    return n if not sisa else None


def _satuan(teks: str) -> str:
    t = teks.strip().lower().rstrip(".")
    return SATUAN_SAMA.get(t, t)


def baca_nilai(teks: str) -> NilaiTertulis:
    """'80', '10,71', 'Rp. 1.500.000/14 OrangX 100 =10,71%', '9 lksa/9 lksaX100%=100%'."""
    teks = (teks or "").strip()
    if not teks:
        return NilaiTertulis(teks)
    m = _RASIO_RE.match(teks)
    if m:
        return NilaiTertulis(
            teks,
            persen=_angka(m.group("p")),
            pembilang=_angka(m.group("a")),
            satuan_pembilang="rupiah" if m.group("rp") else _satuan(m.group("sa")),
            penyebut=_angka(m.group("b")),
            satuan_penyebut=_satuan(m.group("sb")),
        )
    m = _PERSEN_RE.match(teks)
    if m:
        return NilaiTertulis(teks, persen=_angka(m.group(1)))
    return NilaiTertulis(teks)


@dataclass
class Baris:
    """One stated row, as plain data: the check needs nothing else."""

    tabel: str  # the table's title
    nomor: str
    uraian: str
    indikator: str | None  # the indicator's key in its set, or None
    target_nasional: str = ""
    target_daerah: str = ""
    realisasi: str = ""


@dataclass(frozen=True)
class Temuan:
    tingkat: str
    indikator: str
    tabel: tuple[str, ...]
    pesan: str


@dataclass
class Indikator:
    kunci: str
    nomor: int
    uraian: str


@dataclass
class Hitungan:
    """A computed realisation for the comparison (percent None = could not be computed)."""

    kunci: str
    persen: Decimal | None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


KOLOM = {  # translated where a finding names them
    "target_nasional": gettext_noop("target nasional"),
    "target_daerah": gettext_noop("target daerah"),
    "realisasi": gettext_noop("realisasi"),
}


def _pendek(teks: str, n: int = 70) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def _persen(n: Decimal) -> str:
    bulat = n.quantize(TOLERANSI, rounding=ROUND_HALF_UP)
    return f"{angka(bulat, 0 if bulat == bulat.to_integral_value() else 2)} %"


def periksa(
    baris: Iterable[Baris], indikator: Iterable[Indikator], dihitung: Iterable[Hitungan] = ()
) -> list[Temuan]:
    baris = list(baris)
    indikator = {i.kunci: i for i in indikator}
    nama = {k: f"{i.nomor}. {_pendek(i.uraian)}" for k, i in indikator.items()}
    hasil: list[Temuan] = []
    tabel_urut = list(dict.fromkeys(b.tabel for b in baris))
    per_indikator: dict[str, list[Baris]] = defaultdict(list)
    for b in baris:
        if b.indikator is None:
            hasil.append(
                Temuan(
                    PERINGATAN,
                    _pendek(b.uraian),
                    (b.tabel,),
                    _("baris no. %(nomor)s tidak tertaut ke indikator set mana pun") % {"nomor": b.nomor},
                )
            )
        else:
            per_indikator[b.indikator].append(b)

    # The same indicator, different values in different tables.
    for kunci, daftar in per_indikator.items():
        for kolom, label in KOLOM.items():
            nilai: dict[Decimal, list[str]] = defaultdict(list)
            for b in daftar:
                n = baca_nilai(getattr(b, kolom)).persen
                if n is not None:
                    nilai[n].append(b.tabel)
            if len(nilai) > 1:
                rincian = "; ".join(
                    _("%(persen)s di %(tabel)s") % {"persen": _persen(n), "tabel": ", ".join(t)}
                    for n, t in sorted(nilai.items())
                )
                hasil.append(
                    Temuan(
                        GALAT,
                        nama.get(kunci, kunci),
                        tuple(dict.fromkeys(t for ts in nilai.values() for t in ts)),
                        _("%(label)s berbeda antartabel: %(rincian)s")
                        % {"label": _(label), "rincian": rincian},
                    )
                )
        nomor = {b.nomor for b in daftar}
        if len(nomor) > 1:
            hasil.append(
                Temuan(
                    PERINGATAN,
                    nama.get(kunci, kunci),
                    tuple(dict.fromkeys(b.tabel for b in daftar)),
                    _("bernomor berbeda antartabel: %(rincian)s")
                    % {
                        "rincian": "; ".join(
                            _("no. %(nomor)s di %(tabel)s") % {"nomor": b.nomor, "tabel": b.tabel}
                            for b in daftar
                        )
                    },
                )
            )

    # A stated percentage against its own numerator and denominator, and their units.
    for b in baris:
        for kolom, label in KOLOM.items():
            v = baca_nilai(getattr(b, kolom))
            if not v.ada_rasio:
                continue
            siapa = nama.get(b.indikator, _pendek(b.uraian))
            if v.satuan_pembilang and v.satuan_penyebut and v.satuan_pembilang != v.satuan_penyebut:
                hasil.append(
                    Temuan(
                        GALAT,
                        siapa,
                        (b.tabel,),
                        _(
                            "%(label)s '%(teks)s': pembilang dalam %(pembilang)s, penyebut dalam "
                            "%(penyebut)s; persentase hanya bermakna bila satuannya sama"
                        )
                        % {
                            "label": _(label),
                            "teks": v.teks,
                            "pembilang": v.satuan_pembilang,
                            "penyebut": v.satuan_penyebut,
                        },
                    )
                )
            if v.penyebut == 0:
                hasil.append(
                    Temuan(
                        GALAT,
                        siapa,
                        (b.tabel,),
                        _("%(label)s '%(teks)s': penyebut nol, persentase tidak dapat dihitung")
                        % {"label": _(label), "teks": v.teks},
                    )
                )
            elif v.persen is not None:
                benar = v.pembilang / v.penyebut * 100
                if (
                    abs(benar - v.persen) > TOLERANSI
                    and abs(benar.quantize(TOLERANSI, ROUND_HALF_UP) - v.persen) >= TOLERANSI
                ):
                    hasil.append(
                        Temuan(
                            GALAT,
                            siapa,
                            (b.tabel,),
                            _(
                                "%(label)s '%(teks)s': %(pembilang)s / %(penyebut)s × 100 = "
                                "%(benar)s, bukan %(tertulis)s seperti tertulis"
                            )
                            % {
                                "label": _(label),
                                "teks": v.teks,
                                "pembilang": angka(v.pembilang, 0),
                                "penyebut": angka(v.penyebut, 0),
                                "benar": _persen(benar),
                                "tertulis": _persen(v.persen),
                            },
                        )
                    )

    # What each table lacks, and its numbering.
    for t in tabel_urut:
        isi = [b for b in baris if b.tabel == t]
        ada = {b.indikator for b in isi}
        for kunci in indikator:
            if kunci not in ada:
                hasil.append(
                    Temuan(PERINGATAN, nama[kunci], (t,), _("indikator set ini tidak ada dalam tabel"))
                )
        angka_nomor = sorted(
            int(b.nomor) for b in isi if b.nomor.strip().isascii() and b.nomor.strip().isdigit()
        )
        if angka_nomor:
            hilang = sorted(set(range(1, angka_nomor[-1] + 1)) - set(angka_nomor))
            if hilang:
                hasil.append(
                    Temuan(
                        PERINGATAN,
                        "",
                        (t,),
                        _("penomoran meloncat: tidak ada nomor %(hilang)s (nomor tertulis %(tertulis)s)")
                        % {
                            "hilang": ", ".join(map(str, hilang)),
                            "tertulis": ", ".join(map(str, angka_nomor)),
                        },
                    )
                )
            ganda = sorted({n for n in angka_nomor if angka_nomor.count(n) > 1})
            if ganda:
                hasil.append(
                    Temuan(
                        PERINGATAN,
                        "",
                        (t,),
                        _("nomor ganda: %(nomor)s") % {"nomor": ", ".join(map(str, ganda))},
                    )
                )

    # Stated realisation against the value computed from kesos data.
    for h in dihitung:
        if h.persen is None:
            continue
        for b in per_indikator.get(h.kunci, []):
            v = baca_nilai(b.realisasi).persen
            if v is not None and abs(h.persen - v) >= TOLERANSI:
                hasil.append(
                    Temuan(
                        GALAT,
                        nama.get(h.kunci, h.kunci),
                        (b.tabel, _("dihitung dari data kesos")),
                        _(
                            "realisasi tertulis %(tertulis)s, dihitung %(dihitung)s "
                            "(%(pembilang)s / %(penyebut)s)"
                        )
                        % {
                            "tertulis": _persen(v),
                            "dihitung": _persen(h.persen),
                            "pembilang": angka(h.pembilang, 0),
                            "penyebut": angka(h.penyebut, 0),
                        },
                    )
                )
    return sorted(hasil, key=lambda x: (x.tingkat != GALAT, x.tabel[0] if x.tabel else "", x.indikator))
