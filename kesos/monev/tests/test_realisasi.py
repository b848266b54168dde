import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kesos.akun.models import AuditLog
from kesos.inti.errors import KesosError, KonflikEdit, TidakBolehDiubah
from kesos.laporan.evaluasi_xlsx import E81_KEPALA, E81_KOLOM, buat_e81, buat_tc29
from kesos.monev import services
from kesos.monev.capaian import bulat
from kesos.monev.queries import e81, tc29
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja, Tahap


@pytest.fixture
def renja_final(renstra_demo, renja_demo, persona):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    return rencana.renja_lanjutkan(renja=rancangan, pengguna=persona("kadis"))


def _baris(renja, kode):
    return BarisRenja.objects.get(renja=renja, kode=kode)


def _catat(baris, triwulan, rupiah, nilai, pengguna, versi=None, **kw):
    ind = baris.indikator.order_by("urutan").first()
    return services.realisasi_simpan(
        baris=baris,
        triwulan=triwulan,
        rupiah=rupiah,
        nilai={ind.id: nilai},
        versi=versi,
        pengguna=pengguna,
        **kw,
    )


def test_realisation_needs_an_adopted_renja(renja_demo, persona):
    with pytest.raises(TidakBolehDiubah, match="final"):
        _catat(_baris(renja_demo, "1.6.1.1.20.3"), 1, 10, D(3), persona("perencana"))


def test_quarters_sum_and_achievement_is_not_capped(renja_final, persona):
    op = persona("perencana")
    katarak = _baris(renja_final, "1.6.1.1.20.3")  # target 15 Orang, Rp 124.750.000
    for tw, orang, rp in [(1, 3, 20_000_000), (2, 5, 30_000_000), (3, 6, 40_000_000), (4, 4, 34_750_000)]:
        _catat(katarak, tw, rp, D(orang), op, faktor_penghambat="antrean rumah sakit" if tw == 2 else "")
    tabel = e81(renja_final)
    row = next(r for r in tabel.baris if r.baris.kode == "1.6.1.1.20.3")
    assert row.tw_k == [3, 5, 6, 4] and row.realisasi_k == 18
    assert bulat(row.capaian_k) == D("120.00")
    assert row.realisasi_rp == 124_750_000 and row.capaian_rp == 100
    assert row.predikat == "Sangat Tinggi"
    assert row.faktor_penghambat == "antrean rumah sakit"
    # Renstra (Lampiran I 1 6 16 14, target 75): 15 to 2018 + 15 in 2019 (2020 has a target but
    # no recorded realisation) = 30, + 18 this year = 48, i.e. 64 % of the Renstra target.
    assert row.renstra_sampai_lalu_k == 30 and row.renstra_sampai_kini_k == 48
    assert row.renstra_capaian_k == 64
    program = next(r for r in tabel.baris if r.baris.kode == "1.6.1.1.20")
    assert bulat(program.rata_rata) == D("120.00")


def test_submitted_quarter_is_locked_and_only_kepala_dinas_corrects(renja_final, persona):
    op, kadis = persona("perencana"), persona("kadis")
    baris = _baris(renja_final, "1.6.1.1.20.3")
    r = _catat(baris, 1, 1_000, D(2), op)
    r = services.realisasi_ajukan(realisasi=r, pengguna=op)
    with pytest.raises(TidakBolehDiubah, match="Kepala Dinas"):
        _catat(baris, 1, 2_000, D(3), op, versi=r.versi)
    r = _catat(baris, 1, 2_000, D(3), kadis, versi=r.versi)
    assert r.rupiah == 2_000 and r.terkunci
    log = AuditLog.objects.filter(objek=services.OBJEK, objek_id=str(r.pk)).first()
    assert log.pengguna == kadis and "Koreksi" in log.keterangan
    assert log.sebelum["rupiah"] == 1_000 and log.sesudah["rupiah"] == 2_000


def test_stale_or_bad_realisation_is_refused(renja_final, persona):
    op = persona("perencana")
    baris = _baris(renja_final, "1.6.1.1.20.3")
    r = _catat(baris, 1, 1_000, D(2), op)
    _catat(baris, 1, 1_500, D(2), op, versi=r.versi)
    with pytest.raises(KonflikEdit):
        _catat(baris, 1, 9_999, D(2), op, versi=r.versi)
    with pytest.raises(KesosError, match="negatif"):
        _catat(baris, 2, -1, D(2), op)
    with pytest.raises(KesosError, match="Triwulan 5"):
        _catat(baris, 5, 1, D(2), op)
    with pytest.raises(KesosError, match="rincian"):
        _catat(_baris(renja_final, "1.6.1.1.20"), 1, 1, D(1), op)


def test_zero_realisation_against_zero_target_is_not_rated(renja_final, persona):
    # 1.6.1.1.21.1 has a target of 15 Orang and a pagu of Rp 0.
    _catat(_baris(renja_final, "1.6.1.1.21.1"), 1, 0, D(0), persona("perencana"))
    row = next(r for r in e81(renja_final).baris if r.baris.kode == "1.6.1.1.21.1")
    assert row.capaian_k == 0 and row.capaian_rp is None


def test_e81_xlsx_reads_back(renja_final, persona):
    katarak = _baris(renja_final, "1.6.1.1.20.3")
    _catat(katarak, 1, 20_000_000, D(3), persona("perencana"))
    ws = load_workbook(io.BytesIO(buat_e81(e81(renja_final)))).active
    nomor = [ws.cell(E81_KEPALA + 2, E81_KOLOM[n]).value for n in range(1, 19)]
    assert nomor == [f"({n})" for n in range(1, 19)]
    row = next(r for r in ws.iter_rows(min_row=E81_KEPALA + 3) if r[2].value == "1.6.1.1.20.3")
    assert row[E81_KOLOM[9] - 1].value == 3
    assert row[E81_KOLOM[9]].value == 20_000_000
    assert row[E81_KOLOM[8]].value == 124_750_000
    assert row[E81_KOLOM[14] - 1].value == 20.0  # 3 of 15


def test_tc29_xlsx_reads_back_with_computed_figures(renstra_demo, renja_demo):
    ws = load_workbook(io.BytesIO(buat_tc29(tc29(organisasi=renja_demo.organisasi, tahun=2021)))).active
    assert [ws.cell(6, c).value for c in range(1, 12)] == [f"({i})" for i in range(1, 12)]
    odgj = next(r for r in ws.iter_rows(min_row=7) if r[0].value == "1 6 16 15")
    assert [c.value for c in odgj[3:11]] == [50, 0, 10, 10, 100.0, 5, 15, 30.0]
    dak = next(r for r in ws.iter_rows(min_row=7) if r[0].value == "1 6 16 17")
    assert dak[7].value == "tidak dapat dihitung"


def test_cli_exports_both_tables(renja_final, tmp_path):
    for tabel in ("tc29", "e81"):
        f = tmp_path / f"{tabel}.xlsx"
        call_command(
            "evaluasi", "export", "--tabel", tabel, "--year", "2021", "--format", "xlsx", "-o", str(f)
        )
        assert load_workbook(f).active.max_row > 40
    assert renja_final.tahap == Tahap.FINAL


def test_cli_budget_realisation_2019(renstra_demo, capsys):
    call_command("evaluasi", "anggaran", "--year", "2019")
    out = capsys.readouterr().out
    assert "Rp 6.627.182.650" in out and "Rp 6.258.855.530" in out and "94,44 %" in out
    assert "43,75 %" in out and "58 pekon" in out
