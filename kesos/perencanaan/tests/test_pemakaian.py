"""What confused planners (issue 12): stated totals after an edit, editable versions, Periksa links."""

import pytest

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import KesosError
from kesos.perencanaan import queries, services
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Tahap
from kesos.perencanaan.tests.test_impor import _ekspor


@pytest.fixture
def renja_impor(renja_demo):
    """The document's table imported as a file: its stated subtotals and TOTAL are kept."""
    hasil = renja_import(
        pengguna=SISTEM,
        berkas=_ekspor(renja_demo),
        organisasi=renja_demo.organisasi,
        tahun=2021,
        tahap="rancangan",
    )
    return hasil.renja


def _galat_tertulis(renja):
    return [t for t in queries.renja_temuan(renja) if t.galat and "tertulis" in t.pesan]


def test_after_an_edit_the_planner_accepts_the_computed_totals_once(renja_impor, persona, login):
    baris = BarisRenja.objects.get(renja=renja_impor, kode="1.6.1.1.15.2")
    services.baris_ubah(baris=baris, versi=baris.versi, pagu=5_100_000, pengguna=persona("perencana"))
    # Program 15, bidang, urusan and TOTAL now differ from what the file stated.
    assert {t.kode for t in _galat_tertulis(renja_impor)} == {"1.6.1.1.15", "1 6", "1", "TOTAL"}
    halaman = login("perencana").get(f"/renja/{renja_impor.pk}/periksa/").content.decode()
    assert "Terima jumlah hitungan" in halaman
    assert (
        "Terima jumlah hitungan"
        not in login("reviewer").get(f"/renja/{renja_impor.pk}/periksa/").content.decode()
    )
    with pytest.raises(KesosError):
        services.renja_terima_jumlah(renja=renja_impor, pengguna=persona("reviewer"))
    r = login("perencana").post(f"/renja/{renja_impor.pk}/terima-jumlah/")
    assert r.status_code == 302
    renja_impor.refresh_from_db()
    assert not _galat_tertulis(renja_impor)
    jejak = AuditLog.objects.get(keterangan__startswith="Jumlah hitungan diterima")
    assert jejak.sebelum["total_tertulis"] == 5_694_430_455
    assert jejak.sebelum["baris"]["1.6.1.1.15"][0] == 298_366_800


def test_home_list_and_renja_page_agree_on_what_can_be_edited(renja_demo, login, persona):
    # A newer stage imported beside an open one: the older is no longer the one to edit.
    renja_import(
        pengguna=SISTEM,
        berkas=_ekspor(renja_demo),
        organisasi=renja_demo.organisasi,
        tahun=2021,
        tahap=Tahap.RANCANGAN,
    )
    daftar = dict(dict(queries.renja_per_organisasi())[renja_demo.organisasi])
    lama = next(r for r in daftar if r.tahap == Tahap.RANCANGAN_AWAL)
    assert daftar[lama] is False and not lama.terkunci
    halaman = login("perencana").get(f"/renja/{lama.pk}/").content.decode()
    assert "hanya baca" in halaman and "dapat diubah" not in halaman


def test_periksa_findings_link_to_their_rows_and_badges_say_what_they_count(renja_demo, login):
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.18.14")
    halaman = login("reviewer").get(f"/renja/{renja_demo.pk}/periksa/").content.decode()
    assert f'href="/renja/{renja_demo.pk}/#baris-{baris.pk}"' in halaman
    assert "1 galat" in halaman
    pohon = login("reviewer").get(f"/renja/{renja_demo.pk}/").content.decode()
    assert "1 galat" in pohon and "peringatan" in pohon
