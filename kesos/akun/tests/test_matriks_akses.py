"""The access matrix: every URL of the URLconf and every operation of the API schema, for every
persona, with the status it must answer.

Generated from the URLconf and the schema, so a new page or endpoint that has no line here
fails this test until someone writes down who may use it. Each request runs in a savepoint
that is rolled back, so a write by one persona does not change what the next one meets.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from kesos.akun.access import SISTEM
from kesos.bansos.tests.pabrik import data_matriks
from kesos.monev import services as monev
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja, Level
from kesos.registri import services as registri
from kesos.registri.duplikat import antrekan
from kesos.registri.impor import registri_import
from kesos.registri.models import KandidatDuplikat, Keluarga, Orang

PERSONA = ("anonim", "admin", "perencana", "kadis", "reviewer", "operator_a", "operator_b")


def _status(anonim, admin, perencana, kadis, reviewer, operator_a, operator_b) -> dict[str, int]:
    return dict(
        zip(PERSONA, (anonim, admin, perencana, kadis, reviewer, operator_a, operator_b), strict=True)
    )


# Who may, by kind of rule (anonymous users are sent to the login page: 302).
SEMUA_PERAN = _status(302, 200, 200, 200, 200, 200, 200)
PUBLIK = _status(200, 200, 200, 200, 200, 200, 200)
PENYUSUN = _status(302, 200, 200, 403, 403, 403, 403)
PENYUSUN_POST = _status(302, 302, 302, 403, 403, 403, 403)
REALISASI = _status(302, 200, 200, 200, 403, 403, 403)  # perencana records, kadis corrects
DAFTAR_ORANG = _status(302, 200, 403, 200, 403, 200, 200)  # masked list
DATA_PRIBADI_A = _status(302, 200, 403, 403, 403, 200, 404)  # a person of kecamatan A
DATA_PRIBADI_A_POST = _status(302, 302, 403, 403, 403, 302, 404)
PENGELOLA = _status(302, 200, 403, 403, 403, 200, 200)  # admin and operators (own area)
PENGELOLA_POST = _status(302, 302, 403, 403, 403, 302, 302)
ADMIN_SAJA = _status(302, 200, 403, 403, 403, 403, 403)
ADMIN_SAJA_POST = _status(302, 302, 403, 403, 403, 403, 403)
TUGAS_ADMIN = _status(302, 200, 404, 404, 404, 404, 404)  # a job the admin started
# admin and the operator of kecamatan A act; another area's operator meets 404 (not even
# confirmed to exist); roles that may not act are refused before that (403)
DATA_PRIBADI_A_POST_OPERATOR = _status(302, 302, 403, 403, 403, 302, 404)

API_BACA = _status(403, 200, 200, 200, 200, 200, 200)
API_PENYUSUN = _status(403, 200, 200, 403, 403, 403, 403)
API_PRIBADI = _status(403, 200, 403, 403, 403, 200, 200)
API_PRIBADI_A = _status(403, 200, 403, 403, 403, 200, 404)
API_TIDAK_ADA_ATURAN = _status(403, 403, 403, 403, 403, 403, 403)


@dataclass
class Kasus:
    """One request: method, how to build the URL from the fixture data, data, expected statuses."""

    metode: str
    alamat: object  # callable(data) -> str
    harapan: dict[str, int]
    isian: object = None  # callable(data) -> dict, for POST/PATCH


def _u(nama, *args):
    return lambda d: reverse(nama, args=[a(d) if callable(a) else a for a in args])


PENCATAT_BENCANA = _status(302, 200, 200, 403, 403, 200, 200)
# An event of kecamatan A: recorded by admin, perencana and A's operator; B's does not see it.
# The matrix posts an empty form: those allowed get the event page again with the form's
# errors (200, what was typed kept), the others 403 or 404.
BENCANA_A_POST = _status(302, 200, 200, 403, 403, 200, 404)
BENCANA_A = _status(302, 200, 200, 200, 200, 200, 404)

HALAMAN: dict[str, list[Kasus]] = {
    "beranda": [Kasus("GET", _u("beranda"), SEMUA_PERAN)],
    "bencana:beranda": [Kasus("GET", _u("bencana:beranda"), SEMUA_PERAN)],
    "bencana:kejadian-baru": [Kasus("GET", _u("bencana:kejadian-baru"), PENCATAT_BENCANA)],
    "bencana:kejadian": [Kasus("GET", _u("bencana:kejadian", lambda d: d.kejadian.pk), BENCANA_A)],
    "bencana:kejadian-status": [
        Kasus("POST", _u("bencana:kejadian-status", lambda d: d.kejadian.pk), BENCANA_A_POST)
    ],
    "bencana:kejadian-korban": [
        Kasus("POST", _u("bencana:kejadian-korban", lambda d: d.kejadian.pk), BENCANA_A_POST)
    ],
    "bencana:kejadian-korban-taut": [
        Kasus("POST", _u("bencana:kejadian-korban-taut", lambda d: d.kejadian.pk), BENCANA_A_POST)
    ],
    "bencana:bantuan-baru": [
        Kasus("POST", _u("bencana:bantuan-baru", lambda d: d.kejadian.pk), BENCANA_A_POST)
    ],
    "bencana:stok": [Kasus("GET", _u("bencana:stok"), SEMUA_PERAN)],
    # Stock-taking: admin, perencana (an operator bidang too); kecamatan operators 403.
    "bencana:opname": [
        Kasus("GET", _u("bencana:opname", lambda d: d.gudang.pk), _status(302, 200, 200, 403, 403, 403, 403))
    ],
    "bencana:kartu-stok": [
        Kasus("GET", _u("bencana:kartu-stok", lambda d: d.barang.pk, lambda d: d.gudang.pk), SEMUA_PERAN)
    ],
    "bencana:tagana": [Kasus("GET", _u("bencana:tagana"), SEMUA_PERAN)],
    "bencana:peta": [Kasus("GET", _u("bencana:peta"), SEMUA_PERAN)],
    "bencana:grafik": [Kasus("GET", _u("bencana:grafik", "svg"), SEMUA_PERAN)],
    "bencana:ekspor": [Kasus("GET", _u("bencana:ekspor"), SEMUA_PERAN)],
    # the office's Renstra figures from the records: admin and perencana
    "bencana:capaian": [Kasus("POST", _u("bencana:capaian"), _status(302, 302, 302, 403, 403, 403, 403))],
    "perencanaan:beranda": [Kasus("GET", _u("perencanaan:beranda"), SEMUA_PERAN)],
    "perencanaan:renja": [Kasus("GET", _u("perencanaan:renja", lambda d: d.renja.pk), SEMUA_PERAN)],
    "perencanaan:periksa": [Kasus("GET", _u("perencanaan:periksa", lambda d: d.renja.pk), SEMUA_PERAN)],
    "perencanaan:terima-jumlah": [
        Kasus("POST", _u("perencanaan:terima-jumlah", lambda d: d.renja.pk), PENYUSUN_POST)
    ],
    "perencanaan:unduh": [Kasus("GET", _u("perencanaan:unduh", lambda d: d.renja.pk), SEMUA_PERAN)],
    "perencanaan:nomenklatur": [Kasus("GET", _u("perencanaan:nomenklatur"), SEMUA_PERAN)],
    "perencanaan:lanjutkan": [
        # rancangan awal -> rancangan: a drafting step (perencana, admin, kadis)
        Kasus(
            "POST",
            _u("perencanaan:lanjutkan", lambda d: d.renja.pk),
            _status(302, 302, 302, 302, 403, 403, 403),
        ),
        # rancangan -> final, final -> perubahan: the kepala dinas (or admin) only; the demo has
        # an error, so they are first shown the page on which they confirm it (200)
        Kasus(
            "POST",
            _u("perencanaan:lanjutkan", lambda d: d.rancangan.pk),
            _status(302, 200, 403, 200, 403, 403, 403),
        ),
        Kasus(
            "POST",
            _u("perencanaan:lanjutkan", lambda d: d.final.pk),
            _status(302, 302, 403, 302, 403, 403, 403),
        ),
    ],
    "perencanaan:baris-tambah": [
        Kasus("GET", _u("perencanaan:baris-tambah", lambda d: d.renja.pk, "kegiatan"), PENYUSUN),
        Kasus(
            "POST",
            _u("perencanaan:baris-tambah", lambda d: d.renja.pk, "program"),
            _status(302, 200, 200, 403, 403, 403, 403),  # an empty form comes back with its errors
        ),
    ],
    "perencanaan:impor": [Kasus("GET", _u("perencanaan:impor"), PENYUSUN)],
    "perencanaan:petakan": [
        Kasus("GET", _u("perencanaan:petakan", lambda d: d.final.pk), SEMUA_PERAN),
        # saving a mapping is the planner's (an empty choice saves nothing and comes back: 302)
        Kasus(
            "POST",
            _u("perencanaan:petakan", lambda d: d.final.pk),
            _status(302, 302, 302, 403, 403, 403, 403),
        ),
    ],
    "perencanaan:nasional": [
        Kasus(
            "POST",
            _u("perencanaan:nasional", lambda d: d.final.pk),
            PENYUSUN_POST,
            lambda d: {"versi": d.versi.pk},
        )
    ],
    "perencanaan:baris-ubah": [Kasus("GET", _u("perencanaan:baris-ubah", lambda d: d.baris.pk), PENYUSUN)],
    "perencanaan:baris-hapus": [
        Kasus(
            "POST",
            _u("perencanaan:baris-hapus", lambda d: d.baris.pk),
            PENYUSUN_POST,
            lambda d: {"versi": d.baris.versi},
        )
    ],
    "perencanaan:baris-pindah": [
        Kasus(
            "POST",
            _u("perencanaan:baris-pindah", lambda d: d.baris.pk),
            PENYUSUN_POST,
            lambda d: {"arah": "naik"},
        )
    ],
    "perencanaan:baris-riwayat": [
        Kasus("GET", _u("perencanaan:baris-riwayat", lambda d: d.baris.pk), SEMUA_PERAN)
    ],
    "monev:beranda": [Kasus("GET", _u("monev:beranda"), SEMUA_PERAN)],
    "monev:tc29": [Kasus("GET", _u("monev:tc29", lambda d: d.final.organisasi_id, 2021), SEMUA_PERAN)],
    "monev:tc29-unduh": [
        Kasus("GET", _u("monev:tc29-unduh", lambda d: d.final.organisasi_id, 2021), SEMUA_PERAN)
    ],
    "monev:anggaran": [
        Kasus("GET", _u("monev:anggaran", lambda d: d.final.organisasi_id, 2019), SEMUA_PERAN)
    ],
    "monev:grafik-tren": [
        Kasus("GET", _u("monev:grafik-tren", lambda d: d.final.organisasi_id, 2021, "svg"), SEMUA_PERAN)
    ],
    "monev:e81": [Kasus("GET", _u("monev:e81", lambda d: d.final.pk), SEMUA_PERAN)],
    "monev:e81-unduh": [Kasus("GET", _u("monev:e81-unduh", lambda d: d.final.pk), SEMUA_PERAN)],
    "monev:grafik-capaian": [
        Kasus("GET", _u("monev:grafik-capaian", lambda d: d.final.pk, "svg"), SEMUA_PERAN)
    ],
    "monev:realisasi": [Kasus("GET", _u("monev:realisasi", lambda d: d.final.pk), REALISASI)],
    "monev:realisasi-impor": [Kasus("GET", _u("monev:realisasi-impor", lambda d: d.final.pk), REALISASI)],
    "monev:realisasi-form": [
        Kasus("GET", _u("monev:realisasi-form", lambda d: d.kegiatan.pk, 1), REALISASI),
        Kasus(
            "POST",
            _u("monev:realisasi-form", lambda d: d.kegiatan.pk, 2),
            # kadis may correct a locked quarter, not record an open one: the form says so (200)
            _status(302, 302, 302, 200, 403, 403, 403),
            lambda d: {
                "rupiah": "1.000",
                "faktor_pendorong": "",
                "faktor_penghambat": "",
                "tindak_lanjut": "",
            },
        ),
    ],
    "registri:beranda": [Kasus("GET", _u("registri:beranda"), SEMUA_PERAN)],
    "registri:daftar": [Kasus("GET", _u("registri:daftar"), DAFTAR_ORANG)],
    "registri:ekspor": [
        Kasus("GET", _u("registri:ekspor"), PENGELOLA),
        Kasus("POST", _u("registri:ekspor"), PENGELOLA, lambda d: {"tujuan": "uji matriks"}),
    ],
    "registri:orang": [Kasus("GET", _u("registri:orang", lambda d: d.orang_a.pk), DATA_PRIBADI_A)],
    "registri:status": [
        Kasus(
            "POST",
            _u("registri:status", lambda d: d.orang_a.pk),
            DATA_PRIBADI_A_POST,
            lambda d: {"status": "hidup"},
        )
    ],
    "registri:orang-verval": [
        Kasus(
            "POST",
            _u("registri:orang-verval", lambda d: d.orang_a.pk),
            _status(302, 403, 403, 403, 403, 302, 404),  # the operator of the area, nobody else
            lambda d: {"putaran": d.putaran.pk, "hasil": "valid"},
        )
    ],
    "registri:verval": [Kasus("GET", _u("registri:verval"), SEMUA_PERAN)],
    "registri:putaran": [
        Kasus(
            "POST",
            _u("registri:putaran"),
            _status(302, 302, 403, 302, 403, 403, 403),
            lambda d: {"aksi": "tutup", "putaran": d.putaran.pk},
        )
    ],
    "registri:data-terbuka": [Kasus("GET", _u("registri:data-terbuka"), PUBLIK)],
    "registri:duplikat": [Kasus("GET", _u("registri:duplikat"), PENGELOLA)],
    "registri:grafik": [Kasus("GET", _u("registri:grafik", "PMKS", "svg"), SEMUA_PERAN)],
    # The search runs over every area: admin only. The import: admin and operators (own area);
    # a POST without a file shows the form again with its message.
    "registri:duplikat-cari": [Kasus("POST", _u("registri:duplikat-cari"), ADMIN_SAJA_POST)],
    "registri:impor": [
        Kasus("GET", _u("registri:impor"), PENGELOLA),
        Kasus("POST", _u("registri:impor"), PENGELOLA, lambda d: {}),
    ],
    # A job (here the admin's import) is seen by whoever started it and the admin; to others
    # it does not exist.
    "tugas:detail": [Kasus("GET", _u("tugas:detail", lambda d: d.tugas.pk), TUGAS_ADMIN)],
    "tugas:status": [Kasus("GET", _u("tugas:status", lambda d: d.tugas.pk), TUGAS_ADMIN)],
    "tugas:laporan": [Kasus("GET", _u("tugas:laporan", lambda d: d.tugas.pk), TUGAS_ADMIN)],
    "registri:duplikat-putus": [
        Kasus(
            "POST",
            _u("registri:duplikat-putus", lambda d: d.pasangan.pk),
            DATA_PRIBADI_A_POST,
            lambda d: {"aksi": "pisah"},
        )
    ],
    "bansos:beranda": [Kasus("GET", _u("bansos:beranda"), SEMUA_PERAN)],
    "bansos:program": [Kasus("GET", _u("bansos:program", lambda d: d.bansos.program.pk), SEMUA_PERAN)],
    "bansos:program-baru": [Kasus("GET", _u("bansos:program-baru"), ADMIN_SAJA)],
    "bansos:program-ubah": [
        Kasus("GET", _u("bansos:program-ubah", lambda d: d.bansos.program.pk), ADMIN_SAJA)
    ],
    "bansos:periode-tambah": [
        Kasus("POST", _u("bansos:periode-tambah", lambda d: d.bansos.program.pk), ADMIN_SAJA_POST)
    ],
    "bansos:siklus-tambah": [
        Kasus("POST", _u("bansos:siklus-tambah", lambda d: d.bansos.periode.pk), ADMIN_SAJA_POST)
    ],
    "bansos:siklus-tutup": [
        Kasus(
            "POST",
            _u("bansos:siklus-tutup", lambda d: d.bansos.siklus.pk),
            _status(302, 302, 403, 302, 403, 403, 403),  # admin and kepala dinas
        )
    ],
    "bansos:cakupan": [Kasus("GET", _u("bansos:cakupan", lambda d: d.bansos.periode.pk), SEMUA_PERAN)],
    "bansos:cakupan-unduh": [
        Kasus("GET", _u("bansos:cakupan-unduh", lambda d: d.bansos.periode.pk), SEMUA_PERAN)
    ],
    "bansos:cakupan-grafik": [
        Kasus("GET", _u("bansos:cakupan-grafik", lambda d: d.bansos.periode.pk, "svg"), SEMUA_PERAN)
    ],
    # Lists of one's area; names and numbers masked for roles without personal data.
    "bansos:belum": [Kasus("GET", _u("bansos:belum", lambda d: d.bansos.periode.pk), SEMUA_PERAN)],
    "bansos:belum-unduh": [
        Kasus("GET", _u("bansos:belum-unduh", lambda d: d.bansos.periode.pk), SEMUA_PERAN)
    ],
    "bansos:peserta": [Kasus("GET", _u("bansos:peserta", lambda d: d.bansos.periode.pk), SEMUA_PERAN)],
    "bansos:daftar": [
        Kasus(
            "POST",
            _u("bansos:daftar", lambda d: d.bansos.periode.pk),
            DATA_PRIBADI_A_POST_OPERATOR,
            lambda d: {"penerima": d.orang_a.pk},
        )
    ],
    "bansos:kepesertaan-status": [
        Kasus(
            "POST",
            _u("bansos:kepesertaan-status", lambda d: d.bansos.kepesertaan.pk),
            DATA_PRIBADI_A_POST_OPERATOR,
            lambda d: {"status": "jeda", "alasan": "uji"},
        )
    ],
    "bansos:salur": [
        Kasus(
            "POST",
            _u("bansos:salur", lambda d: d.bansos.kepesertaan.pk),
            DATA_PRIBADI_A_POST_OPERATOR,
            lambda d: {"siklus": d.bansos.siklus.pk},
        )
    ],
    "bansos:impor": [Kasus("GET", _u("bansos:impor", lambda d: d.bansos.periode.pk), PENGELOLA)],
    "bansos:pengaduan": [Kasus("GET", _u("bansos:pengaduan"), SEMUA_PERAN)],
    "bansos:pengaduan-tindak": [
        Kasus(
            "POST",
            _u("bansos:pengaduan-tindak", lambda d: d.bansos.pengaduan.pk),
            _status(302, 302, 403, 302, 403, 302, 404),
            lambda d: {"tindak_lanjut": "dicek"},
        )
    ],
    "bansos:periksa": [Kasus("GET", _u("bansos:periksa"), SEMUA_PERAN)],
    "bansos:kelompok-tambah": [
        Kasus("POST", _u("bansos:kelompok-tambah", lambda d: d.bansos.program.pk), PENGELOLA_POST)
    ],
    "bansos:rumah-tambah": [
        Kasus("POST", _u("bansos:rumah-tambah", lambda d: d.bansos.rtlh.pk), PENGELOLA_POST)
    ],
    "bansos:rumah-kemajuan": [
        Kasus(
            "POST",
            _u("bansos:rumah-kemajuan", lambda d: d.bansos.rumah.pk),
            DATA_PRIBADI_A_POST_OPERATOR,
            lambda d: {"versi": d.bansos.rumah.versi, "kemajuan": "10"},
        )
    ],
    "spm:beranda": [Kasus("GET", _u("spm:beranda"), SEMUA_PERAN)],
    "spm:periksa": [Kasus("GET", _u("spm:periksa"), SEMUA_PERAN)],
    "spm:unduh": [Kasus("GET", _u("spm:unduh"), SEMUA_PERAN)],
    "spm:isi": [
        Kasus(
            "POST",
            _u("spm:isi", lambda d: d.bansos.indikator.pk),
            _status(302, 302, 302, 302, 403, 403, 403),  # admin, perencana, kepala dinas
        )
    ],
    "api-spm": [],  # an API operation: see API below
    "login": [Kasus("GET", _u("login"), PUBLIK)],
    "logout": [Kasus("POST", _u("logout"), _status(302, 302, 302, 302, 302, 302, 302))],
    "set_language": [
        Kasus(
            "POST",
            _u("set_language"),
            _status(302, 302, 302, 302, 302, 302, 302),
            lambda d: {"language": "en"},
        )
    ],
    "api-schema": [Kasus("GET", _u("api-schema"), API_BACA)],
    "api-docs": [Kasus("GET", _u("api-docs"), API_BACA)],
    "api-root": [Kasus("GET", _u("api-root"), API_TIDAK_ADA_ATURAN)],
    "api-tc29": [],  # an API operation: see API below
    "api-bencana-stok": [],  # an API operation: see API below
    "api-bencana-indikator": [],  # an API operation: see API below
}
# The router's names are API operations, answered in the schema part below.
NAMA_ROUTER = {
    f"{sumber}-{jenis}"
    for sumber, jenis in [
        ("organisasi", "list"),
        ("organisasi", "detail"),
        ("renja", "list"),
        ("renja", "detail"),
        ("renja", "baris"),
        ("renja", "e81"),
        ("renja", "temuan"),
        ("baris", "detail"),
        ("orang", "list"),
        ("orang", "detail"),
        ("keluarga", "list"),
        ("keluarga", "detail"),
        ("bansos-program", "list"),
        ("bansos-program", "detail"),
        ("bansos-program", "cakupan"),
        ("bencana-kejadian", "list"),
        ("bencana-kejadian", "detail"),
    ]
}

API: dict[str, tuple[dict[str, int], object]] = {
    "organisasi_list": (API_BACA, None),
    "organisasi_retrieve": (API_BACA, None),
    "renja_list": (API_BACA, None),
    "renja_retrieve": (API_BACA, None),
    "renja_baris_list": (API_BACA, None),
    "renja_temuan_list": (API_BACA, None),
    "renja_e81_list": (API_BACA, None),
    "evaluasi_tc29_list": (API_BACA, None),
    "baris_partial_update": (API_PENYUSUN, lambda d: {"versi": d.baris.versi, "lokasi": "Liwa"}),
    "orang_list": (API_PRIBADI, None),
    "orang_retrieve": (API_PRIBADI_A, None),
    "keluarga_list": (API_PRIBADI, None),
    "keluarga_retrieve": (API_PRIBADI_A, None),
    "bansos_program_list": (API_BACA, None),
    "bansos_program_retrieve": (API_BACA, None),
    "bansos_program_cakupan_list": (API_BACA, None),
    "spm_list": (API_BACA, None),
    "bencana_kejadian_list": (API_BACA, None),
    "bencana_kejadian_retrieve": (_status(403, 200, 200, 200, 200, 200, 404), None),
    "bencana_stok_list": (API_BACA, None),
    "bencana_indikator_retrieve": (API_BACA, None),
}


@dataclass
class Data:
    renja: object  # rancangan awal, editable
    rancangan: object
    final: object
    baris: object
    kegiatan: object
    orang_a: Orang
    keluarga_a: Keluarga
    pasangan: KandidatDuplikat
    putaran: object
    versi: object
    bansos: object  # kesos.bansos.tests.pabrik.data_matriks
    kejadian: object = None
    gudang: object = None
    barang: object = None
    tugas: object = None


@pytest.fixture
def data(renstra_demo, renja_demo, persona) -> Data:
    from kesos.perencanaan.nomenklatur import nomenklatur_muat_baku
    from kesos.perencanaan.pemetaan import versi_nasional

    nomenklatur_muat_baku()
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    final = rencana.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    kegiatan = BarisRenja.objects.get(renja=final, kode="1.6.1.1.20.3")
    ind = kegiatan.indikator.order_by("urutan").first()
    monev.realisasi_simpan(baris=kegiatan, triwulan=1, rupiah=10, nilai={ind.id: 1}, pengguna=SISTEM)
    renja = rencana.renja_buat(organisasi=renja_demo.organisasi, tahun=2022, pengguna=SISTEM)
    p1 = rencana.baris_tambah(renja=renja, level=Level.PROGRAM, kode="1.6.1.1.15", nama="P1", pengguna=SISTEM)
    baris = rencana.baris_tambah(
        renja=renja, level=Level.PROGRAM, kode="1.6.1.1.16", nama="P2", pengguna=SISTEM
    )
    assert p1.pk
    registri.kategori_muat_baku()
    isi = (
        b"nik,no_kk,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa,hubungan_keluarga\n"
        b"1804041203850001,1804040000010001,Budi,L,12-03-1985,Balik Bukit,Pasar Liwa,Kepala Keluarga\n"
        b"1804041203850002,,Budi S,L,12-03-1985,Balik Bukit,Pasar Liwa,\n"
        b"1804055507900002,1804050000010001,Siti,P,15-07-1990,Sumber Jaya,Simpangsari,Kepala Keluarga\n"
    )
    assert registri_import(berkas=isi, pada=date(2026, 6, 1), pengguna=SISTEM).disimpan
    orang_a = Orang.data_pribadi.get(nik="1804041203850001")
    antrekan([(orang_a.pk, Orang.data_pribadi.get(nik="1804041203850002").pk, 0.99)])
    for nama in PERSONA[1:]:
        persona(nama)
    return Data(
        renja=renja,
        rancangan=rancangan,
        final=final,
        baris=baris,
        kegiatan=BarisRenja.objects.get(renja=final, kode="1.6.1.1.20.5"),
        orang_a=orang_a,
        keluarga_a=orang_a.keluarga,
        pasangan=KandidatDuplikat.objects.get(),
        putaran=registri.verval_buka(nama="Verval uji", pengguna=SISTEM),
        versi=versi_nasional(),
        bansos=data_matriks(orang_a),
        tugas=_tugas_impor(persona("admin")),
        **_data_bencana(),
    )


def _tugas_impor(admin):
    """An import started by the admin that refused its one row (so nothing changes), with its
    report to download."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kesos.registri.tugas import impor_mulai

    isi = (
        b"nik,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa\n"
        b"1804041203850001,Budi,X,12-03-1985,Balik Bukit,Pasar Liwa\n"
    )
    tugas = impor_mulai(pengguna=admin, berkas=SimpleUploadedFile("uji.csv", isi))
    assert tugas.status == "selesai" and tugas.hasil["ditolak"] == 1
    return tugas


