"""Test data for the assistance programmes: synthetic persons and households made through the
registry's own services, and programmes with their periods and cycles."""

import itertools
from datetime import date

from kesos.akun.access import SISTEM
from kesos.bansos import services
from kesos.bansos.models import JenisManfaat, Satuan
from kesos.registri import services as registri
from kesos.registri.models import Kategori, Keluarga
from kesos.registri.sintetis import _nik

DESA_A = "18.04.04.2002"  # Kubu Perahu, Balik Bukit (kecamatan A)
DESA_A2 = "18.04.04.1001"  # Pasar Liwa, Balik Bukit
DESA_B = "18.04.05.2001"  # Sumber Jaya (kecamatan B)
_urut = itertools.count(1)


def orang(
    *,
    lahir: date = date(1980, 5, 17),
    jk: str = "L",
    desa: str = DESA_A,
    kategori: tuple[str, ...] = (),
    keluarga: Keluarga | None = None,
    sejak: date = date(2020, 1, 1),
):
    """A synthetic person with a valid NIK, classified in ``kategori`` on ``sejak``."""
    kec = desa[:8].replace(".", "")
    o, _ = registri.orang_simpan(
        nik=_nik(kec, lahir, jk, next(_urut)),
        nama=f"Uji {jk} {lahir:%Y}",
        jenis_kelamin=jk,
        tanggal_lahir=lahir,
        desa_kode=desa,
        pengguna=SISTEM,
    )
    for kode in kategori:
        registri.klasifikasi_tambah(
            orang=o, kategori=Kategori.objects.get(kode=kode, aktif=True), tanggal=sejak, pengguna=SISTEM
        )
    if keluarga is not None:
        o.keluarga = keluarga
        o.save(update_fields=["keluarga"])
    return o


def keluarga(desa: str = DESA_A) -> Keluarga:
    n = next(_urut)
    return Keluarga.data_pribadi.create(no_kk=f"{desa[:8].replace('.', '')}01{n:08d}", desa_kode=desa)


def program(admin, *, kode="PKH", satuan=Satuan.ORANG, jenis=JenisManfaat.TUNAI, **aturan):
    return services.program_simpan(
        pengguna=admin, kode=kode, nama=f"Program {kode}", jenis_manfaat=jenis, satuan=satuan, **aturan
    )


def periode(admin, program, *, nama="2021", mulai=date(2021, 1, 1), selesai=date(2021, 12, 31)):
    return services.periode_buat(pengguna=admin, program=program, nama=nama, mulai=mulai, selesai=selesai)


def siklus(admin, periode, *, nomor=1, mulai=None, selesai=None):
    return services.siklus_buat(
        pengguna=admin,
        periode=periode,
        nomor=nomor,
        nama=f"Tahap {nomor}",
        mulai=mulai or periode.mulai,
        selesai=selesai or periode.selesai,
    )


def data_matriks(orang_a):
    """What the access matrix (``akun/tests/test_matriks_akses.py``) asks the programme and
    SPM pages about: a programme with a period, an open cycle, an enrolment, a complaint and a
    house of ``orang_a``'s area (kecamatan A), and an SPM indicator."""
    from types import SimpleNamespace

    from kesos.spm.models import IndikatorSPM
    from kesos.spm.services import spm_muat_baku

    spm_muat_baku()
    p = services.program_simpan(
        pengguna=SISTEM, kode="UJI", nama="Program uji", jenis_manfaat=JenisManfaat.TUNAI, satuan=Satuan.ORANG
    )
    per = services.periode_buat(
        pengguna=SISTEM, program=p, nama="2021", mulai=date(2021, 1, 1), selesai=date(2021, 12, 31)
    )
    sik = services.siklus_buat(
        pengguna=SISTEM,
        periode=per,
        nomor=1,
        nama="Tahap 1",
        mulai=date(2021, 1, 1),
        selesai=date(2021, 12, 31),
    )
    rtlh = services.program_simpan(
        pengguna=SISTEM,
        kode="RTLH",
        nama="RTLH",
        jenis_manfaat=JenisManfaat.REHAB_RUMAH,
        satuan=Satuan.KELUARGA,
    )
    rumah = services.rumah_catat(
        pengguna=SISTEM, program=rtlh, keluarga=orang_a.keluarga, kondisi_sebelum="rusak_berat", biaya=1
    )
    return SimpleNamespace(
        program=p,
        periode=per,
        siklus=sik,
        kepesertaan=services.kepesertaan_daftar(pengguna=SISTEM, periode=per, orang=orang_a),
        pengaduan=services.pengaduan_catat(
            pengguna=SISTEM, program=p, desa_kode=orang_a.desa_kode, jenis="sasaran", uraian="uji"
        ),
        rumah=rumah,
        rtlh=rtlh,
        indikator=IndikatorSPM.objects.order_by("id").first(),
    )
