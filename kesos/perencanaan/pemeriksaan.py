"""The Renja check: findings about a plan, each with severity, row code, field and message.

Pure functions over ``pohon.BarisData``: the same rules judge a stored Renja (`kesos renja
check`, the Periksa page) and a file being imported.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kesos.inti.formats import parse_target, rupiah
from kesos.inti.tabel import normal

from .models import LEVEL_KEPALA
from .pohon import BarisData, Pohon, kode_memperluas, kode_normal, susun_pohon
from .skema import Skema

GALAT = "galat"
PERINGATAN = "peringatan"

# Column names stay Indonesian in a finding (they key confirmations); pages translate them.
KOLOM_KODE = gettext_noop("Kode (1)")
KOLOM_NAMA = gettext_noop("Nama (2)")
KOLOM_INDIKATOR = gettext_noop("Indikator (3)")
KOLOM_LOKASI = gettext_noop("Lokasi (4)")
KOLOM_TARGET = gettext_noop("Target (5)")
KOLOM_PAGU = gettext_noop("Pagu Indikatif (6)")
KOLOM_SUMBER = gettext_noop("Sumber Dana (7)")
KOLOM_CATATAN = gettext_noop("Catatan Penting (8)")
KOLOM_TARGET_MAJU = gettext_noop("Target Maju (9)")
KOLOM_PAGU_MAJU = gettext_noop("Pagu Maju (10)")

PLACEHOLDER = {"null", "none", "nil", "-", "--", "—", "n/a", "na", "nan", "#n/a", "tbd", "?"}


@dataclass(frozen=True)
class Temuan:
    tingkat: str
    kode: str
    kolom: str
    pesan: str
    nomor: int | None = None  # row number in a file, when the rows came from one

    @property
    def galat(self) -> bool:
        return self.tingkat == GALAT


def tanpa_indikator(b: BarisData) -> bool:
    """A row of the plan (not an urusan or bidang heading) without any performance indicator."""
    return b.level not in LEVEL_KEPALA and b.jumlah_indikator == 0


def tanpa_target(b: BarisData) -> bool:
    """A row that carries pagu itself but no performance target."""
    return b.level not in LEVEL_KEPALA and b.daun and b.pagu_hitung > 0 and not b.target


def _placeholder(teks: str) -> bool:
    return (teks or "").strip().lower() in PLACEHOLDER


@dataclass(frozen=True)
class Nomenklatur:
    """A nomenclature version as the check needs it: its name, and name per normalised code."""

    nama: str
    item: dict[str, str]


def periksa(
    baris: list[BarisData],
    *,
    pagu_rkpd: int | None = None,
    total_tertulis: int | None = None,
    total_maju_tertulis: int | None = None,
    pohon: Pohon | None = None,
    skema: Skema | None = None,
    nomenklatur: Nomenklatur | None = None,
) -> list[Temuan]:
    pohon = pohon or susun_pohon(baris)
    temuan: list[Temuan] = []

    def tambah(tingkat: str, b: BarisData | None, kolom: str, pesan: str) -> None:
        temuan.append(Temuan(tingkat, b.kode if b else "TOTAL", kolom, pesan, b.nomor if b else None))

    per_kode: dict[str, BarisData] = {}
    for b in pohon.urut:
        if b.kode in per_kode:
            tambah(GALAT, b, KOLOM_KODE, _("kode %(kode)s dipakai lebih dari satu baris") % {"kode": b.kode})
        else:
            per_kode[b.kode] = b
        if b.induk_kode and not kode_memperluas(b.kode, b.induk_kode):
            tambah(
                GALAT,
                b,
                KOLOM_KODE,
                _("kode %(kode)s tidak diawali kode induknya %(induk)s")
                % {"kode": b.kode, "induk": b.induk_kode},
            )
        if b.induk_kode and b.induk_kode not in per_kode and b.kedalaman == 0:
            tambah(GALAT, b, KOLOM_KODE, _("baris induk %(induk)s tidak ada") % {"induk": b.induk_kode})

        for nilai, hitung, kolom in (
            (b.pagu_tertulis, b.pagu_hitung, KOLOM_PAGU),
            (b.pagu_maju_tertulis, b.pagu_maju_hitung, KOLOM_PAGU_MAJU),
        ):
            if b.anak and nilai is not None and nilai != hitung:
                tambah(
                    GALAT,
                    b,
                    kolom,
                    _(
                        "pagu tertulis %(tertulis)s berbeda dari jumlah rincian %(hitung)s "
                        "(selisih %(selisih)s)"
                    )
                    % {
                        "tertulis": rupiah(nilai),
                        "hitung": rupiah(hitung),
                        "selisih": rupiah(nilai - hitung),
                    },
                )

        if skema is not None:
            _periksa_skema(b, per_kode, skema, tambah)
        if nomenklatur is not None and b.level not in LEVEL_KEPALA:
            nama_resmi = nomenklatur.item.get(kode_normal(b.kode))
            if nama_resmi is None:
                tambah(
                    PERINGATAN,
                    b,
                    KOLOM_KODE,
                    _("kode %(kode)s tidak ada dalam nomenklatur %(versi)s")
                    % {"kode": b.kode, "versi": nomenklatur.nama},
                )
            elif normal(nama_resmi) != normal(b.nama):
                tambah(
                    PERINGATAN,
                    b,
                    KOLOM_NAMA,
                    _("nama berbeda dari nomenklatur %(versi)s: tertulis '%(nama)s', nomenklatur '%(resmi)s'")
                    % {"versi": nomenklatur.nama, "nama": b.nama, "resmi": nama_resmi},
                )
        if b.level in LEVEL_KEPALA:
            continue  # urusan and bidang rows only head the table and sum what is under them
        target, target_maju, n_indikator = b.target, b.target_maju, b.jumlah_indikator
        if b.daun and b.pagu_hitung > 0 and not b.sumber_dana:
            tambah(
                GALAT, b, KOLOM_SUMBER, _("pagu %(pagu)s tanpa sumber dana") % {"pagu": rupiah(b.pagu_hitung)}
            )
        if tanpa_target(b):
            tambah(
                PERINGATAN,
                b,
                KOLOM_TARGET,
                _("pagu %(pagu)s tanpa target kinerja") % {"pagu": rupiah(b.pagu_hitung)},
            )
        if target and b.pagu_hitung == 0:
            tambah(
                PERINGATAN,
                b,
                KOLOM_PAGU,
                _("target %(target)s dengan pagu Rp 0") % {"target": ", ".join(target)},
            )
        if tanpa_indikator(b):
            tambah(PERINGATAN, b, KOLOM_INDIKATOR, _("tidak ada indikator kinerja"))
        for daftar, kolom in ((target, KOLOM_TARGET), (target_maju, KOLOM_TARGET_MAJU)):
            if daftar and n_indikator and len(daftar) != n_indikator:
                tambah(
                    PERINGATAN,
                    b,
                    kolom,
                    _("%(n)s target untuk %(i)s indikator: setiap indikator harus punya tepat satu target")
                    % {"n": len(daftar), "i": n_indikator},
                )
            for t in daftar:
                angka, _satuan = parse_target(t)
                if angka is None and not _placeholder(t):
                    tambah(GALAT, b, kolom, _("target '%(t)s' tidak diawali angka") % {"t": t})

        tempat = [
            (b.nama, KOLOM_NAMA),
            (b.lokasi, KOLOM_LOKASI),
            (b.catatan, KOLOM_CATATAN),
            *((i.uraian, KOLOM_INDIKATOR) for i in b.indikator),
            *((i.target, KOLOM_TARGET) for i in b.indikator),
            *((i.maju, KOLOM_TARGET_MAJU) for i in b.indikator),
        ]
        for teks, kolom in tempat:
            if _placeholder(teks):
                tambah(
                    PERINGATAN,
                    b,
                    kolom,
                    _("isian '%(isi)s' hanya pengganti; kosongkan atau isi") % {"isi": teks.strip()},
                )

    if skema is not None:
        _periksa_kepala(pohon, skema, tambah)
    if total_tertulis is not None and total_tertulis != pohon.total:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU,
            _("TOTAL tertulis %(tertulis)s berbeda dari jumlah program %(hitung)s")
            % {"tertulis": rupiah(total_tertulis), "hitung": rupiah(pohon.total)},
        )
    if total_maju_tertulis is not None and total_maju_tertulis != pohon.total_maju:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU_MAJU,
            _("TOTAL maju tertulis %(tertulis)s berbeda dari jumlah program %(hitung)s")
            % {"tertulis": rupiah(total_maju_tertulis), "hitung": rupiah(pohon.total_maju)},
        )
    if pagu_rkpd is not None and pohon.total > pagu_rkpd:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU,
            _("total Renja %(total)s melebihi pagu indikatif RKPD %(pagu)s sebesar %(lebih)s")
            % {
                "total": rupiah(pohon.total),
                "pagu": rupiah(pagu_rkpd),
                "lebih": rupiah(pohon.total - pagu_rkpd),
            },
        )
    return temuan


def _periksa_skema(b: BarisData, per_kode: dict[str, BarisData], skema: Skema, tambah) -> None:
    """The row's code is a code of its level, under a parent of the level above."""
    level_kode = skema.level_kode(b.kode)
    if level_kode != b.level:
        ciri = {"kode": b.kode, "level": skema.nama_level(b.level), "contoh": skema.contoh(b.level)}
        if level_kode:
            pesan = _("kode %(kode)s kode %(lain)s, bukan kode %(level)s (contoh %(contoh)s)") % {
                **ciri,
                "lain": skema.nama_level(level_kode),
            }
        else:
            pesan = _(
                "kode %(kode)s tidak sesuai skema %(skema)s, bukan kode %(level)s (contoh %(contoh)s)"
            ) % {
                **ciri,
                "skema": skema.nama,
            }
        tambah(GALAT, b, KOLOM_KODE, pesan)
        return
    induk = per_kode.get(b.induk_kode) if b.induk_kode else None
    if induk is not None and skema.level_induk(b.level) != induk.level:
        tambah(
            GALAT,
            b,
            KOLOM_KODE,
            _("%(level)s tidak dapat berada di bawah %(induk)s")
            % {"level": skema.nama_level(b.level), "induk": skema.nama_level(induk.level)},
        )
    elif induk is None and skema.wajib_induk(b.level):
        tambah(
            GALAT,
            b,
            KOLOM_KODE,
            _("%(level)s %(kode)s tidak berada di bawah %(induk)s")
            % {
                "level": skema.nama_level(b.level),
                "kode": b.kode,
                "induk": skema.nama_level(skema.level_induk(b.level)),
            },
        )


def _periksa_kepala(pohon: Pohon, skema: Skema, tambah) -> None:
    for b in pohon.urut:
        if b.level in LEVEL_KEPALA and not b.anak and (b.pagu or b.pagu_maju):
            tambah(
                GALAT,
                b,
                KOLOM_PAGU,
                _("%(level)s hanya menjumlah baris di bawahnya dan tidak berpagu sendiri")
                % {"level": skema.nama_level(b.level)},
            )
