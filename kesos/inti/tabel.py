"""One reader for every table an office sends: an XLSX workbook or a CSV file.

Every importer (Renja, E.81, registry, wilayah, recipient lists) describes the columns it
wants (``Kolom``) and gets back a ``Tabel``: the header found by its words or by its numbered
row ``(1) (2) …``, whichever the file has, over one to three header rows; merged cells
resolved; title rows above the header kept (``judul``) for whoever wants to know whose table
it is; blank rows and headers repeated at page breaks skipped. A file that cannot be read at
all, a formula cell without a stored value, a cell too long for any spreadsheet: each is a
``Masalah`` (row, column, value, message) in an ``ImportDitolak``, never a traceback.

A workbook is read once: the rows of a sheet are kept, so an importer may walk them twice.
A CSV file is streamed from disk each time its rows are walked, so a million-row registry
never sits in memory.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from .errors import ImportDitolak, Masalah

Berkas = str | Path | bytes | io.BytesIO

MAKS_SEL = 32_767  # a spreadsheet program's own limit for one cell
BARIS_CARI_KEPALA = 40  # the header is looked for among the first rows of a sheet
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the binary .xls of Excel 97-2003


@dataclass(frozen=True)
class Kolom:
    """A column an importer wants, and how a header may name it.

    ``kata``: phrases of which one must stand in the header (lower case; matched as whole
    words within the header's text, or as the whole text when ``persis``). ``dengan``: of these,
    one must stand there too. ``bukan``: none of these may. The header's text of a column is the
    text of all its header rows, so "Prakiraan Maju" above "Target" names a target column apart
    from the plain "Target". ``nomor``: the column's number in a numbered header row. ``ganda``:
    the column may be split over several (a code written as urusan | bidang | program | …).
    """

    kunci: str
    label: str
    kata: tuple[str, ...] = ()
    nomor: int | None = None
    wajib: bool = True
    dengan: tuple[str, ...] = ()
    bukan: tuple[str, ...] = ()
    ganda: bool = False
    persis: bool = False

    def cocok(self, teks: str) -> bool:
        if not teks:
            return False
        bingkai = f" {teks} "
        if self.persis:
            ada = teks in self.kata
        else:
            ada = any(f" {k} " in bingkai for k in self.kata)
        return (
            ada
            and (not self.dengan or any(f" {k} " in bingkai for k in self.dengan))
            and not any(f" {k} " in bingkai for k in self.bukan)
        )


class BarisTabel(NamedTuple):
    nomor: int  # the row's number in the file (sheet row; record number in a CSV)
    nilai: tuple


class RumusTanpaNilai(str):
    """A formula cell whose value the file does not store: the formula's text, to report."""


def normal(teks: object) -> str:
    """Header text compared loosely: lower case, punctuation and line breaks as spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(teks or "").lower()).split())


def teks_sel(v: object) -> str:
    """A cell as text: '' for empty, 15 for a whole float 15.0, stripped."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


@dataclass
class Tabel:
    """A table found in a file: where each wanted column is, and its data rows."""

    nama: str  # the sheet's name, or the file's for a CSV
    kolom: dict[str, list[int]]  # column key -> the file's columns (0-based)
    label: dict[str, str]  # column key -> how messages name it
    nomor_kepala: int  # number of the last header row
    judul: list[str]  # the text of the rows above the header
    _baris: Callable[[], Iterator[BarisTabel]] = field(repr=False)
    _kepala: list[frozenset[str]] = field(repr=False, default_factory=list)
    teks_saja: bool = False  # every cell is text (a CSV); a workbook's cells keep their types

    def ada(self, kunci: str) -> bool:
        return kunci in self.kolom

    def sel(self, baris: BarisTabel | tuple, kunci: str) -> object:
        """The value of a column in a row (its first file column); None when absent."""
        nilai = baris.nilai if isinstance(baris, BarisTabel) else baris
        kol = self.kolom.get(kunci)
        if not kol or kol[0] >= len(nilai):
            return None
        return nilai[kol[0]]

    def teks(self, baris: BarisTabel | tuple, kunci: str) -> str:
        return teks_sel(self.sel(baris, kunci))

    def sel_semua(self, baris: BarisTabel | tuple, kunci: str) -> list[object]:
        nilai = baris.nilai if isinstance(baris, BarisTabel) else baris
        return [nilai[c] if c < len(nilai) else None for c in self.kolom.get(kunci, [])]

    def baris(self) -> Iterator[BarisTabel]:
        """The data rows below the header: blank rows and repeated header rows left out."""
        # A registry file has a million rows: a row is looked at closely only when its first
        # cell could start a header (a header word or a column number).
        awal_kepala = {t for k in self._kepala for t in k}
        kata_awal = tuple({t.split()[0] for t in awal_kepala if t})
        for b in self._baris():
            if b.nomor <= self.nomor_kepala:
                continue
            pertama = next((v for v in b.nilai if v is not None and v != ""), None)
            if pertama is None:
                continue
            if isinstance(pertama, str):
                t = pertama.strip()
                if not t and not any(teks_sel(v) for v in b.nilai):
                    continue
                mungkin_kepala = (
                    t[:1] == "("
                    or (len(t) <= 2 and t.isdigit())
                    or (t[:1].isalpha() and t.lower().startswith(kata_awal) and normal(t) in awal_kepala)
                )
                if mungkin_kepala and self._kepala_berulang(b.nilai):
                    continue
            elif isinstance(pertama, int) and 0 < pertama < 100 and self._kepala_berulang(b.nilai):
                continue
            yield b

    def _kepala_berulang(self, nilai: tuple) -> bool:
        isi = [teks_sel(v) for v in nilai]
        if _baris_nomor(isi) is not None:
            return True
        kata = frozenset(normal(t) for t in isi if t)
        return len(kata) >= 2 and any(kata <= k for k in self._kepala)


def _baris_nomor(isi: Sequence[object]) -> dict[int, list[int]] | None:
    """The numbered header row: '(1)' '(2)' … or plain 1 2 3 … in order. Number -> columns."""
    nomor: dict[int, list[int]] = {}
    polos: list[tuple[int, int]] = []
    for c, v in enumerate(isi):
        t = teks_sel(v)
        if not t:
            continue
        m = re.fullmatch(r"\(\s*([0-9]{1,2})\s*\)", t)
        if m:
            nomor.setdefault(int(m.group(1)), []).append(c)
        elif re.fullmatch(r"[0-9]{1,2}", t):
            polos.append((int(t), c))
        else:
            return None
    if len(nomor) >= 3 and 1 in nomor and not polos:
        return nomor
    if not nomor and len(polos) >= 3:
        angka = [n for n, _ in polos]
        # Merged number cells repeat: 1 1 1 2 3 … is still 1, 2, 3 in order.
        unik = list(dict.fromkeys(angka))
        if unik == list(range(1, len(unik) + 1)) and angka == sorted(angka):
            hasil: dict[int, list[int]] = {}
            for n, c in polos:
                hasil.setdefault(n, []).append(c)
            return hasil
    return None


def _petakan(teks_kolom: list[str], kolom: Sequence[Kolom]) -> dict[str, list[int]]:
    """Columns named by the header's words; each file column serves one wanted column."""
    hasil: dict[str, list[int]] = {}
    dipakai: set[int] = set()
    for k in kolom:
        for c, teks in enumerate(teks_kolom):
            if c in dipakai or not k.cocok(teks):
                continue
            hasil.setdefault(k.kunci, []).append(c)
            dipakai.add(c)
            if not k.ganda:
                break
    return hasil


def _teks_blok(rows: list[BarisTabel], akhir: int, tinggi: int) -> list[str]:
    """The header's text of every column over ``tinggi`` rows ending at ``akhir``; a text that a
    merged cell repeats is taken once. A group header written once above several sub-columns
    (a CSV, or cells centred across without merging) counts for each sub-column under it."""
    blok = rows[akhir - tinggi + 1 : akhir + 1]
    lebar = max((len(r.nilai) for r in blok), default=0)
    sel = [[normal(r.nilai[c]) if c < len(r.nilai) else "" for c in range(lebar)] for r in blok]
    for i in range(len(sel) - 1):
        kiri = ""
        for c in range(lebar):
            if sel[i][c]:
                kiri = sel[i][c]
            elif kiri and any(sel[j][c] for j in range(i + 1, len(sel))):
                sel[i][c] = kiri
            else:
                kiri = ""
    hasil = []
    for c in range(lebar):
        bagian: list[str] = []
        for baris in sel:
            t = baris[c]
            if t and (not bagian or bagian[-1] != t):
                bagian.append(t)
        hasil.append(" ".join(bagian))
    return hasil


def _baris_kata(r: BarisTabel) -> bool:
    """A row that may be part of a header: some text, and no cell that is a number or a code
    (data rows have those; the numbered header row is found on its own)."""
    isi = [teks_sel(v) for v in r.nilai]
    return any(isi) and not any(re.fullmatch(r"[\d.,\s()%-]+", t) for t in isi if t)


def _baris_judul(r: BarisTabel) -> bool:
    """A title row: one text, often merged across the whole width; never part of a header."""
    return len({normal(v) for v in r.nilai if teks_sel(v)}) <= 1


def cari_tabel(nama: str, rows: list[BarisTabel], kolom: Sequence[Kolom]) -> tuple[Tabel | None, list[str]]:
    """Find the header among the first rows; (table, wanted columns still missing)."""
    awal = rows[:BARIS_CARI_KEPALA]
    wajib = [k.kunci for k in kolom if k.wajib]
    # The best header maps the most columns; on a tie the first (a header repeated at a page
    # break comes later), and of blocks starting on the same row the one reaching lowest (a
    # sub-header under a merged group header).
    terbaik: tuple[int, int, int, dict[str, list[int]]] | None = None  # (score, -start, idx, peta)
    kata = [_baris_kata(r) and not _baris_judul(r) for r in awal]
    for idx in range(len(awal)):
        for tinggi in (1, 2, 3):
            if tinggi > idx + 1 or not kata[idx - tinggi + 1]:
                break
            peta = _petakan(_teks_blok(awal, idx, tinggi), kolom)
            kunci = (len(peta), tinggi - 1 - idx, idx)
            if peta and (terbaik is None or kunci > terbaik[:3]):
                terbaik = (*kunci, peta)
    nomor_idx = next((i for i, r in enumerate(awal) if _baris_nomor(r.nilai) is not None), None)
    # The header that names the most columns decides; if it lacks a required one, the
    # numbered row may still locate them all.
    if terbaik is not None and all(k in terbaik[3] for k in wajib):
        _, minus_mulai, idx, peta = terbaik
        mulai = -minus_mulai
        akhir = idx
        if nomor_idx == idx + 1:
            akhir = nomor_idx  # the numbered row under the words belongs to the header
    else:
        nomor = _baris_nomor(awal[nomor_idx].nilai) if nomor_idx is not None else None
        peta = {k.kunci: nomor[k.nomor] for k in kolom if nomor and k.nomor in nomor}
        if not all(k in peta for k in wajib):
            if terbaik is not None and len(terbaik[3]) > len(peta):
                peta = terbaik[3]
            return None, [k.label for k in kolom if k.wajib and k.kunci not in peta]
        # Words above a numbered row, when there are any, are part of the header.
        mulai = akhir = nomor_idx
        while mulai > 0 and mulai > nomor_idx - 3 and any(teks_sel(v) for v in awal[mulai - 1].nilai):
            mulai -= 1
    ganda = {k.kunci for k in kolom if k.ganda}
    peta = {k: v if k in ganda else v[:1] for k, v in peta.items()}
    kepala = [frozenset(normal(v) for v in r.nilai if teks_sel(v)) for r in rows[mulai : akhir + 1]]
    # A merged title repeats its text in every cell it covers: each text once.
    judul = [" ".join(dict.fromkeys(teks_sel(v) for v in r.nilai if teks_sel(v))) for r in rows[:mulai]]
    return (
        Tabel(
            nama=nama,
            kolom=peta,
            label={k.kunci: k.label for k in kolom},
            nomor_kepala=rows[akhir].nomor,
            judul=[j for j in judul if j],
            _baris=lambda: iter(()),
            _kepala=[k for k in kepala if k],
        ),
        [],
    )


# Reading the files ----------------------------------------------------------------------


class _Pengurai(WorkSheetParser):
    """openpyxl's sheet parser, reading stored values, that also notes formula cells which
    store none (a file written by a program that does not compute)."""

    def parse_cell(self, element):  # noqa: ANN001, ANN201 - openpyxl's signature
        sel = super().parse_cell(element)
        if sel["value"] is None:
            rumus = element.find(FORMULA_TAG)
            if rumus is not None:
                sel["value"] = RumusTanpaNilai("=" + (rumus.text or ""))
        return sel


def _baca_lembar(wb, ws) -> list[BarisTabel]:
    """Every row of a sheet, merged cells resolved to their top-left value."""
    baris: dict[int, list] = {}
    with ws._get_source() as src:
        parser = _Pengurai(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, sel in parser.parse():
            if not sel:
                continue
            nilai = [None] * sel[-1]["column"]
            for s in sel:
                nilai[s["column"] - 1] = s["value"]
            baris[idx] = nilai
        gabungan = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
    for g in gabungan:
        try:
            kiri, atas, kanan, bawah = range_boundaries(g.ref)
        except (TypeError, ValueError):
            continue
        asal = baris.get(atas)
        nilai = asal[kiri - 1] if asal is not None and kiri - 1 < len(asal) else None
        if nilai is None:
            continue
        for r in range(atas, min(bawah, max(baris, default=0)) + 1):
            row = baris.setdefault(r, [])
            if len(row) < kanan:
                row.extend([None] * (kanan - len(row)))
            for c in range(kiri - 1, kanan):
                row[c] = nilai
    return [BarisTabel(n, tuple(baris[n])) for n in sorted(baris)]


def _masalah_sel(rows: list[BarisTabel], tabel: Tabel) -> list[Masalah]:
    """Formula cells without a value and cells too long, in the columns the importer reads."""
    kolom = {c: tabel.label[k] for k, cs in tabel.kolom.items() for c in cs}
    masalah = []
    for r in rows:
        if r.nomor <= tabel.nomor_kepala:
            continue
        for c, label in kolom.items():
            v = r.nilai[c] if c < len(r.nilai) else None
            if isinstance(v, RumusTanpaNilai):
                masalah.append(
                    Masalah(
                        r.nomor,
                        label,
                        _(
                            "sel berisi rumus tanpa nilai tersimpan; buka berkas di Excel atau "
                            "LibreOffice, simpan, lalu unggah lagi"
                        ),
                        str(v),
                    )
                )
            elif isinstance(v, str) and len(v) > MAKS_SEL:
                masalah.append(
                    Masalah(
                        r.nomor,
                        label,
                        _("isi sel %(n)s karakter, melebihi batas %(maks)s")
                        % {"n": f"{len(v):,}", "maks": f"{MAKS_SEL:,}"},
                    )
                )
    return masalah


def _awal_berkas(berkas: Berkas) -> bytes:
    if isinstance(berkas, bytes):
        return berkas[:8]
    if isinstance(berkas, io.BytesIO):
        return berkas.getvalue()[:8]
    with open(berkas, "rb") as f:
        return f.read(8)


def _tolak(pesan: str) -> ImportDitolak:
    return ImportDitolak([Masalah(None, "", pesan)])


def baca_tabel(berkas: Berkas, *, kolom: Sequence[Kolom], nama: str = "", lembar: str | None = None) -> Tabel:
    """The table of ``kolom`` in an XLSX or CSV file (told apart by content, not by name).

    In a workbook the first sheet (or the named one) holding such a header is taken.
    Raises ImportDitolak when the file cannot be read or holds no such table."""
    try:
        awal = _awal_berkas(berkas)
    except FileNotFoundError:
        raise
    except OSError as e:
        raise _tolak(_("berkas tidak dapat dibaca (%(sebab)s)") % {"sebab": e.strerror or e}) from e
    if not awal:
        raise _tolak(_("berkas kosong"))
    if awal.startswith(_OLE):
        raise _tolak(_("berkas XLS (Excel 97-2003) tidak didukung; simpan sebagai XLSX lalu unggah lagi"))
    if awal.startswith(_ZIP):
        return _tabel_xlsx(berkas, kolom, lembar)
    return _tabel_csv(berkas, kolom, nama)


def _tabel_xlsx(berkas: Berkas, kolom: Sequence[Kolom], lembar: str | None) -> Tabel:
    if isinstance(berkas, bytes):
        berkas = io.BytesIO(berkas)
    # Whatever is wrong inside a damaged workbook surfaces as one of many exception types
    # from zipfile, zlib, the XML parser or openpyxl: all of them mean "cannot be read".
    try:
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001
        raise _tolak(
            _("berkas XLSX rusak atau tidak lengkap (%(sebab)s)") % {"sebab": type(e).__name__}
        ) from e
    try:
        nama_lembar = [ws.title for ws in wb.worksheets]
        if lembar is not None and lembar not in nama_lembar:
            raise _tolak(
                _("lembar '%(lembar)s' tidak ada (ada: %(ada)s)")
                % {"lembar": lembar, "ada": ", ".join(nama_lembar)}
            )
        kurang: list[str] = []
        for ws in wb.worksheets:
            if lembar is not None and ws.title != lembar:
                continue
            try:
                rows = _baca_lembar(wb, ws)
            except Exception as e:  # noqa: BLE001 - as above
                raise _tolak(
                    _("lembar '%(lembar)s' rusak dan tidak dapat dibaca (%(sebab)s)")
                    % {"lembar": ws.title, "sebab": type(e).__name__}
                ) from e
            tabel, hilang = cari_tabel(ws.title, rows, kolom)
            if tabel is None:
                if not kurang or len(hilang) < len(kurang):
                    kurang = hilang
                continue
            masalah = _masalah_sel(rows, tabel)
            if masalah:
                raise ImportDitolak(masalah)
            tabel._baris = lambda rows=rows: iter(rows)
            return tabel
    finally:
        wb.close()
    raise _tolak_tanpa_kepala(kurang)


def _tolak_tanpa_kepala(kurang: list[str]) -> ImportDitolak:
    return ImportDitolak(
        [Masalah(None, k, _("kolom tidak ditemukan pada baris judul tabel")) for k in kurang]
        or [Masalah(None, "", _("tabel tidak ditemukan"))]
    )


def _pengodean(contoh: bytes) -> str:
    if contoh.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(contoh, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        contoh.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _pemisah(teks: str) -> str:
    baris = next((b for b in teks.splitlines() if b.strip()), "")
    return max((";", ",", "\t", "|"), key=baris.count) if baris else ","


def _tabel_csv(berkas: Berkas, kolom: Sequence[Kolom], nama: str) -> Tabel:
    if isinstance(berkas, io.BytesIO):
        berkas = berkas.getvalue()
    if isinstance(berkas, bytes):
        contoh = berkas[:65536]
    else:
        with open(berkas, "rb") as f:
            contoh = f.read(65536)
    if b"\x00" in contoh and not contoh.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _tolak(_("berkas bukan tabel CSV maupun XLSX (berisi data biner)"))
    pengodean = _pengodean(contoh)
    pemisah = _pemisah(contoh.decode(pengodean, errors="replace"))

    def baris() -> Iterator[BarisTabel]:
        f = (
            io.TextIOWrapper(io.BytesIO(berkas), encoding=pengodean, newline="")
            if isinstance(berkas, bytes)
            else open(berkas, encoding=pengodean, newline="")
        )
        nomor = 0
        with f:
            reader = csv.reader(f, delimiter=pemisah)
            try:
                for nomor, row in enumerate(reader, start=1):  # noqa: B007 - used after the loop
                    yield BarisTabel(nomor, row)  # the reader's list, not copied: rows are many
            except UnicodeDecodeError as e:
                raise ImportDitolak(
                    [
                        Masalah(
                            nomor + 1,
                            "",
                            _(
                                "berkas tidak berpengodean %(pengodean)s sejak baris ini; "
                                "simpan ulang sebagai CSV UTF-8"
                            )
                            % {"pengodean": pengodean.upper()},
                        )
                    ]
                ) from e
            except csv.Error as e:
                raise ImportDitolak(
                    [Masalah(nomor + 1, "", _("baris CSV rusak: %(sebab)s") % {"sebab": _csv_pesan(e)})]
                ) from e

    awal = []
    for b in baris():
        awal.append(b)
        if len(awal) >= BARIS_CARI_KEPALA:
            break
    tabel, hilang = cari_tabel(nama or "CSV", awal, kolom)
    if tabel is None:
        raise _tolak_tanpa_kepala(hilang)
    tabel._baris = baris
    tabel.teks_saja = True
    return tabel


def _csv_pesan(e: csv.Error) -> str:
    teks = str(e)
    if "field larger than field limit" in teks:
        return _("isi satu sel terlalu panjang")
    return teks
