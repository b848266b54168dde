"""Pages of the assistance programmes: they ask the services and queries, decide nothing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import kebijakan_diperlukan, wilayah_boleh
from kesos.akun.models import AksesDataPribadi
from kesos.akun.services import akses_catat
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.inti.http import id_dari, teks_cari
from kesos.laporan import bansos_xlsx
from kesos.registri.models import Keluarga, Orang
from kesos.wilayah.models import Wilayah
from kesos.wilayah.queries import nama_wilayah

from . import access, kelayakan, queries, services
from .forms import (
    KelompokForm,
    PengaduanForm,
    PenyaluranForm,
    PeriodeForm,
    ProgramForm,
    RumahForm,
    SiklusForm,
)
from .impor import daftar_impor
from .models import (
    STATUS_AKTIF,
    Kepesertaan,
    KondisiRumah,
    Pengaduan,
    Periode,
    Program,
    Rumah,
    Satuan,
    Siklus,
    StatusKepesertaan,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GAMBAR = {"svg": "image/svg+xml", "png": "image/png"}
BANSOS = access.BANSOS


def _unduh(data: bytes, nama: str, jenis: str = XLSX) -> HttpResponse:
    r = HttpResponse(data, content_type=jenis)
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r


def _lingkup(request: HttpRequest) -> str:
    """The area a page is limited to: the one asked for, within the user's own."""
    milik = access.lingkup_kode(request.user)
    diminta = teks_cari(request.GET.get("wilayah", ""), 20)
    if diminta and wilayah_boleh(request.user, diminta) and (not milik or diminta.startswith(milik)):
        return diminta
    return milik


def _periode(pk: int) -> Periode:
    return get_object_or_404(Periode.objects.select_related("program"), pk=pk)


@kebijakan_diperlukan(BANSOS, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    lingkup = access.lingkup_kode(request.user)
    return render(
        request,
        "bansos/beranda.html",
        {
            "program": Program.objects.prefetch_related("periode").select_related("kegiatan", "sumber_dana"),
            "pengaduan": queries.rekap_pengaduan(lingkup=lingkup),
            "boleh_kelola": access.boleh(request.user, "program_kelola"),
        },
    )


@kebijakan_diperlukan(BANSOS, "lihat")
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("kegiatan__renja", "sumber_dana"), pk=pk)
    periode = list(program.periode.prefetch_related("siklus"))
    return render(
        request,
        "bansos/program_detail.html",
        {
            "program": program,
            "periode": [(p, queries.perbandingan(p)) for p in periode],
            "kelompok": access.lingkup(program.kelompok.annotate(n=Count("anggota")), request.user)[:200],
            "rumah": access.lingkup(program.rumah.all(), request.user)[:200],
            "boleh_kelola": access.boleh(request.user, "program_kelola"),
            "boleh_tutup": access.boleh(request.user, "siklus_tutup"),
            "form_periode": PeriodeForm(prefix="periode"),
            "form_kelompok": KelompokForm(prefix="kelompok"),
            "form_rumah": RumahForm(prefix="rumah"),
            "boleh_lapangan": access.boleh(request.user, "kelompok_kelola"),
            "kondisi": KondisiRumah.choices,
            "form_siklus": SiklusForm(prefix="siklus"),
        },
    )


@kebijakan_diperlukan(BANSOS, "program_kelola")
def program_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk) if pk else None
    awal = {}
    if program:
        awal = {f: getattr(program, f) for f in ProgramForm.base_fields if hasattr(program, f)}
        awal |= {"tidak_bersama": list(program.tidak_bersama.all()), "versi": program.versi}
    form = ProgramForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program = services.program_simpan(pengguna=request.user, program=program, **data)
        except KesosError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Program %(kode)s disimpan.") % {"kode": program.kode})
            return redirect("bansos:program", pk=program.pk)
    return render(request, "bansos/program_form.html", {"form": form, "program": program})


@require_POST
@kebijakan_diperlukan(BANSOS, "program_kelola")
def periode_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    form = PeriodeForm(request.POST, prefix="periode")
    try:
        if not form.is_valid():
            raise KesosError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        services.periode_buat(pengguna=request.user, program=program, **form.cleaned_data)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Periode ditambahkan."))
    return redirect("bansos:program", pk=program.pk)


