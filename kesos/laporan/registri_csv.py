"""Persons as CSV, in the registry import's own columns (so that a file can go back in).

A pure function from records to bytes; every text cell formula-safe (``inti.ekspor``)."""

import io

from kesos.inti.ekspor import penulis_csv

KOLOM = (
    "nik",
    "no_kk",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "alamat",
    "kecamatan",
    "desa",
    "hubungan_keluarga",
    "status",
)


def buat_csv_orang(orang) -> bytes:
    buf = io.StringIO()
    w = penulis_csv(buf)
    w.writerow(KOLOM)
    for o in orang:
        w.writerow(
            [
                o.nik,
                o.keluarga.no_kk if o.keluarga_id else "",
                o.nama,
                o.jenis_kelamin,
                o.tanggal_lahir.isoformat(),
                o.alamat,
                o.desa_kode.rsplit(".", 1)[0],
                o.desa_kode,
                o.hubungan_keluarga,
                o.status,
            ]
        )
    return buf.getvalue().encode("utf-8-sig")
