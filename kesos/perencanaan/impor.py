"""Read a Renja table (T-C.33, the program-and-kegiatan table) into a new Renja version.

Any office's layout: the table is found by ``kesos.inti.tabel`` (header by words or by its
numbered row, merged cells, title rows, headers repeated at page breaks, blank rows); the code
in one column or split over urusan | bidang | program | kegiatan | sub-kegiatan columns; the
level of every row read from its code under a code scheme (the one named, or the one the
file's codes fit); stated totals on parents and a JUMLAH/TOTAL row compared with the rows
under them, never stored as rows. A file with any problem is refused whole, every problem
named by row and column; a file that names another office is refused naming both.
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from kesos.inti.errors import ImportDitolak, Masalah
from kesos.inti.formats import parse_rupiah, rupiah
from kesos.inti.tabel import BarisTabel, Kolom, Tabel, baca_tabel, normal, teks_sel

from . import pemeriksaan
from .models import LEVEL_KEPALA, NomenklaturVersi, Organisasi, Renja, SkemaKode, SumberDana, Tahap
from .pohon import BarisData, IndikatorData, kode_memperluas, kode_normal, susun_pohon
from .services import buat_renja_dari_data, salin_tautan_renstra
from .skema import Skema, pilih_skema, semua_skema, skema_dari

_MAJU = ("maju", "prakiraan", "n 1")
# The order matters where headers share words: the forward-year columns claim theirs first.
KOLOM = [
    Kolom("kode", "(1) Kode", ("kode", "kode rekening", "no rek"), 1, wajib=False, ganda=True),
    Kolom(
        "kode_pecah",
        "(1) Kode",
        ("urusan", "bidang", "bidang urusan", "program", "kegiatan", "sub kegiatan"),
        None,
        wajib=False,
        ganda=True,
        persis=True,
    ),
    Kolom(
        "nama",
        "(2) Nama",
        ("nama", "uraian", "program kegiatan", "urusan bidang"),
        2,
        bukan=("indikator", "kode", "sumber", "lokasi"),
    ),
    Kolom("indikator", "(3) Indikator", ("indikator", "tolok ukur"), 3, wajib=False, bukan=("target",)),
    Kolom("target_maju", "(9) Target Maju", ("target",), 9, wajib=False, dengan=_MAJU),
    Kolom(
        "pagu_maju",
        "(10) Pagu Maju",
        ("pagu", "kebutuhan dana", "dana", "anggaran"),
        10,
        wajib=False,
        dengan=_MAJU,
        bukan=("sumber",),
    ),
    Kolom("lokasi", "(4) Lokasi", ("lokasi",), 4, wajib=False),
    Kolom("target", "(5) Target", ("target",), 5, wajib=False),
    Kolom("sumber_dana", "(7) Sumber Dana", ("sumber dana", "sumber"), 7, wajib=False),
    Kolom(
        "pagu",
        "(6) Pagu Indikatif",
        ("pagu", "kebutuhan dana", "anggaran", "alokasi", "jumlah dana", "rp"),
        6,
        bukan=("sumber", "realisasi"),
    ),
    Kolom("catatan", "(8) Catatan", ("catatan", "keterangan"), 8, wajib=False),
]
NAMA_KOLOM = {k.kunci: k.label for k in KOLOM}
KOSONG_SUMBER = {"", "-", "null", "none"}
_TOTAL = re.compile(r"(jumlah|total|grand total|jumlah total|total keseluruhan)( [a-z ]*)?")
_KANTOR = re.compile(r"\b(dinas|badan|kantor|sekretariat|inspektorat|satuan|bagian|rsud)\b", re.IGNORECASE)
_WILAYAH = re.compile(
    r"\b(kabupaten|kab\.?|kota)\s+([a-z][a-z' -]*?)(?=\s*(?:$|[,;:()/]|\btahun\b|\bprovinsi\b|[0-9]))",
    re.IGNORECASE,
)


@dataclass
class HasilImport:
    renja: Renja
    jumlah_baris: int
    temuan: list[pemeriksaan.Temuan] = field(default_factory=list)


@dataclass
class TabelTerbaca:
    baris: list[BarisData]
    skema: Skema
    total: int | None = None
    total_maju: int | None = None


def _baris_daftar(teks: str, bullet: bool = False) -> list[str]:
    hasil = []
    for bagian in re.split(r"[\r\n]+", teks or ""):
        bagian = bagian.strip()
        if bullet:
            bagian = re.sub(r"^[•\u2022\-\*·]\s*", "", bagian).strip()
        if bagian:
            hasil.append(bagian)
    return hasil


def _gabung_kode(bagian: list[str], sebelumnya: list[str]) -> tuple[str, list[str]]:
    """A code split over columns: each cell holds its own segment(s) or the full code so far.
    Leading cells left empty (a file that writes only the new part) take the row above's."""
    if len(bagian) <= 1:
        return (bagian[0] if bagian else ""), bagian
    isi = [i for i, b in enumerate(bagian) if b]
    if not isi:
        return "", bagian
    if isi[0] > 0 and sebelumnya:
        bagian = [*sebelumnya[: isi[0]], *bagian[isi[0] :]]
    kode = ""
    for b in bagian:
        if not b:
            break
        nb = kode_normal(b)
        kode = nb if not kode or nb == kode or nb.startswith(kode + ".") else f"{kode}.{nb}"
    return kode, bagian


