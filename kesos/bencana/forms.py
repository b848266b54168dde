"""Forms only convert what was typed; the services decide what may be stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kesos.akun.access import dalam_wilayah
from kesos.wilayah.models import Tingkat, Wilayah

from .models import (
    AnggotaTagana,
    Barang,
    Gudang,
    JenisBencana,
    KeadaanKorban,
    PelatihanTagana,
    StatusKejadian,
)

WAKTU = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ANGKA = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})


class GayaBootstrap:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gaya()

    def _gaya(self) -> None:
        for f in self.fields.values():
            css = (
                "form-select" if isinstance(f.widget, forms.Select | forms.SelectMultiple) else "form-control"
            )
            if isinstance(f.widget, forms.CheckboxInput):
                css = "form-check-input"
            f.widget.attrs.setdefault("class", css)

    def tolak(self, e) -> None:
        """Show a service's refusal at its field, or above the form."""
        kolom = getattr(e, "kolom", "")
        if kolom in self.fields:
            self.add_error(kolom, e.pesan)
        else:
            self.add_error(None, str(e))


def pilihan_desa(pengguna) -> list[tuple[str, str]]:
    qs = dalam_wilayah(
        Wilayah.objects.filter(tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN]), pengguna, kolom="kode"
    ).select_related("induk")
    return [
        (w.kode, f"{w.nama} ({w.induk.nama if w.induk else ''})") for w in qs.order_by("induk__nama", "nama")
    ]


