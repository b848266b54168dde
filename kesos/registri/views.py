from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kesos.akun.access import (
    PEMBACA_DATA_PRIBADI,
    PEMBACA_REGISTRI,
    dalam_wilayah,
    peran_diperlukan,
    wilayah_boleh,
)
from kesos.akun.models import AuditLog
from kesos.inti.ekspor import penulis_csv
from kesos.inti.errors import KesosError
from kesos.wilayah.models import Wilayah

from . import queries, services
from .duplikat import putuskan
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


def orang_untuk(request: HttpRequest, pk: int) -> Orang:
    """A person the user may see, or 404: another area's records are not even confirmed to exist."""
    orang = get_object_or_404(Orang.data_pribadi.select_related("keluarga"), pk=pk)
    if not wilayah_boleh(request.user, orang.desa_kode):
        raise Http404
    return orang


def _lingkup(request: HttpRequest) -> str:
    return request.user.wilayah_kode


@peran_diperlukan(*PEMBACA_REGISTRI)
def beranda(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registri/beranda.html",
        {
            "pmks": queries.tabel_tercatat(jenis=Jenis.PMKS),
            "psks": queries.tabel_tercatat(jenis=Jenis.PSKS),
            "rekap": queries.rekap(per="kecamatan", lingkup=_lingkup(request)),
            "boleh_pribadi": request.user.punya_peran(*PEMBACA_DATA_PRIBADI),
        },
    )


def _nik_berawalan(awal: str) -> Q:
    """NIKs starting with ``awal``, as a range the unique index answers (digits sort the same in
    every collation); text that is not digits matches no NIK."""
    if not awal.isdigit() or len(awal) > 16:
        return Q(pk__in=[])
    return Q(nik__gte=awal, nik__lte=awal + "9" * (16 - len(awal)))


@peran_diperlukan(*PEMBACA_REGISTRI)
def orang_daftar(request: HttpRequest) -> HttpResponse:
    """Persons of the user's area. Roles that may not see personal data get the same list with
    the NIK masked and no name, and cannot search by name or NIK."""
    pribadi = request.user.punya_peran(*PEMBACA_DATA_PRIBADI)
    qs = dalam_wilayah(Orang.data_pribadi.order_by("desa_kode", "id"), request.user)
    cari = request.GET.get("q", "").strip() if pribadi else ""
    if cari:
        qs = qs.filter(_nik_berawalan(cari) | Q(nama__icontains=cari))
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    desa = dict(Wilayah.objects.filter(kode__in={o.desa_kode for o in halaman}).values_list("kode", "nama"))
    return render(
        request,
        "registri/orang_daftar.html",
        {"halaman": halaman, "cari": cari, "desa": desa, "pribadi": pribadi},
    )


@peran_diperlukan(*PEMBACA_DATA_PRIBADI)
def orang_detail(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk)
    putaran = PutaranVerval.objects.filter(ditutup_pada__isnull=True).first()
    return render(
        request,
        "registri/orang_detail.html",
        {
            "orang": orang,
            "desa": Wilayah.objects.filter(kode=orang.desa_kode).first(),
            "klasifikasi": orang.klasifikasi.select_related("kategori"),
            "riwayat": AuditLog.objects.filter(
                objek=services.OBJEK_ORANG, objek_id=str(orang.pk)
            ).select_related("pengguna"),
            "putaran": putaran,
            "verval": Verval.objects.filter(putaran=putaran, orang=orang).first() if putaran else None,
            "hasil_pilihan": HasilVerval.choices,
            "alasan_pilihan": AlasanTidakValid.choices,
            "status_pilihan": Status.choices,
            "boleh_verval": putaran and request.user.peran_efektif == "operator",
        },
    )


@require_POST
@peran_diperlukan(*PEMBACA_DATA_PRIBADI)
def orang_status(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk)
    try:
        services.orang_ubah_status(
            orang=orang,
            status=request.POST.get("status", ""),
            keterangan=request.POST.get("keterangan", ""),
            pengguna=request.user,
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "Status diperbarui.")
    return redirect("registri:orang", pk=orang.pk)


@require_POST
@peran_diperlukan(*PEMBACA_DATA_PRIBADI)
def orang_verval(request: HttpRequest, pk: int) -> HttpResponse:
    orang = orang_untuk(request, pk)
    putaran = get_object_or_404(PutaranVerval, pk=request.POST.get("putaran"))
    try:
        services.verval_tandai(
            putaran=putaran,
            orang=orang,
            hasil=request.POST.get("hasil", ""),
            alasan=request.POST.get("alasan", ""),
            catatan=request.POST.get("catatan", ""),
            pengguna=request.user,
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "Hasil verval disimpan.")
    return redirect("registri:orang", pk=orang.pk)


@peran_diperlukan(*PEMBACA_REGISTRI)
def verval(request: HttpRequest) -> HttpResponse:
    putaran = PutaranVerval.objects.all()
    pilihan = (
        putaran.filter(pk=request.GET.get("putaran")).first()
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
        },
    )


@require_POST
@peran_diperlukan(*PEMBACA_REGISTRI)
def verval_putaran(request: HttpRequest) -> HttpResponse:
    try:
        if request.POST.get("aksi") == "tutup":
            p = services.verval_tutup(
                putaran=get_object_or_404(PutaranVerval, pk=request.POST.get("putaran")),
                pengguna=request.user,
            )
            messages.success(request, f"Putaran {p.nama} ditutup; hasilnya disimpan apa adanya.")
        else:
            p = services.verval_buka(nama=request.POST.get("nama", ""), pengguna=request.user)
            messages.success(request, f"Putaran {p.nama} dibuka.")
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


@peran_diperlukan(*PEMBACA_DATA_PRIBADI)
def duplikat(request: HttpRequest) -> HttpResponse:
    qs = KandidatDuplikat.objects.filter(keputusan=KandidatDuplikat.Keputusan.ANTRE).select_related(
        "orang_a", "orang_b"
    )
    qs = dalam_wilayah(qs, request.user)
    return render(
        request,
        "registri/duplikat.html",
        {"antrean": qs[:200], "boleh_putus": request.user.peran_efektif == "operator"},
    )


@require_POST
@peran_diperlukan(*PEMBACA_DATA_PRIBADI)
def duplikat_putus(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_object_or_404(KandidatDuplikat, pk=pk)
    try:
        putuskan(kandidat=k, gabung=request.POST.get("aksi") == "gabung", pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "Keputusan disimpan.")
    return redirect("registri:duplikat")


@peran_diperlukan(*PEMBACA_REGISTRI)
def grafik(request: HttpRequest, jenis: str, fmt: str) -> HttpResponse:
    from kesos.laporan.grafik import grafik_tercatat

    if jenis not in Jenis.values or fmt not in ("svg", "png"):
        raise Http404
    data = grafik_tercatat(queries.tabel_tercatat(jenis=jenis), f"Tren {jenis} Kabupaten Lampung Barat", fmt)
    return HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")