def _wilayah_disebut(teks: str) -> str | None:
    """'Kabupaten Tanggamus' from a title such as 'RENJA DINAS SOSIAL KAB. TANGGAMUS TAHUN 2022'."""
    m = _WILAYAH.search(teks or "")
    if not m:
        return None
    jenis = "Kota" if m.group(1).lower() == "kota" else "Kabupaten"
    return f"{jenis} {' '.join(m.group(2).split()).title()}"


def wilayah_organisasi(organisasi: Organisasi) -> str | None:
    """The regency or city an office belongs to, as its record or its name says."""
    if organisasi.wilayah_id:
        w = organisasi.wilayah
        while w is not None and w.tingkat not in ("kabupaten", "kota"):
            w = w.induk
        if w is not None:
            return _wilayah_disebut(w.nama) or w.nama
    return _wilayah_disebut(organisasi.nama)


def _kantor_sama(nama: str, organisasi: Organisasi) -> bool:
    a, b = normal(nama), normal(organisasi.nama)
    return bool(a) and (a in b or b in a)


def _cek_judul(tabel: Tabel, organisasi: Organisasi) -> list[Masalah]:
    milik = wilayah_organisasi(organisasi)
    if not milik:
        return []
    for teks in tabel.judul:
        disebut = _wilayah_disebut(teks)
        if disebut and normal(disebut) != normal(milik):
            return [
                Masalah(
                    None,
                    "judul",
                    _(
                        "berkas ini milik perangkat daerah %(disebut)s, bukan %(organisasi)s (%(milik)s); "
                        "pilih perangkat daerah yang benar atau periksa berkasnya"
                    )
                    % {"disebut": disebut, "organisasi": organisasi.nama, "milik": milik},
                    teks,
                )
            ]
    return []


@dataclass
class _Mentah:
    nomor: int
    kode: str
    row: BarisTabel


def _baca_baris(tabel: Tabel) -> tuple[list[_Mentah], BarisTabel | None]:
    """Rows up to the TOTAL row, codes joined; and the TOTAL row."""
    hasil: list[_Mentah] = []
    sebelumnya: list[str] = []
    kunci_kode = "kode" if tabel.ada("kode") else "kode_pecah"
    for row in tabel.baris():
        bagian = [teks_sel(v) for v in tabel.sel_semua(row, kunci_kode)]
        kode, bagian = _gabung_kode(bagian, sebelumnya)
        if any(bagian):
            sebelumnya = bagian
        nama = tabel.teks(row, "nama")
        if not re.search(r"[0-9]", kode) and (
            _TOTAL.fullmatch(normal(kode)) or (not kode and _TOTAL.fullmatch(normal(nama)))
        ):
            return hasil, row
        hasil.append(_Mentah(row.nomor, kode, row))
    return hasil, None


