from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import kebijakan_diperlukan
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.inti.http import id_dari
from kesos.laporan.renja_xlsx import buat_xlsx

from . import pemetaan, queries, services
from .access import BARIS_RENJA, NOMENKLATUR, RENJA, aksi_lanjutkan
from .forms import BarisForm, ImportForm, IndikatorFormSet, NomenklaturImporForm
from .impor import renja_import
from .models import LEVEL_KEPALA, BarisRenja, Level, NomenklaturVersi, Renja, Tahap
from .nomenklatur import nomenklatur_impor
from .pemeriksaan import KOLOM_PAGU, KOLOM_PAGU_MAJU
from .pohon import kode_normal
from .skema import skema_dari


def _renja(pk: int) -> Renja:
    return get_object_or_404(Renja.objects.select_related("organisasi"), pk=pk)


def _baris(pk: int) -> BarisRenja:
    return get_object_or_404(BarisRenja.objects.select_related("renja__organisasi", "induk"), pk=pk)


def _dapat_diubah(renja: Renja) -> bool:
    return queries.dapat_diubah(renja)


@kebijakan_diperlukan(RENJA, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "perencanaan/beranda.html",
        {"organisasi": queries.renja_per_organisasi(), "boleh_impor": RENJA.boleh(request.user, "impor")},
    )


