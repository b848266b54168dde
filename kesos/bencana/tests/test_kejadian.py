"""Events, their status flow, aid deliveries, the response time and the SPM indicators."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kesos.akun.models import AuditLog
from kesos.bencana import access, queries, services, ukuran
from kesos.bencana.models import Kejadian, StatusKejadian
from kesos.bencana.validasi import IsianDitolak
from kesos.inti.errors import KonflikEdit, TidakBerhak

from .conftest import DESA_A, DESA_B, jam


def catat(pengguna, desa=DESA_A, waktu=None, **kw):
    return services.kejadian_catat(
        pengguna=pengguna,
        jenis=kw.pop("jenis", "banjir"),
        uraian=kw.pop("uraian", "Banjir luapan sungai"),
        waktu_lapor=waktu or jam(3),
        desa=[desa] if isinstance(desa, str) else desa,
        **kw,
    )


def test_operator_records_an_event_only_in_their_own_area(registri, persona):
    k = catat(persona("operator_a"), jiwa_terdampak=12, lintang="-5,0312", bujur="104.06")
    assert k.lintang == Decimal("-5.031200") and k.status == StatusKejadian.DILAPORKAN
    assert AuditLog.objects.filter(objek="bencana.Kejadian", objek_id=str(k.pk)).exists()
    with pytest.raises(TidakBerhak):
        catat(persona("operator_b"))
    with pytest.raises(TidakBerhak):
        catat(persona("reviewer"))
    assert list(access.lingkup_kejadian(persona("operator_b"))) == []
    assert list(access.lingkup_kejadian(persona("kadis"))) == [k]


@pytest.mark.parametrize(
    ("isian", "kolom"),
    [
        ({"desa": "99.99.99.9999"}, "desa"),
        ({"jenis": "meteor"}, "jenis"),
        ({"uraian": ""}, "uraian"),
        ({"uraian": "a\x07b"}, "uraian"),
        ({"lintang": "91", "bujur": "104"}, "lintang"),
        ({"lintang": "-5"}, "bujur"),
        ({"jiwa_terdampak": -1}, "jiwa_terdampak"),
        ({"jiwa_terdampak": 5, "meninggal": 6}, "meninggal"),
        ({"jiwa_terdampak": 5, "dievakuasi": 3, "dievakuasi_lengkap": 4}, "dievakuasi_lengkap"),
    ],
)
def test_bad_event_input_is_refused_naming_the_field(registri, persona, isian, kolom):
    with pytest.raises(IsianDitolak) as e:
        catat(persona("admin"), **isian)
    assert e.value.kolom == kolom
    assert not Kejadian.objects.exists()


def test_a_report_in_the_future_is_refused(registri, persona):
    with pytest.raises(IsianDitolak) as e:
        catat(persona("admin"), waktu=timezone.now() + timedelta(days=1))
    assert e.value.kolom == "waktu_lapor"


def test_status_moves_forward_with_its_times_and_never_back(kejadian_a, persona):
    op = persona("operator_a")
    k = services.kejadian_ubah_status(pengguna=op, kejadian=kejadian_a, status="dikaji", pada=jam(5, 10))
    k = services.kejadian_ubah_status(pengguna=op, kejadian=k, status="tanggap_darurat", pada=jam(5, 12))
    with pytest.raises(IsianDitolak) as e:
        services.kejadian_ubah_status(pengguna=op, kejadian=k, status="dikaji", pada=jam(4))
    assert e.value.kolom == "status"
    # Closed before it started: refused, naming the closing time.
    with pytest.raises(IsianDitolak) as e:
        services.kejadian_ubah_status(pengguna=op, kejadian=k, status="ditutup", pada=jam(6))
    assert e.value.kolom == "ditutup_pada"
    with pytest.raises(IsianDitolak) as e:
        services.kejadian_ubah_status(pengguna=op, kejadian=k, status="pemulihan", pada=jam(5, 11))
    assert e.value.kolom == "darurat_selesai"
    k = services.kejadian_ubah_status(pengguna=op, kejadian=k, status="ditutup", pada=jam(1))
    assert k.darurat_mulai == jam(5, 12) and k.darurat_selesai == jam(1) and k.ditutup_pada == jam(1)
    with pytest.raises(TidakBerhak):
        services.kejadian_ubah_status(
            pengguna=persona("operator_b"), kejadian=k, status="ditutup", pada=jam(0)
        )


def test_two_users_editing_the_same_event_the_second_is_told(kejadian_a, persona):
    op = persona("operator_a")
    versi = kejadian_a.versi
    services.kejadian_ubah_korban(pengguna=op, kejadian=kejadian_a, versi=versi, jiwa_terdampak=45)
    with pytest.raises(KonflikEdit):
        services.kejadian_ubah_korban(pengguna=op, kejadian=kejadian_a, versi=versi, jiwa_terdampak=50)
    assert Kejadian.objects.get(pk=kejadian_a.pk).jiwa_terdampak == 45


def test_linked_victims_are_covered_by_the_counts(kejadian_a, persona, orang_a, orang_b):
    op = persona("operator_a")
    services.korban_tautkan(pengguna=op, kejadian=kejadian_a, orang=orang_a, keadaan="luka", dievakuasi=True)
    k = Kejadian.objects.get(pk=kejadian_a.pk)
    assert k.luka == 1
    with pytest.raises(IsianDitolak) as e:
        services.kejadian_ubah_korban(pengguna=op, kejadian=k, versi=k.versi, luka=0)
    assert e.value.kolom == "luka"
    with pytest.raises(TidakBerhak):  # a person of another area is not even looked at
        services.korban_tautkan(pengguna=op, kejadian=k, orang=orang_b, keadaan="terdampak")


def test_aid_issues_stock_and_cannot_come_before_the_report(stok, kejadian_a, persona, orang_a):
    op = persona("operator_a")
    with pytest.raises(IsianDitolak) as e:
        services.bantuan_catat(
            pengguna=op,
            kejadian=kejadian_a,
            waktu_serah=jam(6),
            gudang=stok["gudang"],
            barang=[(stok["beras"], 5)],
            penerima=[],
        )
    assert e.value.kolom == "waktu"
    with pytest.raises(IsianDitolak) as e:
        services.bantuan_catat(
            pengguna=op,
            kejadian=kejadian_a,
            waktu_serah=jam(5, 14),
            gudang=stok["gudang"],
            barang=[(stok["beras"], 5), (stok["selimut"], 1)],
            penerima=[],
        )
    assert e.value.kolom == "barang baris 2 jumlah"  # no blankets in stock: nothing is issued
    assert queries.stok_saldo()[(stok["beras"].pk, stok["gudang"].pk)] == 100
    b = services.bantuan_catat(
        pengguna=op,
        kejadian=kejadian_a,
        waktu_serah=jam(5, 14),
        gudang=stok["gudang"],
        barang=[(stok["beras"], 25)],
        penerima=[services.Penerima(orang=orang_a), services.Penerima(jumlah_jiwa=9, keterangan="pengungsi")],
    )
    assert b.penerima.count() == 2
    assert queries.stok_saldo()[(stok["beras"].pk, stok["gudang"].pk)] == 75


def test_response_time_is_first_aid_minus_report_with_mean_and_median(registri, persona):
    admin = persona("admin")
    tahun = timezone.localdate().year - 1  # a whole year in the past, whatever today is
    # Three events of this year answered after 2 h, 6 h and 10 h (a later delivery does not
    # count), one not yet answered, one of another year.
    jeda = [2, 6, 10]
    dibuat = []
    for i, j in enumerate(jeda):
        waktu = timezone.make_aware(timezone.datetime(tahun, 1, 1 + i, 6, 0))
        k = catat(admin, waktu=waktu, jiwa_terdampak=10)
        services.bantuan_catat(
            pengguna=admin,
            kejadian=k,
            waktu_serah=waktu + timedelta(hours=j),
            barang=[],
            penerima=[services.Penerima(jumlah_jiwa=4)],
        )
        services.bantuan_catat(
            pengguna=admin,
            kejadian=k,
            waktu_serah=waktu + timedelta(hours=j + 30),
            barang=[],
            penerima=[services.Penerima(jumlah_jiwa=4)],
        )
        dibuat.append(k)
    catat(admin, waktu=timezone.make_aware(timezone.datetime(tahun, 1, 9, 6, 0)))
    lama = catat(admin, waktu=timezone.make_aware(timezone.datetime(tahun - 1, 12, 31, 23, 0)))
    services.bantuan_catat(
        pengguna=admin,
        kejadian=lama,
        waktu_serah=lama.waktu_lapor + timedelta(hours=48),
        barang=[],
        penerima=[services.Penerima()],
    )
    r = queries.respon_ringkas(tahun=tahun)
    assert (r.kejadian, r.dibantu, r.belum_dibantu) == (4, 3, 1)
    assert r.rata_jam == Decimal("6.00") and r.median_jam == Decimal("6.00")
    assert r.tercepat_jam == Decimal("2.00") and r.terlama_jam == Decimal("10.00")
    tren = {t.label: t for t in queries.respon_tren()}
    assert tren[str(tahun - 1)].rata_jam == Decimal("48.00")
    per_kec = queries.respon_per_kecamatan(tahun=tahun)
    assert [(p.label, p.kejadian) for p in per_kec] == [("Balik Bukit", 4)]


def test_spm_indicators_come_from_the_records_with_numerator_and_denominator(registri, persona, orang_a):
    admin = persona("admin")
    tahun = timezone.localdate().year - 1
    t0 = timezone.make_aware(timezone.datetime(tahun, 1, 2, 6, 0))
    k = catat(admin, waktu=t0, jiwa_terdampak=40, dievakuasi=30, dievakuasi_lengkap=24)
    services.kejadian_ubah_status(
        pengguna=admin, kejadian=k, status="tanggap_darurat", pada=t0 + timedelta(hours=1)
    )
    services.bantuan_catat(
        pengguna=admin,
        kejadian=k,
        waktu_serah=t0 + timedelta(hours=3),
        barang=[],
        penerima=[services.Penerima(orang=orang_a), services.Penerima(jumlah_jiwa=20)],
    )
    k = Kejadian.objects.get(pk=k.pk)
    services.kejadian_ubah_status(pengguna=admin, kejadian=k, status="pemulihan", pada=t0 + timedelta(days=7))
    # After the emergency period: counts for basic needs met, not for the SPM's number 5.
    services.bantuan_catat(
        pengguna=admin,
        kejadian=k,
        waktu_serah=t0 + timedelta(days=8),
        barang=[],
        penerima=[services.Penerima(jumlah_jiwa=10)],
    )
    # A second event with more recipients counted than victims: capped at its victims.
    k2 = catat(admin, waktu=t0 + timedelta(days=1), jiwa_terdampak=5)
    services.bantuan_catat(
        pengguna=admin,
        kejadian=k2,
        waktu_serah=t0 + timedelta(days=1, hours=2),
        barang=[],
        penerima=[services.Penerima(jumlah_jiwa=9)],
    )
    no5, no6 = queries.spm_bencana(tahun=tahun)
    assert (no5.pembilang, no5.penyebut) == (Decimal(26), Decimal(45))
    assert no5.persen == Decimal("57.78")
    assert (no6.pembilang, no6.penyebut) == (Decimal(24), Decimal(45))
    assert ukuran.UKURAN["bencana.korban_terpenuhi"][2](tahun, "") == Decimal(36)
    assert ukuran.UKURAN["bencana.korban"][2](tahun, "18.04.05") == Decimal(0)
    assert queries.spm_bencana(tahun=tahun - 5)[0].persen is None


def test_tagana_age_rule_comes_from_the_registry_category(registri, persona, orang_a):
    op = persona("operator_a")
    # orang_a was born 1 January 1990: 40 until the end of 2030, 41 from 1 January 2031.
    with pytest.raises(IsianDitolak) as e:
        services.tagana_anggota_catat(pengguna=op, orang=orang_a, tanggal_bergabung=date(2007, 12, 31))
    assert e.value.kolom == "tanggal_bergabung" and "18–40" in e.value.pesan
    a = services.tagana_anggota_catat(pengguna=op, orang=orang_a, tanggal_bergabung=date(2020, 3, 1))
    assert orang_a.klasifikasi.filter(kategori__kode="TAGANA").exists()
    with pytest.raises(TidakBerhak):
        services.pelatihan_catat(pengguna=op, nama="Diklat", mulai=date(2020, 4, 1), selesai=date(2020, 4, 3))
    with pytest.raises(IsianDitolak) as e:
        services.pelatihan_catat(
            pengguna=persona("admin"), nama="Diklat", mulai=date(2020, 4, 3), selesai=date(2020, 4, 1)
        )
    assert e.value.kolom == "selesai"
    services.pelatihan_catat(
        pengguna=persona("admin"),
        nama="Diklat TAGANA",
        mulai=date(2020, 4, 1),
        selesai=date(2020, 4, 3),
        peserta=[a],
    )
    assert queries.tagana_terlatih_sampai(2019) == 0 and queries.tagana_terlatih_sampai(2020) == 1


def test_ksb_and_the_renstra_indicators_fed_from_the_records(renstra_demo, persona):
    from kesos.monev.models import CapaianTahunan
    from kesos.perencanaan.models import RenstraIndikator

    admin = persona("admin")
    services.ksb_catat(pengguna=admin, desa_kode=DESA_A, tanggal_dibentuk=date(2021, 5, 1))
    services.ksb_catat(pengguna=persona("operator_b"), desa_kode=DESA_B, tanggal_dibentuk=date(2022, 5, 1))
    with pytest.raises(IsianDitolak) as e:
        services.ksb_catat(pengguna=admin, desa_kode=DESA_A, tanggal_dibentuk=date(2022, 1, 1))
    assert e.value.kolom == "desa_kode"
    ind = RenstraIndikator.objects.get(uraian="Jumlah Kampung Siaga Bencana")
    with pytest.raises(TidakBerhak):
        services.tautan_renstra_simpan(pengguna=persona("operator_a"), indikator=ind, ukuran="ksb_jumlah")
    services.tautan_renstra_simpan(pengguna=admin, indikator=ind, ukuran="ksb_jumlah")
    assert queries.target_ksb()[0] == Decimal(7)
    services.capaian_renstra_perbarui(pengguna=admin, tahun=2022)
    assert CapaianTahunan.objects.get(indikator=ind, tahun=2022, sampai_dengan=False).realisasi == 2
    # A figure a document stated is not overwritten.
    hasil = services.capaian_renstra_perbarui(pengguna=admin, tahun=2019)
    c = CapaianTahunan.objects.get(indikator=ind, tahun=2019, sampai_dengan=False)
    assert c.sumber != services.SUMBER_CAPAIAN and hasil[0][1] is None


def test_field_kitchen_drill_with_its_equipment(registri, persona):
    lat = services.dapur_umum_catat(
        pengguna=persona("operator_a"),
        tanggal_latihan=date(2020, 8, 17),
        desa_kode=DESA_A,
        uraian="Simulasi DUMLAP",
        jumlah_peserta=30,
        porsi=500,
        peralatan=[("Kompor lapangan", 4, "baik"), ("Tenda dapur", 1, "rusak_ringan")],
    )
    assert lat.peralatan.count() == 2
    with pytest.raises(IsianDitolak) as e:
        services.dapur_umum_catat(
            pengguna=persona("operator_a"),
            tanggal_latihan=date(2020, 8, 17),
            desa_kode=DESA_A,
            uraian="Simulasi",
            peralatan=[("Panci", 0, "baik")],
        )
    assert e.value.kolom == "peralatan baris 1 jumlah"
