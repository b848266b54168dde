"""Files that are safe to open: text a spreadsheet would run as a formula is written as text.

A name such as ``=HYPERLINK("http://…","klik")`` typed into kesos must reach the office's
spreadsheet as those characters, not as a live link or a command (CSV/formula injection).
Every XLSX and CSV that kesos writes goes through this module: CSV rows through
``tulis_csv``/``penulis_csv``, workbooks through ``netralkan_xlsx`` (called by
``laporan.gaya.simpan``, the one place a workbook becomes bytes).
"""

import csv
from collections.abc import Iterable
from typing import Any, TextIO

# A spreadsheet treats a cell typed with one of these first characters as a formula (tab and
# carriage return let a formula hide behind whitespace in some programs).
AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def berbahaya(teks: str) -> bool:
    return teks.startswith(AWALAN_RUMUS)


def teks_aman(nilai: Any) -> Any:
    """A CSV cell: text that would start a formula gets a leading apostrophe, which every
    spreadsheet program shows as text; numbers and other values pass as they are."""
    if isinstance(nilai, str) and berbahaya(nilai):
        return "'" + nilai
    return nilai


class PenulisAman:
    """``csv.writer`` whose rows are made safe cell by cell."""

    def __init__(self, f: TextIO, **kwargs) -> None:
        self._w = csv.writer(f, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow([teks_aman(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def penulis_csv(f: TextIO, **kwargs) -> PenulisAman:
    return PenulisAman(f, **kwargs)


def netralkan_xlsx(wb) -> int:
    """Turn every formula-looking text cell of an openpyxl workbook into a text cell.

    openpyxl stores a string that starts with '=' as a formula; kesos never writes formulas,
    so every such cell is user text. The text is kept exactly as typed (so an export read
    back, or imported again, gives the same characters) and stored as a string with Excel's
    "quote prefix" set, which is what Excel itself does when a user types '=… . Returns the
    number of cells changed."""
    diubah = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and (c.data_type == "f" or berbahaya(v)):
                    c.data_type = "s"
                    c.quotePrefix = True
                    diubah += 1
    return diubah