def _data_bencana() -> dict:
    """An event in kecamatan A (Balik Bukit) and a stocked warehouse."""
    from datetime import timedelta

    from django.utils import timezone

    from kesos.bencana import services as bencana

    gudang = bencana.gudang_simpan(pengguna=SISTEM, kode="GD-1", nama="Gudang Dinsos Liwa")
    barang = bencana.barang_simpan(pengguna=SISTEM, kode="BRS", nama="Beras", satuan="kg")
    bencana.stok_terima(
        pengguna=SISTEM,
        gudang=gudang,
        barang=barang,
        tanggal_terima=timezone.localdate() - timedelta(days=3),
        jumlah=100,
        sumber="APBD",
    )
    kejadian = bencana.kejadian_catat(
        pengguna=SISTEM,
        jenis="tanah_longsor",
        uraian="Longsor",
        waktu_lapor=timezone.now() - timedelta(days=1),
        desa=["18.04.04.2002"],
        jiwa_terdampak=4,
    )
    return {"kejadian": kejadian, "gudang": gudang, "barang": barang}


def _nama_url() -> set[str]:
    nama: set[str] = set()

    def jalan(res, ns=""):
        for p in res.url_patterns:
            if isinstance(p, URLResolver):
                jalan(p, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                nama.add(ns + p.name)

    jalan(get_resolver())
    return nama


def _minta(klien, metode: str, alamat: str, isian: dict | None, api: bool = False):
    with transaction.atomic():
        if metode == "GET":
            r = klien.get(alamat)
        elif metode == "PATCH":
            r = klien.patch(alamat, isian or {}, format="json")
        else:
            r = klien.post(alamat, isian or {})
        transaction.set_rollback(True)
    return r.status_code


def _klien(persona, nama: str, api: bool):
    klien = APIClient() if api else Client()
    if nama != "anonim":
        if api:
            klien.force_authenticate(persona(nama))
        else:
            klien.force_login(persona(nama))
    return klien


def test_every_url_has_a_rule():
    """A new page without a line in HALAMAN (or a new router name) fails here."""
    tanpa_aturan = {
        n for n in _nama_url() if not n.startswith("admin:") and n not in HALAMAN and n not in NAMA_ROUTER
    }
    assert not tanpa_aturan, f"tulis aturan aksesnya di HALAMAN: {sorted(tanpa_aturan)}"


def test_every_api_operation_has_a_rule():
    skema = SchemaGenerator().get_schema(request=None, public=True)
    operasi = {o["operationId"] for jalur in skema["paths"].values() for o in jalur.values()}
    assert operasi == set(API), (
        f"tanpa aturan: {sorted(operasi - set(API))}, usang: {sorted(set(API) - operasi)}"
    )


def test_pages_answer_each_persona_as_the_rules_say(data, persona):
    salah = []
    for nama, daftar in HALAMAN.items():
        for kasus in daftar:
            alamat = kasus.alamat(data)
            isian = kasus.isian(data) if kasus.isian else None
            for p in PERSONA:
                # A fresh client per request: each one logs in inside the rolled-back savepoint.
                with transaction.atomic():
                    klien = _klien(persona, p, api=nama.startswith("api-"))
                    status = _minta(klien, kasus.metode, alamat, isian)
                    transaction.set_rollback(True)
                if status != kasus.harapan[p]:
                    harus = kasus.harapan[p]
                    salah.append(
                        f"{kasus.metode} {alamat} ({nama}) sebagai {p}: {status}, seharusnya {harus}"
                    )
    assert not salah, "\n".join(salah)


def _isi_jalur(jalur: str, data: Data) -> str:
    ganti = {
        "/api/organisasi/{id}/": data.final.organisasi_id,
        "/api/renja/{id}/": data.final.pk,
        "/api/renja/{id}/baris/": data.final.pk,
        "/api/renja/{id}/temuan/": data.final.pk,
        "/api/renja/{id}/e81/": data.final.pk,
        "/api/baris/{id}/": data.baris.pk,
        "/api/orang/{id}/": data.orang_a.pk,
        "/api/keluarga/{id}/": data.keluarga_a.pk,
    }
    if jalur in ganti:
        return jalur.replace("{id}", str(ganti[jalur]))
    if jalur == "/api/bansos/program/{id}/":
        return jalur.replace("{id}", str(data.bansos.program.pk))
    if jalur == "/api/bansos/program/{id}/cakupan/":
        return jalur.replace("{id}", str(data.bansos.program.pk)) + f"?periode={data.bansos.periode.pk}"
    if jalur == "/api/spm/":
        return jalur + "?tahun=2019"
    if jalur == "/api/bencana/kejadian/{id}/":
        return jalur.replace("{id}", str(data.kejadian.pk))
    if jalur == "/api/bencana/indikator/":
        return jalur + "?tahun=2021"
    if jalur == "/api/evaluasi/tc29/":
        return jalur + "?organisasi=1.6.1.1&tahun=2021"
    assert "{" not in jalur, jalur
    return jalur


def test_api_operations_answer_each_persona_as_the_rules_say(data, persona):
    skema = SchemaGenerator().get_schema(request=None, public=True)
    salah = []
    for jalur, operasi in skema["paths"].items():
        for metode, o in operasi.items():
            harapan, isian = API[o["operationId"]]
            alamat = _isi_jalur(jalur, data)
            for p in PERSONA:
                with transaction.atomic():
                    klien = _klien(persona, p, api=True)
                    status = _minta(klien, metode.upper(), alamat, isian(data) if isian else None)
                    transaction.set_rollback(True)
                if status != harapan[p]:
                    op = o["operationId"]
                    salah.append(
                        f"{metode.upper()} {alamat} ({op}) sebagai {p}: {status}, seharusnya {harapan[p]}"
                    )
    assert not salah, "\n".join(salah)


def test_the_admin_site_is_for_staff_only(data, persona):
    """Every persona above is a role of kesos, none is Django staff: the admin site sends them
    all to its login page."""
    for p in PERSONA:
        klien = _klien(persona, p, api=False)
        for alamat in ("/admin/", "/admin/akun/pengguna/", "/admin/akun/aksesdatapribadi/", "/admin/akun/"):
            assert klien.get(alamat).status_code == 302, (p, alamat)


PARAMETER_JAHAT = ["\x00", "abc", "²", "99999999999999999999999", "x" * 5000]


def test_hostile_query_parameters_on_every_page_give_no_server_error(data, persona):
    """Every GET page of the matrix, as admin and as an operator, with each parameter a page
    reads (q, hal, versi, putaran, induk, format, tahun…) set to hostile values: a page, a
    404 or a redirect, never a server error (a NUL byte reaches PostgreSQL as an error)."""
    nama_param = ["q", "hal", "versi", "putaran", "induk", "format", "tahun", "organisasi", "next"]
    for p in ("admin", "operator_a"):
        klien = _klien(persona, p, api=False)
        for daftar in HALAMAN.values():
            for kasus in daftar:
                if kasus.metode != "GET":
                    continue
                alamat = kasus.alamat(data)
                for nilai in PARAMETER_JAHAT:
                    with transaction.atomic():
                        r = klien.get(alamat, dict.fromkeys(nama_param, nilai))
                        transaction.set_rollback(True)
                    assert r.status_code < 500, (p, alamat, nilai)
