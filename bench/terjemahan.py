"""What messages in the user's language cost: one gettext call, and a registry file whose every
row is refused (a wrong NIK: two messages a row) checked in Indonesian and in English.

`.venv/bin/python -m bench.terjemahan [--baris N] [--ulang N]` (SQLite in a temporary folder, or
DATABASE_URL=postgres://… for PostgreSQL; a test database is created and dropped).
"""

import argparse
import os
import time
from datetime import date

from bench import dengan_basis_data_uji, mesin, ukur


def _csv(n: int, salah: bool) -> bytes:
    kepala = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,alamat,kecamatan,desa,hubungan_keluarga,kategori\n"
    baris = []
    for i in range(n):
        hari = 1 + i % 28
        # Wrong: a woman written without +40 on the day, serial 0000 (two messages a row).
        nik = f"180404{hari:02d}0385{0 if salah else 1 + i % 9999:04d}"
        jk = "P" if salah else "L"
        baris.append(f"{nik},,Uji {i},{jk},{hari:02d}-03-1985,,Balik Bukit,Pasar Liwa,,")
    return (kepala + "\n".join(baris) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baris", type=int, default=20_000)
    parser.add_argument("--ulang", type=int, default=3)
    args = parser.parse_args()
    dengan_basis_data_uji(lambda: jalankan(args))


def jalankan(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.utils import translation
    from django.utils.translation import gettext

    from kesos.akun.access import SISTEM
    from kesos.registri.impor import registri_import
    from kesos.registri.services import kategori_muat_baku
    from kesos.wilayah.services import wilayah_muat_lampung_barat

    wilayah_muat_lampung_barat()
    kategori_muat_baku()
    print(f"{mesin()}, {connection.vendor}; beban rata-rata {os.getloadavg()[0]:.1f}")
    n = 100_000
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            mulai = time.perf_counter()
            for _ in range(n):
                gettext("NIK hanya boleh berisi angka")
            print(f"gettext ({bahasa}): {(time.perf_counter() - mulai) / n * 1e6:.1f} µs per panggilan")

    salah = _csv(args.baris, True)
    hasil = {}
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            h = registri_import(pengguna=SISTEM, berkas=salah, pada=date(2026, 6, 1), proses=0)
            assert h.ditolak == args.baris and not h.disimpan, (h.ditolak, h.catatan[:2])
            hasil[bahasa] = ukur(
                lambda: registri_import(pengguna=SISTEM, berkas=salah, pada=date(2026, 6, 1), proses=0),
                args.ulang,
            )
            pesan = h.catatan[0].pesan
        median, terbaik = hasil[bahasa]
        print(
            f"{args.baris} baris ditolak ({bahasa}): median {median:.2f} s = "
            f"{median / args.baris * 1e6:.0f} µs/baris, terbaik {terbaik:.2f} s; contoh: {pesan}"
        )


if __name__ == "__main__":
    main()
