"""The one table reader: headers by words or numbers, merged cells, encodings, damaged files."""

import io
import zipfile
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kesos.inti.errors import ImportDitolak
from kesos.inti.tabel import Kolom, baca_tabel, normal

KOLOM = [
    Kolom("kode", "Kode", ("kode",), 1, ganda=True),
    Kolom("nama", "Nama", ("nama", "uraian"), 2, bukan=("kode",)),
    Kolom("maju", "Pagu maju", ("pagu",), 4, wajib=False, dengan=("maju",)),
    Kolom("pagu", "Pagu", ("pagu",), 3),
]


def xlsx(rows: list[list], merge: list[str] = (), formula_cells: dict[str, str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merge:
        ws.merge_cells(m)
    for sel, rumus in (formula_cells or {}).items():
        ws[sel] = rumus
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def isi(tabel, kunci="nama"):
    return [tabel.teks(b, kunci) for b in tabel.baris()]


def test_header_over_two_rows_tells_columns_apart_by_the_group_above():
    data = xlsx(
        [
            ["Rencana Kerja Dinas Sosial Kabupaten Contoh"],
            ["Kode", "Nama", "Rencana 2022", "Prakiraan Maju 2023"],
            [None, None, "Pagu", "Pagu"],
            ["1.06.02", "Program A", 100, 200],
        ],
        merge=["A1:D1", "A2:A3", "B2:B3"],
    )
    t = baca_tabel(data, kolom=KOLOM)
    assert t.kolom == {"kode": [0], "nama": [1], "maju": [3], "pagu": [2]}
    assert t.judul == ["Rencana Kerja Dinas Sosial Kabupaten Contoh"]
    assert [(b.nomor, t.sel(b, "pagu"), t.sel(b, "maju")) for b in t.baris()] == [(4, 100, 200)]


def test_numbered_row_alone_locates_columns():
    data = xlsx([["(1)", "(2)", "(3)", "(4)"], ["1.06.02", "Program A", 5, 6]])
    t = baca_tabel(data, kolom=KOLOM)
    assert t.kolom == {"kode": [0], "nama": [1], "maju": [3], "pagu": [2]}
    assert isi(t) == ["Program A"]


def test_code_split_over_merged_group_header_and_repeated_headers_skipped():
    kepala = [["Kode", None, None, "Uraian", "Pagu"], ["Urusan", "Bidang", "Program", None, None]]
    data = xlsx(
        [
            *kepala,
            ["1", "06", "02", "Program A", 10],
            [None, None, None, None, None],
            ["Kode", None, None, "Uraian", "Pagu"],  # the header again at a page break
            ["Urusan", "Bidang", "Program", None, None],
            ["1", "06", "03", "Program B", 20],
        ],
        merge=["A1:C1", "D1:D2", "E1:E2", "A5:C5"],
    )
    t = baca_tabel(data, kolom=KOLOM)
    assert t.kolom["kode"] == [0, 1, 2]
    assert [t.sel_semua(b, "kode") for b in t.baris()] == [["1", "06", "02"], ["1", "06", "03"]]
    assert isi(t) == ["Program A", "Program B"]


def test_missing_required_column_is_named():
    data = xlsx([["Kode", "Nama"], ["1", "x"]])
    with pytest.raises(ImportDitolak) as e:
        baca_tabel(data, kolom=KOLOM)
    assert [m.kolom for m in e.value.masalah] == ["Pagu"]


def test_second_sheet_is_read_when_the_first_holds_no_such_table():
    wb = Workbook()
    wb.active.append(["Catatan saja"])
    ws = wb.create_sheet("Lampiran II")
    ws.append(["Kode", "Nama", "Pagu"])
    ws.append(["1.06.02", "Program A", 7])
    buf = io.BytesIO()
    wb.save(buf)
    t = baca_tabel(buf.getvalue(), kolom=KOLOM)
    assert t.nama == "Lampiran II"
    assert isi(t) == ["Program A"]


def test_formula_without_stored_value_is_refused_naming_the_cell():
    data = xlsx([["Kode", "Nama", "Pagu"], ["1", "A", 5], ["2", "B", None]], formula_cells={"C3": "=C2*2"})
    with pytest.raises(ImportDitolak) as e:
        baca_tabel(data, kolom=KOLOM)
    (m,) = e.value.masalah
    assert (m.baris, m.kolom, m.nilai) == (3, "Pagu", "=C2*2")
    assert "rumus" in m.pesan


def test_formula_with_stored_value_is_read_by_its_value():
    data = xlsx([["Kode", "Nama", "Pagu"], ["1", "A", None]], formula_cells={"C2": "=2+3"})
    # A spreadsheet program stores the computed value beside the formula; openpyxl does not,
    # so the stored value is added to the sheet's XML here as Excel would write it.
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            isi_ = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                isi_ = isi_.replace(b"<f>2+3</f><v></v>", b"<f>2+3</f><v>5</v>").replace(
                    b"<f>2+3</f>", b"<f>2+3</f><v>5</v>"
                )
            z.writestr(item, isi_)
    t = baca_tabel(out.getvalue(), kolom=KOLOM)
    assert [t.sel(b, "pagu") for b in t.baris()] == [5]


@pytest.mark.parametrize(
    "pengodean,teks",
    [
        ("utf-8", "Pekon Sukamaju Baru"),
        ("utf-8-sig", "Éka Pratama"),
        ("cp1252", "Éka Pratama"),
        ("utf-16", "Éka"),
    ],
)
def test_csv_in_the_encodings_offices_save(pengodean, teks):
    data = f"Kode;Nama;Pagu\n1.06.02;{teks};1.000\n".encode(pengodean)
    t = baca_tabel(data, kolom=KOLOM, nama="x.csv")
    assert isi(t) == [teks]
    assert [t.sel(b, "pagu") for b in t.baris()] == ["1.000"]


def test_xlsx_named_csv_is_read_as_xlsx():
    data = xlsx([["Kode", "Nama", "Pagu"], ["1", "A", 5]])
    assert isi(baca_tabel(data, kolom=KOLOM, nama="tabel.csv")) == ["A"]


@pytest.mark.parametrize(
    "data,pesan",
    [
        (b"", "kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "XLS"),
        (b"\x00\x01\x02binary\x00", "biner"),
    ],
)
def test_unreadable_files_are_refused_whole(data, pesan):
    with pytest.raises(ImportDitolak) as e:
        baca_tabel(data, kolom=KOLOM)
    assert pesan in str(e.value.masalah[0])


def test_truncated_xlsx_is_refused_not_a_traceback():
    data = xlsx([["Kode", "Nama", "Pagu"], ["1", "A", 5]])
    with pytest.raises(ImportDitolak) as e:
        baca_tabel(data[: len(data) // 2], kolom=KOLOM)
    assert "XLSX rusak" in str(e.value.masalah[0])


def test_huge_csv_cell_is_a_problem_with_its_row():
    data = ("Kode,Nama,Pagu\n1,A,5\n2," + "x" * 200_000 + ",5\n").encode()
    with pytest.raises(ImportDitolak) as e:
        list(baca_tabel(data, kolom=KOLOM).baris())
    assert e.value.masalah[0].baris == 3
    assert "terlalu panjang" in e.value.masalah[0].pesan


def test_csv_rows_are_streamed_again_each_walk(tmp_path):
    berkas = tmp_path / "besar.csv"
    berkas.write_text("Kode,Nama,Pagu\n" + "".join(f"{i},N{i},{i}\n" for i in range(1, 1001)))
    t = baca_tabel(berkas, kolom=KOLOM)
    assert sum(1 for _ in t.baris()) == 1000
    assert sum(1 for _ in t.baris()) == 1000


def test_dates_from_xlsx_cells_stay_dates():
    data = xlsx([["Kode", "Nama", "Pagu"], ["1", datetime(2021, 8, 17), 5]])
    t = baca_tabel(data, kolom=KOLOM)
    assert [t.sel(b, "nama") for b in t.baris()] == [datetime(2021, 8, 17)]


def test_normal_ignores_case_punctuation_and_line_breaks():
    assert normal("Kebutuhan Dana /\nPagu Indikatif") == "kebutuhan dana pagu indikatif"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_table_or_a_refusal(data):
    try:
        t = baca_tabel(data, kolom=KOLOM)
        list(t.baris())
    except ImportDitolak as e:
        assert e.masalah and all(m.pesan for m in e.masalah)


_CONTOH = xlsx([["Judul"], ["Kode", "Nama", "Pagu"], ["1", "A", 5], ["2", "B", 6]], merge=["A1:C1"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_CONTOH) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_workbook_gives_a_table_or_a_refusal(perubahan):
    data = bytearray(_CONTOH)
    for posisi, byte in perubahan:
        data[posisi] = byte
    try:
        t = baca_tabel(bytes(data), kolom=KOLOM)
        list(t.baris())
    except ImportDitolak as e:
        assert e.masalah
