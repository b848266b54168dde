import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import KesosError
from kesos.registri import queries, services
from kesos.registri.impor import registri_import
from kesos.registri.models import JumlahTercatat, Kategori, Keluarga, Klasifikasi, Orang, Status

KEPALA = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,alamat,kecamatan,desa,hubungan_keluarga,kategori\n"


def _budi(*, nama: str = "Budi", desa_kode: str = "18.04.04.1001") -> Orang:
    """A synthetic man of Balik Bukit, born 12-03-1985 (NIK 1804041203850001)."""
    o, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama=nama,
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode=desa_kode,
    )
    return o


def _csv(*baris: str) -> bytes:
    return (KEPALA + "\n".join(baris) + "\n").encode()


def test_taxonomy_has_26_pmks_and_12_psks_and_the_documents_table(registri):
    assert Kategori.objects.filter(jenis="PMKS").count() == 26
    assert Kategori.objects.filter(jenis="PSKS").count() == 12
    assert JumlahTercatat.objects.get(kategori_kode="FM", tahun=2019).jumlah == 34384
    assert JumlahTercatat.objects.get(kategori_kode="LUT", tahun=2019).jumlah is None  # "-" is unknown


@pytest.mark.parametrize(
    "kode,lahir,jk,boleh",
    [
        ("ABT", date(2021, 6, 1), "L", True),
        ("ABT", date(2019, 6, 1), "L", False),
        ("AT", date(2010, 1, 1), "P", True),
        ("AT", date(2004, 1, 1), "P", False),
        ("ABH", date(2010, 1, 1), "L", True),
        ("ABH", date(2008, 6, 1), "L", False),  # 18 on the day
        ("LUT", date(1966, 1, 1), "L", True),
        ("LUT", date(1967, 1, 1), "L", False),
        ("PRSE", date(1990, 1, 1), "P", True),
        ("PRSE", date(1990, 1, 1), "L", False),
        ("TAGANA", date(2000, 1, 1), "L", True),
        ("TAGANA", date(1980, 1, 1), "L", False),
        ("KT", date(2012, 1, 1), "L", True),
        ("TKSK", date(2003, 1, 1), "L", False),
    ],
)
def test_classification_rules_are_checked_as_of_the_date(registri, kode, lahir, jk, boleh):
    pada = date(2026, 6, 1)
    assert (
        Kategori.objects.get(kode=kode).langgar(tanggal_lahir=lahir, jenis_kelamin=jk, pada=pada) is None
    ) == boleh


def test_classification_is_refused_with_the_rule_named(registri):
    o = _budi(nama="Budi Contoh", desa_kode="18.04.04.2002")
    with pytest.raises(KesosError, match="Lanjut usia terlantar mensyaratkan usia 60 tahun ke atas"):
        services.klasifikasi_tambah(
            pengguna=SISTEM, orang=o, kategori=Kategori.objects.get(kode="LUT"), tanggal=date(2026, 1, 1)
        )
    services.klasifikasi_tambah(
        pengguna=SISTEM, orang=o, kategori=Kategori.objects.get(kode="FM"), tanggal=date(2026, 1, 1)
    )
    assert Klasifikasi.objects.filter(orang=o).count() == 1


def test_category_in_use_is_amended_as_a_new_version(registri):
    o = _budi(nama="Budi", desa_kode="18.04.04.2002")
    tksk = Kategori.objects.get(kode="TKSK")
    services.klasifikasi_tambah(pengguna=SISTEM, orang=o, kategori=tksk, tanggal=date(2026, 1, 1))
    baru = services.kategori_ubah(pengguna=SISTEM, kategori=tksk, usia_max=55)
    tksk.refresh_from_db()
    assert (tksk.usia_max, tksk.aktif, baru.versi, baru.usia_max) == (50, False, 2, 55)
    assert Klasifikasi.objects.get(orang=o).kategori == tksk


def test_deleting_is_a_recorded_status_change(registri, persona):
    o = _budi(nama="Budi", desa_kode="18.04.04.2002")
    services.orang_ubah_status(orang=o, status=Status.MENINGGAL, pengguna=persona("operator_a"))
    assert Orang.data_pribadi.get(pk=o.pk).status == Status.MENINGGAL
    log = AuditLog.objects.filter(objek=services.OBJEK_ORANG, objek_id=str(o.pk), aksi="status").get()
    assert log.sebelum == {"status": "hidup"} and log.sesudah == {"status": "meninggal"}


