"""Read quarterly realisation from an XLSX in the E.81 layout (as `kesos evaluasi export` writes it).

The numbered header row (1)…(18) locates the columns; each K/Rp pair of (9)…(12) is a quarter.
A row without a code continues the kegiatan above it (another indicator). All or nothing: every
problem is listed by row and column, and nothing is stored unless there is none.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from kesos.inti.berkas import baris_xlsx
from kesos.inti.errors import ImportDitolak, KesosError, Masalah
from kesos.inti.formats import parse_rupiah
from kesos.inti.validasi import ANGKA_MAKS, PAGU_MAKS
from kesos.perencanaan.models import BarisRenja, Indikator, Renja

from .access import REALISASI
from .models import RealisasiTriwulan
from .services import TAHAP_BERLAKU, realisasi_simpan

KOLOM_TW = {9: 1, 10: 2, 11: 3, 12: 4}


@dataclass
class HasilImportRealisasi:
    jumlah_triwulan: int
    jumlah_baris: int


def _angka(v: object) -> Decimal:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return Decimal(str(v))
    s = str(v).strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{v}' bukan angka") from None
    if not d.is_finite():
        raise ValueError(f"'{v}' bukan angka")
    return d


def realisasi_import(
    *, berkas: str | Path | bytes, renja: Renja, pengguna: AbstractBaseUser
) -> HasilImportRealisasi:
    boleh_koreksi = REALISASI.boleh(pengguna, "koreksi")
    if not boleh_koreksi:
        REALISASI.pastikan(pengguna, "catat")
    if renja.tahap not in TAHAP_BERLAKU:
        raise KesosError(
            f"Realisasi dicatat pada Renja final atau perubahan, bukan {renja.get_tahap_display()}."
        )
    rows = baris_xlsx(berkas)

    kolom: dict[int, int] = {}
    idx_nomor = None
    for idx, row in enumerate(rows):
        temu = {}
        for c, v in enumerate(row):
            m = re.fullmatch(r"\(\s*(\d{1,2})\s*\)", str(v or "").strip())
            if m:
                temu.setdefault(int(m.group(1)), c)
        if {3, 5, 9, 12} <= set(temu):
            kolom, idx_nomor = temu, idx
            break
    if idx_nomor is None:
        raise ImportDitolak([Masalah(None, "", "baris nomor kolom (1)…(18) tabel E.81 tidak ditemukan")])

    baris_renja = {b.kode: b for b in BarisRenja.objects.filter(renja=renja).prefetch_related("anak")}
    indikator: dict[int, dict[str, Indikator]] = {}
    for i in Indikator.objects.filter(baris__renja=renja):
        indikator.setdefault(i.baris_id, {})[" ".join(i.uraian.split()).lower()] = i
    terkunci = {
        (r.baris_id, r.triwulan): (r.rupiah, {n.indikator_id: n.nilai for n in r.nilai.all()})
        for r in RealisasiTriwulan.objects.filter(baris__renja=renja, terkunci=True).prefetch_related("nilai")
    }

    masalah: list[Masalah] = []
    # (baris, triwulan) -> {"rupiah": int | None, "nilai": {indikator_id: Decimal}}
    isian: dict[tuple[int, int], dict] = {}
    sekarang: BarisRenja | None = None
    for idx in range(idx_nomor + 1, len(rows)):
        row, nomor = rows[idx], idx + 1

        def sel(c: int, row=row):
            return row[c] if c < len(row) else None

        kode = str(sel(kolom[3]) or "").strip()
        uraian = " ".join(str(sel(kolom[5]) or "").split())
        nilai_tw = {(n, j): sel(kolom[n] + j) for n in KOLOM_TW for j in (0, 1)}
        if kode:
            sekarang = baris_renja.get(kode)
            if sekarang is None:
                masalah.append(Masalah(nomor, "(3) Kode", f"kode {kode} tidak ada dalam {renja}"))
                continue
        elif not uraian:
            if any(v not in (None, "") for v in nilai_tw.values()):
                masalah.append(Masalah(nomor, "(3) Kode", "baris berisi realisasi tanpa kode kegiatan"))
            continue  # summary rows, blank rows, the signature block
        if sekarang is None or not any(v not in (None, "") for v in nilai_tw.values()):
            continue
        if sekarang.anak.all():
            masalah.append(
                Masalah(nomor, "(3) Kode", f"{sekarang.kode} punya rincian; isi realisasi pada rinciannya")
            )
            continue
        ind = indikator.get(sekarang.id, {}).get(uraian.lower()) if uraian else None
        for (n, j), v in nilai_tw.items():
            if v in (None, ""):
                continue
            tw = KOLOM_TW[n]
            nama_kolom = f"({n}) {'Rp' if j else 'K'} {get_column_letter(kolom[n] + j + 1)}"
            try:
                angka = parse_rupiah(v) if j else _angka(v)
            except ValueError as e:
                masalah.append(Masalah(nomor, nama_kolom, str(e)))
                continue
            if angka < 0:
                masalah.append(Masalah(nomor, nama_kolom, "realisasi tidak boleh negatif"))
                continue
            if angka > (PAGU_MAKS if j else ANGKA_MAKS):
                masalah.append(Masalah(nomor, nama_kolom, f"realisasi {v} terlalu besar"))
                continue
            if (sekarang.id, tw) in terkunci and not boleh_koreksi:
                rupiah_lama, nilai_lama = terkunci[(sekarang.id, tw)]
                lama = rupiah_lama if j else (nilai_lama.get(ind.id) if ind else None)
                if lama is not None and lama == angka:
                    continue  # the locked figure, unchanged, as an exported file carries it
                masalah.append(Masalah(nomor, nama_kolom, f"triwulan {tw} {sekarang.kode} sudah terkunci"))
                continue
            data = isian.setdefault((sekarang.id, tw), {"rupiah": None, "nilai": {}, "baris": sekarang})
            if j:
                data["rupiah"] = angka
            elif ind is None:
                masalah.append(
                    Masalah(nomor, "(5) Indikator", f"indikator '{uraian}' bukan milik {sekarang.kode}")
                )
            else:
                data["nilai"][ind.id] = angka
    if masalah:
        raise ImportDitolak(masalah)

    try:
        with transaction.atomic():
            _simpan(isian, pengguna)
    except ValidationError as e:
        raise ImportDitolak([Masalah(None, k, p) for k, v in e.message_dict.items() for p in v]) from None
    return HasilImportRealisasi(jumlah_triwulan=len(isian), jumlah_baris=len({b for b, _ in isian}))


def _simpan(isian: dict, pengguna: AbstractBaseUser) -> None:
    for (_baris_id, tw), data in isian.items():
        ada = (
            RealisasiTriwulan.objects.filter(baris=data["baris"], triwulan=tw)
            .prefetch_related("nilai")
            .first()
        )
        nilai = {n.indikator_id: n.nilai for n in ada.nilai.all()} if ada else {}
        nilai.update(data["nilai"])
        realisasi_simpan(
            baris=data["baris"],
            triwulan=tw,
            rupiah=data["rupiah"] if data["rupiah"] is not None else (ada.rupiah if ada else 0),
            nilai=nilai,
            versi=ada.versi if ada else None,
            faktor_pendorong=ada.faktor_pendorong if ada else "",
            faktor_penghambat=ada.faktor_penghambat if ada else "",
            tindak_lanjut=ada.tindak_lanjut if ada else "",
            pengguna=pengguna,
        )
