from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kesos.akun.access import kebijakan_diperlukan
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.laporan import grafik
from kesos.laporan.evaluasi_xlsx import buat_e81, buat_tc29
from kesos.perencanaan.models import BarisRenja, Indikator, Organisasi, Renja

from . import queries, services
from .access import REALISASI
from .forms import RealisasiForm
from .impor import realisasi_import
from .models import RealisasiTriwulan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GAMBAR = {"svg": "image/svg+xml", "png": "image/png"}


def _unduh(data: bytes, nama: str, jenis: str = XLSX) -> HttpResponse:
    response = HttpResponse(data, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@kebijakan_diperlukan(REALISASI, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    organisasi = Organisasi.objects.prefetch_related("renja", "renstra").all()
    daftar = []
    for org in organisasi:
        tahun = sorted({r.tahun for r in org.renja.all()}, reverse=True)
        daftar.append(
            {"org": org, "tahun": tahun, "renja": list(org.renja.all()), "renstra": list(org.renstra.all())}
        )
    return render(request, "monev/beranda.html", {"daftar": daftar})


@kebijakan_diperlukan(REALISASI, "lihat")
def tc29(request: HttpRequest, org: int, tahun: int) -> HttpResponse:
    organisasi = get_object_or_404(Organisasi, pk=org)
    tabel = queries.tc29(organisasi=organisasi, tahun=tahun)
    selisih = {(s.kode, s.nama, s.kolom): s for s in queries.tc29_selisih(tabel)}
    return render(
        request, "monev/tc29.html", {"tabel": tabel, "selisih": selisih, "jumlah_selisih": len(selisih)}
    )


@kebijakan_diperlukan(REALISASI, "lihat")
def tc29_unduh(request: HttpRequest, org: int, tahun: int) -> HttpResponse:
    organisasi = get_object_or_404(Organisasi, pk=org)
    return _unduh(
        buat_tc29(queries.tc29(organisasi=organisasi, tahun=tahun)), f"T-C.29_{tahun}_{organisasi.kode}.xlsx"
    )


@kebijakan_diperlukan(REALISASI, "lihat")
def anggaran(request: HttpRequest, org: int, tahun: int) -> HttpResponse:
    organisasi = get_object_or_404(Organisasi, pk=org)
    return render(
        request,
        "monev/anggaran.html",
        {"organisasi": organisasi, "tahun": tahun, "r": queries.anggaran(organisasi=organisasi, tahun=tahun)},
    )


def _fmt(fmt: str) -> str:
    if fmt not in GAMBAR:
        raise Http404
    return fmt


@kebijakan_diperlukan(REALISASI, "lihat")
def grafik_tren(request: HttpRequest, org: int, tahun: int, fmt: str) -> HttpResponse:
    organisasi = get_object_or_404(Organisasi, pk=org)
    data = grafik.grafik_tren(queries.tren_renstra(organisasi=organisasi, tahun=tahun), _fmt(fmt))
    return HttpResponse(data, content_type=GAMBAR[fmt])


@kebijakan_diperlukan(REALISASI, "lihat")
def e81(request: HttpRequest, pk: int) -> HttpResponse:
    renja = get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)
    return render(
        request,
        "monev/e81.html",
        {
            "renja": renja,
            "tabel": queries.e81(renja),
            "tanpa_renstra": queries.baris_tanpa_renstra(renja),
            # Entry is offered where the user may save some quarter of this Renja: an open one,
            # or (the kepala dinas) one already submitted and locked.
            "boleh_catat": services.boleh_simpan(request.user, tahap=renja.tahap, terkunci=False)
            or (
                services.boleh_simpan(request.user, tahap=renja.tahap, terkunci=True)
                and bool(queries.triwulan_terkunci(renja))
            ),
        },
    )


@kebijakan_diperlukan(REALISASI, "lihat")
def e81_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    renja = get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)
    return _unduh(buat_e81(queries.e81(renja)), f"E.81_{renja.tahun}_{renja.organisasi.kode}.xlsx")


@kebijakan_diperlukan(REALISASI, "lihat")
def grafik_capaian(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    renja = get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)
    return HttpResponse(
        grafik.grafik_capaian_program(queries.e81(renja), _fmt(fmt)), content_type=GAMBAR[fmt]
    )


