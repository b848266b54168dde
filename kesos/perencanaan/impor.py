"""Read a T-C.33 table (the Renja's program-and-kegiatan table) from XLSX into a new version.

The layout is read as offices file it: title rows above, the header found by its numbered
row (1)…(10), repeated headers at page breaks and blank rows skipped, the level of each row
known from its code. A file with any problem is refused whole, with every problem listed.
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from kesos.inti.berkas import baris_xlsx
from kesos.inti.errors import ImportDitolak, Masalah
from kesos.inti.formats import parse_rupiah, rupiah

from . import pemeriksaan
from .models import Level, Organisasi, Renja, SumberDana, Tahap
from .pohon import BarisData, IndikatorData, kode_memperluas, kode_normal, susun_pohon
from .services import buat_renja_dari_data

NAMA_KOLOM = {
    1: "(1) Kode",
    2: "(2) Nama",
    3: "(3) Indikator",
    4: "(4) Lokasi",
    5: "(5) Target",
    6: "(6) Pagu Indikatif",
    7: "(7) Sumber Dana",
    8: "(8) Catatan",
    9: "(9) Target Maju",
    10: "(10) Pagu Maju",
}
LEVEL_MENURUT_KEDALAMAN = [Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN]
KOSONG_SUMBER = {"", "-", "null", "none"}


@dataclass
class HasilImport:
    renja: Renja
    jumlah_baris: int
    temuan: list[pemeriksaan.Temuan] = field(default_factory=list)


@dataclass
class TabelTerbaca:
    baris: list[BarisData]
    total: int | None = None
    total_maju: int | None = None


def _teks(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _baris_daftar(teks: str, bullet: bool = False) -> list[str]:
    hasil = []
    for bagian in re.split(r"[\r\n]+", teks or ""):
        bagian = bagian.strip()
        if bullet:
            bagian = re.sub(r"^[•\u2022\-\*·]\s*", "", bagian).strip()
        if bagian:
            hasil.append(bagian)
    return hasil


def _cari_baris_nomor(rows: list[tuple]) -> tuple[int, dict[int, int]] | None:
    """The numbered header row: cells '(1)'…'(10)'. Returns its index and number→column."""
    for idx, row in enumerate(rows):
        kolom = {}
        for c, v in enumerate(row):
            m = re.fullmatch(r"\(\s*(\d{1,2})\s*\)", _teks(v))
            if m:
                kolom.setdefault(int(m.group(1)), c)
        if len(kolom) >= 3 and 1 in kolom:
            return idx, kolom
    return None


def baca_tabel(berkas: str | Path | bytes | io.BytesIO, *, organisasi_kode: str) -> TabelTerbaca:
    """Parse the file into plain rows; raise ImportDitolak listing every problem found."""
    rows = baris_xlsx(berkas)

    ketemu = _cari_baris_nomor(rows)
    if ketemu is None:
        raise ImportDitolak(
            [Masalah(None, "", "baris nomor kolom (1)…(10) tidak ditemukan; ini bukan tabel T-C.33")]
        )
    idx_nomor, kolom = ketemu
    hilang = [n for n in range(1, 11) if n not in kolom]
    if hilang:
        raise ImportDitolak([Masalah(idx_nomor + 1, NAMA_KOLOM[n], "kolom tidak ditemukan") for n in hilang])

    sumber_dikenal = {s.nama.lower(): s.nama for s in SumberDana.objects.all()}
    sumber_dikenal.update({s.kode.lower(): s.nama for s in SumberDana.objects.all()})
    org_norm = kode_normal(organisasi_kode)
    masalah: list[Masalah] = []
    hasil: list[BarisData] = []
    terakhir_per_level: dict[int, BarisData] = {}
    segmen_program: int | None = None
    kode_terlihat: dict[str, int] = {}
    total = total_maju = None
    nomor_total = None
    pagu_rusak: set[int] = set()  # rows whose pagu could not be read: their sums are not compared

    def sel(row: tuple, n: int) -> object:
        c = kolom[n]
        return row[c] if c < len(row) else None

    def uang(row: tuple, n: int, nomor: int) -> int | None:
        v = sel(row, n)
        if v is None or _teks(v) in ("", "-"):
            return None
        try:
            nilai = parse_rupiah(v)
        except ValueError as e:
            masalah.append(Masalah(nomor, NAMA_KOLOM[n], str(e)))
            pagu_rusak.add(nomor)
            return None
        if nilai < 0:
            masalah.append(Masalah(nomor, NAMA_KOLOM[n], f"pagu {rupiah(nilai)} negatif"))
            return None
        return nilai

    for idx in range(idx_nomor + 1, len(rows)):
        row, nomor = rows[idx], idx + 1
        nilai = [_teks(v) for v in row]
        if not any(nilai):
            continue
        kode = _teks(sel(row, 1))
        if kode.upper() == "TOTAL" or (not kode and _teks(sel(row, 2)).upper() == "TOTAL"):
            total, total_maju = uang(row, 6, nomor), uang(row, 10, nomor)
            nomor_total = nomor
            break
        if kode.lower().startswith("kode") or re.fullmatch(r"\(\s*1\s*\)", kode):
            continue  # the header repeated at a page break
        if not kode and not any(nilai[kolom[n]] for n in (1, 2) if kolom[n] < len(nilai)):
            continue  # a second header row (Lokasi, Target, …) repeated at a page break
        if not kode:
            masalah.append(Masalah(nomor, NAMA_KOLOM[1], "kode kosong"))
            continue
        norm = kode_normal(kode)
        if not re.fullmatch(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*", norm):
            masalah.append(Masalah(nomor, NAMA_KOLOM[1], f"'{kode}' bukan kode yang sah"))
            continue
        if segmen_program is None and (norm == org_norm or org_norm.startswith(norm + ".")):
            continue  # urusan, bidang and the office itself head the table
        segmen = norm.count(".") + 1
        if segmen_program is None:
            segmen_program = segmen
        kedalaman = segmen - segmen_program
        if not 0 <= kedalaman < len(LEVEL_MENURUT_KEDALAMAN):
            masalah.append(
                Masalah(
                    nomor,
                    NAMA_KOLOM[1],
                    f"kode {kode} tidak sesuai tingkat program/kegiatan/sub-kegiatan tabel ini",
                )
            )
            continue
        induk = terakhir_per_level.get(kedalaman - 1) if kedalaman else None
        if kedalaman and induk is None:
            masalah.append(Masalah(nomor, NAMA_KOLOM[1], f"kode {kode} tidak punya baris induk di atasnya"))
            continue
        if induk is not None and not kode_memperluas(kode, induk.kode):
            masalah.append(
                Masalah(nomor, NAMA_KOLOM[1], f"kode {kode} tidak berada di bawah induknya {induk.kode}")
            )
        if norm in kode_terlihat:
            masalah.append(
                Masalah(
                    nomor,
                    NAMA_KOLOM[1],
                    f"kode {kode} sudah dipakai di baris {kode_terlihat[norm]}",
                )
            )
        kode_terlihat.setdefault(norm, nomor)
        nama = _teks(sel(row, 2))
        if not nama:
            masalah.append(Masalah(nomor, NAMA_KOLOM[2], "nama program/kegiatan kosong"))
        sumber_teks = _teks(sel(row, 7))
        sumber = None
        if sumber_teks.lower() not in KOSONG_SUMBER:
            sumber = sumber_dikenal.get(sumber_teks.lower())
            if sumber is None:
                masalah.append(
                    Masalah(nomor, NAMA_KOLOM[7], f"sumber dana '{sumber_teks}' tidak ada dalam daftar")
                )
        uraian = _baris_daftar(_teks(sel(row, 3)), bullet=True)
        target = _baris_daftar(_teks(sel(row, 5)))
        maju = _baris_daftar(_teks(sel(row, 9)))
        n = max(len(uraian), len(target), len(maju))
        b = BarisData(
            kode=kode,
            nama=nama,
            level=LEVEL_MENURUT_KEDALAMAN[kedalaman],
            induk_kode=induk.kode if induk is not None else None,
            lokasi=_teks(sel(row, 4)),
            pagu=uang(row, 6, nomor),
            pagu_maju=uang(row, 10, nomor),
            sumber_dana=sumber,
            catatan=_teks(sel(row, 8)),
            nomor=nomor,
            indikator=[
                IndikatorData(
                    uraian[i] if i < len(uraian) else "",
                    target[i] if i < len(target) else "",
                    maju[i] if i < len(maju) else "",
                )
                for i in range(n)
            ],
        )
        hasil.append(b)
        terakhir_per_level[kedalaman] = b
        for lebih_dalam in [k for k in terakhir_per_level if k > kedalaman]:
            del terakhir_per_level[lebih_dalam]

    if not hasil and not masalah:
        masalah.append(Masalah(idx_nomor + 2, "", "tabel tidak berisi satu pun program"))

    pohon = susun_pohon(hasil)

    def ada_rusak(b: BarisData) -> bool:
        return b.nomor in pagu_rusak or any(ada_rusak(a) for a in b.anak)

    for b in pohon.urut:
        if b.anak:
            # A parent's pagu as written is kept to compare, never used as its pagu.
            b.pagu_tertulis, b.pagu_maju_tertulis = b.pagu, b.pagu_maju
            b.pagu = b.pagu_maju = None
            for tertulis, hitung, n in (
                (b.pagu_tertulis, b.pagu_hitung, 6),
                (b.pagu_maju_tertulis, b.pagu_maju_hitung, 10),
            ):
                if tertulis is not None and tertulis != hitung and not ada_rusak(b):
                    masalah.append(
                        Masalah(
                            b.nomor,
                            NAMA_KOLOM[n],
                            f"pagu {b.kode} tertulis {rupiah(tertulis)}, jumlah rinciannya {rupiah(hitung)}",
                        )
                    )
    for tertulis, hitung, n in ((total, pohon.total, 6), (total_maju, pohon.total_maju, 10)):
        if tertulis is not None and tertulis != hitung and not pagu_rusak:
            masalah.append(
                Masalah(
                    nomor_total,
                    NAMA_KOLOM[n],
                    f"TOTAL tertulis {rupiah(tertulis)}, jumlah program {rupiah(hitung)}",
                )
            )
    if masalah:
        raise ImportDitolak(sorted(masalah, key=lambda m: (m.baris or 0, m.kolom)))
    return TabelTerbaca(baris=pohon.urut, total=total, total_maju=total_maju)


def renja_import(
    *,
    berkas: str | Path | bytes | io.BytesIO,
    organisasi: Organisasi,
    tahun: int,
    tahap: str = Tahap.RANCANGAN_AWAL,
    pengguna: AbstractBaseUser | None = None,
    nama_berkas: str = "",
) -> HasilImport:
    """Read the table and store it as a new Renja version, or store nothing at all."""
    tabel = baca_tabel(berkas, organisasi_kode=organisasi.kode)
    with transaction.atomic():
        renja = buat_renja_dari_data(
            organisasi=organisasi,
            tahun=tahun,
            tahap=tahap,
            baris=tabel.baris,
            total_tertulis=tabel.total,
            total_maju_tertulis=tabel.total_maju,
            pengguna=pengguna,
            keterangan=f"Impor {nama_berkas}".strip(),
        )
    temuan = pemeriksaan.periksa(tabel.baris)
    return HasilImport(renja=renja, jumlah_baris=len(tabel.baris), temuan=temuan)