def test_person_models_have_no_default_objects_manager():
    assert not hasattr(Orang, "objects") and not hasattr(Keluarga, "objects")
    hanya, tunda = Orang.agregat.all().query.deferred_loading
    assert tunda is False and "nama" not in hanya and "nik" not in hanya and "alamat" not in hanya


def test_import_matches_desa_by_name_tolerating_typos_and_both_date_formats(registri):
    hasil = registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            "1804041203850001,1804040000010001,Budi Contoh,L,12-03-1985,Dusun 1,balik bukit,PASAR  LIWA,"
            "Kepala Keluarga,fakir miskin",
            "1804045507900002,1804040000010001,Siti Contoh,P,1990-07-15,Dusun 1,Balik Bukit,Pasar Liw,Istri,",
        ),
        pada=date(2026, 6, 1),
    )
    assert (hasil.dibuat, hasil.ditolak) == (2, 0), hasil.catatan
    budi = Orang.data_pribadi.get(nik="1804041203850001")
    assert budi.desa_kode == "18.04.04.1001" and budi.keluarga.kepala == budi
    assert budi.keluarga.anggota.count() == 2
    assert Klasifikasi.objects.get(orang=budi).kategori.kode == "FM"


def test_import_is_all_or_nothing_with_a_report_and_reimport_updates(registri, tmp_path):
    isi = _csv(
        "1804041203850001,,Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,,",
        "1804041203850099,,Salah Kelamin,P,12-03-1985,,Balik Bukit,Pasar Liwa,,",
        "1804041203850002,,Entah,L,12-03-1985,,Balik Bukit,Tidak Ada Desa,,",
        "1804041203850003,,Tua,L,12-03-1985,,Balik Bukit,Pasar Liwa,,Lanjut usia terlantar",
        "1804041203850004,,Tanggal,L,1985/31/12,,Balik Bukit,Pasar Liwa,,",
    )
    hasil = registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1))
    assert not hasil.disimpan and Orang.data_pribadi.count() == 0
    laporan = {(c.baris, c.kolom) for c in hasil.catatan if c.tingkat == "ditolak"}
    assert {(3, "nik"), (4, "desa"), (5, "kategori"), (6, "tanggal_lahir")} <= laporan
    f = tmp_path / "lap.csv"
    hasil.tulis_laporan(f)
    assert next(csv.reader(io.StringIO(f.read_text()))) == ["baris", "kolom", "tingkat", "pesan", "isian"]
    hasil = registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1), simpan_yang_sah=True)
    assert hasil.disimpan and hasil.dibuat == 1
    ulang = registri_import(
        pengguna=SISTEM,
        berkas=_csv("1804041203850001,,Budi Baru,L,12-03-1985,,Balik Bukit,Pasar Liwa,,"),
        pada=date(2026, 6, 1),
    )
    assert (ulang.dibuat, ulang.diperbarui) == (0, 1) and Orang.data_pribadi.count() == 1
    assert AuditLog.objects.filter(objek=services.OBJEK_ORANG, aksi="ubah").get().sebelum["nama"] == "Budi"


def test_import_writes_households_with_their_head_across_chunks(registri, monkeypatch):
    monkeypatch.setattr("kesos.registri.impor.UKURAN_KELOMPOK", 2)
    kk = "1804040000010001"
    hasil = registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            f"1804045507900002,{kk},Siti,P,15-07-1990,,Balik Bukit,Pasar Liwa,Istri,",
            f"1804041505100003,{kk},Anak,L,15-05-2010,,Balik Bukit,Pasar Liwa,Anak,",
            f"1804041203850001,{kk},Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,Kepala Keluarga,",
        ),
        pada=date(2026, 6, 1),
    )
    assert hasil.dibuat == 3, hasil.catatan
    kel = Keluarga.data_pribadi.get(no_kk=kk)
    assert kel.kepala.nik == "1804041203850001" and kel.anggota.count() == 3
    assert [(r.no_kk, r.kepala_nik) for r in kel.riwayat.all()] == [(kk, "1804041203850001")]

    # A later file names another head of the same household: the household is kept, its head changes.
    registri_import(
        pengguna=SISTEM,
        berkas=_csv(f"1804045507900002,{kk},Siti,P,15-07-1990,,Balik Bukit,Pasar Liwa,Kepala Keluarga,"),
        pada=date(2026, 7, 1),
    )
    kel.refresh_from_db()
    assert kel.kepala.nik == "1804045507900002" and Keluarga.data_pribadi.count() == 1

    # Ids reserved by the import leave the usual way of adding a person working.
    o, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804044107950004",
        nama="Rina",
        jenis_kelamin="P",
        tanggal_lahir=date(1995, 7, 1),
        desa_kode="18.04.04.1001",
    )
    assert o.pk > max(Orang.data_pribadi.exclude(pk=o.pk).values_list("pk", flat=True))


