"""Reading the files offices send: the first sheet of an XLSX as rows of values."""

import io
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .errors import ImportDitolak, Masalah


def baris_xlsx(berkas: str | Path | bytes | io.BytesIO) -> list[tuple]:
    """Every row of the first sheet as a tuple of cell values; a file that is not a readable
    XLSX is refused as a whole (ImportDitolak)."""
    if isinstance(berkas, bytes):
        berkas = io.BytesIO(berkas)
    try:
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as e:
        raise ImportDitolak([Masalah(None, "", f"berkas bukan XLSX yang dapat dibaca ({e})")]) from e
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
