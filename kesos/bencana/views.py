"""Thin pages: they read through ``queries``/``access`` and write through ``services``."""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesos.akun.access import kebijakan_diperlukan
from kesos.akun.models import AksesDataPribadi
from kesos.akun.services import akses_catat
from kesos.inti.errors import KesosError
from kesos.registri.models import Orang
from kesos.wilayah.models import Wilayah

from . import access, queries, services
from .access import BENCANA
from .forms import (
    BantuanForm,
    DapurUmumForm,
    KejadianForm,
    KeluarForm,
    KorbanForm,
    KorbanTautForm,
    KsbForm,
    OpnameForm,
    PelatihanForm,
    StatusForm,
    TaganaForm,
    TerimaForm,
)
from .models import (
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
        terakhir = access.lingkup_kejadian(request.user).order_by("-waktu_lapor").first()
        return timezone.localtime(terakhir.waktu_lapor).year if terakhir else timezone.localdate().year


def _nama_desa(kode: set[str]) -> dict[str, str]:
    return dict(Wilayah.objects.filter(kode__in=kode).values_list("kode", "nama"))


@kebijakan_diperlukan(BENCANA, "lihat")
def beranda(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    lingkup = access.lingkup_kejadian(request.user)
    kejadian = lingkup.order_by("-waktu_lapor")[:20]
    target, periode = queries.target_ksb()
    return render(
        request,
        "bencana/beranda.html",
        {
            "tahun": tahun,
            "respon": queries.respon_ringkas(tahun=tahun, qs=lingkup),
            "tren": queries.respon_tren(qs=lingkup),
            "spm": queries.spm_bencana(tahun=tahun, qs=lingkup),
            "kejadian": kejadian,
            "desa": _nama_desa({k.desa_kode for k in kejadian}),
            "kurang": queries.stok_di_bawah_minimum(),
            "kedaluwarsa": queries.stok_hampir_kedaluwarsa(),
            "ksb": KampungSiagaBencana.objects.count(),
            "ksb_target": target,
            "ksb_periode": periode,
            "tagana": queries.tagana_ringkas(),
            "boleh_catat": BENCANA.boleh_peran(request.user, "catat"),
            "boleh_renstra": access.boleh(request.user, "renstra"),
        },
    )


def _kejadian(request: HttpRequest, pk: int) -> Kejadian:
    """An event the user may read, or 404 (an operator does not learn of another area's)."""
    k = access.lingkup_kejadian(request.user).filter(pk=pk).first()
    if k is None:
        raise Http404
    return k


@kebijakan_diperlukan(BENCANA, "catat")
def kejadian_baru(request: HttpRequest) -> HttpResponse:
    form = KejadianForm(
        request.POST or None,
        pengguna=request.user,
        initial={"waktu_lapor": timezone.localtime().replace(second=0, microsecond=0)},
    )
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


def _halaman_kejadian(request: HttpRequest, k: Kejadian, **bentuk) -> HttpResponse:
    """The event page; a refused form comes back bound, with what was typed and its errors."""
    boleh_ubah = access.boleh(request.user, "ubah", k)
    bantuan = list(
        k.bantuan.prefetch_related("mutasi__barang", "penerima__orang", "penerima__keluarga__kepala").all()
    )
    respon = next(iter(queries.respon_kejadian(qs=Kejadian.objects.filter(pk=k.pk))), None)
    lokasi = list(k.lokasi.values_list("desa_kode", flat=True))
    # Names only for those who may see the person's full record, and every showing is logged.
    korban = [
        kb
        for kb in k.korban.select_related("orang")
        if access.boleh(request.user, "lihat_pribadi", kb.orang.desa_kode)
    ]
    penerima = [
        p
        for b in bantuan
        for p in b.penerima.all()
        if (p.orang or p.keluarga) and access.boleh(request.user, "lihat_pribadi", (p.orang or p.keluarga))
    ]
    orang_ids = [kb.orang_id for kb in korban] + [p.orang_id for p in penerima if p.orang_id]
    if orang_ids:
        akses_catat(
            pengguna=request.user,
            aksi=AksesDataPribadi.Aksi.LIHAT,
            objek="registri.Orang",
            ids=orang_ids,
            tujuan=f"korban dan penerima bantuan kejadian #{k.pk}",
            alamat=request.path,
        )
    keluarga_ids = [p.keluarga_id for p in penerima if p.keluarga_id]
    if keluarga_ids:
        akses_catat(
            pengguna=request.user,
            aksi=AksesDataPribadi.Aksi.LIHAT,
            objek="registri.Keluarga",
            ids=keluarga_ids,
            tujuan=f"penerima bantuan kejadian #{k.pk}",
            alamat=request.path,
        )
    awal = {f: getattr(k, f) for f in services.KOLOM_ANGKA} | {
        "versi": k.versi,
        "cara_evakuasi": k.cara_evakuasi,
    }
    sekarang = timezone.localtime().replace(second=0, microsecond=0)
    bentuk = {
        "form_status": StatusForm(initial={"pada": sekarang}),
        "form_korban": KorbanForm(initial=awal),
        "form_bantuan": BantuanForm(initial={"waktu": sekarang}),
        "form_taut": KorbanTautForm(),
    } | bentuk
    return render(
        request,
        "bencana/kejadian_detail.html",
        {
            "k": k,
            "lokasi": [(kode, _nama_desa(set(lokasi)).get(kode, kode)) for kode in lokasi],
            "bantuan": bantuan,
            "respon": respon,
            "korban": korban,
            "penerima": penerima,
            "boleh_ubah": boleh_ubah,
            "terbuka": next((n for n, f in bentuk.items() if f.is_bound), ""),
            **bentuk,
        },
    )


@kebijakan_diperlukan(BENCANA, "lihat")
def kejadian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _halaman_kejadian(request, _kejadian(request, pk))


def _hasil(request: HttpRequest, k: Kejadian, form, nama: str, pesan: str) -> HttpResponse:
    """Back to the event after a stored change; a refused form is shown again as typed."""
    if form.is_bound and not form.errors:
        messages.success(request, pesan)
        return redirect("bencana:kejadian", pk=k.pk)
    messages.error(request, _("Belum disimpan: periksa isian yang ditandai di bawah."))
    return _halaman_kejadian(request, k, **{nama: form})


@require_POST
@kebijakan_diperlukan(BENCANA, "ubah")
def kejadian_status(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.kejadian_ubah_status(pengguna=request.user, kejadian=k, **form.cleaned_data)
        except KesosError as e:
            form.tolak(e)
    return _hasil(request, k, form, "form_status", _("Status diperbarui."))


@require_POST
@kebijakan_diperlukan(BENCANA, "ubah")
def kejadian_korban(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = KorbanForm(request.POST)
    if form.is_valid():
        try:
            services.kejadian_ubah_korban(pengguna=request.user, kejadian=k, **form.cleaned_data)
        except KesosError as e:
            form.tolak(e)
    return _hasil(request, k, form, "form_korban", _("Jumlah korban diperbarui."))


def _orang_nik(request: HttpRequest, nik: str, kolom: str) -> Orang:
    orang = Orang.data_pribadi.filter(nik=nik.strip()).first()
    if orang is None or not access.boleh(request.user, "lihat_pribadi", orang.desa_kode):
        raise KesosError(
            _("%(kolom)s: NIK %(nik)s tidak ditemukan di registri wilayah Anda.")
            % {"kolom": kolom, "nik": nik}
        )
    return orang


@require_POST
@kebijakan_diperlukan(BENCANA, "ubah")
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
        except KesosError as e:
            form.tolak(e)
    return _hasil(request, k, form, "form_taut", _("Korban ditautkan ke registri."))


@require_POST
@kebijakan_diperlukan(BENCANA, "ubah")
def bantuan_baru(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kejadian(request, pk)
    form = BantuanForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        baris = [(b, j) for b, j in form.baris_barang() if d.get(b)]
        try:
            barang = [(d[b], d[j]) for b, j in baris]
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
        except KesosError as e:
            # The service names an item row by its place among the rows filled in.
            m = re.fullmatch(r"barang baris (\d+)( jumlah)?", getattr(e, "kolom", ""))
            if m and 0 < int(m.group(1)) <= len(baris):
                form.add_error(baris[int(m.group(1)) - 1][1 if m.group(2) else 0], e.pesan)
            else:
                form.tolak(e)
    return _hasil(request, k, form, "form_bantuan", _("Bantuan dicatat."))


@kebijakan_diperlukan(BENCANA, "lihat")
def stok(request: HttpRequest) -> HttpResponse:
    """Stock on hand, near-expiry lots; receipts and direct issues for the office's stock
    managers. (The ledger-versus-balances check reads the whole ledger: it is the command
    ``kesos bencana periksa-stok``, not part of every page view.)"""
    boleh = access.boleh(request.user, "stok_kelola")
    aksi = request.POST.get("aksi", "terima")
    form = TerimaForm(request.POST if aksi == "terima" else None) if boleh else None
    form_keluar = KeluarForm(request.POST if aksi == "keluar" else None) if boleh else None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied
        f = form if aksi == "terima" else form_keluar
        if f.is_valid():
            d = f.cleaned_data
            try:
                if aksi == "terima":
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
                else:
                    services.stok_keluar(
                        pengguna=request.user,
                        gudang=d["gudang"],
                        barang=d["barang"],
                        tanggal_keluar=d["tanggal"],
                        jumlah=d["jumlah"],
                        tujuan=d["tujuan"],
                        referensi=d["referensi"],
                    )
                    messages.success(request, _("Pengeluaran dicatat."))
                return redirect("bencana:stok")
            except KesosError as e:
                f.tolak(e)
    return render(
        request,
        "bencana/stok.html",
        {
            "baris": queries.stok_per_barang(),
            "gudang": Gudang.objects.filter(aktif=True),
            "kedaluwarsa": queries.stok_hampir_kedaluwarsa(),
            "form": form,
            "form_keluar": form_keluar,
            "terbuka": aksi if request.method == "POST" else "",
            "boleh_kelola": boleh,
        },
    )


@kebijakan_diperlukan(BENCANA, "stok_kelola")
def opname(request: HttpRequest, gudang: int) -> HttpResponse:
    """Stock-taking of a warehouse: counts against the derived stock; a difference is posted
    as an adjustment with its reason."""
    if not access.boleh(request.user, "stok_kelola"):
        raise PermissionDenied
    g = get_object_or_404(Gudang, pk=gudang)
    barang = Barang.objects.filter(aktif=True).order_by("kode")
    form = OpnameForm(request.POST or None, barang=barang, initial={"tanggal": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            o = services.stok_opname_catat(
                pengguna=request.user,
                gudang=g,
                tanggal_opname=form.cleaned_data["tanggal"],
                catatan=form.cleaned_data["catatan"],
                hitungan=[services.Hitungan(b, n, alasan) for b, n, alasan in form.hitungan()],
            )
        except KesosError as e:
            kolom = getattr(e, "kolom", "")
            baris = kolom.split(" ")[1] if kolom.startswith("baris ") else ""
            hitung = form.hitungan()
            if baris.isdigit() and 0 < int(baris) <= len(hitung):
                b = hitung[int(baris) - 1][0]
                nama = f"alasan_{b.pk}" if kolom.endswith("alasan") else f"hitung_{b.pk}"
                form.add_error(nama, e.pesan)
            else:
                form.tolak(e)
        else:
            selisih = o.baris.exclude(mutasi=None).count()
            messages.success(
                request, _("Stok opname dicatat: %(n)s barang dengan selisih disesuaikan.") % {"n": selisih}
            )
            return redirect("bencana:stok")
    saldo = queries.stok_saldo()
    return render(
        request,
        "bencana/opname.html",
        {"gudang": g, "form": form, "saldo": {b.pk: saldo.get((b.pk, g.pk), 0) for b in barang}},
    )


@kebijakan_diperlukan(BENCANA, "lihat")
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


def _peralatan(teks: str) -> list[tuple[str, str, str]]:
    """Equipment typed one per line as 'name; number; condition' (condition optional)."""
    hasil = []
    for i, baris in enumerate((b for b in teks.splitlines() if b.strip()), start=1):
        bagian = [x.strip() for x in baris.split(";")]
        if len(bagian) < 2 or len(bagian) > 3:
            raise KesosError(
                _("peralatan baris %(i)s: tulis 'nama; jumlah; kondisi' (kondisi boleh kosong)") % {"i": i}
            )
        kondisi = (bagian[2] if len(bagian) == 3 else "") or "baik"
        hasil.append((bagian[0], bagian[1], kondisi.lower().replace(" ", "_")))
    return hasil


@kebijakan_diperlukan(BENCANA, "lihat")
def tagana(request: HttpRequest) -> HttpResponse:
    dikirim = next((n for n in ("ksb", "tagana", "pelatihan", "dapur") if n in request.POST), "")
    form = {
        "ksb": KsbForm(request.POST if dikirim == "ksb" else None, pengguna=request.user),
        "tagana": TaganaForm(request.POST if dikirim == "tagana" else None),
        "pelatihan": PelatihanForm(request.POST if dikirim == "pelatihan" else None),
        "dapur": DapurUmumForm(request.POST if dikirim == "dapur" else None, pengguna=request.user),
    }
    if request.method == "POST":
        f = form.get(dikirim)
        if f is None:
            raise Http404
        if not (
            access.boleh(request.user, "tagana_kelola")
            if dikirim == "pelatihan"
            else BENCANA.boleh_peran(request.user, "catat")
        ):
            raise PermissionDenied
        if f.is_valid():
            d = f.cleaned_data
            try:
                if dikirim == "ksb":
                    services.ksb_catat(pengguna=request.user, **d)
                    messages.success(request, _("Kampung Siaga Bencana dicatat."))
                elif dikirim == "tagana":
                    services.tagana_anggota_catat(
                        pengguna=request.user,
                        orang=_orang_nik(request, d["nik"], "NIK"),
                        tanggal_bergabung=d["tanggal_bergabung"],
                        nomor_anggota=d["nomor_anggota"],
                    )
                    messages.success(request, _("Anggota TAGANA dicatat."))
                elif dikirim == "pelatihan":
                    services.pelatihan_catat(
                        pengguna=request.user,
                        nama=d["nama"],
                        jenis=d["jenis"],
                        mulai=d["mulai"],
                        selesai=d["selesai"],
                        tempat=d["tempat"],
                        peserta=list(d["peserta"]),
                    )
                    messages.success(request, _("Pelatihan TAGANA dicatat."))
                else:
                    services.dapur_umum_catat(
                        pengguna=request.user,
                        tanggal_latihan=d["tanggal"],
                        desa_kode=d["desa_kode"],
                        uraian=d["uraian"],
                        jumlah_peserta=d["jumlah_peserta"],
                        porsi=d["porsi"],
                        peralatan=_peralatan(d["peralatan"]),
                    )
                    messages.success(request, _("Latihan dapur umum dicatat."))
                return redirect("bencana:tagana")
            except KesosError as e:
                f.tolak(e)
    ksb = list(KampungSiagaBencana.objects.all())
    dapur = list(LatihanDapurUmum.objects.prefetch_related("peralatan")[:20])
    target, periode = queries.target_ksb()
    return render(
        request,
        "bencana/tagana.html",
        {
            "ksb": ksb,
            "desa": _nama_desa({x.desa_kode for x in ksb} | {d.desa_kode for d in dapur}),
            "ksb_target": target,
            "ksb_periode": periode,
            "tagana": queries.tagana_ringkas(),
            "pelatihan": PelatihanTagana.objects.prefetch_related("peserta")[:20],
            "dapur": dapur,
            "form_ksb": form["ksb"],
            "form_tagana": form["tagana"],
            "form_pelatihan": form["pelatihan"],
            "form_dapur": form["dapur"],
            "terbuka": dikirim,
            "boleh_catat": BENCANA.boleh_peran(request.user, "catat"),
            "boleh_pelatihan": access.boleh(request.user, "tagana_kelola"),
        },
    )


def _peta() -> dict:
    """The map's settings for peta.js (no inline script under the CSP): the regency's extent,
    zoom bounds, and a tile server only when the office names one."""
    c = settings.LEAFLET_CONFIG
    barat, selatan, timur, utara = c["SPATIAL_EXTENT"]
    ubin = c.get("TILES") or []
    return {
        "batas": [[selatan, barat], [utara, timur]],
        "pusat": list(c["DEFAULT_CENTER"]),
        "zoom": c["DEFAULT_ZOOM"],
        "zoom_min": c["MIN_ZOOM"],
        "zoom_maks": c["MAX_ZOOM"],
        "ubin": ubin[0][1] if ubin else "",
        "atribusi": ubin[0][2].get("attribution", "") if ubin else "",
    }


@kebijakan_diperlukan(BENCANA, "lihat")
def peta(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    kejadian = list(queries._tahun(access.lingkup_kejadian(request.user), tahun).order_by("-waktu_lapor"))
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
            "peta": _peta(),
            "per_kecamatan": queries.respon_per_kecamatan(
                tahun=tahun, qs=access.lingkup_kejadian(request.user)
            ),
        },
    )


@kebijakan_diperlukan(BENCANA, "lihat")
def grafik(request: HttpRequest, fmt: str) -> HttpResponse:
    from kesos.laporan.grafik_bencana import grafik_respon

    if fmt not in ("svg", "png"):
        raise Http404
    tahun = _tahun(request)
    lingkup = access.lingkup_kejadian(request.user)
    data = grafik_respon(
        queries.respon_per_kecamatan(tahun=tahun, qs=lingkup), queries.respon_tren(qs=lingkup), tahun, fmt
    )
    return HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")


@kebijakan_diperlukan(BENCANA, "lihat")
def ekspor(request: HttpRequest) -> HttpResponse:
    from kesos.laporan.bencana_xlsx import bencana_xlsx

    tahun = _tahun(request)
    resp = HttpResponse(
        bencana_xlsx(queries.ekspor_tahun(tahun, qs=access.lingkup_kejadian(request.user))),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="bencana-{tahun}.xlsx"'
    return resp


@require_POST
@kebijakan_diperlukan(BENCANA, "renstra")
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
