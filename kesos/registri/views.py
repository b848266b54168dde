from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import kebijakan_diperlukan
from kesos.akun.models import AksesDataPribadi
from kesos.akun.services import akses_catat
from kesos.inti.ekspor import penulis_csv
from kesos.inti.errors import KesosError
from kesos.inti.http import id_dari as _id
from kesos.inti.http import teks_cari
from kesos.tugas.access import TUGAS
from kesos.tugas.models import Tugas
from kesos.wilayah.models import Wilayah

from . import queries, services
from . import tugas as tugas_registri
from .access import DUPLIKAT, ORANG, VERVAL
from .duplikat import putuskan
from .impor import KOLOM, WAJIB
from .models import (
    AlasanTidakValid,
    HasilVerval,
    Jenis,
    KandidatDuplikat,
    Orang,
    PutaranVerval,
    Status,
    Verval,
)


def orang_untuk(request: HttpRequest, pk: int, aksi: str = "lihat") -> Orang:
    """A person the user may see (or change), or 404: another area's records are not even
    confirmed to exist."""
    orang = get_object_or_404(Orang.data_pribadi.select_related("keluarga"), pk=pk)
    if not ORANG.boleh(request.user, aksi, orang):
        raise Http404
    return orang


def _lingkup(request: HttpRequest) -> str:
    return request.user.wilayah_kode


@kebijakan_diperlukan(ORANG, "hitung")
def beranda(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registri/beranda.html",
        {
            "pmks": queries.tabel_tercatat(jenis=Jenis.PMKS),
            "psks": queries.tabel_tercatat(jenis=Jenis.PSKS),
            "rekap": queries.rekap(per="kecamatan", lingkup=_lingkup(request)),
            "boleh_daftar": ORANG.boleh(request.user, "daftar"),
            "boleh_duplikat": DUPLIKAT.boleh(request.user, "lihat"),
            "boleh_ekspor": ORANG.boleh(request.user, "ekspor"),
            "boleh_impor": ORANG.boleh(request.user, "impor"),
        },
    )


def _nik_berawalan(awal: str) -> Q:
    """NIKs starting with ``awal``, as a range the unique index answers (digits sort the same in
    every collation); text that is not digits matches no NIK."""
    if not awal.isdigit() or len(awal) > 16:
        return Q(pk__in=[])
    return Q(nik__gte=awal, nik__lte=awal + "9" * (16 - len(awal)))


@kebijakan_diperlukan(ORANG, "daftar")
def orang_daftar(request: HttpRequest) -> HttpResponse:
    """Persons of the user's area, NIK masked for everyone (the full NIK is on the person's
    page, where each view is logged) and nothing beside it that the NIK encodes (birth date,
    sex), so the mask cannot be completed. Roles that may not see personal data (kepala dinas,
    or a role given the list permission) see no name and cannot search by name or NIK."""
    pribadi = ORANG.boleh(request.user, "lihat")
    qs = ORANG.dalam_lingkup(request.user, "daftar", Orang.data_pribadi.order_by("desa_kode", "id"))
    cari = teks_cari(request.GET.get("q", "")) if pribadi else ""
    if cari:
        qs = qs.filter(_nik_berawalan(cari) | Q(nama__icontains=cari))
    pilihan_desa = _desa_lingkup(request)
    desa_kode = request.GET.get("desa", "")
    if desa_kode in pilihan_desa:
        qs = qs.filter(desa_kode=desa_kode)
    else:
        desa_kode = ""
    putaran = PutaranVerval.objects.filter(ditutup_pada__isnull=True).first()
    belum = bool(putaran) and request.GET.get("verval") == "belum"
    if belum:
        qs = queries.belum_diverval(qs, putaran)
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    desa = dict(Wilayah.objects.filter(kode__in={o.desa_kode for o in halaman}).values_list("kode", "nama"))
    return render(
        request,
        "registri/orang_daftar.html",
        {
            "halaman": halaman,
            "cari": cari,
            "desa": desa,
            "pribadi": pribadi,
            "pilihan_desa": pilihan_desa,
            "desa_kode": desa_kode,
            "putaran": putaran,
            "belum": belum,
            "wilayah": Wilayah.objects.filter(kode=_lingkup(request)).first() if _lingkup(request) else None,
        },
    )


def _desa_lingkup(request: HttpRequest) -> dict[str, str]:
    """The desa of the user's area, code to name, in code order (every desa for an admin)."""
    qs = Wilayah.objects.filter(tingkat__in=("desa", "kelurahan")).order_by("kode")
    if _lingkup(request):
        qs = qs.filter(kode__startswith=_lingkup(request) + ".")
    return dict(qs.values_list("kode", "nama"))