@kebijakan_diperlukan(REALISASI, "catat", "koreksi")
def realisasi_renja(request: HttpRequest, pk: int) -> HttpResponse:
    renja = get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)
    tabel = queries.e81(renja)
    terkunci = queries.triwulan_terkunci(renja)
    # Each quarter's cell links to its form only where this user may save it.
    boleh = {
        kunci: services.boleh_simpan(request.user, tahap=renja.tahap, terkunci=kunci)
        for kunci in (False, True)
    }
    sel = {
        r.baris.id: [
            (rp, boleh[(r.baris.id, tw) in terkunci], (r.baris.id, tw) in terkunci)
            for tw, rp in enumerate(r.tw_rp, start=1)
        ]
        for r in tabel.baris
    }
    return render(
        request,
        "monev/realisasi_renja.html",
        {
            "renja": renja,
            "tabel": tabel,
            "sel": sel,
            "berlaku": renja.tahap in services.TAHAP_BERLAKU,
            "boleh_impor": boleh[False] or boleh[True],
        },
    )


@kebijakan_diperlukan(REALISASI, "catat", "koreksi")
def realisasi_impor(request: HttpRequest, pk: int) -> HttpResponse:
    renja = get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)
    masalah = None
    if request.method == "POST" and request.FILES.get("berkas"):
        try:
            hasil = realisasi_import(
                berkas=request.FILES["berkas"].read(),
                renja=renja,
                pengguna=request.user,
                nama_berkas=request.FILES["berkas"].name,
            )
        except ImportDitolak as e:
            masalah = e.masalah
            messages.error(request, str(e))
        except (KesosError, ValidationError) as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request,
                _("%(tw)s realisasi triwulan untuk %(kegiatan)s kegiatan diimpor.")
                % {"tw": hasil.jumlah_triwulan, "kegiatan": hasil.jumlah_baris},
            )
            return redirect("monev:realisasi", pk=renja.pk)
    return render(request, "monev/realisasi_impor.html", {"renja": renja, "masalah": masalah})


@kebijakan_diperlukan(REALISASI, "catat", "koreksi")
def realisasi_form(request: HttpRequest, pk: int, triwulan: int) -> HttpResponse:
    baris = get_object_or_404(BarisRenja.objects.select_related("renja__organisasi"), pk=pk)
    if triwulan not in (1, 2, 3, 4):
        raise Http404
    indikator = list(Indikator.objects.filter(baris=baris).exclude(uraian="").order_by("urutan", "id"))
    ada = RealisasiTriwulan.objects.filter(baris=baris, triwulan=triwulan).prefetch_related("nilai").first()
    awal = {}
    if ada:
        awal = {
            "rupiah": ada.rupiah,
            "faktor_pendorong": ada.faktor_pendorong,
            "faktor_penghambat": ada.faktor_penghambat,
            "tindak_lanjut": ada.tindak_lanjut,
            "versi": ada.versi,
        } | {f"ind_{n.indikator_id}": n.nilai for n in ada.nilai.all()}
    form = RealisasiForm(request.POST or None, indikator=indikator, initial=awal)
    if request.method == "POST":
        if request.POST.get("aksi") == "ajukan" and ada is not None:
            try:
                services.realisasi_ajukan(realisasi=ada, pengguna=request.user)
            except KesosError as e:
                messages.error(request, str(e))
            else:
                messages.success(
                    request,
                    _("Triwulan %(tw)s %(kode)s diajukan dan dikunci.")
                    % {"tw": triwulan, "kode": baris.kode},
                )
            return redirect("monev:realisasi", pk=baris.renja_id)
        if form.is_valid():
            try:
                services.realisasi_simpan(
                    baris=baris,
                    triwulan=triwulan,
                    rupiah=form.cleaned_data["rupiah"],
                    nilai=form.nilai(),
                    versi=form.cleaned_data.get("versi"),
                    faktor_pendorong=form.cleaned_data["faktor_pendorong"],
                    faktor_penghambat=form.cleaned_data["faktor_penghambat"],
                    tindak_lanjut=form.cleaned_data["tindak_lanjut"],
                    pengguna=request.user,
                )
            except ValidationError as e:
                for kolom, pesan in e.message_dict.items():
                    form.add_error(kolom if kolom in form.fields else None, pesan)
            except KesosError as e:
                form.add_error(None, str(e))
            else:
                messages.success(
                    request,
                    _("Realisasi triwulan %(tw)s %(kode)s disimpan.") % {"tw": triwulan, "kode": baris.kode},
                )
                return redirect("monev:realisasi", pk=baris.renja_id)
    return render(
        request,
        "monev/realisasi_form.html",
        {
            "baris": baris,
            "triwulan": triwulan,
            "form": form,
            "ada": ada,
            "boleh_koreksi": REALISASI.boleh(request.user, "koreksi"),
            "boleh_catat": REALISASI.boleh(request.user, "catat"),
            "boleh_simpan": services.boleh_simpan(
                request.user, tahap=baris.renja.tahap, terkunci=bool(ada and ada.terkunci)
            ),
            "boleh_ajukan": bool(ada)
            and not ada.terkunci
            and baris.renja.tahap in services.TAHAP_BERLAKU
            and REALISASI.boleh(request.user, "ajukan"),
        },
    )
