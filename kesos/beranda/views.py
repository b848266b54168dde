"""The home page: what each role needs first, figures read from each app's queries and shown
only where that app's policy lets the user see them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kesos.akun.access import kebijakan_diperlukan, peran
from kesos.akun.models import Peran
from kesos.bansos.access import BANSOS, SPM
from kesos.bencana.access import BENCANA
from kesos.monev import queries as monev
from kesos.monev import services as realisasi
from kesos.monev.access import REALISASI
from kesos.perencanaan import queries as rencana
from kesos.perencanaan.access import BARIS_RENJA, NOMENKLATUR, RENJA, aksi_lanjutkan
from kesos.perencanaan.services import tahap_berikutnya
from kesos.registri import queries as registri
from kesos.registri.access import DUPLIKAT, ORANG, VERVAL
from kesos.registri.models import KandidatDuplikat, Orang
from kesos.wilayah.models import Wilayah

from .access import BERANDA

PROGRAM_DITAMPILKAN = 12  # more are on the E.81 page: the home page is a glance

# What each role's page holds, in the order it is shown.
BAGIAN = {
    Peran.KEPALA_DINAS: ("renja", "realisasi", "verval", "tren"),
    Peran.ADMIN: ("admin", "renja", "realisasi", "verval", "tren"),
    Peran.PERENCANA: ("renja", "realisasi"),
    Peran.OPERATOR: ("verval_wilayah",),
    Peran.REVIEWER: ("renja",),
}


def _renja(request: HttpRequest) -> list[dict]:
    """Each office's current Renja with its standing and the next step the user may take."""
    hasil = []
    for r in rencana.renja_terkini():
        keadaan = rencana.keadaan_renja(r)
        berikut = tahap_berikutnya(r)
        hasil.append(
            {
                "k": keadaan,
                "r": keadaan.ringkasan,
                "tahap_berikut": berikut,
                # The planner's to-do list: for whoever may change the rows of an editable Renja.
                "boleh_ubah": keadaan.dapat_diubah and BARIS_RENJA.boleh(request.user, "ubah"),
                "boleh_lanjut": berikut is not None and RENJA.boleh(request.user, aksi_lanjutkan(berikut)),
            }
        )
    return hasil


def _realisasi(request: HttpRequest) -> list[dict]:
    hasil = []
    for renja in monev.renja_berlaku(timezone.localdate().year):
        r = monev.realisasi_renja(renja)
        hasil.append(
            {
                "r": r,
                "lain": max(0, len(r.program) - PROGRAM_DITAMPILKAN),
                "boleh_catat": _boleh_catat(request, renja),
            }
        )
    return hasil


def _boleh_catat(request: HttpRequest, renja) -> bool:
    """Entry is offered to whoever may record an open quarter of this Renja (the same rule as
    the service); the kepala dinas corrects locked quarters from the E.81 page."""
    return realisasi.boleh_simpan(request.user, tahap=renja.tahap, terkunci=False)


def _verval() -> dict:
    putaran = registri.putaran_terkini()
    return {"putaran": putaran, "kemajuan": registri.kemajuan_verval(putaran) if putaran else []}


def _verval_wilayah(request: HttpRequest) -> dict:
    """An operator's area: its verval progress, the persons the open round still waits for,
    and the likely duplicates queued for them."""
    lingkup = request.user.wilayah_kode
    putaran = registri.putaran_terkini()
    kemajuan = registri.kemajuan_verval(putaran, lingkup) if putaran and lingkup else []
    orang = ORANG.dalam_lingkup(request.user, "lihat", Orang.data_pribadi.all())
    return {
        "wilayah": Wilayah.objects.filter(kode=lingkup).first() if lingkup else None,
        "putaran": putaran,
        "kemajuan": kemajuan,
        "nama_desa": {d.kode: d.nama for k in kemajuan for d in k.desa},
        "menunggu": registri.menunggu_verval(putaran, orang) if putaran and putaran.terbuka else None,
        "boleh_tandai": VERVAL.boleh_peran(request.user, "tandai"),
        "duplikat": DUPLIKAT.dalam_lingkup(
            request.user,
            "lihat",
            KandidatDuplikat.objects.filter(keputusan=KandidatDuplikat.Keputusan.ANTRE),
        )
        .distinct()
        .count(),
    }


def _tren(renja: list[dict]) -> dict:
    return {
        "tercatat": registri.tren_tercatat(),
        "renstra": monev.renja_dengan_renstra([x["k"].renja for x in renja]),
    }


@kebijakan_diperlukan(BERANDA, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    bagian = BAGIAN.get(peran(request.user), ())
    konteks: dict = {
        "bagian": bagian,
        "tahun_ini": timezone.localdate().year,
        "program_ditampilkan": PROGRAM_DITAMPILKAN,
    }
    if "renja" in bagian and RENJA.boleh(request.user, "lihat"):
        konteks["renja"] = _renja(request)
    if "realisasi" in bagian and REALISASI.boleh(request.user, "lihat"):
        konteks["realisasi"] = _realisasi(request)
    if "verval" in bagian and VERVAL.boleh(request.user, "kemajuan"):
        konteks["verval"] = _verval()
    if "verval_wilayah" in bagian:
        konteks["verval_wilayah"] = _verval_wilayah(request)
    if "tren" in bagian and ORANG.boleh(request.user, "hitung"):
        konteks["tren"] = _tren(konteks.get("renja", []))
    # The pages of the user's work, each asked of its own policy as the site's menu asks it.
    konteks["tautan"] = {
        "renja": RENJA.boleh(request.user, "menu"),
        "impor": RENJA.boleh(request.user, "impor"),
        "evaluasi": REALISASI.boleh(request.user, "menu"),
        "nomenklatur": NOMENKLATUR.boleh(request.user, "menu"),
        "registri": ORANG.boleh(request.user, "hitung"),
        "daftar_orang": ORANG.boleh(request.user, "daftar"),
        "verval": VERVAL.boleh(request.user, "kemajuan"),
        "duplikat": DUPLIKAT.boleh(request.user, "lihat"),
        "bansos": BANSOS.boleh(request.user, "lihat"),
        "spm": SPM.boleh(request.user, "lihat"),
        "bencana": BENCANA.boleh(request.user, "lihat"),
        "admin": request.user.is_staff,
    }
    return render(request, "beranda/beranda.html", konteks)