@kebijakan_diperlukan(ORANG, "lihat")
def orang_detail(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk)
    akses_catat(
        pengguna=request.user,
        aksi=AksesDataPribadi.Aksi.LIHAT,
        objek=services.OBJEK_ORANG,
        ids=[orang.pk],
        tujuan="halaman orang",
        alamat=request.path,
    )
    putaran = PutaranVerval.objects.filter(ditutup_pada__isnull=True).first()
    boleh_verval = bool(putaran) and VERVAL.boleh(request.user, "tandai", orang)
    berikutnya = (
        queries.verval_berikutnya(
            ORANG.dalam_lingkup(request.user, "lihat", Orang.data_pribadi), orang, putaran
        )
        if boleh_verval
        else None
    )
    return render(
        request,
        "registri/orang_detail.html",
        {
            "orang": orang,
            "desa": Wilayah.objects.filter(kode=orang.desa_kode).first(),
            "klasifikasi": orang.klasifikasi.select_related("kategori"),
            "riwayat": queries.riwayat_orang(orang),
            "putaran": putaran,
            "verval": Verval.objects.filter(putaran=putaran, orang=orang).first() if putaran else None,
            "hasil_pilihan": HasilVerval.choices,
            "alasan_pilihan": AlasanTidakValid.choices,
            "status_pilihan": Status.choices,
            "boleh_verval": boleh_verval,
            "boleh_ubah": ORANG.boleh(request.user, "ubah", orang),
            "berikutnya": berikutnya,
        },
    )


@require_POST
@kebijakan_diperlukan(ORANG, "ubah")
def orang_status(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk, "ubah")
    try:
        services.orang_ubah_status(
            orang=orang,
            status=request.POST.get("status", ""),
            keterangan=request.POST.get("keterangan", ""),
            pengguna=request.user,
        )
    except ValidationError as e:
        messages.error(request, "; ".join(e.messages))
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Status diperbarui."))
    return redirect("registri:orang", pk=orang.pk)


@require_POST
@kebijakan_diperlukan(VERVAL, "tandai")
def orang_verval(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk)
    putaran = get_object_or_404(PutaranVerval, pk=_id(request.POST.get("putaran")))
    try:
        services.verval_tandai(
            putaran=putaran,
            orang=orang,
            hasil=request.POST.get("hasil", ""),
            alasan=request.POST.get("alasan", ""),
            catatan=request.POST.get("catatan", ""),
            pengguna=request.user,
        )
    except ValidationError as e:
        messages.error(request, "; ".join(e.messages))
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Hasil verval disimpan."))
    return redirect("registri:orang", pk=orang.pk)


@kebijakan_diperlukan(VERVAL, "kemajuan")
def verval(request: HttpRequest) -> HttpResponse:
    putaran = PutaranVerval.objects.all()
    pilihan = (
        putaran.filter(pk=_id(request.GET.get("putaran"))).first()
        if request.GET.get("putaran")
        else putaran.first()
    )
    kemajuan = queries.kemajuan_verval(pilihan) if pilihan else []
    return render(
        request,
        "registri/verval.html",
        {
            "putaran": putaran,
            "pilihan": pilihan,
            "kemajuan": kemajuan,
            "belum": sum(1 for k in kemajuan for d in k.desa if d.belum_mulai),
            "boleh_putaran": VERVAL.boleh(request.user, "putaran"),
            # the desa whose persons the user may list: their names link to those still to verify
            "desa_terbuka": {
                d.kode
                for k in kemajuan
                for d in k.desa
                if ORANG.boleh(request.user, "daftar", SimpleNamespace(desa_kode=d.kode))
            },
            # an operator's own kecamatan opens by itself
            "kecamatan_saya": {
                k.kode
                for k in kemajuan
                if _lingkup(request) == k.kode or _lingkup(request).startswith(k.kode + ".")
            },
            "ada_terbuka": any(p.terbuka for p in putaran),
        },
    )


@require_POST
@kebijakan_diperlukan(VERVAL, "putaran")
def verval_putaran(request: HttpRequest) -> HttpResponse:
    try:
        if request.POST.get("aksi") == "tutup":
            p = services.verval_tutup(
                putaran=get_object_or_404(PutaranVerval, pk=_id(request.POST.get("putaran"))),
                pengguna=request.user,
            )
            messages.success(
                request, _("Putaran %(nama)s ditutup; hasilnya disimpan apa adanya.") % {"nama": p.nama}
            )
        else:
            p = services.verval_buka(nama=request.POST.get("nama", ""), pengguna=request.user)
            messages.success(request, _("Putaran %(nama)s dibuka.") % {"nama": p.nama})
    except ValidationError as e:
        messages.error(request, "; ".join(e.messages))
    except KesosError as e:
        messages.error(request, str(e))
    return redirect("registri:verval")


def data_terbuka(request: HttpRequest) -> HttpResponse:
    """Open data for anyone: counts per kecamatan and category, under 5 shown as '< 5'."""
    baris = queries.untuk_publik(queries.rekap(per="kecamatan"))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rekap_pmks_psks.csv"'
        w = penulis_csv(response)
        w.writerow(["kode_wilayah", "nama_wilayah", "kategori", "jumlah"])
        for b, tampil in baris:
            w.writerow([b.kode_wilayah, b.nama_wilayah, b.kategori, tampil])
        return response
    return render(request, "registri/data_terbuka.html", {"baris": baris})


@dataclass
class SisiPasangan:
    """One record of a pair as the user may see it: their own area's in full name with the NIK
    masked, another area's masked whole (no name, no link)."""

    orang: Orang
    terlihat: bool