def baca_renja(
    berkas: str | Path | bytes | io.BytesIO,
    *,
    organisasi: Organisasi,
    skema: SkemaKode | None = None,
    nama_berkas: str = "",
) -> TabelTerbaca:
    """Parse the file into plain rows; raise ImportDitolak listing every problem found."""
    tabel = baca_tabel(berkas, kolom=KOLOM, nama=nama_berkas)
    if not tabel.ada("kode") and not tabel.ada("kode_pecah"):
        raise ImportDitolak(
            [Masalah(tabel.nomor_kepala, NAMA_KOLOM["kode"], _("kolom kode tidak ditemukan"))]
        )
    masalah = _cek_judul(tabel, organisasi)
    if masalah:
        raise ImportDitolak(masalah)
    mentah, baris_total = _baca_baris(tabel)

    if skema is not None:
        s = skema_dari(skema)
    else:
        s, cocok = pilih_skema([m.kode for m in mentah if m.kode], semua_skema())
        if s is None:
            raise ImportDitolak(
                [
                    Masalah(
                        None, NAMA_KOLOM["kode"], _("kode-kode dalam berkas tidak sesuai skema kode mana pun")
                    )
                ]
            )
    return _susun(tabel, mentah, baris_total, s, organisasi)


def _susun(
    tabel: Tabel, mentah: list[_Mentah], baris_total: BarisTabel | None, s: Skema, organisasi: Organisasi
) -> TabelTerbaca:
    sumber_dikenal = {x.nama.lower(): x.nama for x in SumberDana.objects.all()}
    sumber_dikenal.update({x.kode.lower(): x.nama for x in SumberDana.objects.all()})
    masalah: list[Masalah] = []
    hasil: list[BarisData] = []
    per_kode: dict[str, BarisData] = {}
    pagu_rusak: set[int] = set()  # rows whose pagu could not be read: their sums are not compared

    def uang(row: BarisTabel, kunci: str) -> int | None:
        v = tabel.sel(row, kunci)
        if teks_sel(v) in ("", "-"):
            return None
        try:
            nilai = parse_rupiah(v)
        except ValueError as e:
            masalah.append(Masalah(row.nomor, NAMA_KOLOM[kunci], str(e), teks_sel(v)))
            pagu_rusak.add(row.nomor)
            return None
        if nilai < 0:
            masalah.append(
                Masalah(
                    row.nomor,
                    NAMA_KOLOM[kunci],
                    _("pagu %(pagu)s negatif") % {"pagu": rupiah(nilai)},
                    teks_sel(v),
                )
            )
            return None
        return nilai

    def indikator(row: BarisTabel) -> list[IndikatorData]:
        uraian = _baris_daftar(tabel.teks(row, "indikator"), bullet=True)
        target = _baris_daftar(tabel.teks(row, "target"))
        maju = _baris_daftar(tabel.teks(row, "target_maju"))
        n = max(len(uraian), len(target), len(maju))
        return [
            IndikatorData(
                uraian[i] if i < len(uraian) else "",
                target[i] if i < len(target) else "",
                maju[i] if i < len(maju) else "",
            )
            for i in range(n)
        ]

    kode_org = kode_normal(organisasi.kode)
    kolom_kode = NAMA_KOLOM["kode"]
    for m in mentah:
        row, nomor, kode = m.row, m.nomor, m.kode
        nama = tabel.teks(row, "nama")
        if not kode:
            if not nama and tabel.sel(row, "pagu") in (None, "") and hasil:
                # A row that only continues the indicators of the row above.
                hasil[-1].indikator.extend(indikator(row))
                continue
            if _kantor_sama(nama, organisasi):
                continue  # the office's own heading row, written without a code
            if _KANTOR.search(nama):
                raise ImportDitolak([_kantor_lain(nomor, "", nama, organisasi)])
            masalah.append(Masalah(nomor, kolom_kode, _("kode kosong")))
            continue
        norm = kode_normal(kode)
        if not re.fullmatch(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*", norm):
            masalah.append(Masalah(nomor, kolom_kode, _("bukan kode yang sah"), kode))
            continue
        level = s.level_kode(kode)
        if level is None:
            if norm == kode_org or kode_org.startswith(norm + ".") or _kantor_sama(nama, organisasi):
                continue  # the office's own heading rows, written again on export
            if _KANTOR.search(nama):
                raise ImportDitolak([_kantor_lain(nomor, kode, nama, organisasi)])
            contoh = ", ".join(f"{s.nama_level(lv)} {s.contoh(lv)}" for lv in s.level)
            masalah.append(
                Masalah(
                    nomor,
                    kolom_kode,
                    _("kode tidak sesuai skema %(skema)s (contoh: %(contoh)s)")
                    % {"skema": s.nama, "contoh": contoh},
                    kode,
                )
            )
            continue
        if s.kode_memuat_organisasi and level not in LEVEL_KEPALA and not kode_memperluas(kode, kode_org):
            milik = ".".join(norm.split(".")[: len(kode_org.split("."))])
            raise ImportDitolak(
                [
                    Masalah(
                        nomor,
                        kolom_kode,
                        _(
                            "kode %(kode)s milik perangkat daerah %(milik)s, "
                            "bukan %(organisasi)s (%(kode_org)s)"
                        )
                        % {
                            "kode": kode,
                            "milik": milik,
                            "organisasi": organisasi.nama,
                            "kode_org": organisasi.kode,
                        },
                        kode,
                    )
                ]
            )
        induk_kode = s.kode_induk(kode)
        induk = per_kode.get(induk_kode) if induk_kode else None
        if induk is None and s.wajib_induk(level):
            masalah.append(
                Masalah(
                    nomor,
                    kolom_kode,
                    _("%(tingkat)s %(kode)s tidak punya baris induk (%(tingkat_induk)s %(induk)s) di atasnya")
                    % {
                        "tingkat": s.nama_level(level),
                        "kode": kode,
                        "tingkat_induk": s.nama_level(s.level_induk(level)),
                        "induk": induk_kode,
                    },
                    kode,
                )
            )
            continue
        if norm in per_kode:
            masalah.append(
                Masalah(
                    nomor,
                    kolom_kode,
                    _("kode %(kode)s sudah dipakai di baris %(baris)s")
                    % {"kode": kode, "baris": per_kode[norm].nomor},
                    kode,
                )
            )
            continue
        if not nama:
            masalah.append(Masalah(nomor, NAMA_KOLOM["nama"], _("nama kosong")))
        sumber_teks = tabel.teks(row, "sumber_dana")
        sumber = None
        if sumber_teks.lower() not in KOSONG_SUMBER:
            sumber = sumber_dikenal.get(sumber_teks.lower())
            if sumber is None:
                masalah.append(
                    Masalah(
                        nomor, NAMA_KOLOM["sumber_dana"], _("sumber dana tidak ada dalam daftar"), sumber_teks
                    )
                )
        b = BarisData(
            kode=kode,
            nama=nama,
            level=level,
            induk_kode=induk.kode if induk is not None else None,
            lokasi=tabel.teks(row, "lokasi"),
            pagu=uang(row, "pagu"),
            pagu_maju=uang(row, "pagu_maju"),
            sumber_dana=sumber,
            catatan=tabel.teks(row, "catatan"),
            nomor=nomor,
            indikator=indikator(row),
        )
        hasil.append(b)
        per_kode[norm] = b

    if not hasil and not masalah:
        masalah.append(Masalah(tabel.nomor_kepala + 1, "", _("tabel tidak berisi satu pun program")))

    pohon = susun_pohon(hasil)

    def ada_rusak(b: BarisData) -> bool:
        return b.nomor in pagu_rusak or any(ada_rusak(a) for a in b.anak)

    for b in pohon.urut:
        if not b.anak:
            if b.level in LEVEL_KEPALA and b.pagu:
                masalah.append(
                    Masalah(
                        b.nomor,
                        NAMA_KOLOM["pagu"],
                        _("%(tingkat)s %(kode)s tanpa rincian tidak dapat berpagu sendiri")
                        % {"tingkat": s.nama_level(b.level), "kode": b.kode},
                        rupiah(b.pagu),
                    )
                )
            continue
        # A parent's pagu as written is kept to compare, never used as its pagu.
        b.pagu_tertulis, b.pagu_maju_tertulis = b.pagu, b.pagu_maju
        b.pagu = b.pagu_maju = None
        for tertulis, hitung, kunci in (
            (b.pagu_tertulis, b.pagu_hitung, "pagu"),
            (b.pagu_maju_tertulis, b.pagu_maju_hitung, "pagu_maju"),
        ):
            if tertulis is not None and tertulis != hitung and not ada_rusak(b):
                masalah.append(
                    Masalah(
                        b.nomor,
                        NAMA_KOLOM[kunci],
                        f"{s.nama_level(b.level).lower()} {b.kode}: {_selisih(tertulis, hitung)}",
                        rupiah(tertulis),
                    )
                )
    total = total_maju = None
    if baris_total is not None:
        total, total_maju = uang(baris_total, "pagu"), uang(baris_total, "pagu_maju")
        for tertulis, hitung, kunci in (
            (total, pohon.total, "pagu"),
            (total_maju, pohon.total_maju, "pagu_maju"),
        ):
            if tertulis is not None and tertulis != hitung and not pagu_rusak:
                masalah.append(
                    Masalah(
                        baris_total.nomor,
                        NAMA_KOLOM[kunci],
                        f"TOTAL: {_selisih(tertulis, hitung)}",
                        rupiah(tertulis),
                    )
                )
    if masalah:
        raise ImportDitolak(sorted(masalah, key=lambda m: (m.baris or 0, m.kolom)))
    return TabelTerbaca(baris=pohon.urut, skema=s, total=total, total_maju=total_maju)


def _kantor_lain(nomor: int, kode: str, nama: str, organisasi: Organisasi) -> Masalah:
    return Masalah(
        nomor,
        NAMA_KOLOM["nama"],
        _("berkas ini memuat perangkat daerah lain (%(kantor)s), bukan %(organisasi)s (%(kode_org)s)")
        % {
            "kantor": f"{kode} {nama}" if kode else nama,
            "organisasi": organisasi.nama,
            "kode_org": organisasi.kode,
        },
        nama,
    )


def _selisih(tertulis: int, hitung: int) -> str:
    return _("tertulis %(tertulis)s, jumlah baris di bawahnya %(hitung)s, selisih %(selisih)s") % {
        "tertulis": rupiah(tertulis),
        "hitung": rupiah(hitung),
        "selisih": rupiah(abs(tertulis - hitung)),
    }


def nomenklatur_untuk(skema: Skema) -> NomenklaturVersi | None:
    """The newest nomenclature written in this scheme: a new Renja is checked against it."""
    return NomenklaturVersi.objects.filter(skema_id=skema.pk).order_by("-dimuat_pada", "-id").first()


def renja_import(
    *,
    berkas: str | Path | bytes | io.BytesIO,
    organisasi: Organisasi,
    tahun: int,
    tahap: str = Tahap.RANCANGAN_AWAL,
    skema: SkemaKode | None = None,
    pengguna: AbstractBaseUser,
    nama_berkas: str = "",
) -> HasilImport:
    """Read the table and store it as a new Renja version, or store nothing at all."""
    tabel = baca_renja(berkas, organisasi=organisasi, skema=skema, nama_berkas=nama_berkas)
    with transaction.atomic():
        renja = buat_renja_dari_data(
            organisasi=organisasi,
            tahun=tahun,
            tahap=tahap,
            baris=tabel.baris,
            skema=SkemaKode.objects.get(pk=tabel.skema.pk),
            nomenklatur=nomenklatur_untuk(tabel.skema),
            total_tertulis=tabel.total,
            total_maju_tertulis=tabel.total_maju,
            pengguna=pengguna,
            keterangan=f"Impor {nama_berkas}".strip(),
        )
        # The file does not carry the links to the Renstra: they come, by code, from the
        # office's previous version.
        salin_tautan_renstra(renja=renja)
    temuan = pemeriksaan.periksa(tabel.baris)
    return HasilImport(renja=renja, jumlah_baris=len(tabel.baris), temuan=temuan)