@pytest.mark.parametrize("proses", [0, 1])
def test_a_refused_row_late_in_a_large_file_rolls_back_the_chunks_already_written(
    registri, tmp_path, monkeypatch, proses
):
    monkeypatch.setattr("kesos.registri.impor.UKURAN_KELOMPOK", 50)
    f = tmp_path / "syn.csv"
    call_command("registri", "synth", "--persons", "300", "-o", str(f))
    baris = f.read_text().splitlines()
    baris[250] = "123" + baris[250][16:]  # a NIK of 3 digits in the fifth chunk
    f.write_text("\n".join(baris) + "\n")

    hasil = registri_import(pengguna=SISTEM, berkas=f, proses=proses)
    assert not hasil.disimpan and (hasil.dibuat, hasil.ditolak) == (0, 1)
    assert [(c.baris, c.kolom) for c in hasil.catatan if c.tingkat == "ditolak"] == [(251, "nik")]
    assert Orang.data_pribadi.count() == 0 and Keluarga.data_pribadi.count() == 0
    assert not AuditLog.objects.filter(objek=services.OBJEK_ORANG).exists()

    hasil = registri_import(pengguna=SISTEM, berkas=f, proses=proses, simpan_yang_sah=True)
    assert hasil.disimpan and hasil.dibuat == 299 == Orang.data_pribadi.count()
    assert AuditLog.objects.filter(objek=services.OBJEK_ORANG, aksi="buat").count() == 299


def test_persons_on_record_are_found_by_join_and_by_reading_the_table_alike(registri):
    from kesos.registri.massal import id_menurut_nomor

    registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            "1804041203850001,,Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,,",
            "1804045507900002,,Siti,P,15-07-1990,,Balik Bukit,Pasar Liwa,,",
            "1804041505100003,,Anak,L,15-05-2010,,Balik Bukit,Pasar Liwa,,",
        ),
        pada=date(2026, 6, 1),
    )
    budi = Orang.data_pribadi.get(nik="1804041203850001").pk
    # Fewer numbers than rows on record: joined through a temporary table.
    assert id_menurut_nomor(Orang, "nik", ["1804041203850001", "1804040101010009"]) == {
        "1804041203850001": budi
    }
    # More numbers than rows: the table is read whole.
    lima = ["1804041203850001", *(f"18040401010100{i:02d}" for i in range(1, 5))]
    assert id_menurut_nomor(Orang, "nik", lima) == {"1804041203850001": budi}


def test_text_is_stored_exactly_as_written_whatever_it_contains(registri):
    nama, alamat = "Budi \\N\tbin\\Ahmad", 'Dusun 1\nRT 02 \\ "Mawar"'
    f = io.StringIO()
    csv.writer(f).writerows(
        [
            KEPALA.strip().split(","),
            ["1804041203850001", "", nama, "L", "12-03-1985", alamat, "Balik Bukit", "Pasar Liwa", "", ""],
        ]
    )
    hasil = registri_import(pengguna=SISTEM, berkas=f.getvalue().encode(), pada=date(2026, 6, 1), proses=0)
    assert hasil.dibuat == 1, hasil.catatan
    o = Orang.data_pribadi.get(nik="1804041203850001")
    assert (o.nama, o.alamat) == (nama, alamat)
    assert AuditLog.objects.get(objek=services.OBJEK_ORANG).sesudah["alamat"] == alamat