@dataclass
class BarisAntrean:
    kandidat: KandidatDuplikat
    a: SisiPasangan
    b: SisiPasangan
    boleh_putus: bool
    lintas_wilayah: bool

    @property
    def sisi(self) -> list[SisiPasangan]:
        return [self.a, self.b]


@kebijakan_diperlukan(DUPLIKAT, "lihat")
def duplikat(request: HttpRequest) -> HttpResponse:
    """Pairs with a record in the user's area. A pair whose other record lies in another area
    shows that record masked and is decided by an admin, who sees every pair."""
    qs = KandidatDuplikat.objects.filter(keputusan=KandidatDuplikat.Keputusan.ANTRE).select_related(
        "orang_a", "orang_b"
    )
    qs = DUPLIKAT.dalam_lingkup(request.user, "lihat", qs).distinct()[:200]
    antrean = []
    for k in qs:
        a = SisiPasangan(k.orang_a, ORANG.boleh(request.user, "lihat", k.orang_a))
        b = SisiPasangan(k.orang_b, ORANG.boleh(request.user, "lihat", k.orang_b))
        lintas = k.orang_a.desa_kode[:8] != k.orang_b.desa_kode[:8]
        antrean.append(BarisAntrean(k, a, b, DUPLIKAT.boleh(request.user, "putuskan", k), lintas))
    terakhir = None
    if DUPLIKAT.boleh(request.user, "cari"):
        terakhir = Tugas.objects.filter(jenis=tugas_registri.DUPLIKAT_CARI).order_by("-dibuat").first()
    return render(
        request,
        "registri/duplikat.html",
        {"antrean": antrean, "boleh_cari": DUPLIKAT.boleh(request.user, "cari"), "terakhir": terakhir},
    )


@require_POST
@kebijakan_diperlukan(DUPLIKAT, "cari")
def duplikat_cari(request: HttpRequest) -> HttpResponse:
    """Start the search in the background and show its progress."""
    try:
        tugas = tugas_registri.duplikat_cari_mulai(pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
        return redirect("registri:duplikat")
    return redirect("tugas:detail", tugas.pk)


@kebijakan_diperlukan(ORANG, "impor")
def impor(request: HttpRequest) -> HttpResponse:
    """Upload a CSV or XLSX of persons; it is imported in the background (as `kesos registri
    import` does) and its report shown on the job's page."""
    simpan_yang_sah = request.POST.get("simpan_yang_sah") == "1"
    if request.method == "POST":
        try:
            tugas = tugas_registri.impor_mulai(
                pengguna=request.user, berkas=request.FILES.get("berkas"), simpan_yang_sah=simpan_yang_sah
            )
        except KesosError as e:
            messages.error(request, str(e))
        else:
            return redirect("tugas:detail", tugas.pk)
    riwayat = TUGAS.dalam_lingkup(
        request.user, "lihat", Tugas.objects.filter(jenis=tugas_registri.IMPOR)
    ).order_by("-dibuat")[:10]
    return render(
        request,
        "registri/impor.html",
        {
            "kolom": KOLOM,
            "wajib": WAJIB,
            "simpan_yang_sah": simpan_yang_sah,
            "riwayat": riwayat,
            "ukuran_maks": tugas_registri.UKURAN_MAKS // 2**20,
        },
    )


@require_POST
@kebijakan_diperlukan(DUPLIKAT, "lihat")
def duplikat_putus(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_object_or_404(
        DUPLIKAT.dalam_lingkup(request.user, "lihat", KandidatDuplikat.objects.all()).distinct(), pk=pk
    )
    try:
        putuskan(kandidat=k, gabung=request.POST.get("aksi") == "gabung", pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Keputusan disimpan."))
    return redirect("registri:duplikat")


@kebijakan_diperlukan(ORANG, "hitung")
def grafik(request: HttpRequest, jenis: str, fmt: str) -> HttpResponse:
    from kesos.laporan.grafik import grafik_tercatat

    if jenis not in Jenis.values or fmt not in ("svg", "png"):
        raise Http404
    data = grafik_tercatat(
        queries.tabel_tercatat(jenis=jenis),
        _("Tren %(jenis)s Kabupaten Lampung Barat") % {"jenis": jenis},
        fmt,
    )
    return HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")


@kebijakan_diperlukan(ORANG, "ekspor")
def orang_ekspor(request: HttpRequest) -> HttpResponse:
    """Persons of the user's area as CSV, after the user types why; the export is logged."""
    from kesos.laporan.registri_csv import buat_csv_orang

    galat = ""
    tujuan = request.POST.get("tujuan", "")
    if request.method == "POST":
        try:
            orang = services.orang_ekspor(pengguna=request.user, tujuan=tujuan, alamat=request.path)
        except ValidationError as e:
            galat = "; ".join(e.messages)
        else:
            response = HttpResponse(buat_csv_orang(orang), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="orang.csv"'
            return response
    jumlah = ORANG.dalam_lingkup(request.user, "ekspor", Orang.data_pribadi.all()).count()
    return render(request, "registri/ekspor.html", {"galat": galat, "tujuan": tujuan, "jumlah": jumlah})
