"""Named measures over kesos data: the numerators and denominators SPM indicators are made of.

An indicator names its two measures (``IndikatorSPM.pembilang``/``penyebut``), so a set of
indicators is data. A measure answers for a year with a count, or with ``TidakDapatDihitung``
and the reason when kesos does not hold the data it needs.

Names: fixed ones registered here (``pmks.hidup``, ``kube.anggota``, …), and two families
read from the name itself: ``kategori.FM+PD`` (living persons classified in any of these
categories by the end of the year) and ``kategori.FM+PD.terlayani`` (those of them who, or
whose household, received a delivery of any programme in the year).

Disaster records are not in kesos yet (the ``bencana`` app, issue 13): the ``bencana.*``
measures answer "tidak dapat dihitung" until that app registers its own functions under the
same names with ``daftarkan(..., ganti=True)`` from its ``AppConfig.ready``.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kesos.bansos.models import (
    STATUS_PENOLAKAN,
    AnggotaKelompok,
    JenisManfaat,
    Kepesertaan,
    Penyaluran,
    Satuan,
)
from kesos.registri.models import Jenis, Klasifikasi, Orang


@dataclass(frozen=True)
class TidakDapatDihitung:
    alasan: str

    def __str__(self) -> str:
        return _("tidak dapat dihitung: %(alasan)s") % {"alasan": self.alasan}


Nilai = Decimal | TidakDapatDihitung
Fungsi = Callable[[int, str], Nilai]


@dataclass(frozen=True)
class Ukuran:
    nama: str
    label: str
    satuan: str
    fungsi: Fungsi


_DAFTAR: dict[str, Ukuran] = {}


def daftarkan(nama: str, label: str, satuan: str, fungsi: Fungsi, *, ganti: bool = False) -> None:
    """Register a measure; another app replaces a placeholder with ``ganti=True``."""
    if nama in _DAFTAR and not ganti:
        raise ValueError(f"ukuran {nama} sudah terdaftar")
    _DAFTAR[nama] = Ukuran(nama, label, satuan, fungsi)


_KATEGORI_RE = re.compile(r"^kategori\.([A-Z0-9]+(?:\+[A-Z0-9]+)*)(\.terlayani)?$")


def cari(nama: str) -> Ukuran | None:
    if nama in _DAFTAR:
        return _DAFTAR[nama]
    m = _KATEGORI_RE.match(nama)
    if not m:
        return None
    kode = m.group(1).split("+")
    if m.group(2):
        return Ukuran(
            nama,
            f"{' atau '.join(kode)} yang menerima bantuan dalam tahun",
            "orang",
            lambda tahun, lingkup: _hitung_terlayani(_terklasifikasi(tahun, lingkup, kode=kode), tahun),
        )
    return Ukuran(
        nama,
        f"{' atau '.join(kode)} hidup",
        "orang",
        lambda tahun, lingkup: _hitung(_terklasifikasi(tahun, lingkup, kode=kode)),
    )


def ukur(nama: str, tahun: int, lingkup: str = "") -> Nilai:
    u = cari(nama)
    if u is None:
        return TidakDapatDihitung(_("ukuran '%(nama)s' tidak dikenal") % {"nama": nama})
    return u.fungsi(tahun, lingkup)


def _hitung(qs) -> Decimal:
    return Decimal(qs.values("orang_id").distinct().count())


_SESI: ContextVar[dict | None] = ContextVar("spm_sesi", default=None)


@contextmanager
def sesi() -> Iterator[None]:
    """One computation of a table: the set of persons served in a year is read once and
    shared by every measure that needs it."""
    token = _SESI.set({})
    try:
        yield
    finally:
        _SESI.reset(token)


def orang_terlayani(tahun: int, jenis_manfaat: tuple[str, ...] | None = None) -> frozenset[int]:
    """Ids of the persons who, or whose household or group, received a delivery in the year:
    three queries, whatever the number of measures asking."""
    cache = _SESI.get()
    kunci = (tahun, jenis_manfaat)
    if cache is not None and kunci in cache:
        return cache[kunci]
    salur = Penyaluran.objects.filter(tanggal__year=tahun)
    if jenis_manfaat:
        salur = salur.filter(kepesertaan__program__jenis_manfaat__in=jenis_manfaat)
    kp = Kepesertaan.objects.filter(pk__in=salur.values("kepesertaan_id"))
    hasil = frozenset(
        [
            *kp.filter(orang__isnull=False).values_list("orang_id", flat=True),
            *Orang.data_pribadi.filter(
                keluarga_id__in=kp.filter(keluarga__isnull=False).values("keluarga_id")
            ).values_list("pk", flat=True),
            *AnggotaKelompok.objects.filter(
                kelompok_id__in=kp.filter(kelompok__isnull=False).values("kelompok_id")
            ).values_list("orang_id", flat=True),
        ]
    )
    if cache is not None:
        cache[kunci] = hasil
    return hasil


def _hitung_terlayani(qs, tahun: int, jenis_manfaat: tuple[str, ...] | None = None) -> Decimal:
    """Of the persons classified in ``qs``, those served in the year. The classified persons
    (a category's, not the registry's) are read and met with the served set here: measured
    over 1.000.000 persons, a served-subquery per measure took 0,2–0,8 s each."""
    terlayani = orang_terlayani(tahun, jenis_manfaat)
    return Decimal(len(set(qs.values_list("orang_id", flat=True)) & terlayani))


def _terklasifikasi(tahun: int, lingkup: str, *, kode: list[str] | None = None, jenis: str | None = None):
    """Classifications of living persons made by the end of the year."""
    qs = Klasifikasi.objects.filter(hidup=True, tanggal__year__lte=tahun)
    if kode is not None:
        qs = qs.filter(kategori__kode__in=kode)
    if jenis is not None:
        qs = qs.filter(kategori__jenis=jenis)
    if lingkup:
        qs = qs.filter(Q(desa_kode=lingkup) | Q(desa_kode__startswith=lingkup + "."))
    return qs


def _anggota_kube(tahun: int, lingkup: str, tersalur: bool) -> Decimal:
    kp = Kepesertaan.objects.filter(
        program__satuan=Satuan.KELOMPOK, periode__mulai__year__lte=tahun, periode__selesai__year__gte=tahun
    ).exclude(status__in=STATUS_PENOLAKAN)
    if tersalur:
        kp = kp.filter(penyaluran__tanggal__year=tahun)
    qs = AnggotaKelompok.objects.filter(kelompok_id__in=kp.values("kelompok_id"))
    if lingkup:
        qs = qs.filter(Q(orang__desa_kode=lingkup) | Q(orang__desa_kode__startswith=lingkup + "."))
    return _hitung(qs)


def _belum(alasan: str) -> Fungsi:
    return lambda tahun, lingkup: TidakDapatDihitung(str(alasan))  # in the language of the moment


# Reasons shown where a figure cannot be computed: translated when shown (lazy).
BELUM_BENCANA = gettext_lazy("data bencana belum dicatat di kesos (modul bencana menyusul)")
BELUM_LEMBAGA = gettext_lazy(
    "data lembaga (panti, LKS, WKSBM) dan sarana prasarananya belum dicatat di kesos"
)

daftarkan(
    "pmks.hidup",
    "PMKS hidup (semua kategori PMKS)",
    "orang",
    lambda t, w: _hitung(_terklasifikasi(t, w, jenis=Jenis.PMKS)),
)
daftarkan(
    "pmks.bansos_dasar",
    "PMKS yang menerima bantuan tunai atau barang dalam tahun",
    "orang",
    lambda t, w: _hitung_terlayani(
        _terklasifikasi(t, w, jenis=Jenis.PMKS), t, (JenisManfaat.TUNAI, JenisManfaat.BARANG)
    ),
)
daftarkan(
    "kube.anggota",
    "Anggota kelompok (KUBE) yang terdaftar dalam tahun",
    "orang",
    lambda t, w: _anggota_kube(t, w, False),
)
daftarkan(
    "kube.anggota_tersalur",
    "Anggota kelompok (KUBE) yang menerima bantuan dalam tahun",
    "orang",
    lambda t, w: _anggota_kube(t, w, True),
)
daftarkan("bencana.korban", "Korban bencana skala kabupaten/kota", "orang", _belum(BELUM_BENCANA))
daftarkan(
    "bencana.korban_terbantu",
    "Korban bencana yang menerima bantuan masa tanggap darurat",
    "orang",
    _belum(BELUM_BENCANA),
)
daftarkan(
    "bencana.korban_dievakuasi",
    "Korban bencana yang dievakuasi dengan sarana lengkap",
    "orang",
    _belum(BELUM_BENCANA),
)
daftarkan(
    "bencana.korban_terpenuhi",
    "Korban bencana yang terpenuhi kebutuhan dasarnya saat dan setelah tanggap darurat",
    "orang",
    _belum(BELUM_BENCANA),
)
daftarkan("lembaga.panti", "Panti sosial skala kabupaten/kota", "lembaga", _belum(BELUM_LEMBAGA))
daftarkan(
    "lembaga.panti_sarpras",
    "Panti sosial yang menyediakan sarana prasarana",
    "lembaga",
    _belum(BELUM_LEMBAGA),
)
daftarkan(
    "lembaga.wksbm", "Wahana kesejahteraan sosial berbasis masyarakat", "lembaga", _belum(BELUM_LEMBAGA)
)
daftarkan(
    "lembaga.wksbm_sarpras", "WKSBM yang menyediakan sarana prasarana", "lembaga", _belum(BELUM_LEMBAGA)
)
