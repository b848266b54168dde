"""Thin pages: they read through ``queries``/``access`` and write through ``services``."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import peran_diperlukan
from kesos.akun.models import Peran
from kesos.inti.errors import KesosError
from kesos.registri.models import Orang
from kesos.wilayah.models import Wilayah

from . import access, queries, services
from .access import PEMBACA_BENCANA
from .forms import (
    BantuanForm,
    KejadianForm,
    KorbanForm,
    KorbanTautForm,
    KsbForm,
    StatusForm,
    TaganaForm,
    TerimaForm,
)
from .models import (
    AnggotaTagana,
    Barang,
    Gudang,
    KampungSiagaBencana,
    Kejadian,
    LatihanDapurUmum,
    PelatihanTagana,
)


def _tahun(request: HttpRequest) -> int:
    """The year asked for, else the year of the latest event the user sees, else this year."""
    try:
        return max(2000, min(2100, int(request.GET.get("tahun", ""))))
    except ValueError:
        terakhir = access.kejadian_terlihat(request.user).order_by("-waktu_lapor").first()
        return timezone.localtime(terakhir.waktu_lapor).year if terakhir else timezone.localdate().year


def _nama_desa(kode: set[str]) -> dict[str, str]:
    return dict(Wilayah.objects.filter(kode__in=kode).values_list("kode", "nama"))


@peran_diperlukan(*PEMBACA_BENCANA)
def beranda(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    kejadian = access.kejadian_terlihat(request.user).order_by("-waktu_lapor")[:20]
    target, periode = queries.target_ksb()
    return render(
        request,
        "bencana/beranda.html",
        {
            "tahun": tahun,
            "respon": queries.respon_ringkas(tahun=tahun),
            "tren": queries.respon_tren(),
            "spm": queries.spm_bencana(tahun=tahun),
            "kejadian": kejadian,
            "desa": _nama_desa({k.desa_kode for k in kejadian}),
            "kurang": queries.stok_di_bawah_minimum(),
            "kedaluwarsa": queries.stok_hampir_kedaluwarsa(),
            "ksb": KampungSiagaBencana.objects.count(),
            "ksb_target": target,
            "ksb_periode": periode,
            "tagana": queries.tagana_ringkas(),
            "boleh_catat": request.user.punya_peran(*access.PENCATAT_BENCANA),
        },
    )


def _kejadian(request: HttpRequest, pk: int) -> Kejadian:
    """An event the user may read, or 404 (an operator does not learn of another area's)."""
    k = access.kejadian_terlihat(request.user).filter(pk=pk).first()
    if k is None:
        raise Http404
    return k


@peran_diperlukan(*access.PENCATAT_BENCANA)
def kejadian_baru(request: HttpRequest) -> HttpResponse:
    form = KejadianForm(request.POST or None, pengguna=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            k = services.kejadian_catat(pengguna=request.user, **d)
        except KesosError as e:
            form.tolak(e)
        else:
            messages.success(request, _("Kejadian dicatat."))
            return redirect("bencana:kejadian", pk=k.pk)
    return render(request, "bencana/kejadian_baru.html", {"form": form})


@peran_diperlukan(*PEMBACA_BENCANA)
def kejadian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    boleh_ubah = access.boleh_ubah_kejadian(request.user, k)
    bantuan = k.bantuan.prefetch_related("mutasi__barang", "penerima").all()
    respon = next(iter(queries.respon_kejadian(qs=Kejadian.objects.filter(pk=k.pk))), None)
    lokasi = list(k.lokasi.values_list("desa_kode", flat=True))
    korban = [
        kb
        for kb in k.korban.select_related("orang")
        if access.boleh_lihat_orang(request.user, kb.orang.desa_kode)
    ]
    awal = {f: getattr(k, f) for f in services.KOLOM_ANGKA} | {
        "versi": k.versi,
        "cara_evakuasi": k.cara_evakuasi,
    }
    return render(
        request,
        "bencana/kejadian_detail.html",
        {
            "k": k,
            "lokasi": [(kode, _nama_desa(set(lokasi)).get(kode, kode)) for kode in lokasi],
            "bantuan": bantuan,
            "respon": respon,
            "korban": korban,
            "boleh_ubah": boleh_ubah,
            "form_status": StatusForm(
                initial={"pada": timezone.localtime().replace(second=0, microsecond=0)}
            ),
            "form_korban": KorbanForm(initial=awal),
            "form_bantuan": BantuanForm(
                initial={"waktu": timezone.localtime().replace(second=0, microsecond=0)}
            ),
            "form_taut": KorbanTautForm(),
        },
    )


def _ulang(request: HttpRequest, k: Kejadian, form, nama: str) -> HttpResponse:
    """Show the event page again with the refused form and its messages."""
    for pesan in form.non_field_errors():
        messages.error(request, pesan)
    for f, pesan in form.errors.items():
        if f != "__all__":
            label = form.fields[f].label if f in form.fields else f
            messages.error(request, f"{label}: {' '.join(pesan)}")
    return redirect("bencana:kejadian", pk=k.pk)


@require_POST
@peran_diperlukan(*access.PENCATAT_BENCANA)
def kejadian_status(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.kejadian_ubah_status(pengguna=request.user, kejadian=k, **form.cleaned_data)
            messages.success(request, _("Status diperbarui."))
        except KesosError as e:
            form.tolak(e)
    return _ulang(request, k, form, "status")


@require_POST
@peran_diperlukan(*access.PENCATAT_BENCANA)
def kejadian_korban(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = KorbanForm(request.POST)
    if form.is_valid():
        try:
            services.kejadian_ubah_korban(pengguna=request.user, kejadian=k, **form.cleaned_data)
            messages.success(request, _("Jumlah korban diperbarui."))
        except KesosError as e:
            form.tolak(e)
    return _ulang(request, k, form, "korban")


def _orang_nik(request: HttpRequest, nik: str, kolom: str) -> Orang:
    orang = Orang.data_pribadi.filter(nik=nik.strip()).first()
    if orang is None or not access.boleh_lihat_orang(request.user, orang.desa_kode):
        raise KesosError(
            _("%(kolom)s: NIK %(nik)s tidak ditemukan di registri wilayah Anda.")
            % {"kolom": kolom, "nik": nik}
        )
    return orang


@require_POST
@peran_diperlukan(*access.PENCATAT_BENCANA)
def kejadian_korban_taut(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = KorbanTautForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.korban_tautkan(
                pengguna=request.user,
                kejadian=k,
                orang=_orang_nik(request, d["nik"], "NIK"),
                keadaan=d["keadaan"],
                dievakuasi=d["dievakuasi"],
                evakuasi_lengkap=d["evakuasi_lengkap"],
            )
            messages.success(request, _("Korban ditautkan ke registri."))
        except KesosError as e:
            form.tolak(e)
    return _ulang(request, k, form, "taut")


@require_POST
@peran_diperlukan(*access.PENCATAT_BENCANA)
def bantuan_baru(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = BantuanForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            barang = [(d[b], d[j]) for b, j in form.baris_barang() if d.get(b)]
            penerima = [
                services.Penerima(orang=_orang_nik(request, nik, "NIK penerima"))
                for nik in dict.fromkeys(n.strip() for n in d["nik"].splitlines() if n.strip())
            ]
            if d.get("jumlah_jiwa"):
                penerima.append(
                    services.Penerima(jumlah_jiwa=d["jumlah_jiwa"], keterangan=d["keterangan_penerima"])
                )
            services.bantuan_catat(
                pengguna=request.user,
                kejadian=k,
                waktu_serah=d["waktu"],
                gudang=d["gudang"],
                barang=barang,
                penerima=penerima,
                keterangan=d["keterangan"],
            )
            messages.success(request, _("Bantuan dicatat."))
        except KesosError as e:
            form.tolak(e)
    return _ulang(request, k, form, "bantuan")


@peran_diperlukan(*PEMBACA_BENCANA)
def stok(request: HttpRequest) -> HttpResponse:
    boleh = access.boleh_kelola_stok(request.user)
    form = TerimaForm(request.POST or None) if boleh else None
    if request.method == "POST":
        if not boleh:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.stok_terima(
                    pengguna=request.user,
                    gudang=d["gudang"],
                    barang=d["barang"],
                    tanggal_terima=d["tanggal"],
                    jumlah=d["jumlah"],
                    sumber=d["sumber"],
                    referensi=d["referensi"],
                    kedaluwarsa=d["kedaluwarsa"],
                )
                messages.success(request, _("Penerimaan dicatat."))
                return redirect("bencana:stok")
            except KesosError as e:
                form.tolak(e)
    return render(
        request,
        "bencana/stok.html",
        {
            "baris": queries.stok_per_barang(),
            "gudang": Gudang.objects.filter(aktif=True),
            "kedaluwarsa": queries.stok_hampir_kedaluwarsa(),
            "form": form,
            "masalah": queries.stok_periksa(),
        },
    )


@peran_diperlukan(*PEMBACA_BENCANA)
def kartu_stok(request: HttpRequest, barang: int, gudang: int) -> HttpResponse:
    b = get_object_or_404(Barang, pk=barang)
    g = get_object_or_404(Gudang, pk=gudang)
    entri = queries.kartu_stok(b, g)
    if request.GET.get("format") == "xlsx":
        from kesos.laporan.bencana_xlsx import kartu_stok_xlsx

        resp = HttpResponse(
            kartu_stok_xlsx(b, g, entri),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = f'attachment; filename="kartu-stok-{b.pk}-{g.pk}.xlsx"'
        return resp
    return render(request, "bencana/kartu_stok.html", {"barang": b, "gudang": g, "entri": entri})


@peran_diperlukan(*PEMBACA_BENCANA)
def tagana(request: HttpRequest) -> HttpResponse:
    form_ksb = KsbForm(request.POST if "ksb" in request.POST else None, pengguna=request.user)
    form_tagana = TaganaForm(request.POST if "tagana" in request.POST else None)
    if request.method == "POST":
        try:
            if "ksb" in request.POST and form_ksb.is_valid():
                services.ksb_catat(pengguna=request.user, **form_ksb.cleaned_data)
                messages.success(request, _("Kampung Siaga Bencana dicatat."))
                return redirect("bencana:tagana")
            if "tagana" in request.POST and form_tagana.is_valid():
                d = form_tagana.cleaned_data
                services.tagana_anggota_catat(
                    pengguna=request.user,
                    orang=_orang_nik(request, d["nik"], "NIK"),
                    tanggal_bergabung=d["tanggal_bergabung"],
                    nomor_anggota=d["nomor_anggota"],
                )
                messages.success(request, _("Anggota TAGANA dicatat."))
                return redirect("bencana:tagana")
        except KesosError as e:
            (form_ksb if "ksb" in request.POST else form_tagana).tolak(e)
    ksb = list(KampungSiagaBencana.objects.all())
    target, periode = queries.target_ksb()
    return render(
        request,
        "bencana/tagana.html",
        {
            "ksb": ksb,
            "desa": _nama_desa({x.desa_kode for x in ksb}),
            "ksb_target": target,
            "ksb_periode": periode,
            "tagana": queries.tagana_ringkas(),
            "per_desa": _nama_desa(set(AnggotaTagana.objects.values_list("desa_kode", flat=True))),
            "pelatihan": PelatihanTagana.objects.prefetch_related("peserta")[:20],
            "dapur": LatihanDapurUmum.objects.prefetch_related("peralatan")[:20],
            "form_ksb": form_ksb,
            "form_tagana": form_tagana,
            "boleh_catat": request.user.punya_peran(*access.PENCATAT_BENCANA),
        },
    )


@peran_diperlukan(*PEMBACA_BENCANA)
def peta(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    kejadian = list(queries._tahun(access.kejadian_terlihat(request.user), tahun).order_by("-waktu_lapor"))
    respon = {
        r.kejadian_id: r
        for r in queries.respon_kejadian(qs=Kejadian.objects.filter(pk__in=[k.pk for k in kejadian]))
    }
    desa = _nama_desa({k.desa_kode for k in kejadian})
    titik = [
        {
            "id": k.pk,
            "lat": float(k.lintang),
            "lng": float(k.bujur),
            "jenis": k.get_jenis_display(),
            "uraian": k.uraian,
            "desa": desa.get(k.desa_kode, k.desa_kode),
            "jiwa": k.jiwa_terdampak,
            "respon": str(respon[k.pk].jam) if respon.get(k.pk) and respon[k.pk].jam is not None else "",
        }
        for k in kejadian
        if k.lintang is not None
    ]
    return render(
        request,
        "bencana/peta.html",
        {
            "tahun": tahun,
            "kejadian": kejadian,
            "respon": respon,
            "desa": desa,
            "titik": titik,
            "tanpa_titik": sum(1 for k in kejadian if k.lintang is None),
            "per_kecamatan": queries.respon_per_kecamatan(tahun=tahun),
        },
    )


@peran_diperlukan(*PEMBACA_BENCANA)
def grafik(request: HttpRequest, fmt: str) -> HttpResponse:
    from kesos.laporan.grafik_bencana import grafik_respon

    if fmt not in ("svg", "png"):
        raise Http404
    tahun = _tahun(request)
    data = grafik_respon(queries.respon_per_kecamatan(tahun=tahun), queries.respon_tren(), tahun, fmt)
    return HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")


@peran_diperlukan(*PEMBACA_BENCANA)
def ekspor(request: HttpRequest) -> HttpResponse:
    from kesos.laporan.bencana_xlsx import bencana_xlsx

    tahun = _tahun(request)
    resp = HttpResponse(
        bencana_xlsx(queries.ekspor_tahun(tahun)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="bencana-{tahun}.xlsx"'
    return resp


@require_POST
@peran_diperlukan(Peran.ADMIN, Peran.PERENCANA)
def capaian(request: HttpRequest) -> HttpResponse:
    try:
        hasil = services.capaian_renstra_perbarui(pengguna=request.user, tahun=_tahun(request))
        messages.success(
            request,
            _("%(n)s indikator Renstra diperbarui.") % {"n": sum(1 for _t, v in hasil if v is not None)},
        )
    except KesosError as e:
        messages.error(request, str(e))
    return redirect("bencana:beranda")
