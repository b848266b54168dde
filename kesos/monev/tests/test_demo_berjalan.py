"""The demo's year in progress: the synthetic office's Renja final with its quarters recorded,
and a verification round under way, as the head of office's home page shows them."""

from datetime import date

from kesos.akun.access import SISTEM
from kesos.monev.demo import muat_realisasi_demo
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan.demo import muat_renja_nasional_demo
from kesos.perencanaan.models import BarisRenja, Tahap
from kesos.perencanaan.nomenklatur import nomenklatur_muat_baku
from kesos.registri import services as layanan_registri
from kesos.registri.demo import muat_verval_demo
from kesos.registri.models import PutaranVerval, Verval
from kesos.wilayah.services import wilayah_muat_lampung_barat


def test_the_synthetic_office_has_a_final_renja_with_three_quarters(db, login):
    wilayah_muat_lampung_barat()
    nomenklatur_muat_baku()
    final = muat_realisasi_demo(muat_renja_nasional_demo())
    assert final.tahap == Tahap.FINAL
    daun = BarisRenja.objects.filter(renja=final, anak__isnull=True, pagu__gt=0)
    rt = RealisasiTriwulan.objects.filter(baris__renja=final)
    assert rt.count() == 3 * daun.count() > 0
    assert set(rt.filter(terkunci=True).values_list("triwulan", flat=True)) == {1, 2}
    for b in daun:
        dipakai = sum(rt.filter(baris=b).values_list("rupiah", flat=True))
        assert 0 < dipakai <= b.pagu
    assert muat_realisasi_demo(final) == final and rt.count() == 3 * daun.count()
    html = login("kadis").get("/").content.decode()
    assert "ditampilkan tahun 2022" in html and "dari pagu Rp 9.691.265.000" in html


def test_the_demo_round_is_under_way_in_the_operators_kecamatan(registri, persona):
    operator = persona("operator_a")
    for i in range(20):
        layanan_registri.orang_simpan(
            pengguna=SISTEM,
            nik=f"180404120385{i + 1:04d}",
            nama=f"Warga Demo {i}",
            jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode=("18.04.04.1001", "18.04.04.2002", "18.04.04.2004")[i % 3],
            alamat="Dusun 1",
        )
    putaran = muat_verval_demo(kepala=persona("kadis"), operator=operator)
    assert putaran.terbuka
    per_desa = {d: Verval.objects.filter(putaran=putaran, desa_kode=d).count() for d in ("18.04.04.1001",)}
    assert per_desa["18.04.04.1001"] == round(7 * 0.8)
    assert Verval.objects.filter(putaran=putaran).count() < 20
    assert muat_verval_demo(kepala=persona("kadis"), operator=operator) is None
    assert PutaranVerval.objects.count() == 1