def test_a_failure_in_the_checking_worker_is_raised_and_nothing_is_saved(registri, tmp_path, monkeypatch):
    from kesos.registri import impor

    f = tmp_path / "syn.csv"
    call_command("registri", "synth", "--persons", "50", "-o", str(f))

    def rusak(self, diperiksa):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(impor.Penyusun, "susun", rusak)
    with pytest.raises(KesosError, match="disk penuh"):
        registri_import(pengguna=SISTEM, berkas=f, proses=1)
    assert Orang.data_pribadi.count() == 0


def test_a_household_whose_head_is_refused_is_kept_without_a_head(registri):
    kk = "1804040000010001"
    hasil = registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            f"1804045507900002,{kk},Siti,P,15-07-1990,,Balik Bukit,Pasar Liwa,Istri,",
            f"1804041203850001,{kk},Budi,P,12-03-1985,,Balik Bukit,Pasar Liwa,Kepala Keluarga,",
        ),
        simpan_yang_sah=True,
        pada=date(2026, 6, 1),
    )
    assert (hasil.dibuat, hasil.ditolak) == (1, 1)
    kel = Keluarga.data_pribadi.get(no_kk=kk)
    assert kel.kepala is None and kel.riwayat.get().kepala_nik == ""


def test_duplicate_nik_in_a_file_and_ambiguous_desa_are_reported(registri):
    hasil = registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            "1804041203850001,,Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,,",
            "1804041203850001,,Budi Lagi,L,12-03-1985,,Balik Bukit,Pasar Liwa,,",
        ),
        pada=date(2026, 6, 1),
    )
    assert any("NIK sama dengan baris 2" in c.pesan for c in hasil.catatan)


def test_column_map_and_missing_column(registri):
    isi = (
        b"ID_WARGA,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa\n"
        b"1804041203850001,Budi,L,12-03-1985,Balik Bukit,Pasar Liwa\n"
    )
    assert registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1)).catatan[0].kolom == "nik"
    assert (
        registri_import(
            pengguna=SISTEM, berkas=isi, peta_kolom={"ID_WARGA": "nik"}, pada=date(2026, 6, 1)
        ).dibuat
        == 1
    )


def test_headers_as_offices_write_them_title_rows_and_an_xlsx(registri):
    """'No. KK', 'Tgl Lahir', 'Desa/Kelurahan' under a title row, in a workbook with typed cells."""
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DATA PMKS KECAMATAN BALIK BUKIT"])
    ws.append(["NIK", "No. KK", "Nama Lengkap", "L/P", "Tgl Lahir", "Kecamatan", "Desa/Kelurahan", "SHDK"])
    ws.append(
        [
            1804041203850001,
            1804040101100001,
            "Budi",
            "L",
            datetime(1985, 3, 12),
            "Balik Bukit",
            "Pasar Liwa",
            "Kepala Keluarga",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    hasil = registri_import(
        pengguna=SISTEM, berkas=buf.getvalue(), nama_berkas="data.xlsx", pada=date(2026, 6, 1)
    )
    assert (hasil.dibuat, hasil.ditolak) == (1, 0), hasil.catatan
    orang = Orang.data_pribadi.get()
    assert (orang.nik, orang.tanggal_lahir, orang.keluarga.no_kk) == (
        "1804041203850001",
        date(1985, 3, 12),
        "1804040101100001",
    )


KEPALA_CSV = "nik,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa\n"


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"\x00\x01binary\x00\x02", "bukan tabel"),
        (b"PK\x03\x04" + b"\0" * 50, "XLSX rusak"),
        ((KEPALA_CSV + "1," + "x" * 140_000 + ",L,1-1-1990,a,b\n").encode(), "terlalu panjang"),
    ],
)
def test_unreadable_files_are_refused_whole_with_a_message(registri, isi, pesan):
    hasil = registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1))
    assert not hasil.disimpan and Orang.data_pribadi.count() == 0
    assert pesan in str(hasil.catatan[0])


def test_latin1_csv_is_read(registri):
    isi = KEPALA_CSV + "1804041203850001,Éka,L,12-03-1985,Balik Bukit,Pasar Liwa\n"
    hasil = registri_import(pengguna=SISTEM, berkas=isi.encode("latin-1"), pada=date(2026, 6, 1))
    assert hasil.dibuat == 1, hasil.catatan
    assert Orang.data_pribadi.get().nama == "Éka"


