"""A plausible synthetic disaster season in Lampung Barat's real kecamatan: a stocked
warehouse, landslides, floods, an earthquake and a fire with aid issued from it, KSB, TAGANA
members (synthetic persons) with their training, a field-kitchen drill. Safe to run twice."""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kesos.akun.models import Pengguna, Peran
from kesos.registri.models import Orang
from kesos.registri.services import orang_simpan
from kesos.wilayah.models import Tingkat, Wilayah

from . import services
from .models import Gudang, Kejadian, TautanRenstra, UkuranRenstra

BARANG = [
    ("BRS", "Beras", "kg", 500),
    ("MIE", "Mi instan", "dus", 50),
    ("AIR", "Air mineral", "dus", 50),
    ("SLM", "Selimut", "lembar", 100),
    ("TND", "Tenda gulung", "lembar", 20),
    ("KBS", "Paket kebersihan (kidsware/hygiene kit)", "paket", 30),
]
JENIS = ["tanah_longsor"] * 5 + ["banjir"] * 3 + ["angin_puting_beliung"] * 2 + ["kebakaran", "gempa_bumi"]


@transaction.atomic
def muat_bencana_demo(tahun: int | None = None) -> int:
    if Kejadian.objects.exists():
        return 0
    admin = (
        Pengguna.objects.filter(peran=Peran.ADMIN).first()
        or Pengguna.objects.filter(is_superuser=True).first()
    )
    if admin is None:
        admin = Pengguna(username="sistem-demo", peran=Peran.ADMIN)
        admin.set_unusable_password()
        admin.save()
    acak = random.Random(2021)
    tahun = tahun or timezone.localdate().year - 1
    tz = timezone.get_current_timezone()
    gudang = services.gudang_simpan(
        pengguna=admin, kode="GD-LIWA", nama="Gudang Dinas Sosial Liwa", desa_kode=""
    )
    barang = {
        k: services.barang_simpan(pengguna=admin, kode=k, nama=n, satuan=s, stok_minimum=m)
        for k, n, s, m in BARANG
    }
    for k, b in barang.items():
        services.stok_terima(
            pengguna=admin,
            gudang=gudang,
            barang=b,
            tanggal_terima=date(tahun, 1, 5),
            jumlah=b.stok_minimum * 6,
            sumber="APBD (Buffer Stock Bencana)",
            referensi=f"BAST/{tahun}/01/{k}",
            kedaluwarsa=date(tahun + 1, 3, 1) if k in ("BRS", "MIE", "AIR") else None,
        )
    desa = list(Wilayah.objects.filter(kode__startswith="18.04.", tingkat=Tingkat.DESA).order_by("kode"))
    n = 0
    for i in range(24):
        d = acak.choice(desa)
        lapor = datetime(tahun, 1, 10, tzinfo=tz) + timedelta(
            days=14 * i + acak.randint(0, 10), hours=acak.randint(6, 20)
        )
        if i == 12:  # the mid-year purchase
            for kode, b in barang.items():
                services.stok_terima(
                    pengguna=admin,
                    gudang=gudang,
                    barang=b,
                    tanggal_terima=timezone.localtime(lapor).date(),
                    jumlah=b.stok_minimum * 4,
                    sumber="APBD Perubahan (Buffer Stock Bencana)",
                    referensi=f"BAST/{tahun}/07/{kode}",
                    kedaluwarsa=date(tahun + 1, 9, 1) if kode in ("BRS", "MIE", "AIR") else None,
                )
        jiwa = acak.randint(4, 80)
        ev = acak.randint(0, jiwa // 2)
        k = services.kejadian_catat(
            pengguna=admin,
            jenis=acak.choice(JENIS),
            uraian=f"Kejadian di {d.nama}",
            waktu_lapor=lapor,
            desa=[d.kode],
            lintang=round(-5.25 + acak.random() * 0.45, 5),
            bujur=round(103.9 + acak.random() * 0.55, 5),
            kk_terdampak=max(1, jiwa // 4),
            jiwa_terdampak=jiwa,
            luka=acak.randint(0, 3),
            mengungsi=ev,
            dievakuasi=ev,
            dievakuasi_lengkap=int(ev * acak.choice([0.6, 0.8, 1])),
            cara_evakuasi="Mobil rescue TAGANA dan perahu karet" if ev else "",
        )
        n += 1
        if i == 23:
            continue  # the latest event is still waiting for aid
        services.kejadian_ubah_status(
            pengguna=admin, kejadian=k, status="dikaji", pada=lapor + timedelta(hours=1)
        )
        k.refresh_from_db()
        services.kejadian_ubah_status(
            pengguna=admin, kejadian=k, status="tanggap_darurat", pada=lapor + timedelta(hours=2)
        )
        respon = timedelta(hours=acak.choice([2, 3, 4, 5, 6, 8, 12, 20]), minutes=acak.randint(0, 59))
        # Two residents of the desa known to the registry: linked victims and named recipients,
        # so that the aid is also a distribution of the emergency-aid programme.
        warga = _warga(admin, d, i)
        for o in warga[: min(2, ev)]:
            services.korban_tautkan(
                pengguna=admin,
                kejadian=k,
                orang=o,
                keadaan="mengungsi",
                dievakuasi=True,
                evakuasi_lengkap=True,
            )
        for ke in range(acak.randint(1, 2)):
            services.bantuan_catat(
                pengguna=admin,
                kejadian=k,
                waktu_serah=lapor + respon + timedelta(days=2 * ke),
                gudang=gudang,
                barang=[
                    (barang["BRS"], jiwa),
                    (barang["MIE"], max(1, jiwa // 10)),
                    (barang["SLM"], max(1, jiwa // 4)),
                ],
                penerima=[
                    *(services.Penerima(orang=o) for o in warga),
                    services.Penerima(
                        jumlah_jiwa=max(1, int(jiwa * acak.choice([0.8, 0.9, 1])) - len(warga)),
                        keterangan="pengungsi",
                    ),
                ],
            )
        k.refresh_from_db()
        services.kejadian_ubah_status(
            pengguna=admin, kejadian=k, status="pemulihan", pada=lapor + timedelta(days=7)
        )
        if i < 18:
            k.refresh_from_db()
            services.kejadian_ubah_status(
                pengguna=admin, kejadian=k, status="ditutup", pada=lapor + timedelta(days=30)
            )
    for kode, tgl in [("18.04.04.2002", date(tahun - 2, 6, 1)), ("18.04.05.2001", date(tahun - 1, 8, 12))]:
        if Wilayah.objects.filter(kode=kode).exists():
            services.ksb_catat(
                pengguna=admin, desa_kode=kode, tanggal_dibentuk=tgl, nomor_sk=f"SK/KSB/{tgl.year}"
            )
    anggota = []
    for j in range(12):
        d = desa[(j * 7) % len(desa)]
        lahir = date(1990 + j % 10, 1 + j % 12, 1 + j)
        kec = d.kode.split(".")
        nik = f"{kec[0]}{kec[1]}{kec[2]}{lahir:%d%m%y}{9000 + j:04d}"
        if not Orang.data_pribadi.filter(nik=nik).exists():
            o, _ = orang_simpan(
                nik=nik,
                nama=f"Relawan Sintetis {j + 1}",
                jenis_kelamin="L",
                tanggal_lahir=lahir,
                desa_kode=d.kode,
                pengguna=admin,
            )
            anggota.append(
                services.tagana_anggota_catat(
                    pengguna=admin, orang=o, tanggal_bergabung=date(tahun - 1, 3, 1)
                )
            )
    services.pelatihan_catat(
        pengguna=admin,
        nama="Pendidikan dan Pelatihan TAGANA dan Simulasi DUMLAP",
        mulai=date(tahun - 1, 4, 6),
        selesai=date(tahun - 1, 4, 9),
        tempat="Liwa",
        peserta=anggota,
    )
    services.dapur_umum_catat(
        pengguna=admin,
        tanggal_latihan=date(tahun - 1, 4, 9),
        desa_kode=desa[0].kode,
        uraian="Simulasi dapur umum lapangan",
        jumlah_peserta=len(anggota),
        porsi=300,
        peralatan=[
            ("Kompor lapangan", 4, "baik"),
            ("Tenda dapur umum", 1, "baik"),
            ("Panci besar", 6, "rusak_ringan"),
        ],
    )
    _tautkan_renstra(admin)
    _kegiatan_program(tahun)
    return n


def _kegiatan_program(tahun: int) -> None:
    """The emergency-aid programmes are paid by the Renja's "Pelayanan Pengelolaan Bantuan
    Bencana" (1.6.1.1.24.2 in the document's codes), as an admin would link them."""
    from kesos.bansos.models import Program
    from kesos.perencanaan.models import BarisRenja

    baris = (
        BarisRenja.objects.filter(kode="1.6.1.1.24.2", level="kegiatan")
        .order_by("-renja__tahun", "-renja_id")
        .first()
    )
    if baris is not None:
        Program.objects.filter(kode__in=[k for k, _n in services.PROGRAM_DARURAT.values()]).update(
            kegiatan=baris
        )


def _warga(admin, desa: Wilayah, i: int) -> list[Orang]:
    """Two synthetic residents of a desa (invented names, NIK in the desa's kecamatan)."""
    kec = desa.kode.split(".")
    hasil = []
    for j, jk in enumerate("LP"):
        lahir = date(1960 + (i * 3 + j) % 40, 1 + (i + j) % 12, 1 + (i * 2 + j) % 28)
        hari = lahir.day + (40 if jk == "P" else 0)
        nik = f"{kec[0]}{kec[1]}{kec[2]}{hari:02d}{lahir:%m%y}{8000 + i * 2 + j:04d}"
        o = Orang.data_pribadi.filter(nik=nik).first()
        if o is None:
            o, _ = orang_simpan(
                nik=nik,
                nama=f"Warga Terdampak Sintetis {i * 2 + j + 1}",
                jenis_kelamin=jk,
                tanggal_lahir=lahir,
                desa_kode=desa.kode,
                pengguna=admin,
            )
        hasil.append(o)
    return hasil


def _tautkan_renstra(admin) -> None:
    from kesos.perencanaan.models import RenstraIndikator

    for uraian, ukuran in [
        ("Jumlah Kampung Siaga Bencana", UkuranRenstra.KSB),
        ("Jumlah anggota TAGANA yang tangguh dan terlatih", UkuranRenstra.TAGANA),
    ]:
        ind = RenstraIndikator.objects.filter(uraian=uraian).first()
        if ind is not None and not TautanRenstra.objects.filter(indikator=ind).exists():
            services.tautan_renstra_simpan(pengguna=admin, indikator=ind, ukuran=ukuran)


def gudang_demo() -> Gudang | None:
    return Gudang.objects.filter(kode="GD-LIWA").first()
