"""Delivery, cycles and their totals, coverage per area, the kegiatan's pagu and realisation,
KUBE groups, RTLH houses, complaints, and the programme check."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kesos.bansos import queries, services
from kesos.bansos.models import JenisManfaat, Penyaluran, Satuan
from kesos.inti.errors import KesosError, KonflikEdit
from kesos.perencanaan.models import SumberDana

from . import pabrik
from .pabrik import DESA_A, DESA_B


@pytest.fixture
def admin(registri, persona):
    return persona("admin")


@pytest.fixture
def terdaftar(admin, persona):
    """PKH 2021 with one cycle; two enrolled in area A, one in B, one eligible not enrolled."""
    p = pabrik.program(admin, kategori_kode=["FM"], nilai_manfaat=750_000)
    per = pabrik.periode(admin, p)
    sik = pabrik.siklus(admin, per, mulai=date(2021, 1, 1), selesai=date(2021, 3, 31))
    a1, a2, a3 = (pabrik.orang(kategori=("FM",)) for _ in range(3))
    b = pabrik.orang(desa=DESA_B, kategori=("FM",))
    k = [services.kepesertaan_daftar(pengguna=admin, periode=per, orang=o) for o in (a1, a2, b)]
    return p, per, sik, k, a3


def _salur(pengguna, sik, k, **kw):
    data = {
        "tanggal": date(2021, 2, 10),
        "uraian": "Bantuan tunai tahap 1",
        "rupiah": 750_000,
        "petugas": "Pendamping PKH",
    }
    return services.penyaluran_catat(pengguna=pengguna, siklus=sik, kepesertaan=k, **(data | kw))


def test_delivery_is_recorded_once_per_cycle_and_audited(terdaftar, persona):
    _, _, sik, k, _ = terdaftar
    op = persona("operator_a")
    p = _salur(op, sik, k[0])
    assert p.desa_kode == DESA_A and p.dicatat_oleh == op
    with pytest.raises(KesosError, match="sudah menerima"):
        _salur(op, sik, k[0])
    with pytest.raises(KesosError, match="di luar wilayah"):
        _salur(op, sik, k[2])
    from kesos.akun.models import AuditLog

    assert AuditLog.objects.get(objek="bansos.Penyaluran", objek_id=str(p.pk)).sesudah["rupiah"] == 750_000


@pytest.mark.parametrize(
    "ubah,pesan",
    [
        ({"rupiah": -1}, "negatif"),
        ({"rupiah": 10**13}, "10.000.000.000"),
        ({"tanggal": date(2021, 5, 1)}, "di luar siklus"),
        ({"uraian": ""}, "wajib"),
        ({"uraian": "=HYPERLINK(\x07)"}, "kendali"),
        ({"petugas": "x" * 121}, "paling banyak 120"),
        ({"jumlah_barang": "-3"}, "0 sampai"),
        ({"jumlah_barang": "abc"}, "bukan angka"),
    ],
)
def test_delivery_fields_are_validated(terdaftar, admin, ubah, pesan):
    _, _, sik, k, _ = terdaftar
    with pytest.raises(KesosError, match=pesan):
        _salur(admin, sik, k[0], **ubah)
    assert not Penyaluran.objects.exists()


def test_only_enrolled_recipients_receive(terdaftar, admin):
    _, _, sik, k, _ = terdaftar
    services.kepesertaan_ubah_status(pengguna=admin, kepesertaan=k[0], status="jeda", alasan="diperiksa")
    k[0].refresh_from_db()
    with pytest.raises(KesosError, match="dijeda"):
        _salur(admin, sik, k[0])


def test_a_closed_cycle_keeps_its_totals_and_takes_no_more(terdaftar, admin, persona):
    _, _, sik, k, _ = terdaftar
    _salur(admin, sik, k[0])
    _salur(admin, sik, k[1], rupiah=500_000)
    with pytest.raises(KesosError, match="Kepala Dinas"):
        services.siklus_tutup(pengguna=persona("operator_a"), siklus=sik)
    s = services.siklus_tutup(pengguna=persona("kadis"), siklus=sik)
    assert (s.total_penerima, s.total_rupiah) == (2, 1_250_000)
    with pytest.raises(KesosError, match="ditutup"):
        _salur(admin, s, k[2])
    assert not [t for t in queries.program_temuan() if "siklus" in t.pesan and t.tingkat == "galat"]


def test_bulk_delivery_to_every_enrolled_recipient_of_the_area(terdaftar, persona):
    _, _, sik, k, _ = terdaftar
    op = persona("operator_a")
    data = {"tanggal": date(2021, 2, 10), "uraian": "Tahap 1", "rupiah": 750_000, "petugas": "Bank"}
    assert services.penyaluran_massal(pengguna=op, siklus=sik, **data) == 2
    assert services.penyaluran_massal(pengguna=op, siklus=sik, **data) == 0
    assert services.penyaluran_massal(pengguna=persona("admin"), siklus=sik, **data) == 1


def test_coverage_per_kecamatan_and_desa_for_an_operator_area(terdaftar, admin):
    p, per, sik, k, a3 = terdaftar
    _salur(admin, sik, k[0])
    c = queries.cakupan(program=p, periode=per)
    per_kec = {b.kode: (b.layak, b.terdaftar, b.tersalur, b.celah) for b in c.baris}
    assert per_kec == {"18.04.04": (3, 2, 1, 2), "18.04.05": (1, 1, 0, 1)}
    assert (c.total.layak, c.total.celah) == (4, 3)
    d = queries.cakupan(program=p, periode=per, lingkup="18.04.04", per="desa")
    assert [(b.kode, b.layak) for b in d.baris] == [(DESA_A, 3)]
    from kesos.bansos import kelayakan

    belum = kelayakan.belum_terlayani(p, per, lingkup="18.04.04")
    assert {(o.pk, o.terdaftar) for o in belum} == {(k[1].orang_id, True), (a3.pk, False)}
    assert set(kelayakan.belum_terlayani(p, per, sampai="daftar").values_list("pk", flat=True)) == {a3.pk}


def test_distributions_against_the_kegiatan_pagu_and_realisation(admin, renja_demo):
    from kesos.monev.models import RealisasiTriwulan

    keg = renja_demo.baris.get(kode="1.6.1.1.19.18")  # KUBE, Rp 149.216.000
    RealisasiTriwulan.objects.create(baris=keg, triwulan=1, rupiah=40_000_000)
    p = pabrik.program(admin, kode="KUBE", satuan=Satuan.ORANG, kegiatan=keg)
    per = pabrik.periode(admin, p)
    sik = pabrik.siklus(admin, per, mulai=date(2021, 1, 1), selesai=date(2021, 6, 30))
    o = pabrik.orang()
    k = services.kepesertaan_daftar(pengguna=admin, periode=per, orang=o)
    _salur(admin, sik, k, rupiah=30_000_000)
    b = queries.perbandingan(per)
    assert (b.pagu, b.realisasi, b.disalurkan) == (149_216_000, 40_000_000, 30_000_000)
    assert (b.selisih_pagu, b.selisih_realisasi) == (119_216_000, 10_000_000)


def test_the_check_lists_programmes_no_kegiatan_pays_for(admin, renja_demo):
    SumberDana.objects.get_or_create(kode="APBN", defaults={"nama": "APBN"})
    pabrik.program(admin, kode="LANSIA", sumber_dana=SumberDana.objects.get(kode="DAU"))
    pabrik.program(admin, kode="PKH", sumber_dana=SumberDana.objects.get(kode="APBN"))
    pabrik.program(admin, kode="KUBE", kegiatan=renja_demo.baris.get(kode="1.6.1.1.19.18"))
    temuan = {(t.program, t.tingkat) for t in queries.program_temuan()}
    assert ("LANSIA", "galat") in temuan and ("PKH", "peringatan") in temuan
    assert not [t for t in temuan if t[0] == "KUBE"]


def test_kube_group_members_enrolment_and_grant(admin, persona):
    kube = pabrik.program(
        admin, kode="KUBE", satuan=Satuan.KELOMPOK, jenis=JenisManfaat.HIBAH_KELOMPOK, kategori_kode=["FM"]
    )
    per = pabrik.periode(admin, kube)
    sik = pabrik.siklus(admin, per)
    op = persona("operator_a")
    anggota = [pabrik.orang(kategori=("FM",)) for _ in range(3)]
    g = services.kelompok_buat(
        pengguna=op,
        program=kube,
        nama="KUBE Maju",
        desa_kode=DESA_A,
        jenis_usaha="Ternak kambing",
        dibentuk=date(2021, 2, 1),
        anggota=[(anggota[0], "ketua"), (anggota[1], "anggota"), (anggota[2], "anggota")],
    )
    with pytest.raises(KesosError, match="sudah punya ketua"):
        services.kelompok_anggota_tambah(
            pengguna=op, kelompok=g, orang=pabrik.orang(kategori=("FM",)), peran="ketua"
        )
    with pytest.raises(KesosError, match="kecamatan"):
        services.kelompok_anggota_tambah(pengguna=admin, kelompok=g, orang=pabrik.orang(desa=DESA_B))
    k = services.kepesertaan_daftar(pengguna=op, periode=per, kelompok=g)
    assert k.status == "terdaftar"
    services.penyaluran_catat(
        pengguna=op,
        siklus=sik,
        kepesertaan=k,
        tanggal=date(2021, 3, 1),
        uraian="Hibah KUBE",
        rupiah=30_000_000,
        petugas="Dinsos",
    )
    c = queries.cakupan(program=kube, periode=per)
    assert (c.total.layak, c.total.terdaftar, c.total.tersalur, c.total.celah) == (4, 3, 3, 1)
    # A group with a member the rule does not admit is refused with the member named.
    g2 = services.kelompok_buat(
        pengguna=op,
        program=kube,
        nama="KUBE Dua",
        desa_kode=DESA_A,
        jenis_usaha="Warung",
        dibentuk=date(2021, 2, 1),
        anggota=[(pabrik.orang(), "ketua")],
    )
    tolak = services.kepesertaan_daftar(pengguna=op, periode=per, kelompok=g2)
    assert tolak.status == "tidak_layak" and "anggota #" in tolak.alasan


def test_rtlh_house_progress_and_stale_edit(admin, persona):
    rtlh = pabrik.program(admin, kode="RTLH", satuan=Satuan.KELUARGA, jenis=JenisManfaat.REHAB_RUMAH)
    kel = pabrik.keluarga()
    pabrik.orang(keluarga=kel)
    op = persona("operator_a")
    r = services.rumah_catat(
        pengguna=op,
        program=rtlh,
        keluarga=kel,
        kondisi_sebelum="rusak_berat",
        biaya=17_500_000,
        foto_sebelum="rtlh/2021/kubu-perahu-01.jpg",
    )
    with pytest.raises(KesosError, match="foto"):
        services.rumah_perbarui(pengguna=op, rumah=r, versi=r.versi, foto_sesudah="javascript:alert(1)")
    r = services.rumah_perbarui(pengguna=op, rumah=r, versi=r.versi, kemajuan=50, mulai=date(2021, 5, 1))
    with pytest.raises(KesosError, match="tidak boleh turun"):
        services.rumah_perbarui(pengguna=op, rumah=r, versi=r.versi, kemajuan=40)
    with pytest.raises(KesosError, match="kondisi sesudah"):
        services.rumah_perbarui(pengguna=op, rumah=r, versi=r.versi, kemajuan=100)
    with pytest.raises(KesosError, match="sebelum"):
        services.rumah_perbarui(pengguna=op, rumah=r, versi=r.versi, selesai=date(2021, 4, 1))
    lama = r.versi
    r = services.rumah_perbarui(
        pengguna=op, rumah=r, versi=lama, kemajuan=100, kondisi_sesudah="layak", selesai=date(2021, 8, 1)
    )
    with pytest.raises(KonflikEdit):
        services.rumah_perbarui(pengguna=op, rumah=r, versi=lama, biaya=1)
    with pytest.raises(KesosError, match="wilayah"):
        services.rumah_perbarui(pengguna=persona("operator_b"), rumah=r, versi=r.versi, biaya=1)


def test_complaints_response_time_counted_per_programme(admin, persona):
    p = pabrik.program(admin)
    op = persona("operator_a")
    t0 = timezone.now() - timedelta(days=3)
    a = services.pengaduan_catat(
        pengguna=op,
        program=p,
        desa_kode=DESA_A,
        jenis="sasaran",
        uraian="Tetangga mampu menerima",
        diterima_pada=t0,
    )
    b = services.pengaduan_catat(
        pengguna=op,
        program=p,
        desa_kode=DESA_A,
        jenis="penyaluran",
        uraian="Belum menerima tahap 1",
        diterima_pada=t0,
    )
    services.pengaduan_tindak_lanjut(
        pengguna=op, pengaduan=a, tindak_lanjut="Diverifikasi ke lapangan", pada=t0 + timedelta(hours=4)
    )
    services.pengaduan_tindak_lanjut(
        pengguna=op,
        pengaduan=a,
        tindak_lanjut="Dikeluarkan dari daftar",
        tutup=True,
        pada=t0 + timedelta(days=2),
    )
    with pytest.raises(KesosError, match="sudah ditutup"):
        services.pengaduan_tindak_lanjut(pengguna=op, pengaduan=a, tindak_lanjut="lagi")
    with pytest.raises(KesosError, match="wilayah"):
        services.pengaduan_tindak_lanjut(pengguna=persona("operator_b"), pengaduan=b, tindak_lanjut="x")
    with pytest.raises(KesosError, match="di antara"):
        services.pengaduan_tindak_lanjut(
            pengguna=op, pengaduan=b, tindak_lanjut="x", pada=t0 - timedelta(days=1)
        )
    [r] = queries.rekap_pengaduan()
    assert (r.jumlah, r.terbuka, r.selesai) == (2, 1, 1)
    assert r.rata_tanggap == timedelta(hours=4) and r.rata_selesai == timedelta(days=2)
    assert queries.rekap_pengaduan(lingkup="18.04.05") == []