def test_synthetic_registry_imports_clean_and_counts_add_up(registri, tmp_path, capsys):
    f = tmp_path / "syn.csv"
    call_command("registri", "synth", "--persons", "400", "-o", str(f))
    call_command("registri", "import", str(f))
    assert Orang.data_pribadi.count() == 400
    call_command("registri", "import", str(f))  # again: updates, never duplicates
    assert Orang.data_pribadi.count() == 400
    capsys.readouterr()
    call_command("registri", "rekap", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and set(rows[0]) == {"kode_wilayah", "nama_wilayah", "kategori", "jumlah"}
    fm = sum(int(r["jumlah"]) for r in rows if r["kategori"] == "Fakir miskin")
    assert fm == Klasifikasi.objects.filter(kategori__kode="FM").count()
    publik = queries.untuk_publik(queries.rekap(per="desa"))
    assert all(t == "< 5" for b, t in publik if b.jumlah < 5)


def test_cli_import_refuses_and_exits_nonzero(registri, tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(_csv("123,,X,L,12-03-1985,,Balik Bukit,Pasar Liwa,,"))
    with pytest.raises(CommandError, match="1 baris ditolak"):
        call_command("registri", "import", str(f))
    assert (tmp_path / "x.laporan.csv").exists()


def test_rekap_per_year_counts_classifications_made_by_then(registri):
    from kesos.registri.models import Kategori

    o = _budi(nama="Budi", desa_kode="18.04.04.1001")
    services.klasifikasi_tambah(
        pengguna=SISTEM, orang=o, kategori=Kategori.objects.get(kode="FM"), tanggal=date(2025, 5, 1)
    )
    assert queries.rekap(tahun=2024) == []
    [b] = queries.rekap(tahun=2025)
    assert (b.kode_wilayah, b.nama_wilayah, b.kategori, b.jumlah) == (
        "18.04.04",
        "Balik Bukit",
        "Fakir miskin",
        1,
    )
    services.orang_ubah_status(pengguna=SISTEM, orang=o, status=Status.MENINGGAL)
    assert queries.rekap(tahun=2025) == []  # counts are of living persons


def test_household_keeps_its_identity_and_kk_history(registri):
    registri_import(
        pengguna=SISTEM,
        berkas=_csv(
            "1804041203850001,1804040000010001,Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,Kepala Keluarga,",
            "1804045507900002,1804040000010001,Siti,P,15-07-1990,,Balik Bukit,Pasar Liwa,Istri,",
        ),
        pada=date(2026, 6, 1),
    )
    kel = Keluarga.data_pribadi.get()
    siti = Orang.data_pribadi.get(nik="1804045507900002")
    services.keluarga_ganti_kk(
        pengguna=SISTEM,
        keluarga=kel,
        no_kk="1804040000010099",
        kepala=siti,
        tanggal=date(2026, 7, 1),
        keterangan="kepala keluarga meninggal",
    )
    kel.refresh_from_db()
    assert kel.no_kk == "1804040000010099" and kel.kepala == siti
    assert [r.no_kk for r in kel.riwayat.all()] == ["1804040000010001", "1804040000010099"]
    with pytest.raises(KesosError, match="16 angka"):
        services.keluarga_ganti_kk(pengguna=SISTEM, keluarga=kel, no_kk="123", tanggal=date(2026, 8, 1))


def test_counts_follow_a_person_who_moves_desa_or_dies(registri):
    from kesos.registri.models import Kategori

    o = _budi(nama="Budi", desa_kode="18.04.04.1001")
    services.klasifikasi_tambah(
        pengguna=SISTEM, orang=o, kategori=Kategori.objects.get(kode="FM"), tanggal=date(2025, 5, 1)
    )
    assert [b.kode_wilayah for b in queries.rekap()] == ["18.04.04"]
    services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama="Budi",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.05.2001",
    )
    assert [b.kode_wilayah for b in queries.rekap()] == ["18.04.05"]
    registri_import(
        pengguna=SISTEM,
        berkas=_csv("1804041203850001,,Budi,L,12-03-1985,,Balik Bukit,Pasar Liwa,,"),
        pada=date(2026, 6, 1),
    )
    assert [b.kode_wilayah for b in queries.rekap(per="desa")] == ["18.04.04.1001"]
    services.orang_ubah_status(pengguna=SISTEM, orang=o, status=Status.PINDAH)
    assert queries.rekap() == []
