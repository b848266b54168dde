"""Text that a spreadsheet would run as a formula is written as text.

openpyxl stores a string starting with '=' as a formula; CSV readers run cells starting with
'=', '+', '-', '@' (and tab or carriage return before them)."""

from openpyxl.cell.cell import Cell

AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def isi(cell: Cell, nilai) -> Cell:
    """Set a cell's value; a string is always stored as a string, never as a formula."""
    cell.value = nilai
    if isinstance(nilai, str):
        cell.data_type = "s"
    return cell


def teks_csv(nilai) -> str:
    if nilai is None:
        return ""
    s = str(nilai)
    return "'" + s if s.startswith(AWAL_RUMUS) else s
