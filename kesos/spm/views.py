from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import kebijakan_diperlukan
from kesos.bansos.access import SPM
from kesos.inti.errors import KesosError
from kesos.inti.http import id_dari

from . import queries
from .models import IndikatorSPM, TabelTertulis
from .pemeriksaan import GALAT
from .services import nilai_manual_simpan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tahun(request: HttpRequest) -> int:
    t = id_dari(request.GET.get("tahun", ""))
    if 2000 <= t <= 2100:
        return t
    terakhir = TabelTertulis.objects.order_by("-tahun").values_list("tahun", flat=True).first()
    return terakhir or timezone.localdate().year


@kebijakan_diperlukan(SPM, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    temuan = queries.temuan(tahun=tahun)
    return render(
        request,
        "spm/beranda.html",
        {
            "tahun": tahun,
            "tabel": queries.hitung(tahun=tahun),
            "tertulis": TabelTertulis.objects.filter(tahun=tahun)
            .prefetch_related("baris")
            .order_by("urutan"),
            "jumlah_galat": sum(1 for t in temuan if t.tingkat == GALAT),
            "jumlah_temuan": len(temuan),
            "boleh_isi": SPM.boleh(request.user, "isi"),
        },
    )


@kebijakan_diperlukan(SPM, "lihat")
def periksa(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    tabel = TabelTertulis.objects.filter(tahun=tahun).order_by("urutan", "id")
    return render(
        request,
        "spm/periksa.html",
        {
            "tahun": tahun,
            "temuan": queries.temuan(tahun=tahun),
            "tabel": [(queries.nama_tabel(t), t) for t in tabel],
        },
    )


@kebijakan_diperlukan(SPM, "lihat")
def unduh(request: HttpRequest) -> HttpResponse:
    from kesos.laporan.spm_xlsx import buat_xlsx_spm

    tahun = _tahun(request)
    r = HttpResponse(buat_xlsx_spm(queries.hitung(tahun=tahun)), content_type=XLSX)
    r["Content-Disposition"] = f'attachment; filename="SPM_sosial_{tahun}.xlsx"'
    return r


@require_POST
@kebijakan_diperlukan(SPM, "isi")
def isi(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = get_object_or_404(IndikatorSPM, pk=pk)
    tahun = _tahun(request)
    try:
        nilai_manual_simpan(
            pengguna=request.user,
            indikator=indikator,
            tahun=tahun,
            pembilang=request.POST.get("pembilang", "").replace(".", "").replace(",", "."),
            penyebut=request.POST.get("penyebut", "").replace(".", "").replace(",", "."),
            keterangan=request.POST.get("keterangan", ""),
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Nilai isian disimpan."))
    return redirect(f"/spm/?tahun={tahun}")
