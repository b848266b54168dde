"""Forms only shape input; every rule is checked again by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kesos.perencanaan.forms import BootstrapMixin, RupiahField
from kesos.perencanaan.models import BarisRenja, SumberDana
from kesos.registri.models import Jenis, Kategori

from .models import JenisManfaat, JenisPengaduan, Program, Satuan, SyaratVerval


class ProgramForm(BootstrapMixin, forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=20)
    nama = forms.CharField(label=_("Nama"), max_length=200)
    jenis_manfaat = forms.ChoiceField(label=_("Jenis manfaat"), choices=JenisManfaat.choices)
    satuan = forms.ChoiceField(label=_("Satuan penerima"), choices=Satuan.choices)
    sumber_dana = forms.ModelChoiceField(
        label=_("Sumber dana"), queryset=SumberDana.objects.all(), required=False
    )
    kegiatan = forms.ModelChoiceField(
        label=_("Kegiatan/sub-kegiatan Renja yang membiayai"),
        queryset=BarisRenja.objects.filter(level__in=["kegiatan", "sub_kegiatan"]).select_related("renja"),
        required=False,
    )
    nilai_manfaat = RupiahField(label=_("Nilai manfaat per penyaluran (Rp)"))
    keterangan = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    kategori_kode = forms.MultipleChoiceField(
        label=_("Kategori PMKS (salah satu)"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    usia_min = forms.IntegerField(label=_("Usia minimal"), required=False, min_value=0, max_value=150)
    usia_max = forms.IntegerField(label=_("Usia maksimal"), required=False, min_value=0, max_value=150)
    jenis_kelamin = forms.ChoiceField(
        label=_("Jenis kelamin"),
        choices=[("", _("semua")), ("L", _("laki-laki")), ("P", _("perempuan"))],
        required=False,
    )
    verval = forms.ChoiceField(label=_("Syarat verval"), choices=SyaratVerval.choices)
    wilayah_kode = forms.CharField(
        label=_("Wilayah sasaran (kode, kosong = seluruh)"), required=False, max_length=20
    )
    tidak_bersama = forms.ModelMultipleChoiceField(
        label=_("Tidak boleh bersamaan dengan"), queryset=Program.objects.all(), required=False
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori_kode"].choices = [
            (k.kode, f"{k.kode} — {k.nama}") for k in Kategori.objects.filter(aktif=True, jenis=Jenis.PMKS)
        ]
        self.fields["aktif"].widget.attrs["class"] = "form-check-input"


class PeriodeForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(label=_("Nama periode"), max_length=60)
    mulai = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(label=_("Selesai"), widget=forms.DateInput(attrs={"type": "date"}))


class SiklusForm(BootstrapMixin, forms.Form):
    nomor = forms.IntegerField(label=_("Nomor"), min_value=1, max_value=366)
    nama = forms.CharField(label=_("Nama siklus"), max_length=60)
    mulai = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(label=_("Selesai"), widget=forms.DateInput(attrs={"type": "date"}))


class PenyaluranForm(BootstrapMixin, forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    uraian = forms.CharField(label=_("Yang disalurkan"), max_length=200)
    rupiah = RupiahField(label=_("Nilai (Rp)"), required=True)
    petugas = forms.CharField(label=_("Disalurkan oleh"), max_length=120)


class PengaduanForm(BootstrapMixin, forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())
    desa_kode = forms.CharField(label=_("Kode desa"), max_length=20)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisPengaduan.choices)
    uraian = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}))
    pelapor = forms.CharField(label=_("Pelapor"), required=False, max_length=120)
    kontak = forms.CharField(label=_("Kontak"), required=False, max_length=60)


class KelompokForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(label=_("Nama kelompok"), max_length=120)
    desa_kode = forms.CharField(label=_("Kode desa"), max_length=20)
    jenis_usaha = forms.CharField(label=_("Jenis usaha"), max_length=120)
    dibentuk = forms.DateField(label=_("Tanggal dibentuk"), widget=forms.DateInput(attrs={"type": "date"}))
    anggota = forms.CharField(
        label=_("NIK anggota, satu per baris (yang pertama ketua)"),
        widget=forms.Textarea(attrs={"rows": 4, "inputmode": "numeric"}),
        max_length=20 * 60,
    )

    def nik(self) -> list[str]:
        return [b.strip() for b in self.cleaned_data["anggota"].splitlines() if b.strip()]


class RumahForm(BootstrapMixin, forms.Form):
    no_kk = forms.CharField(label=_("No. KK"), max_length=16)
    kondisi_sebelum = forms.ChoiceField(label=_("Kondisi sebelum"), choices=[])
    biaya = RupiahField(label=_("Biaya (Rp)"), required=True)
    foto_sebelum = forms.CharField(label=_("Rujukan foto sebelum"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        from .models import KondisiRumah

        super().__init__(*args, **kwargs)
        self.fields["kondisi_sebelum"].choices = [
            c for c in KondisiRumah.choices if c[0] != KondisiRumah.LAYAK
        ]