@require_POST
@kebijakan_diperlukan(BANSOS, "program_kelola")
def siklus_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _periode(pk)
    form = SiklusForm(request.POST, prefix="siklus")
    try:
        if not form.is_valid():
            raise KesosError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        services.siklus_buat(pengguna=request.user, periode=periode, **form.cleaned_data)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Siklus ditambahkan."))
    return redirect("bansos:program", pk=periode.program_id)


@require_POST
@kebijakan_diperlukan(BANSOS, "siklus_tutup")
def siklus_tutup(request: HttpRequest, pk: int) -> HttpResponse:
    siklus = get_object_or_404(Siklus.objects.select_related("periode"), pk=pk)
    try:
        s = services.siklus_tutup(pengguna=request.user, siklus=siklus)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Siklus %(n)s ditutup: %(p)s penerima.") % {"n": s.nama, "p": s.total_penerima}
        )
    return redirect("bansos:program", pk=siklus.periode.program_id)


@kebijakan_diperlukan(BANSOS, "lihat")
def cakupan(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _periode(pk)
    per = "desa" if request.GET.get("per") == "desa" else "kecamatan"
    lingkup = _lingkup(request)
    c = queries.cakupan(program=periode.program, periode=periode, lingkup=lingkup, per=per)
    pilihan = Wilayah.objects.filter(tingkat="kecamatan", kode__startswith=access.lingkup_kode(request.user))
    return render(
        request,
        "bansos/cakupan.html",
        {
            "c": c,
            "periode": periode,
            "per": per,
            "lingkup": lingkup,
            "kecamatan": pilihan,
            "query": request.GET.urlencode(),
        },
    )


@kebijakan_diperlukan(BANSOS, "lihat")
def cakupan_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _periode(pk)
    per = "desa" if request.GET.get("per") == "desa" else "kecamatan"
    c = queries.cakupan(program=periode.program, periode=periode, lingkup=_lingkup(request), per=per)
    return _unduh(bansos_xlsx.buat_xlsx_cakupan(c), f"cakupan_{periode.program.kode}_{periode.nama}.xlsx")


@kebijakan_diperlukan(BANSOS, "lihat")
def cakupan_grafik(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in GAMBAR:
        raise Http404
    periode = _periode(pk)
    per = "desa" if request.GET.get("per") == "desa" else "kecamatan"
    c = queries.cakupan(program=periode.program, periode=periode, lingkup=_lingkup(request), per=per)
    return HttpResponse(bansos_xlsx.grafik_cakupan(c, fmt), content_type=GAMBAR[fmt])


def _catat_akses(request: HttpRequest, periode: Periode, ids: list[int], aksi: str, tujuan: str) -> None:
    """Log names and numbers shown or exported (persons, or households by their KK)."""
    objek = "registri.Keluarga" if periode.program.satuan == Satuan.KELUARGA else "registri.Orang"
    akses_catat(
        pengguna=request.user,
        aksi=aksi,
        objek=objek,
        ids=ids,
        tujuan=f"{tujuan} {periode.program.kode} {periode.nama}",
        alamat=request.path,
    )


def _belum(request: HttpRequest, periode: Periode):
    sampai = "daftar" if request.GET.get("sampai") == "daftar" else "salur"
    qs = kelayakan.belum_terlayani(periode.program, periode, lingkup=_lingkup(request), sampai=sampai)
    if periode.program.satuan == Satuan.KELUARGA:
        qs = qs.select_related("kepala")
    return qs.order_by("desa_kode", "pk"), sampai


def _baris_belum(o, satuan: str, desa: dict) -> tuple[str, str, str, str, str]:
    if satuan == Satuan.KELUARGA:
        nomor, nama = o.no_kk, (o.kepala.nama if o.kepala_id else "")
    else:
        nomor, nama = o.nik, o.nama
    status = _("terdaftar, belum tersalur") if getattr(o, "terdaftar", False) else _("belum terdaftar")
    return nomor, nama, o.desa_kode, desa.get(o.desa_kode, ""), status


@kebijakan_diperlukan(BANSOS, "lihat")
def belum(request: HttpRequest, pk: int) -> HttpResponse:
    """Eligible and not yet served, paged; names and numbers only for roles that may see them."""
    periode = _periode(pk)
    qs, sampai = _belum(request, periode)
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    desa = dict(Wilayah.objects.filter(kode__in={o.desa_kode for o in halaman}).values_list("kode", "nama"))
    pribadi = access.boleh(request.user, "lihat_pribadi")
    baris = [(o, _baris_belum(o, periode.program.satuan, desa)) for o in halaman]
    if pribadi and baris:
        _catat_akses(
            request, periode, [o.pk for o, _ in baris], AksesDataPribadi.Aksi.LIHAT, "daftar belum terlayani"
        )
    return render(
        request,
        "bansos/belum.html",
        {
            "periode": periode,
            "halaman": halaman,
            "baris": baris,
            "pribadi": pribadi,
            "sampai": sampai,
            "lingkup": _lingkup(request),
            "boleh_daftar": access.boleh(request.user, "daftar")
            and periode.program.satuan != Satuan.KELOMPOK,
        },
    )


@kebijakan_diperlukan(BANSOS, "lihat")
def belum_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _periode(pk)
    qs, _sampai = _belum(request, periode)
    daftar = list(qs[:100_000])
    desa = dict(Wilayah.objects.filter(kode__in={o.desa_kode for o in daftar}).values_list("kode", "nama"))
    pribadi = access.boleh(request.user, "lihat_pribadi")
    if pribadi and daftar:
        _catat_akses(
            request, periode, [o.pk for o in daftar], AksesDataPribadi.Aksi.EKSPOR, "ekspor belum terlayani"
        )
    data = bansos_xlsx.buat_xlsx_belum(
        judul=_("Layak belum terlayani %(program)s %(periode)s")
        % {"program": periode.program.kode, "periode": periode.nama},
        baris=[_baris_belum(o, periode.program.satuan, desa) for o in daftar],
        pribadi=pribadi,
    )
    return _unduh(data, f"belum_terlayani_{periode.program.kode}_{periode.nama}.xlsx")


@require_POST
@kebijakan_diperlukan(BANSOS, "daftar")
def daftar(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol one recipient (``penerima``: a person or household id) or, with ``semua``, every
    eligible one of the user's area."""
    periode = _periode(pk)
    try:
        if request.POST.get("semua"):
            n = services.kepesertaan_daftar_massal(
                pengguna=request.user, periode=periode, lingkup=_lingkup(request)
            )
            messages.success(request, _("%(n)s penerima didaftarkan.") % {"n": n})
        else:
            kolom = "keluarga" if periode.program.satuan == Satuan.KELUARGA else "orang"
            model = Keluarga if kolom == "keluarga" else Orang
            penerima = model.data_pribadi.filter(pk=id_dari(request.POST.get("penerima"))).first()
            if penerima is None or not wilayah_boleh(request.user, penerima.desa_kode):
                raise Http404
            k = services.kepesertaan_daftar(pengguna=request.user, periode=periode, **{kolom: penerima})
            if k.status in (StatusKepesertaan.TIDAK_LAYAK, StatusKepesertaan.DUPLIKAT):
                messages.warning(
                    request,
                    _("Tidak didaftarkan (%(s)s): %(a)s") % {"s": k.get_status_display(), "a": k.alasan},
                )
            else:
                messages.success(request, _("Didaftarkan."))
    except KesosError as e:
        messages.error(request, str(e))
    kembali = request.POST.get("kembali", "")
    if url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()}):
        return redirect(kembali)
    return redirect("bansos:belum", pk=periode.pk)


@kebijakan_diperlukan(BANSOS, "lihat")
def peserta(request: HttpRequest, pk: int) -> HttpResponse:
    """The enrolments of a period in the user's area, with status and the delivery form."""
    periode = _periode(pk)
    qs = access.lingkup(Kepesertaan.objects.filter(periode=periode), request.user)
    status = request.GET.get("status", "")
    if status in StatusKepesertaan.values:
        qs = qs.filter(status=status)
    qs = qs.select_related("orang", "keluarga__kepala", "kelompok").order_by("desa_kode", "pk")
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    pribadi = access.boleh(request.user, "lihat_pribadi")
    if pribadi and halaman.object_list:
        ids = [k.orang_id for k in halaman if k.orang_id] or [k.keluarga_id for k in halaman if k.keluarga_id]
        if ids:
            _catat_akses(request, periode, ids, AksesDataPribadi.Aksi.LIHAT, "daftar penerima")
    sudah = set()
    siklus = list(periode.siklus.filter(ditutup_pada__isnull=True))
    if siklus:
        sudah = set(
            siklus[0]
            .penyaluran.filter(kepesertaan__in=[k.pk for k in halaman])
            .values_list("kepesertaan_id", flat=True)
        )
    return render(
        request,
        "bansos/peserta.html",
        {
            "periode": periode,
            "halaman": halaman,
            "status": status,
            "status_pilihan": StatusKepesertaan.choices,
            "pribadi": pribadi,
            "boleh_ubah": access.boleh(request.user, "daftar"),
            "nama_desa": nama_wilayah(k.desa_kode for k in halaman),
            "siklus": siklus[0] if siklus else None,
            "sudah": sudah,
            "aktif": STATUS_AKTIF,
            "form_salur": PenyaluranForm(initial={"rupiah": periode.program.nilai_manfaat}),
        },
    )


def _kepesertaan(request: HttpRequest, pk: int) -> Kepesertaan:
    k = get_object_or_404(Kepesertaan.objects.select_related("periode__program"), pk=pk)
    if not wilayah_boleh(request.user, k.desa_kode):
        raise Http404
    return k


@require_POST
@kebijakan_diperlukan(BANSOS, "daftar")
def kepesertaan_status(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kepesertaan(request, pk)
    try:
        services.kepesertaan_ubah_status(
            pengguna=request.user,
            kepesertaan=k,
            status=request.POST.get("status", ""),
            alasan=request.POST.get("alasan", ""),
            versi=id_dari(request.POST.get("versi")) or None,
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Status diperbarui."))
    return redirect("bansos:peserta", pk=k.periode_id)


@require_POST
@kebijakan_diperlukan(BANSOS, "salur")
def salur(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kepesertaan(request, pk)
    siklus = get_object_or_404(Siklus, pk=id_dari(request.POST.get("siklus")), periode=k.periode)
    form = PenyaluranForm(request.POST)
    try:
        if not form.is_valid():
            raise KesosError("; ".join(f"{f}: {' '.join(v)}" for f, v in form.errors.items()))
        services.penyaluran_catat(pengguna=request.user, siklus=siklus, kepesertaan=k, **form.cleaned_data)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Penyaluran dicatat."))
    return redirect("bansos:peserta", pk=k.periode_id)


@kebijakan_diperlukan(BANSOS, "impor")
def impor(request: HttpRequest, pk: int) -> HttpResponse:
    periode = _periode(pk)
    hasil = masalah = None
    if request.method == "POST" and request.FILES.get("berkas"):
        berkas = request.FILES["berkas"]
        try:
            hasil = daftar_impor(
                berkas=berkas.read(),
                nama_berkas=berkas.name,
                periode=periode,
                simpan_yang_sah=bool(request.POST.get("simpan_yang_sah")),
                pengguna=request.user,
            )
        except ImportDitolak as e:
            masalah = e.masalah
            messages.error(request, str(e))
        except KesosError as e:
            messages.error(request, str(e))
        else:
            if hasil.disimpan:
                messages.success(request, _("%(n)s penerima didaftarkan.") % {"n": hasil.didaftarkan})
            else:
                messages.error(
                    request, _("%(n)s baris ditolak; tidak ada yang disimpan.") % {"n": hasil.ditolak}
                )
    return render(
        request,
        "bansos/impor.html",
        {
            "periode": periode,
            "hasil": hasil,
            "masalah": masalah,
            "boleh": access.boleh(request.user, "impor"),
        },
    )


@kebijakan_diperlukan(BANSOS, "lihat")
def pengaduan(request: HttpRequest) -> HttpResponse:
    form = PengaduanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pengaduan_catat(pengguna=request.user, **form.cleaned_data)
        except KesosError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Pengaduan dicatat."))
            return redirect("bansos:pengaduan")
    daftar = list(access.lingkup(Pengaduan.objects.select_related("program"), request.user)[:200])
    return render(
        request,
        "bansos/pengaduan.html",
        {
            "form": form,
            "daftar": daftar,
            "nama_desa": nama_wilayah(p.desa_kode for p in daftar),
            "rekap": queries.rekap_pengaduan(lingkup=access.lingkup_kode(request.user)),
            "boleh_catat": access.boleh(request.user, "pengaduan_catat"),
            "pribadi": access.boleh(request.user, "lihat_pribadi"),
        },
    )


@require_POST
@kebijakan_diperlukan(BANSOS, "pengaduan_tindak")
def pengaduan_tindak(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(Pengaduan, pk=pk)
    if not wilayah_boleh(request.user, p.desa_kode):
        raise Http404
    try:
        services.pengaduan_tindak_lanjut(
            pengguna=request.user,
            pengaduan=p,
            tindak_lanjut=request.POST.get("tindak_lanjut", ""),
            tutup=bool(request.POST.get("tutup")),
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Tindak lanjut dicatat."))
    return redirect("bansos:pengaduan")


@kebijakan_diperlukan(BANSOS, "lihat")
def periksa(request: HttpRequest) -> HttpResponse:
    return render(request, "bansos/periksa.html", {"temuan": queries.program_temuan()})


def _galat_form(form) -> str:
    return "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())


@require_POST
@kebijakan_diperlukan(BANSOS, "kelompok_kelola")
def kelompok_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    """A KUBE group with its members named by NIK, those of the user's area only."""
    program = get_object_or_404(Program, pk=pk)
    form = KelompokForm(request.POST, prefix="kelompok")
    try:
        if not form.is_valid():
            raise KesosError(_galat_form(form))
        nik = form.nik()
        orang = {
            o.nik: o
            for o in Orang.data_pribadi.filter(nik__in=nik)
            if wilayah_boleh(request.user, o.desa_kode)
        }
        if hilang := [n for n in nik if n not in orang]:
            raise KesosError(_("NIK tidak ditemukan di wilayah Anda: %(n)s") % {"n": ", ".join(hilang[:10])})
        anggota = [(orang[n], "ketua" if i == 0 else "anggota") for i, n in enumerate(dict.fromkeys(nik))]
        data = {k: v for k, v in form.cleaned_data.items() if k != "anggota"}
        services.kelompok_buat(pengguna=request.user, program=program, anggota=anggota, **data)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Kelompok dicatat."))
    return redirect("bansos:program", pk=program.pk)


@require_POST
@kebijakan_diperlukan(BANSOS, "rumah_kelola")
def rumah_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    form = RumahForm(request.POST, prefix="rumah")
    try:
        if not form.is_valid():
            raise KesosError(_galat_form(form))
        kel = Keluarga.data_pribadi.filter(no_kk=form.cleaned_data["no_kk"]).first()
        if kel is None or not wilayah_boleh(request.user, kel.desa_kode):
            raise KesosError(_("No. KK tidak ditemukan di wilayah Anda."))
        services.rumah_catat(
            pengguna=request.user,
            program=program,
            keluarga=kel,
            kondisi_sebelum=form.cleaned_data["kondisi_sebelum"],
            biaya=form.cleaned_data["biaya"],
            foto_sebelum=form.cleaned_data["foto_sebelum"],
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Rumah dicatat."))
    return redirect("bansos:program", pk=program.pk)


@require_POST
@kebijakan_diperlukan(BANSOS, "rumah_kelola")
def rumah_kemajuan(request: HttpRequest, pk: int) -> HttpResponse:
    rumah = get_object_or_404(Rumah, pk=pk)
    if not wilayah_boleh(request.user, rumah.desa_kode):
        raise Http404
    p = request.POST
    try:
        kemajuan = p.get("kemajuan", "")
        if not (kemajuan.isascii() and kemajuan.isdigit() and len(kemajuan) <= 3):
            raise KesosError(_("kemajuan: 0 sampai 100 persen."))
        services.rumah_perbarui(
            pengguna=request.user,
            rumah=rumah,
            versi=id_dari(p.get("versi")) or -1,
            kemajuan=int(kemajuan),
            kondisi_sesudah=p.get("kondisi_sesudah", "") or None,
            foto_sesudah=p.get("foto_sesudah", "") or None,
        )
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Kemajuan rumah dicatat."))
    return redirect("bansos:program", pk=rumah.program_id)
