"""Read quarterly realisation from an XLSX in the E.81 layout (as `kesos evaluasi export` writes it).

The table is found by ``kesos.inti.tabel`` (the numbered header row (1)…(18) or the header's
words); each K/Rp pair under (9)…(12) is a quarter. Realisation is recorded on the rows without
children (kegiatan, or sub-kegiatan in the national shape); the figures of the rows above them
are sums and are not read.
A row without a code continues the kegiatan above it (another indicator). All or nothing: every
problem is listed by row and column, and nothing is stored unless there is none.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from kesos.inti.errors import ImportDitolak, KesosError, Masalah
from kesos.inti.formats import parse_angka, parse_rupiah, rupiah
from kesos.inti.tabel import Kolom, baca_tabel, teks_sel
from kesos.inti.validasi import ANGKA_MAKS, PAGU_MAKS
from kesos.perencanaan.models import BarisRenja, Indikator, Renja

from .access import REALISASI
from .models import RealisasiTriwulan
from .services import TAHAP_BERLAKU, realisasi_simpan

ROMAWI = {1: "i", 2: "ii", 3: "iii", 4: "iv"}
KOLOM = [
    Kolom("kode", "(3) Kode", ("kode",), 3),
    Kolom("indikator", "(5) Indikator", ("indikator",), 5, wajib=False),
    *(
        Kolom(
            f"tw{tw}",
            f"({8 + tw}) Triwulan {ROMAWI[tw].upper()}",
            (f"triwulan {ROMAWI[tw]}", f"triwulan {tw}", f"tw {ROMAWI[tw]}", f"tw {tw}"),
            8 + tw,
            ganda=True,
        )
        for tw in ROMAWI
    ),
]


@dataclass
class HasilImportRealisasi:
    jumlah_triwulan: int
    jumlah_baris: int


def realisasi_import(
    *,
    berkas: str | Path | bytes,
    renja: Renja,
    pengguna: AbstractBaseUser,
    nama_berkas: str = "",
) -> HasilImportRealisasi:
    boleh_koreksi = REALISASI.boleh(pengguna, "koreksi")
    if not boleh_koreksi:
        REALISASI.pastikan(pengguna, "catat")
    if renja.tahap not in TAHAP_BERLAKU:
        raise KesosError(
            _("Realisasi dicatat pada Renja final atau perubahan, bukan %(tahap)s.")
            % {"tahap": renja.get_tahap_display()}
        )
    tabel = baca_tabel(berkas, kolom=KOLOM, nama=nama_berkas)
    masalah: list[Masalah] = []
    for tw in ROMAWI:
        if len(tabel.kolom[f"tw{tw}"]) != 2:
            masalah.append(
                Masalah(
                    tabel.nomor_kepala, tabel.label[f"tw{tw}"], _("perlu dua kolom di bawahnya: K dan Rp")
                )
            )
    if masalah:
        raise ImportDitolak(masalah)

    baris_renja = {b.kode: b for b in BarisRenja.objects.filter(renja=renja).prefetch_related("anak")}
    indikator: dict[int, dict[str, Indikator]] = {}
    for i in Indikator.objects.filter(baris__renja=renja):
        indikator.setdefault(i.baris_id, {})[" ".join(i.uraian.split()).lower()] = i
    terkunci = {
        (r.baris_id, r.triwulan): (r.rupiah, {n.indikator_id: n.nilai for n in r.nilai.all()})
        for r in RealisasiTriwulan.objects.filter(baris__renja=renja, terkunci=True).prefetch_related("nilai")
    }

    # (baris, triwulan) -> {"rupiah": int | None, "nilai": {indikator_id: Decimal}}
    isian: dict[tuple[int, int], dict] = {}
    tertulis_induk: dict[tuple[int, int], tuple[int, str, int]] = {}  # (parent, quarter) -> stated Rp
    sekarang: BarisRenja | None = None
    for row in tabel.baris():
        nomor = row.nomor
        kode = tabel.teks(row, "kode")
        uraian = " ".join(tabel.teks(row, "indikator").split())
        nilai_tw = {(tw, j): v for tw in ROMAWI for j, v in enumerate(tabel.sel_semua(row, f"tw{tw}"))}
        ada_isian = any(teks_sel(v) for v in nilai_tw.values())
        if kode:
            sekarang = baris_renja.get(kode)
            if sekarang is None:
                masalah.append(
                    Masalah(nomor, "(3) Kode", _("kode tidak ada dalam %(renja)s") % {"renja": renja}, kode)
                )
                continue
        elif not uraian:
            if ada_isian:
                masalah.append(Masalah(nomor, "(3) Kode", _("baris berisi realisasi tanpa kode kegiatan")))
            continue  # summary rows, blank rows, the signature block
        if sekarang is None or not ada_isian:
            continue
        if sekarang.anak.all():
            # A parent's rupiah are the sums of its rows, as the export writes them: compared
            # below, not stored. Units of different indicators do not add up: none are read.
            for (tw, j), v in nilai_tw.items():
                if not teks_sel(v):
                    continue
                nama_kolom = f"({8 + tw}) {'Rp' if j else 'K'}"
                if not j:
                    masalah.append(
                        Masalah(
                            nomor,
                            nama_kolom,
                            _("%(kode)s punya rincian; isi realisasi pada rinciannya")
                            % {"kode": sekarang.kode},
                        )
                    )
                    continue
                try:
                    tertulis_induk[(sekarang.id, tw)] = (nomor, nama_kolom, parse_rupiah(v))
                except ValueError as e:
                    masalah.append(Masalah(nomor, nama_kolom, str(e), teks_sel(v)))
            continue
        ind = indikator.get(sekarang.id, {}).get(uraian.lower()) if uraian else None
        for (tw, j), v in nilai_tw.items():
            if not teks_sel(v):
                continue
            kol = tabel.kolom[f"tw{tw}"][j]
            nama_kolom = f"({8 + tw}) {'Rp' if j else 'K'} {get_column_letter(kol + 1)}"
            try:
                angka = parse_rupiah(v) if j else parse_angka(v)
            except ValueError as e:
                masalah.append(Masalah(nomor, nama_kolom, str(e), teks_sel(v)))
                continue
            if angka < 0:
                masalah.append(Masalah(nomor, nama_kolom, _("realisasi tidak boleh negatif"), teks_sel(v)))
                continue
            if angka > (PAGU_MAKS if j else ANGKA_MAKS):
                masalah.append(
                    Masalah(nomor, nama_kolom, _("realisasi %(nilai)s terlalu besar") % {"nilai": v})
                )
                continue
            if (sekarang.id, tw) in terkunci and not boleh_koreksi:
                rupiah_lama, nilai_lama = terkunci[(sekarang.id, tw)]
                lama = rupiah_lama if j else (nilai_lama.get(ind.id) if ind else None)
                if lama is not None and lama == angka:
                    continue  # the locked figure, unchanged, as an exported file carries it
                masalah.append(
                    Masalah(
                        nomor,
                        nama_kolom,
                        _("triwulan %(tw)s %(kode)s sudah terkunci") % {"tw": tw, "kode": sekarang.kode},
                    )
                )
                continue
            data = isian.setdefault((sekarang.id, tw), {"rupiah": None, "nilai": {}, "baris": sekarang})
            if j:
                data["rupiah"] = angka
            elif ind is None:
                masalah.append(
                    Masalah(
                        nomor,
                        "(5) Indikator",
                        _("indikator bukan milik %(kode)s") % {"kode": sekarang.kode},
                        uraian,
                    )
                )
            else:
                data["nilai"][ind.id] = angka
    masalah += _periksa_jumlah_induk(renja, baris_renja, isian, tertulis_induk)
    if masalah:
        raise ImportDitolak(sorted(masalah, key=lambda m: (m.baris or 0, m.kolom)))

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


def _periksa_jumlah_induk(
    renja: Renja,
    baris_renja: dict[str, BarisRenja],
    isian: dict[tuple[int, int], dict],
    tertulis: dict[tuple[int, int], tuple[int, str, int]],
) -> list[Masalah]:
    """A parent's stated rupiah of a quarter against the sum of its rows after this import."""
    if not tertulis:
        return []
    anak: dict[int, list[int]] = {}
    for b in baris_renja.values():
        if b.induk_id:
            anak.setdefault(b.induk_id, []).append(b.id)
    nilai = {
        (b, tw): rp
        for b, tw, rp in RealisasiTriwulan.objects.filter(baris__renja=renja).values_list(
            "baris_id", "triwulan", "rupiah"
        )
    }
    for kunci, data in isian.items():
        if data["rupiah"] is not None:
            nilai[kunci] = data["rupiah"]

    def jumlah(baris_id: int, tw: int) -> int:
        if baris_id not in anak:
            return nilai.get((baris_id, tw), 0)
        return sum(jumlah(a, tw) for a in anak[baris_id])

    kode = {b.id: b.kode for b in baris_renja.values()}
    masalah = []
    for (baris_id, tw), (nomor, kolom, rp) in tertulis.items():
        hitung = jumlah(baris_id, tw)
        if rp != hitung:
            masalah.append(
                Masalah(
                    nomor,
                    kolom,
                    _(
                        "triwulan %(tw)s %(kode)s: tertulis %(tertulis)s, jumlah rinciannya %(hitung)s, "
                        "selisih %(selisih)s"
                    )
                    % {
                        "tw": tw,
                        "kode": kode[baris_id],
                        "tertulis": rupiah(rp),
                        "hitung": rupiah(hitung),
                        "selisih": rupiah(abs(rp - hitung)),
                    },
                    rupiah(rp),
                )
            )
    return masalah