class KejadianForm(GayaBootstrap, forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis bencana"), choices=JenisBencana.choices)
    uraian = forms.CharField(label=_("Uraian singkat"), max_length=200)
    waktu_lapor = forms.DateTimeField(label=_("Waktu dilaporkan"), widget=WAKTU)
    desa = forms.MultipleChoiceField(label=_("Desa/pekon (boleh lebih dari satu)"))
    lintang = forms.CharField(
        label=_("Lintang"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    bujur = forms.CharField(
        label=_("Bujur"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    kk_terdampak = forms.IntegerField(label=_("KK terdampak"), min_value=0, initial=0, widget=ANGKA)
    jiwa_terdampak = forms.IntegerField(label=_("Jiwa terdampak"), min_value=0, initial=0, widget=ANGKA)
    luka = forms.IntegerField(label=_("Luka-luka"), min_value=0, initial=0, widget=ANGKA)
    meninggal = forms.IntegerField(label=_("Meninggal"), min_value=0, initial=0, widget=ANGKA)
    hilang = forms.IntegerField(label=_("Hilang"), min_value=0, initial=0, widget=ANGKA)
    mengungsi = forms.IntegerField(label=_("Mengungsi"), min_value=0, initial=0, widget=ANGKA)
    dievakuasi = forms.IntegerField(label=_("Dievakuasi"), min_value=0, initial=0, widget=ANGKA)
    dievakuasi_lengkap = forms.IntegerField(
        label=_("Dievakuasi dengan sarana lengkap"), min_value=0, initial=0, widget=ANGKA
    )
    cara_evakuasi = forms.CharField(label=_("Cara evakuasi"), max_length=255, required=False)

    def __init__(self, *args, pengguna, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = pilihan_desa(pengguna)
        self.fields["desa"].widget.attrs["size"] = 6


class KorbanForm(GayaBootstrap, forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    kk_terdampak = forms.IntegerField(label=_("KK terdampak"), min_value=0, widget=ANGKA)
    jiwa_terdampak = forms.IntegerField(label=_("Jiwa terdampak"), min_value=0, widget=ANGKA)
    luka = forms.IntegerField(label=_("Luka-luka"), min_value=0, widget=ANGKA)
    meninggal = forms.IntegerField(label=_("Meninggal"), min_value=0, widget=ANGKA)
    hilang = forms.IntegerField(label=_("Hilang"), min_value=0, widget=ANGKA)
    mengungsi = forms.IntegerField(label=_("Mengungsi"), min_value=0, widget=ANGKA)
    dievakuasi = forms.IntegerField(label=_("Dievakuasi"), min_value=0, widget=ANGKA)
    dievakuasi_lengkap = forms.IntegerField(label=_("Dievakuasi, sarana lengkap"), min_value=0, widget=ANGKA)
    cara_evakuasi = forms.CharField(label=_("Cara evakuasi"), max_length=255, required=False)


class StatusForm(GayaBootstrap, forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=StatusKejadian.choices[1:])
    pada = forms.DateTimeField(label=_("Sejak"), widget=WAKTU)


class KorbanTautForm(GayaBootstrap, forms.Form):
    nik = forms.CharField(
        label=_("NIK korban"), max_length=16, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    keadaan = forms.ChoiceField(label=_("Keadaan"), choices=KeadaanKorban.choices)
    dievakuasi = forms.BooleanField(label=_("Dievakuasi"), required=False)
    evakuasi_lengkap = forms.BooleanField(label=_("Dengan sarana lengkap"), required=False)


BARIS_BARANG = 3


class BantuanForm(GayaBootstrap, forms.Form):
    waktu = forms.DateTimeField(label=_("Waktu diserahkan"), widget=WAKTU)
    gudang = forms.ModelChoiceField(
        label=_("Dari gudang"), queryset=Gudang.objects.filter(aktif=True), required=False
    )
    jumlah_jiwa = forms.IntegerField(
        label=_("Penerima tanpa nama (jumlah jiwa)"), min_value=0, initial=0, required=False, widget=ANGKA
    )
    keterangan_penerima = forms.CharField(label=_("Keterangan penerima"), max_length=200, required=False)
    nik = forms.CharField(
        label=_("NIK penerima (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "numeric"}),
    )
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        barang = Barang.objects.filter(aktif=True)
        for i in range(1, BARIS_BARANG + 1):
            self.fields[f"barang_{i}"] = forms.ModelChoiceField(
                label=_("Barang %(i)s") % {"i": i}, queryset=barang, required=False
            )
            self.fields[f"jumlah_{i}"] = forms.IntegerField(
                label=_("Jumlah %(i)s") % {"i": i}, min_value=1, required=False, widget=ANGKA
            )
        self._gaya()

    def baris_barang(self) -> list[tuple[str, str]]:
        return [(f"barang_{i}", f"jumlah_{i}") for i in range(1, BARIS_BARANG + 1)]


class TerimaForm(GayaBootstrap, forms.Form):
    gudang = forms.ModelChoiceField(label=_("Gudang"), queryset=Gudang.objects.filter(aktif=True))
    barang = forms.ModelChoiceField(label=_("Barang"), queryset=Barang.objects.filter(aktif=True))
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    jumlah = forms.IntegerField(label=_("Jumlah"), widget=ANGKA)
    sumber = forms.CharField(label=_("Sumber"), max_length=200)
    referensi = forms.CharField(label=_("Nomor bukti"), max_length=100, required=False)
    kedaluwarsa = forms.DateField(label=_("Kedaluwarsa"), required=False, widget=TANGGAL)


class KeluarForm(GayaBootstrap, forms.Form):
    """An issue outside a recorded delivery (to a posko, another warehouse)."""

    gudang = forms.ModelChoiceField(label=_("Gudang"), queryset=Gudang.objects.filter(aktif=True))
    barang = forms.ModelChoiceField(label=_("Barang"), queryset=Barang.objects.filter(aktif=True))
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    jumlah = forms.IntegerField(label=_("Jumlah"), widget=ANGKA)
    tujuan = forms.CharField(label=_("Tujuan"), max_length=200)
    referensi = forms.CharField(label=_("Nomor bukti"), max_length=100, required=False)


class KsbForm(GayaBootstrap, forms.Form):
    desa_kode = forms.ChoiceField(label=_("Desa/pekon"))
    tanggal_dibentuk = forms.DateField(label=_("Tanggal dibentuk"), widget=TANGGAL)
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args, pengguna, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa_kode"].choices = pilihan_desa(pengguna)


class TaganaForm(GayaBootstrap, forms.Form):
    nik = forms.CharField(
        label=_("NIK"), max_length=16, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    tanggal_bergabung = forms.DateField(label=_("Tanggal bergabung"), widget=TANGGAL)
    nomor_anggota = forms.CharField(label=_("Nomor anggota"), max_length=40, required=False)


class PilihanAnggota(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        # A member by number and desa code: no names on a list everyone with the page reads.
        return f"{obj.nomor_anggota or '#' + str(obj.pk)} · {obj.desa_kode}"


class PelatihanForm(GayaBootstrap, forms.Form):
    nama = forms.CharField(label=_("Nama pelatihan"), max_length=200)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=PelatihanTagana.Jenis.choices)
    mulai = forms.DateField(label=_("Mulai"), widget=TANGGAL)
    selesai = forms.DateField(label=_("Selesai"), widget=TANGGAL)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    peserta = PilihanAnggota(
        label=_("Peserta (anggota TAGANA)"),
        queryset=AnggotaTagana.objects.filter(aktif=True).order_by("desa_kode", "id"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peserta"].widget.attrs["size"] = 6


class DapurUmumForm(GayaBootstrap, forms.Form):
    tanggal = forms.DateField(label=_("Tanggal latihan"), widget=TANGGAL)
    desa_kode = forms.ChoiceField(label=_("Desa/pekon"))
    uraian = forms.CharField(label=_("Uraian"), max_length=200)
    jumlah_peserta = forms.IntegerField(label=_("Jumlah peserta"), min_value=0, initial=0, widget=ANGKA)
    porsi = forms.IntegerField(label=_("Porsi makanan"), min_value=0, initial=0, widget=ANGKA)
    peralatan = forms.CharField(
        label=_("Peralatan (satu per baris: nama; jumlah; kondisi baik/rusak ringan/rusak berat)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, pengguna, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa_kode"].choices = pilihan_desa(pengguna)


class OpnameForm(GayaBootstrap, forms.Form):
    """Stock-taking of one warehouse: a count (and the reason of a difference) per item."""

    tanggal = forms.DateField(label=_("Tanggal opname"), widget=TANGGAL)
    catatan = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args, barang, **kwargs):
        super().__init__(*args, **kwargs)
        self.barang = list(barang)
        for b in self.barang:
            self.fields[f"hitung_{b.pk}"] = forms.IntegerField(
                label=_("Hasil hitung (%(satuan)s)") % {"satuan": b.satuan},
                min_value=0,
                required=False,
                widget=ANGKA,
            )
            self.fields[f"alasan_{b.pk}"] = forms.CharField(
                label=_("Alasan selisih"), max_length=255, required=False
            )
        self._gaya()

    def baris(self):
        return [(b, self[f"hitung_{b.pk}"], self[f"alasan_{b.pk}"]) for b in self.barang]

    def hitungan(self) -> list[tuple]:
        d = self.cleaned_data
        return [
            (b, d[f"hitung_{b.pk}"], d[f"alasan_{b.pk}"])
            for b in self.barang
            if d[f"hitung_{b.pk}"] is not None
        ]
