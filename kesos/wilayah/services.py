import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kesos.inti.errors import ImportDitolak, Masalah
from kesos.inti.tabel import Kolom, baca_tabel

from .models import TINGKAT_ANAK, Tingkat, Wilayah

KOLOM = ("kode", "nama", "tingkat", "kode_induk")
KOLOM_TABEL = [
    Kolom("kode", "kode", ("kode", "kode wilayah", "kode kemendagri"), persis=True),
    Kolom("nama", "nama", ("nama", "nama wilayah"), persis=True),
    Kolom("tingkat", "tingkat", ("tingkat", "level"), persis=True),
    Kolom("kode_induk", "kode_induk", ("kode induk", "induk"), persis=True, wajib=False),
]
DATA_LAMPUNG_BARAT = Path(__file__).parent / "data" / "wilayah_lampung_barat.csv"


@transaction.atomic
def wilayah_import(*, berkas: str | Path | bytes | io.StringIO, nama_berkas: str = "") -> int:
    """Load regions from a table (CSV or XLSX) with columns kode, nama, tingkat, kode_induk.

    All or nothing: a row whose parent is neither stored nor earlier in the file, whose
    code does not extend its parent's, or whose level cannot sit under its parent refuses
    the whole file. Existing codes are updated. Returns the number of rows read.
    """
    if isinstance(berkas, io.StringIO):
        berkas = berkas.getvalue().encode("utf-8")
    tabel = baca_tabel(berkas, kolom=KOLOM_TABEL, nama=nama_berkas)

    tersimpan = {w.kode: w for w in Wilayah.objects.all()}
    dalam_berkas: dict[str, str] = {}  # kode -> tingkat, for rows already read in this file
    masalah: list[Masalah] = []
    baris_valid = []
    for row in tabel.baris():
        nomor = row.nomor
        kode, nama = tabel.teks(row, "kode"), tabel.teks(row, "nama")
        tingkat, induk = tabel.teks(row, "tingkat").lower(), tabel.teks(row, "kode_induk")
        salah = []
        if not kode:
            salah.append(Masalah(nomor, "kode", _("kode kosong")))
        if not nama:
            salah.append(Masalah(nomor, "nama", _("nama kosong")))
        if tingkat not in Tingkat.values:
            salah.append(
                Masalah(
                    nomor,
                    "tingkat",
                    _("'%(tingkat)s' bukan salah satu dari %(pilihan)s")
                    % {"tingkat": tingkat, "pilihan": ", ".join(Tingkat.values)},
                )
            )
        if kode in dalam_berkas:
            salah.append(
                Masalah(nomor, "kode", _("kode %(kode)s muncul dua kali dalam berkas") % {"kode": kode})
            )
        if induk:
            tingkat_induk = dalam_berkas.get(induk) or (
                tersimpan[induk].tingkat if induk in tersimpan else None
            )
            if tingkat_induk is None:
                salah.append(
                    Masalah(nomor, "kode_induk", _("wilayah induk %(induk)s tidak ada") % {"induk": induk})
                )
            else:
                if kode and not kode.startswith(induk + "."):
                    salah.append(
                        Masalah(
                            nomor,
                            "kode",
                            _("kode %(kode)s tidak diawali kode induknya %(induk)s")
                            % {"kode": kode, "induk": induk},
                        )
                    )
                if tingkat in Tingkat.values and tingkat not in TINGKAT_ANAK[tingkat_induk]:
                    salah.append(
                        Masalah(
                            nomor,
                            "tingkat",
                            _("%(tingkat)s tidak dapat berada di bawah %(induk)s")
                            % {"tingkat": tingkat, "induk": tingkat_induk},
                        )
                    )
        elif tingkat and tingkat != Tingkat.PROVINSI:
            salah.append(
                Masalah(nomor, "kode_induk", _("%(tingkat)s wajib punya kode_induk") % {"tingkat": tingkat})
            )
        if salah:
            masalah.extend(salah)
            continue
        dalam_berkas[kode] = tingkat
        baris_valid.append((kode, nama, tingkat, induk))
    if masalah:
        raise ImportDitolak(masalah)

    for kode, nama, tingkat, induk in baris_valid:
        w = tersimpan.get(kode) or Wilayah(kode=kode)
        w.nama, w.tingkat = nama, tingkat
        w.induk = tersimpan[induk] if induk else None
        w.save()
        tersimpan[kode] = w
    return len(baris_valid)


def wilayah_muat_lampung_barat() -> int:
    return wilayah_import(berkas=DATA_LAMPUNG_BARAT)
