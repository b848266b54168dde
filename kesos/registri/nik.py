"""NIK and KK numbers: what a valid number looks like, and which part of a wrong one is wrong.

A NIK is 16 digits: province (2), regency (2) and kecamatan (2) of first registration, the
birth date as DDMMYY with 40 added to the day for women, and a four-digit serial. The
kecamatan is checked against the national list, but a code missing from it is only a
warning: kecamatan move between regencies (Pesisir Barat was formed from Lampung Barat in
2012) and old NIKs keep the old code.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from kesos.wilayah.kecamatan import daftar_kecamatan, kode_kabupaten, kode_provinsi


@dataclass
class HasilNIK:
    galat: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.galat


def periksa_nik(nik: str, *, jenis_kelamin: str | None = None, tanggal_lahir: date | None = None) -> HasilNIK:
    h = HasilNIK()
    nik = (nik or "").strip()
    if len(nik) != 16 or not nik.isdigit():
        h.galat.append(
            _("NIK harus 16 angka (tertulis %(n)s karakter)") % {"n": len(nik)}
            if nik.isdigit() or not nik
            else _("NIK hanya boleh berisi angka")
        )
        return h
    prov, kab, kec = nik[:2], nik[:4], nik[:6]
    if prov not in kode_provinsi():
        h.galat.append(_("kode provinsi NIK %(kode)s (digit 1-2) tidak ada") % {"kode": prov})
    elif kab not in kode_kabupaten():
        h.peringatan.append(
            _("kode kabupaten/kota NIK %(kode)s (digit 3-4) tidak ada dalam daftar; periksa")
            % {"kode": f"{kab[:2]}.{kab[2:]}"}
        )
    elif kec not in daftar_kecamatan():
        h.peringatan.append(
            _(
                "kode kecamatan NIK %(kode)s (digit 5-6) tidak ada dalam daftar; periksa "
                "(kecamatan dapat berpindah kabupaten, NIK lama tetap memakai kode lama)"
            )
            % {"kode": f"{kec[:2]}.{kec[2:4]}.{kec[4:]}"}
        )
    hari, bulan, tahun2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    perempuan = hari > 40
    hari_asli = hari - 40 if perempuan else hari
    tanggal_sah = False
    if not 1 <= bulan <= 12:
        h.galat.append(_("bulan lahir dalam NIK %(bulan)s (digit 9-10) bukan bulan") % {"bulan": nik[8:10]})
    else:
        # Only two digits of the year are written; 2000 is a leap year, so 29 February passes
        # here and is held against the full birth date below when that is known.
        try:
            date(2000 + tahun2 if tahun2 % 4 == 0 else 2001, bulan, hari_asli)
            tanggal_sah = True
        except ValueError:
            h.galat.append(
                (
                    _(
                        "tanggal lahir dalam NIK %(hari)s (digit 7-8) bukan tanggal yang ada "
                        "(perempuan: tanggal + 40)"
                    )
                    if perempuan
                    else _("tanggal lahir dalam NIK %(hari)s (digit 7-8) bukan tanggal yang ada")
                )
                % {"hari": nik[6:8]}
            )
    if jenis_kelamin in ("L", "P") and (jenis_kelamin == "P") != perempuan:
        h.galat.append(
            _("jenis kelamin tidak sesuai NIK: digit 7-8 di atas 40 menandai perempuan")
            if perempuan
            else _("jenis kelamin tidak sesuai NIK: perempuan ditulis tanggal + 40 di digit 7-8")
        )
    if tanggal_sah and tanggal_lahir is not None:
        tertulis = (hari_asli, bulan, tahun2)
        if tertulis != (tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100):
            h.galat.append(
                _("tanggal lahir %(tanggal)s tidak sesuai NIK (digit 7-12 menyebut %(nik)s)")
                % {"tanggal": f"{tanggal_lahir:%d-%m-%Y}", "nik": f"{hari_asli:02d}-{bulan:02d}-{tahun2:02d}"}
            )
    if nik[12:] == "0000":
        h.galat.append(_("nomor urut NIK (digit 13-16) tidak boleh 0000"))
    return h


def periksa_kk(no_kk: str) -> list[str]:
    no_kk = (no_kk or "").strip()
    if len(no_kk) != 16 or not no_kk.isdigit():
        return [_("nomor KK harus 16 angka (tertulis '%(kk)s')") % {"kk": no_kk}]
    if no_kk[:2] not in kode_provinsi():
        return [_("kode provinsi nomor KK %(kode)s (digit 1-2) tidak ada") % {"kode": no_kk[:2]}]
    return []


def samarkan(nomor: str) -> str:
    """1804011234560001 -> 1804••••••••0001: enough to tell records apart, not to identify."""
    nomor = nomor or ""
    return nomor[:4] + "•" * max(len(nomor) - 8, 0) + nomor[-4:] if len(nomor) > 8 else "•" * len(nomor)
