"""The Renja check: findings about a plan, each with severity, row code, field and message.

Pure functions over ``pohon.BarisData``: the same rules judge a stored Renja (`kesos renja
check`, the Periksa page) and a file being imported.
"""

from dataclasses import dataclass

from kesos.inti.formats import parse_target, rupiah
from kesos.inti.tabel import normal

from .models import LEVEL_KEPALA
from .pohon import BarisData, Pohon, kode_memperluas, kode_normal, susun_pohon
from .skema import Skema

GALAT = "galat"
PERINGATAN = "peringatan"

KOLOM_KODE = "Kode (1)"
KOLOM_NAMA = "Nama (2)"
KOLOM_INDIKATOR = "Indikator (3)"
KOLOM_LOKASI = "Lokasi (4)"
KOLOM_TARGET = "Target (5)"
KOLOM_PAGU = "Pagu Indikatif (6)"
KOLOM_SUMBER = "Sumber Dana (7)"
KOLOM_CATATAN = "Catatan Penting (8)"
KOLOM_TARGET_MAJU = "Target Maju (9)"
KOLOM_PAGU_MAJU = "Pagu Maju (10)"

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
            tambah(GALAT, b, KOLOM_KODE, f"kode {b.kode} dipakai lebih dari satu baris")
        else:
            per_kode[b.kode] = b
        if b.induk_kode and not kode_memperluas(b.kode, b.induk_kode):
            tambah(GALAT, b, KOLOM_KODE, f"kode {b.kode} tidak diawali kode induknya {b.induk_kode}")
        if b.induk_kode and b.induk_kode not in per_kode and b.kedalaman == 0:
            tambah(GALAT, b, KOLOM_KODE, f"baris induk {b.induk_kode} tidak ada")

        for nilai, hitung, kolom in (
            (b.pagu_tertulis, b.pagu_hitung, KOLOM_PAGU),
            (b.pagu_maju_tertulis, b.pagu_maju_hitung, KOLOM_PAGU_MAJU),
        ):
            if b.anak and nilai is not None and nilai != hitung:
                tambah(
                    GALAT,
                    b,
                    kolom,
                    f"pagu tertulis {rupiah(nilai)} berbeda dari jumlah rincian {rupiah(hitung)} "
                    f"(selisih {rupiah(nilai - hitung)})",
                )

        if skema is not None:
            _periksa_skema(b, per_kode, skema, tambah)
        if nomenklatur is not None and b.level not in LEVEL_KEPALA:
            nama_resmi = nomenklatur.item.get(kode_normal(b.kode))
            if nama_resmi is None:
                tambah(
                    PERINGATAN, b, KOLOM_KODE, f"kode {b.kode} tidak ada dalam nomenklatur {nomenklatur.nama}"
                )
            elif normal(nama_resmi) != normal(b.nama):
                tambah(
                    PERINGATAN,
                    b,
                    KOLOM_NAMA,
                    f"nama berbeda dari nomenklatur {nomenklatur.nama}: tertulis '{b.nama}', "
                    f"nomenklatur '{nama_resmi}'",
                )
        if b.level in LEVEL_KEPALA:
            continue  # urusan and bidang rows only head the table and sum what is under them
        target, target_maju, n_indikator = b.target, b.target_maju, b.jumlah_indikator
        if b.daun and b.pagu_hitung > 0 and not b.sumber_dana:
            tambah(GALAT, b, KOLOM_SUMBER, f"pagu {rupiah(b.pagu_hitung)} tanpa sumber dana")
        if b.daun and b.pagu_hitung > 0 and not target:
            tambah(PERINGATAN, b, KOLOM_TARGET, f"pagu {rupiah(b.pagu_hitung)} tanpa target kinerja")
        if target and b.pagu_hitung == 0:
            tambah(PERINGATAN, b, KOLOM_PAGU, f"target {', '.join(target)} dengan pagu Rp 0")
        if n_indikator == 0:
            tambah(PERINGATAN, b, KOLOM_INDIKATOR, "tidak ada indikator kinerja")
        for daftar, kolom in ((target, KOLOM_TARGET), (target_maju, KOLOM_TARGET_MAJU)):
            if daftar and n_indikator and len(daftar) != n_indikator:
                tambah(
                    PERINGATAN,
                    b,
                    kolom,
                    f"{len(daftar)} target untuk {n_indikator} indikator: "
                    "setiap indikator harus punya tepat satu target",
                )
            for t in daftar:
                angka, _satuan = parse_target(t)
                if angka is None and not _placeholder(t):
                    tambah(GALAT, b, kolom, f"target '{t}' tidak diawali angka")

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
                    f"isian '{teks.strip()}' hanya pengganti; kosongkan atau isi",
                )

    if skema is not None:
        _periksa_kepala(pohon, skema, tambah)
    if total_tertulis is not None and total_tertulis != pohon.total:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU,
            f"TOTAL tertulis {rupiah(total_tertulis)} berbeda dari jumlah program {rupiah(pohon.total)}",
        )
    if total_maju_tertulis is not None and total_maju_tertulis != pohon.total_maju:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU_MAJU,
            f"TOTAL maju tertulis {rupiah(total_maju_tertulis)} berbeda dari jumlah program "
            f"{rupiah(pohon.total_maju)}",
        )
    if pagu_rkpd is not None and pohon.total > pagu_rkpd:
        tambah(
            GALAT,
            None,
            KOLOM_PAGU,
            f"total Renja {rupiah(pohon.total)} melebihi pagu indikatif RKPD {rupiah(pagu_rkpd)} "
            f"sebesar {rupiah(pohon.total - pagu_rkpd)}",
        )
    return temuan


def _periksa_skema(b: BarisData, per_kode: dict[str, BarisData], skema: Skema, tambah) -> None:
    """The row's code is a code of its level, under a parent of the level above."""
    level_kode = skema.level_kode(b.kode)
    if level_kode != b.level:
        sebab = f"kode {skema.nama_level(level_kode)}" if level_kode else f"tidak sesuai skema {skema.nama}"
        tambah(
            GALAT,
            b,
            KOLOM_KODE,
            f"kode {b.kode} {sebab}, bukan kode {skema.nama_level(b.level)} (contoh {skema.contoh(b.level)})",
        )
        return
    induk = per_kode.get(b.induk_kode) if b.induk_kode else None
    if induk is not None and skema.level_induk(b.level) != induk.level:
        tambah(
            GALAT,
            b,
            KOLOM_KODE,
            f"{skema.nama_level(b.level)} tidak dapat berada di bawah {skema.nama_level(induk.level)}",
        )
    elif induk is None and skema.wajib_induk(b.level):
        tambah(
            GALAT,
            b,
            KOLOM_KODE,
            f"{skema.nama_level(b.level)} {b.kode} tidak berada di bawah "
            f"{skema.nama_level(skema.level_induk(b.level))}",
        )


def _periksa_kepala(pohon: Pohon, skema: Skema, tambah) -> None:
    for b in pohon.urut:
        if b.level in LEVEL_KEPALA and not b.anak and (b.pagu or b.pagu_maju):
            tambah(
                GALAT,
                b,
                KOLOM_PAGU,
                f"{skema.nama_level(b.level)} hanya menjumlah baris di bawahnya dan tidak berpagu sendiri",
            )
