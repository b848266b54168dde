"""The home page's realisation per program agrees with the E.81 table it summarises."""

from kesos.monev import queries, services
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja, Level


def test_per_program_figures_equal_e81(persona, renstra_demo, renja_demo):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    final = rencana.renja_tetapkan_dengan_konfirmasi(renja=rancangan, pengguna=persona("kadis"))
    daun = BarisRenja.objects.filter(renja=final, pagu__gt=0, anak__isnull=True).order_by("urutan")
    for i, b in enumerate(daun[::7]):
        for tw in (1, 2):
            services.realisasi_simpan(
                baris=b, triwulan=tw, rupiah=(b.pagu // 5) + i, nilai={}, pengguna=persona("perencana")
            )
    e81 = {
        r.baris.id: (r.target_rp, r.realisasi_rp or 0)
        for r in queries.e81(final).baris
        if r.baris.level == Level.PROGRAM
    }
    hasil = {p.baris_id: (p.pagu, p.realisasi) for p in queries.realisasi_per_program(final)}
    assert hasil == e81
    assert sum(r for _, r in hasil.values()) > 0 and len(hasil) == 10
