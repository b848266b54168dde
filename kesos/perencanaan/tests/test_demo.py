"""The document's Lampiran II, loaded as the demo, is our acceptance data."""

from django.core.management import call_command

from kesos.perencanaan import queries
from kesos.perencanaan.models import BarisRenja, Indikator, Level, Renja, Tahap


def test_demo_renja_has_the_documents_programs_kegiatan_and_totals(renja_demo):
    assert renja_demo.tahap == Tahap.RANCANGAN_AWAL
    assert renja_demo.organisasi.kode == "1.6.1.1"
    r = queries.renja_ringkasan(renja_demo)
    assert r.jumlah_program == 10
    assert r.jumlah_kegiatan == 47
    assert r.pohon.total == 5_694_430_455
    assert r.pohon.total_maju == 6_611_182_965
    assert r.pagu_rkpd == 6_588_429_650
    assert r.selisih_rkpd == 6_588_429_650 - 5_694_430_455


def test_program_pagu_is_derived_from_its_kegiatan(renja_demo):
    pohon = queries.renja_ringkasan(renja_demo).pohon
    per_kode = {b.kode: b for b in pohon.urut}
    # Program 19 (fakir miskin): its eight kegiatan, as the document lists them.
    assert per_kode["1.6.1.1.19"].pagu_hitung == 3_788_157_605
    assert per_kode["1.6.1.1.19"].pagu is None
    assert len(per_kode["1.6.1.1.19"].anak) == 8
    # A program with no kegiatan (23, Penanggulangan Kemiskinan) totals zero.
    assert per_kode["1.6.1.1.23"].pagu_hitung == 0
    assert per_kode["1.6.1.1.24.4"].pagu == 256_821_750


def test_codes_targets_and_texts_are_kept_as_written(renja_demo):
    b = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    assert b.nama == "Penyediaan Jasa Surat Menyurat"
    assert b.lokasi == "Liwa"
    assert b.catatan == "null"
    assert b.sumber_dana.nama == "Dana Alokasi Umum"
    [ind] = b.indikator.all()
    assert ind.target_teks == "1000 Surat"
    assert ind.target_angka == 1000 and ind.target_satuan == "Surat"
    program18 = Indikator.objects.filter(baris__renja=renja_demo, baris__kode="1.6.1.1.18")
    assert [i.target_teks for i in program18] == [
        "100 %",
        "100 Dokumen",
        "100 Dokumen",
        "80 Dokumen",
        "80 Kecamatan",
        "17 Dokumen",
    ]


def test_seed_demo_is_safe_to_run_twice(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    # Lampung Barat 2021, and the national-shape office's 2022 through its stages to Final
    assert sorted(Renja.objects.values_list("tahun", "tahap")) == [
        (2021, "rancangan_awal"),
        (2022, "final"),
        (2022, "rancangan"),
        (2022, "rancangan_awal"),
    ]
    assert BarisRenja.objects.filter(level=Level.KEGIATAN, renja__tahun=2021).count() == 47
    from kesos.monev.models import CapaianTahunan
    from kesos.registri.models import JumlahTercatat, Kategori

    assert Kategori.objects.count() == 38 and JumlahTercatat.objects.count() == 38 * 3
    assert CapaianTahunan.objects.filter(tahun=2019).count() == 37


def test_second_demo_office_is_in_the_national_shape_drawn_from_the_nomenclature(db):
    from kesos.perencanaan.demo import muat_renja_nasional_demo
    from kesos.perencanaan.models import NomenklaturItem
    from kesos.perencanaan.nomenklatur import nomenklatur_muat_baku

    nomenklatur_muat_baku()
    renja = muat_renja_nasional_demo()
    assert muat_renja_nasional_demo() == renja  # safe to run twice
    assert renja.skema.kode == "nasional-050-3708"
    r = queries.renja_ringkasan(renja)
    level = {b.level for b in r.pohon.urut}
    assert level == {"urusan", "bidang", "program", "kegiatan", "sub_kegiatan"}
    resmi = set(NomenklaturItem.objects.filter(versi=renja.nomenklatur).values_list("kode", flat=True))
    assert {b.kode for b in r.pohon.urut if b.level not in ("urusan", "bidang")} <= resmi
    assert r.pohon.total == sum(b.pagu for b in r.pohon.urut if b.level == "sub_kegiatan") > 0
    assert r.pagu_rkpd >= r.pohon.total
    assert not [t for t in queries.renja_temuan(renja)]
