from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kesos.akun.access import kebijakan_diperlukan

from .access import TUGAS
from .models import Tugas
from .services import JENIS, folder, kemajuan, tugas_periksa_hidup


def _tugas(request: HttpRequest, pk: int) -> Tugas:
    """A job the user may see, or 404 (another user's job is not even confirmed to exist)."""
    tugas = get_object_or_404(TUGAS.dalam_lingkup(request.user, "lihat", Tugas.objects.all()), pk=pk)
    return tugas_periksa_hidup(tugas)


def _status(tugas: Tugas) -> dict:
    persen, pesan = kemajuan(tugas)
    return {
        "id": tugas.pk,
        "status": tugas.status,
        "status_label": tugas.get_status_display(),
        "persen": persen,
        "pesan": _(pesan) if pesan else "",
        "berakhir": tugas.berakhir,
    }


@kebijakan_diperlukan(TUGAS, "lihat")
def tugas_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tugas = _tugas(request, pk)
    jenis = JENIS.get(tugas.jenis)
    return render(
        request,
        "tugas/tugas.html",
        {"tugas": tugas, "jenis": jenis, "status": _status(tugas), "hasil": tugas.hasil},
    )


@kebijakan_diperlukan(TUGAS, "lihat")
def tugas_status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_status(_tugas(request, pk)))


@kebijakan_diperlukan(TUGAS, "lihat")
def tugas_laporan(request: HttpRequest, pk: int) -> FileResponse:
    """The job's report file (an import's refused rows), for the user who may see the job."""
    tugas = _tugas(request, pk)
    nama = tugas.hasil.get("laporan") if tugas.berakhir else None
    if not nama or "/" in nama or "\\" in nama:
        raise Http404
    berkas = folder(tugas) / nama
    if not berkas.is_file():
        raise Http404
    return FileResponse(open(berkas, "rb"), as_attachment=True, filename=f"laporan-tugas-{tugas.pk}.csv")
