import pytest
from django.core.exceptions import ValidationError

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import KesosError, KonflikEdit, TidakBerhak, TidakBolehDiubah
from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja, Level, Renja, SumberDana, Tahap


@pytest.fixture
def renja(db, persona):
    services.sumber_dana_baku()
    org = services.organisasi_tambah(
        pengguna=SISTEM, kode="1.06.0.00.0.00.01.0000", nama="Dinas Sosial Kota Contoh"
    )
    return services.renja_buat(organisasi=org, tahun=2025, pengguna=persona("perencana"))


@pytest.fixture
def dau(db):
    services.sumber_dana_baku()
    return SumberDana.objects.get(kode="DAU")


def _program(renja, user, kode="1.06.02"):
    return services.baris_tambah(
        renja=renja, level=Level.PROGRAM, kode=kode, nama="Program Pemberdayaan Sosial", pengguna=user
    )


def _kegiatan(renja, program, user, kode, pagu, dau):
    return services.baris_tambah(
        renja=renja,
        level=Level.KEGIATAN,
        kode=kode,
        nama=f"Kegiatan {kode}",
        induk=program,
        pagu=pagu,
        sumber_dana=dau,
        pengguna=user,
        indikator=[services.IndikatorInput("Jumlah KPM", "100 Orang", "120 Orang")],
    )


def test_national_codes_and_derived_program_pagu(renja, persona, dau):
    u = persona("perencana")
    p = _program(renja, u)
    _kegiatan(renja, p, u, "1.06.02.2.01", 1_500_000, dau)
    _kegiatan(renja, p, u, "1.06.02.2.02", 2_250_000, dau)
    pohon = queries.renja_ringkasan(renja).pohon
    assert pohon.total == 3_750_000
    assert pohon.urut[0].pagu_hitung == 3_750_000
    assert [b.kode for b in pohon.urut] == ["1.06.02", "1.06.02.2.01", "1.06.02.2.02"]


def test_child_code_must_extend_parent_and_pagu_cannot_be_negative(renja, persona, dau):
    u = persona("perencana")
    p = _program(renja, u)
    with pytest.raises(ValidationError) as e:
        _kegiatan(renja, p, u, "1.06.03.2.01", 100, dau)
    assert "kode" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _kegiatan(renja, p, u, "1.06.02.2.01", -5, dau)
    assert "pagu" in e.value.message_dict
    assert BarisRenja.objects.filter(renja=renja).count() == 1


def test_adding_a_sub_kegiatan_makes_the_kegiatan_pagu_derived(renja, persona, dau):
    u = persona("perencana")
    p = _program(renja, u)
    k = _kegiatan(renja, p, u, "1.06.02.2.01", 1_000, dau)
    services.baris_tambah(
        renja=renja,
        level=Level.SUB_KEGIATAN,
        kode="1.06.02.2.01.0001",
        nama="Sub",
        induk=k,
        pagu=400,
        sumber_dana=dau,
        pengguna=u,
    )
    k.refresh_from_db()
    assert k.pagu is None
    assert queries.renja_ringkasan(renja).pohon.total == 400


def test_edit_is_audited_with_before_and_after(renja, persona, dau):
    u = persona("perencana")
    p = _program(renja, u)
    k = _kegiatan(renja, p, u, "1.06.02.2.01", 1_000, dau)
    services.baris_ubah(baris=k, versi=k.versi, pagu=2_000, lokasi="Liwa", pengguna=u)
    log = AuditLog.objects.filter(objek=services.OBJEK_BARIS, objek_id=str(k.pk), aksi="ubah").get()
    assert log.pengguna == u
    assert dict((f, (a, b)) for f, a, b in log.perubahan()) == {"lokasi": ("", "Liwa"), "pagu": (1000, 2000)}


def test_second_save_of_the_same_row_is_refused_and_first_edit_stays(renja, persona, dau):
    u1, u2 = persona("perencana"), persona("admin")
    p = _program(renja, u1)
    k = _kegiatan(renja, p, u1, "1.06.02.2.01", 1_000, dau)
    dibaca_u1 = dibaca_u2 = k.versi  # both opened the form
    services.baris_ubah(baris=k, versi=dibaca_u1, pagu=1_111, pengguna=u1)
    with pytest.raises(KonflikEdit) as e:
        services.baris_ubah(baris=k, versi=dibaca_u2, pagu=2_222, pengguna=u2)
    assert "diubah oleh pengguna lain" in str(e.value)
    k.refresh_from_db()
    assert k.pagu == 1_111


def test_delete_and_move(renja, persona, dau):
    u = persona("perencana")
    p1 = _program(renja, u, "1.06.01")
    _kegiatan(renja, p1, u, "1.06.01.2.01", 10, dau)
    p2 = _program(renja, u, "1.06.02")
    k2 = _kegiatan(renja, p2, u, "1.06.02.2.01", 20, dau)
    services.baris_pindah(baris=p2, arah=-1, pengguna=u)
    assert [b.kode for b in queries.renja_ringkasan(renja).pohon.urut] == [
        "1.06.02",
        "1.06.02.2.01",
        "1.06.01",
        "1.06.01.2.01",
    ]
    with pytest.raises(KesosError):
        services.baris_hapus(baris=p2, versi=p2.versi, pengguna=u)  # still has a kegiatan
    services.baris_hapus(baris=k2, versi=k2.versi, pengguna=u)
    assert not BarisRenja.objects.filter(pk=k2.pk).exists()
    assert AuditLog.objects.filter(objek_id=str(k2.pk), aksi="hapus").get().sebelum["pagu"] == 20


def test_stages_copy_lock_and_only_kepala_dinas_finalises(renja, persona, dau):
    perencana, kadis = persona("perencana"), persona("kadis")
    p = _program(renja, perencana)
    _kegiatan(renja, p, perencana, "1.06.02.2.01", 5_000, dau)
    rancangan = services.renja_lanjutkan(renja=renja, pengguna=perencana)
    assert rancangan.tahap == Tahap.RANCANGAN
    assert queries.renja_ringkasan(rancangan).pohon.total == 5_000
    renja.refresh_from_db()
    assert renja.terkunci
    with pytest.raises(TidakBolehDiubah):
        _program(renja, perencana, "1.06.03")
    with pytest.raises(KesosError, match="Kepala Dinas"):
        services.renja_lanjutkan(renja=rancangan, pengguna=perencana)
    final = services.renja_lanjutkan(renja=rancangan, pengguna=kadis)
    assert final.tahap == Tahap.FINAL and final.terkunci and final.ditetapkan_oleh == kadis
    baris_final = BarisRenja.objects.get(renja=final, kode="1.06.02.2.01")
    with pytest.raises(TidakBolehDiubah):
        services.baris_ubah(baris=baris_final, versi=baris_final.versi, pagu=1, pengguna=perencana)
    # Issue 10: a perencana alone turned a Final into a Perubahan.
    with pytest.raises(TidakBerhak, match="Kepala Dinas"):
        services.renja_lanjutkan(renja=final, pengguna=perencana)
    perubahan = services.renja_lanjutkan(renja=final, pengguna=kadis)
    assert perubahan.tahap == Tahap.PERUBAHAN and not perubahan.terkunci
    assert Renja.objects.filter(organisasi=renja.organisasi, tahun=2025).count() == 4
    assert queries.renja_terbaru(organisasi=renja.organisasi, tahun=2025) == perubahan
