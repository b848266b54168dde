"""Demo programmes of the Renja 2021 of Lampung Barat with synthetic recipients in the real
kecamatan, in the document's numbers: PKH 14.524 families, KUBE 5 groups of 10, bantuan
lansia 7.234 persons over 65, bantuan sembako 17.000 poor persons. Invented people only.

Loaded through the same services users call (registry import, programme, bulk enrolment,
bulk delivery), with a few hundred eligible recipients left unserved so that the
eligible-but-not-served pages have something to show."""

import io
import random
from datetime import date, timedelta

from django.db import transaction

from kesos.akun.access import SISTEM
from kesos.akun.models import Pengguna, Peran
from kesos.inti.ekspor import penulis_csv
from kesos.perencanaan.models import BarisRenja, SumberDana
from kesos.registri.impor import KOLOM, registri_import
from kesos.registri.models import Keluarga, Orang
from kesos.registri.sintetis import NAMA_BELAKANG, NAMA_L, NAMA_P, _nik
from kesos.wilayah.models import Tingkat, Wilayah

from . import services
from .models import JenisManfaat, Kepesertaan, Program, Satuan

PKH, KUBE_KELOMPOK, KUBE_ANGGOTA, LANSIA, SEMBAKO = 14_524, 5, 10, 7_234, 17_000
SISA = {"pkh": 312, "lansia": 186, "sembako": 451}  # eligible, left unserved in the demo
FM, LUT = "Fakir miskin", "Lanjut usia terlantar"
PADA = date(2021, 1, 1)


def _baris_sintetis(seed: int = 2021):
    """CSV rows (registry import columns) for the demo's recipients."""
    rng = random.Random(seed)
    desa = [
        (w, w.induk)
        for w in Wilayah.objects.filter(
            tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN], kode__startswith="18.04."
        )
        .select_related("induk")
        .order_by("kode")
    ]
    urut: dict[str, int] = {}
    no = [0]

    def orang(d, kec, usia, jk, hub, kat, kk):
        lahir = PADA - timedelta(days=usia * 365 + rng.randint(30, 330))
        kode_kec = kec.kode.replace(".", "")
        kunci = f"{kode_kec}{lahir:%d%m%y}{jk}"
        urut[kunci] = urut.get(kunci, 0) + 1
        nama = f"{rng.choice(NAMA_L if jk == 'L' else NAMA_P)} {rng.choice(NAMA_BELAKANG)}"
        return [
            _nik(kode_kec, lahir, jk, urut[kunci]),
            kk,
            nama,
            jk,
            f"{lahir:%d-%m-%Y}",
            f"Dusun {rng.randint(1, 6)}",
            kec.nama,
            d.nama,
            hub,
            kat,
        ]

    def kk_baru(kec) -> str:
        no[0] += 1
        return f"{kec.kode.replace('.', '')}9{no[0]:09d}"

    # PKH families: a poor head (and a spouse); the first kecamatan-by-kecamatan spread.
    for i in range(PKH + SISA["pkh"]):
        d, kec = desa[i % len(desa)]
        kk = kk_baru(kec)
        yield orang(
            d, kec, rng.randint(25, 60), "L" if rng.random() < 0.85 else "P", "Kepala Keluarga", FM, kk
        )
        if rng.random() < 0.8:
            yield orang(d, kec, rng.randint(22, 55), "P", "Istri", "", kk)
    # Elderly over 65, living alone.
    for i in range(LANSIA + SISA["lansia"]):
        d, kec = desa[(i * 7) % len(desa)]
        kat = LUT if rng.random() < 0.3 else ""
        yield orang(d, kec, rng.randint(67, 90), rng.choice("LP"), "Kepala Keluarga", kat, kk_baru(kec))
    # Poor persons outside PKH families (the sembako aid may not go to PKH families).
    for i in range(SEMBAKO + SISA["sembako"] + KUBE_KELOMPOK * KUBE_ANGGOTA):
        d, kec = desa[(i * 3) % len(desa)]
        yield orang(d, kec, rng.randint(20, 64), rng.choice("LP"), "Kepala Keluarga", FM, kk_baru(kec))


def _csv() -> bytes:
    buf = io.StringIO()
    w = penulis_csv(buf)
    w.writerow(KOLOM)
    w.writerows(_baris_sintetis())
    return buf.getvalue().encode()


def _kegiatan(kode: str) -> BarisRenja | None:
    return BarisRenja.objects.filter(kode=kode, renja__tahun=2021).order_by("-id").first()


def muat_bansos_demo() -> dict[str, int]:
    """The demo programmes with their recipients; nothing is done when PKH exists already."""
    if Program.objects.filter(kode="PKH").exists():
        return {}
    admin = Pengguna.objects.filter(peran=Peran.ADMIN).order_by("id").first()
    kadis = Pengguna.objects.filter(peran=Peran.KEPALA_DINAS).order_by("id").first() or admin
    hasil = registri_import(berkas=_csv(), nama_berkas="bansos_demo.csv", pada=PADA, pengguna=SISTEM)
    if not hasil.disimpan:
        raise RuntimeError(f"registri demo ditolak: {hasil.catatan[:3]}")
    with transaction.atomic():
        return _program(admin, kadis)