@kebijakan_diperlukan(RENJA, "lihat")
def renja_detail(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    ringkasan = queries.renja_ringkasan(renja)
    temuan = queries.renja_temuan(renja, ringkasan)
    terbaru = queries.adalah_versi_terbaru(renja)
    dapat_diubah = queries.dapat_diubah(renja, terbaru)
    berikut = services.tahap_berikutnya(renja) if terbaru else None
    skema = ringkasan.skema
    return render(
        request,
        "perencanaan/renja_detail.html",
        {
            "renja": renja,
            "r": ringkasan,
            "versi_lain": queries.renja_versi_lain(renja),
            "boleh_ubah": dapat_diubah and BARIS_RENJA.boleh(request.user, "ubah"),
            "tahap_berikut": berikut
            if berikut and RENJA.boleh(request.user, aksi_lanjutkan(berikut))
            else None,
            "jumlah_galat": sum(t.galat for t in temuan),
            "jumlah_peringatan": sum(not t.galat for t in temuan),
            # Row links are built from one prefix: reversing five URLs per row costs more than the rest.
            "url_baris": reverse("perencanaan:baris-ubah", args=[0]).removesuffix("0/ubah/"),
            "url_tambah": reverse("perencanaan:baris-tambah", args=[renja.pk, "x"]).removesuffix("x/"),
            # Which level a row's "+" adds, and the levels that may head the table.
            "tambah_anak": {
                lv: (
                    anak,
                    _("Tambah %(level)s") % {"level": skema.nama_level(anak)},
                    "".join(k[0] for k in skema.nama_level(anak).split()).upper(),
                )
                for lv in skema.level
                if (anak := skema.level_anak(lv))
            },
            "tambah_akar": [(lv, skema.nama_level(lv)) for lv in skema.level_akar()],
            "petakan": not NomenklaturVersi.objects.filter(skema_id=renja.skema_id).exists(),
            "jumlah_level": [
                (skema.nama_level(lv), n)
                for lv in skema.level
                if (n := ringkasan.jumlah(lv)) and lv not in LEVEL_KEPALA
            ],
        },
    )


@kebijakan_diperlukan(RENJA, "lihat")
def renja_periksa(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    temuan = sorted(queries.renja_temuan(renja), key=lambda t: not t.galat)
    id_baris = dict(BarisRenja.objects.filter(renja=renja).values_list("kode", "id"))
    ada_tertulis = (
        renja.total_tertulis is not None
        or BarisRenja.objects.filter(renja=renja, pagu_tertulis__isnull=False).exists()
    )
    return render(
        request,
        "perencanaan/periksa.html",
        {
            "renja": renja,
            # Each finding with the anchor of its row in the tree, where it has one.
            "temuan": [(t, id_baris.get(t.kode)) for t in temuan],
            "jumlah_galat": sum(t.galat for t in temuan),
            "jumlah_peringatan": sum(not t.galat for t in temuan),
            "selisih_tertulis": any(
                t.kolom in (KOLOM_PAGU, KOLOM_PAGU_MAJU) and "tertulis" in t.pesan for t in temuan
            ),
            "boleh_terima": ada_tertulis and _dapat_diubah(renja) and request.user.boleh_ubah_rencana,
        },
    )


@require_POST
@kebijakan_diperlukan(BARIS_RENJA, "ubah")
def renja_terima_jumlah(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    try:
        n = services.renja_terima_jumlah(renja=renja, pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("Jumlah tertulis dari berkas dilepas pada %(n)s baris; jumlah hitungan berlaku.") % {"n": n},
        )
    return redirect("perencanaan:periksa", pk=renja.pk)


@kebijakan_diperlukan(RENJA, "lihat")
def renja_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    data = buat_xlsx(queries.renja_ringkasan(renja))
    nama = f"Renja_{renja.tahun}_{renja.organisasi.kode}_{renja.tahap}_T-C.33.xlsx"
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@require_POST
@kebijakan_diperlukan(RENJA, "lanjutkan", "tetapkan", "buka_perubahan")
def renja_lanjutkan(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    berikut = services.tahap_berikutnya(renja)
    if not RENJA.boleh(request.user, aksi_lanjutkan(berikut)):
        raise PermissionDenied
    galat = [t for t in queries.renja_temuan(renja) if t.galat] if berikut == Tahap.FINAL else []
    if galat and "konfirmasi" not in request.POST:
        # The kepala dinas sees every error before the Renja is locked, and confirms each.
        return render(
            request,
            "perencanaan/tetapkan.html",
            {
                "renja": renja,
                "galat": [(services.kunci_temuan(t), t) for t in galat],
                "diblokir": getattr(settings, "KESOS_FINAL_TANPA_GALAT", False),
            },
        )
    try:
        baru = services.renja_lanjutkan(
            renja=renja, pengguna=request.user, galat_dikonfirmasi=request.POST.getlist("galat")
        )
    except KesosError as e:
        messages.error(request, str(e))
        return redirect("perencanaan:renja", pk=renja.pk)
    messages.success(
        request,
        _("Tahap %(baru)s dibuat dari %(lama)s.")
        % {"baru": baru.get_tahap_display(), "lama": renja.get_tahap_display()},
    )
    return redirect("perencanaan:renja", pk=baru.pk)


def _indikator_awal(baris: BarisRenja | None) -> list[dict]:
    if baris is None:
        return []
    return [
        {"uraian": i.uraian, "target": i.target_teks, "maju": i.maju_teks}
        for i in baris.indikator.order_by("urutan", "id")
    ]


def _indikator_input(formset) -> list[services.IndikatorInput]:
    return [
        services.IndikatorInput(
            f.cleaned_data.get("uraian", ""),
            f.cleaned_data.get("target", ""),
            f.cleaned_data.get("maju", ""),
        )
        for f in formset.forms
        if f.cleaned_data
    ]


def _tempel_galat(form, error: ValidationError) -> None:
    for field, pesan in error.message_dict.items():
        form.add_error(field if field in form.fields else None, pesan)


@kebijakan_diperlukan(BARIS_RENJA, "ubah")
def baris_tambah(request: HttpRequest, pk: int, level: str) -> HttpResponse:
    renja = _renja(pk)
    skema = skema_dari(renja.skema_id)
    if level not in skema.level:
        level = Level.PROGRAM
    induk_awal = request.GET.get("induk")
    form = BarisForm(
        request.POST or None, renja=renja, skema=skema, level=level, initial={"induk": induk_awal}
    )
    formset = IndikatorFormSet(request.POST or None, prefix="ind")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            baris = services.baris_tambah(
                renja=renja,
                level=level,
                kode=data["kode"],
                nama=data["nama"],
                induk=data.get("induk"),
                lokasi=data["lokasi"],
                pagu=data.get("pagu"),
                pagu_maju=data.get("pagu_maju"),
                sumber_dana=data["sumber_dana"],
                catatan=data["catatan"],
                kode_nasional=data["kode_nasional"],
                renstra_baris=data["renstra_baris"],
                indikator=_indikator_input(formset),
                pengguna=request.user,
            )
        except ValidationError as e:
            _tempel_galat(form, e)
        except KesosError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("%(tingkat)s %(kode)s ditambahkan.")
                % {"tingkat": skema.nama_level(level), "kode": baris.kode},
            )
            return redirect(f"{_url_renja(renja)}#baris-{baris.pk}")
    return render(
        request,
        "perencanaan/baris_form.html",
        {
            "renja": renja,
            "form": form,
            "formset": formset,
            "nama_level": skema.nama_level(level),
            "baris": None,
        },
    )


def _url_renja(renja: Renja) -> str:
    return reverse("perencanaan:renja", args=[renja.pk])


@kebijakan_diperlukan(BARIS_RENJA, "ubah")
def baris_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    baris = _baris(pk)
    renja = baris.renja
    awal = {
        "kode": baris.kode,
        "nama": baris.nama,
        "induk": baris.induk_id,
        "lokasi": baris.lokasi,
        "pagu": baris.pagu,
        "pagu_maju": baris.pagu_maju,
        "sumber_dana": baris.sumber_dana_id,
        "catatan": baris.catatan,
        "kode_nasional": baris.kode_nasional_id,
        "renstra_baris": baris.renstra_baris_id,
        "versi": baris.versi,
    }
    skema = skema_dari(renja.skema_id)
    form = BarisForm(request.POST or None, renja=renja, skema=skema, baris=baris, initial=awal)
    formset = IndikatorFormSet(request.POST or None, prefix="ind", initial=_indikator_awal(baris))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        versi = data.pop("versi") or 0
        try:
            services.baris_ubah(
                baris=baris,
                versi=versi,
                pengguna=request.user,
                indikator=_indikator_input(formset),
                **data,
            )
        except ValidationError as e:
            _tempel_galat(form, e)
        except KesosError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Baris %(kode)s disimpan.") % {"kode": data["kode"]})
            return redirect(f"{_url_renja(renja)}#baris-{baris.pk}")
    return render(
        request,
        "perencanaan/baris_form.html",
        {
            "renja": renja,
            "form": form,
            "formset": formset,
            "nama_level": skema.nama_level(baris.level),
            "baris": baris,
        },
    )


@require_POST
@kebijakan_diperlukan(BARIS_RENJA, "ubah")
def baris_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    baris = _baris(pk)
    try:
        services.baris_hapus(baris=baris, versi=id_dari(request.POST.get("versi")), pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Baris %(kode)s dihapus.") % {"kode": baris.kode})
    return redirect("perencanaan:renja", pk=baris.renja_id)


@require_POST
@kebijakan_diperlukan(BARIS_RENJA, "ubah")
def baris_pindah(request: HttpRequest, pk: int) -> HttpResponse:
    baris = _baris(pk)
    try:
        services.baris_pindah(
            baris=baris, arah=-1 if request.POST.get("arah") == "naik" else 1, pengguna=request.user
        )
    except KesosError as e:
        messages.error(request, str(e))
    return redirect(f"{_url_renja(baris.renja)}#baris-{baris.pk}")


@kebijakan_diperlukan(BARIS_RENJA, "lihat")
def baris_riwayat(request: HttpRequest, pk: int) -> HttpResponse:
    baris = _baris(pk)
    return render(
        request, "perencanaan/riwayat.html", {"baris": baris, "riwayat": queries.riwayat_baris(baris)}
    )


@kebijakan_diperlukan(RENJA, "impor")
def renja_impor(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    masalah = hasil = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hasil = renja_import(
                berkas=data["berkas"].read(),
                organisasi=data["organisasi"],
                tahun=data["tahun"],
                tahap=data["tahap"],
                skema=data["skema"],
                pengguna=request.user,
                nama_berkas=data["berkas"].name,
            )
        except ImportDitolak as e:
            masalah = e.masalah
            form.add_error(None, str(e))
        except ValidationError as e:
            _tempel_galat(form, e)
        except KesosError as e:
            form.add_error(None, str(e))
    return render(request, "perencanaan/impor.html", {"form": form, "masalah": masalah, "hasil": hasil})


@kebijakan_diperlukan(RENJA, "lihat")
def nomenklatur(request: HttpRequest) -> HttpResponse:
    versi = NomenklaturVersi.objects.select_related("skema").order_by("id")
    pilihan = (
        versi.filter(pk=id_dari(request.GET.get("versi"))).first()
        if request.GET.get("versi")
        else versi.first()
    )
    boleh_muat = NOMENKLATUR.boleh(request.user, "muat")
    form = NomenklaturImporForm(request.POST or None, request.FILES or None) if boleh_muat else None
    masalah = None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            baru = nomenklatur_impor(
                berkas=data["berkas"].read(),
                kode=data["kode"],
                nama=data["nama"],
                skema=data["skema"],
                sumber=data["sumber"],
                nama_berkas=data["berkas"].name,
                pengguna=request.user,
            )
        except ImportDitolak as e:
            masalah = e.masalah
            form.add_error(None, str(e))
        except KesosError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("%(n)s kode dimuat sebagai %(versi)s.") % {"n": baru.item.count(), "versi": baru.nama},
            )
            return redirect(f"{reverse('perencanaan:nomenklatur')}?versi={baru.pk}")
    item = pilihan.item.all() if pilihan else []
    return render(
        request,
        "perencanaan/nomenklatur.html",
        {"versi": versi, "pilihan": pilihan, "item": item, "form": form, "masalah": masalah},
    )


def _pilihan_pemetaan(request: HttpRequest, daftar: list, versi: NomenklaturVersi) -> tuple[dict, dict, list]:
    """The planner's choices from the mapping form: a suggestion, "no twin", or a typed code."""
    per_kode = {
        kode_normal(k): pk for pk, k in versi.item.filter(level=Level.SUB_KEGIATAN).values_list("pk", "kode")
    }
    pilihan: dict[str, int | None] = {}
    skor: dict[str, int] = {}
    salah: list[str] = []
    for bp in daftar:
        b = bp.baris
        diketik = request.POST.get(f"kode-{b.id}", "").strip()
        nilai = request.POST.get(f"pilih-{b.id}", "")
        # What was typed and chosen stays on the page if the form is refused.
        bp.diketik = diketik
        bp.pilihan = id_dari(nilai) or (None if nilai == "-" else bp.pilihan)
        if diketik:
            item_id = per_kode.get(kode_normal(diketik))
            if item_id is None:
                salah.append(
                    _("%(baris)s: kode %(kode)s bukan sub-kegiatan dalam %(versi)s")
                    % {"baris": b.kode, "kode": diketik, "versi": versi.nama}
                )
                continue
            pilihan[b.kode] = item_id
        elif nilai == "-":
            pilihan[b.kode] = None
        elif id_dari(nilai):
            pilihan[b.kode] = id_dari(nilai)
            for s in bp.saran:
                if s.item_id == id_dari(nilai):
                    skor[b.kode] = s.skor
    return pilihan, skor, salah


@kebijakan_diperlukan(RENJA, "lihat")
def renja_petakan(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    if request.method == "POST" and not RENJA.boleh(request.user, "buat"):
        raise PermissionDenied
    semua_versi = NomenklaturVersi.objects.filter(skema__isnull=False).order_by("-dimuat_pada", "-id")
    versi = semua_versi.filter(pk=id_dari(request.GET.get("versi"))).first() or pemetaan.versi_nasional()
    if versi is None:
        messages.error(request, _("Belum ada nomenklatur nasional yang dimuat."))
        return redirect("perencanaan:renja", pk=renja.pk)
    daftar = pemetaan.pemetaan_renja(renja, versi)
    if request.method == "POST":
        pilihan, skor, salah = _pilihan_pemetaan(request, daftar, versi)
        for pesan in salah:
            messages.error(request, pesan)
        if not salah:
            try:
                n = services.pemetaan_simpan(renja=renja, pilihan=pilihan, skor=skor, pengguna=request.user)
            except ValidationError as e:
                for pesan in e.messages:
                    messages.error(request, pesan)
            except KesosError as e:
                messages.error(request, str(e))
            else:
                messages.success(
                    request,
                    _("%(n)s pemetaan disimpan untuk %(organisasi)s.")
                    % {"n": n, "organisasi": renja.organisasi.nama},
                )
                return redirect(f"{reverse('perencanaan:petakan', args=[renja.pk])}?versi={versi.pk}")
    return render(
        request,
        "perencanaan/petakan.html",
        {
            "renja": renja,
            "versi": versi,
            "semua_versi": semua_versi,
            "daftar": daftar,
            "dipetakan": sum(1 for d in daftar if d.pilihan),
            "boleh_ubah": RENJA.boleh(request.user, "buat"),
        },
    )


@require_POST
@kebijakan_diperlukan(RENJA, "buat")
def renja_nasional(request: HttpRequest, pk: int) -> HttpResponse:
    renja = _renja(pk)
    versi = get_object_or_404(NomenklaturVersi, pk=id_dari(request.POST.get("versi")))
    try:
        hasil = services.renja_mulai_nasional(renja=renja, versi=versi, pengguna=request.user)
    except KesosError as e:
        messages.error(request, str(e))
        return redirect(f"{reverse('perencanaan:petakan', args=[renja.pk])}?versi={versi.pk}")
    messages.success(
        request,
        _("%(renja)s dibuat dalam skema %(skema)s.")
        % {"renja": hasil.renja, "skema": hasil.renja.skema.nama},
    )
    if hasil.tidak_dipetakan:
        kode = ", ".join(b.kode for b in hasil.tidak_dipetakan[:12])
        lagi = len(hasil.tidak_dipetakan) - 12
        messages.warning(
            request,
            _("%(n)s baris belum dipetakan dan tidak disalin: %(kode)s")
            % {"n": len(hasil.tidak_dipetakan), "kode": kode}
            + (_(" dan %(lagi)s lainnya") % {"lagi": lagi} if lagi > 0 else ""),
        )
    return redirect("perencanaan:renja", pk=hasil.renja.pk)