def _program(admin, kadis) -> dict[str, int]:
    apbn, dau = SumberDana.objects.get(kode="APBN"), SumberDana.objects.get(kode="DAU")
    tahun = {"nama": "2021", "mulai": date(2021, 1, 1), "selesai": date(2021, 12, 31)}

    def program(**kw):
        return services.program_simpan(pengguna=admin, **kw)

    pkh = program(
        kode="PKH",
        nama="Program Keluarga Harapan",
        jenis_manfaat=JenisManfaat.TUNAI,
        satuan=Satuan.KELUARGA,
        sumber_dana=apbn,
        nilai_manfaat=750_000,
        kategori_kode=["FM"],
        keterangan="Bantuan tunai dari APBN; pendampingannya dibiayai kegiatan 1.6.1.1.19.1.",
    )
    program(
        kode="BPNT",
        nama="Bantuan Pangan Non Tunai / Sembako",
        jenis_manfaat=JenisManfaat.BARANG,
        satuan=Satuan.KELUARGA,
        sumber_dana=apbn,
        kategori_kode=["FM"],
        keterangan="Pendampingan penyaluran dibiayai kegiatan 1.6.1.1.19.13.",
    )
    program(
        kode="PBI-JKN",
        nama="Penerima Bantuan Iuran Jaminan Kesehatan Nasional",
        jenis_manfaat=JenisManfaat.JASA,
        satuan=Satuan.ORANG,
        sumber_dana=apbn,
        kategori_kode=["FM"],
        keterangan="Verifikasi dan validasi dibiayai kegiatan 1.6.1.1.19.5.",
    )
    kube = program(
        kode="KUBE",
        nama="Bantuan Kelompok Usaha Bersama bagi Keluarga Miskin",
        jenis_manfaat=JenisManfaat.HIBAH_KELOMPOK,
        satuan=Satuan.KELOMPOK,
        sumber_dana=dau,
        kegiatan=_kegiatan("1.6.1.1.19.18"),
        kategori_kode=["FM"],
    )
    rtlh = program(
        kode="RTLH",
        nama="Rehabilitasi Sosial Rumah Tidak Layak Huni",
        jenis_manfaat=JenisManfaat.REHAB_RUMAH,
        satuan=Satuan.KELUARGA,
        sumber_dana=dau,
        kegiatan=_kegiatan("1.6.1.1.19.16"),
        kategori_kode=["FM"],
    )
    lansia = program(
        kode="LANSIA",
        nama="Bantuan Lansia di atas 65 Tahun (dampak Covid-19)",
        jenis_manfaat=JenisManfaat.BARANG,
        satuan=Satuan.ORANG,
        sumber_dana=dau,
        usia_min=66,
        nilai_manfaat=300_000,
        keterangan="Renja 2021 Bab IV: 7.234 orang; tidak ada kegiatan Lampiran II yang membiayainya.",
    )
    sembako = program(
        kode="SEMBAKO",
        nama="Bantuan Sembako Miskin (dampak Covid-19)",
        jenis_manfaat=JenisManfaat.BARANG,
        satuan=Satuan.ORANG,
        sumber_dana=dau,
        kategori_kode=["FM"],
        tidak_bersama=[pkh],
        nilai_manfaat=200_000,
        keterangan="Renja 2021 Bab IV: 17.000 orang; tidak ada kegiatan Lampiran II yang membiayainya.",
    )
    n = {}
    per = {
        p.kode: services.periode_buat(pengguna=admin, program=p, **tahun)
        for p in (pkh, kube, rtlh, lansia, sembako)
    }
    tahap = {}
    for kode, jumlah in (("PKH", 4), ("KUBE", 1), ("RTLH", 1), ("LANSIA", 1), ("SEMBAKO", 1)):
        for i in range(jumlah):
            mulai = date(2021, 1 + 3 * i, 1) if jumlah == 4 else date(2021, 4, 1)
            selesai = (date(2021, 4 + 3 * i, 1) if i < 3 else date(2022, 1, 1)) - timedelta(days=1)
            if jumlah == 1:
                selesai = date(2021, 9, 30)
            tahap[(kode, i + 1)] = services.siklus_buat(
                pengguna=admin,
                periode=per[kode],
                nomor=i + 1,
                nama=f"Tahap {i + 1}",
                mulai=mulai,
                selesai=selesai,
            )
    # PKH first: the sembako rule excludes PKH families.
    n["PKH"] = services.kepesertaan_daftar_massal(pengguna=admin, periode=per["PKH"], batas=PKH)
    # KUBE: five groups of ten poor persons in five kecamatan, from the poor outside PKH.
    bebas = list(
        Orang.data_pribadi.filter(hubungan_keluarga="Kepala Keluarga", klasifikasi__kategori__kode="FM")
        .exclude(keluarga__in=Kepesertaan.objects.filter(periode=per["PKH"]).values("keluarga_id"))
        .order_by("-pk")[:400]
    )
    per_kec: dict[str, list[Orang]] = {}
    for o in bebas:
        per_kec.setdefault(o.desa_kode[:8], []).append(o)
    usaha = ["Ternak kambing", "Warung sembako", "Kopi bubuk", "Keripik pisang", "Jahit pakaian"]
    kelompok = []
    for i, (_kec, orang) in enumerate(sorted(per_kec.items(), key=lambda x: -len(x[1]))[:KUBE_KELOMPOK]):
        anggota = orang[:KUBE_ANGGOTA]
        k = services.kelompok_buat(
            pengguna=admin,
            program=kube,
            nama=f"KUBE {usaha[i].split()[0]} {i + 1}",
            desa_kode=anggota[0].desa_kode,
            jenis_usaha=usaha[i],
            dibentuk=date(2021, 3, 1),
            anggota=[(o, "ketua" if j == 0 else "anggota") for j, o in enumerate(anggota)],
        )
        kelompok.append(services.kepesertaan_daftar(pengguna=admin, periode=per["KUBE"], kelompok=k))
    n["KUBE"] = sum(1 for k in kelompok if k.status == "terdaftar")
    n["LANSIA"] = services.kepesertaan_daftar_massal(pengguna=admin, periode=per["LANSIA"], batas=LANSIA)
    n["SEMBAKO"] = services.kepesertaan_daftar_massal(pengguna=admin, periode=per["SEMBAKO"], batas=SEMBAKO)
    # Deliveries: PKH tahap 1 and 2, the Covid aid once, the KUBE grants.
    for i, tanggal in ((1, date(2021, 2, 15)), (2, date(2021, 5, 17))):
        services.penyaluran_massal(
            pengguna=admin,
            siklus=tahap[("PKH", i)],
            tanggal=tanggal,
            uraian=f"Bantuan PKH tahap {i}",
            rupiah=750_000,
            petugas="Bank penyalur (KKS)",
        )
        services.siklus_tutup(pengguna=kadis, siklus=tahap[("PKH", i)])
    services.penyaluran_massal(
        pengguna=admin,
        siklus=tahap[("LANSIA", 1)],
        tanggal=date(2021, 6, 10),
        uraian="Paket sembako lansia",
        rupiah=300_000,
        petugas="TKSK kecamatan",
    )
    services.penyaluran_massal(
        pengguna=admin,
        siklus=tahap[("SEMBAKO", 1)],
        tanggal=date(2021, 7, 5),
        uraian="Paket sembako",
        rupiah=200_000,
        petugas="TKSK kecamatan",
    )
    for k in kelompok:
        services.penyaluran_catat(
            pengguna=admin,
            siklus=tahap[("KUBE", 1)],
            kepesertaan=k,
            tanggal=date(2021, 6, 1),
            uraian="Hibah modal usaha KUBE",
            rupiah=20_000_000,
            petugas="Bidang Pemberdayaan Sosial",
        )
    for kode in ("LANSIA", "SEMBAKO", "KUBE"):
        services.siklus_tutup(pengguna=kadis, siklus=tahap[(kode, 1)])
    # RTLH: ten PKH houses under repair.
    rumah_kel = list(
        Keluarga.data_pribadi.filter(
            pk__in=Kepesertaan.objects.filter(periode=per["PKH"]).values("keluarga_id")
        ).order_by("pk")[:10]
    )
    for i, kel in enumerate(rumah_kel):
        kp = services.kepesertaan_daftar(pengguna=admin, periode=per["RTLH"], keluarga=kel)
        r = services.rumah_catat(
            pengguna=admin,
            program=rtlh,
            keluarga=kel,
            kepesertaan=kp,
            kondisi_sebelum="rusak_berat",
            biaya=17_500_000,
            foto_sebelum=f"rtlh/2021/{kel.pk}-sebelum.jpg",
        )
        services.rumah_perbarui(
            pengguna=admin,
            rumah=r,
            versi=r.versi,
            mulai=date(2021, 5, 3),
            kemajuan=100 if i < 6 else 40 + 5 * i,
            **(
                {
                    "kondisi_sesudah": "layak",
                    "selesai": date(2021, 8, 30),
                    "foto_sesudah": f"rtlh/2021/{kel.pk}-sesudah.jpg",
                }
                if i < 6
                else {}
            ),
        )
    n["RTLH"] = len(rumah_kel)
    # Two complaints about PKH targeting and delivery.
    from django.utils import timezone

    awal = timezone.now() - timedelta(days=20)
    p1 = services.pengaduan_catat(
        pengguna=admin,
        program=pkh,
        desa_kode="18.04.04.2002",
        jenis="sasaran",
        uraian="Warga mampu tercatat sebagai KPM PKH.",
        diterima_pada=awal,
    )
    services.pengaduan_tindak_lanjut(
        pengguna=admin,
        pengaduan=p1,
        tindak_lanjut="Diverifikasi pendamping ke rumah KPM.",
        pada=awal + timedelta(hours=26),
    )
    services.pengaduan_catat(
        pengguna=admin,
        program=sembako,
        desa_kode="18.04.05.2001",
        jenis="penyaluran",
        uraian="Paket sembako belum diterima di dusun 3.",
        diterima_pada=awal + timedelta(days=5),
    )
    return n
