from django import forms
from django.utils.translation import gettext_lazy as _

from kesos.inti.formats import angka, parse_rupiah

from .models import (
    LEVEL_KEPALA,
    BarisRenja,
    NomenklaturItem,
    Organisasi,
    RenstraBaris,
    SkemaKode,
    SumberDana,
    Tahap,
)


class BootstrapMixin:
    """Give every widget Bootstrap's class, so templates can render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class RupiahField(forms.CharField):
    """Whole rupiah typed as the office types it: 1.250.000 or 1250000. Never negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return angka(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            nilai = parse_rupiah(value)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
        if nilai < 0:
            raise forms.ValidationError(_("Pagu tidak boleh negatif."))
        return nilai


class BarisForm(BootstrapMixin, forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=60)
    nama = forms.CharField(label=_("Nama program/kegiatan"), max_length=500)
    induk = forms.ModelChoiceField(label=_("Induk"), queryset=BarisRenja.objects.none(), required=False)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    pagu = RupiahField(label=_("Pagu indikatif (Rp)"))
    pagu_maju = RupiahField(label=_("Pagu prakiraan maju (Rp)"))
    sumber_dana = forms.ModelChoiceField(
        label=_("Sumber dana"), queryset=SumberDana.objects.filter(aktif=True), required=False
    )
    catatan = forms.CharField(
        label=_("Catatan penting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kode_nasional = forms.ModelChoiceField(
        label=_("Kode nomenklatur nasional"),
        queryset=NomenklaturItem.objects.select_related("versi").filter(aktif=True),
        required=False,
    )
    renstra_baris = forms.ModelChoiceField(
        label=_("Baris Renstra"),
        queryset=RenstraBaris.objects.none(),
        required=False,
        help_text=_("Tautkan baris ini ke program/kegiatan Renstra-nya; kode keduanya boleh berbeda."),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, renja, skema, baris=None, level=None, **kwargs):
        super().__init__(*args, **kwargs)
        level = level or (baris.level if baris else None)
        induk_level = skema.level_induk(level) if level in skema.level else None
        if induk_level:
            self.fields["induk"].queryset = BarisRenja.objects.filter(renja=renja, level=induk_level)
            self.fields["induk"].required = skema.wajib_induk(level)
            self.fields["induk"].label = _("Induk (%(level)s)") % {"level": skema.nama_level(induk_level)}
            self.fields["induk"].label_from_instance = lambda b: f"{b.kode} {b.nama}"
        else:
            del self.fields["induk"]
        self.fields["kode"].help_text = _("Contoh kode %(level)s dalam skema %(skema)s: %(contoh)s") % {
            "level": skema.nama_level(level),
            "skema": skema.nama,
            "contoh": skema.contoh(level),
        }
        self.fields["renstra_baris"].queryset = RenstraBaris.objects.filter(
            renstra__organisasi=renja.organisasi_id,
            renstra__tahun_mulai__lte=renja.tahun,
            renstra__tahun_akhir__gte=renja.tahun - 1,
        )
        self.fields["kode_nasional"].label_from_instance = lambda i: f"{i.kode} {i.nama} ({i.versi.nama})"
        if level in LEVEL_KEPALA or (baris is not None and baris.anak.exists()):
            # A parent's pagu is derived from its children, never typed; urusan and bidang
            # rows only sum the rows under them.
            del self.fields["pagu"]
            del self.fields["pagu_maju"]


class IndikatorForm(BootstrapMixin, forms.Form):
    uraian = forms.CharField(label=_("Indikator"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(label=_("Target"), required=False, max_length=200)
    maju = forms.CharField(label=_("Target prakiraan maju"), required=False, max_length=200)


IndikatorFormSet = forms.formset_factory(IndikatorForm, extra=2, max_num=30)


class ImportForm(BootstrapMixin, forms.Form):
    organisasi = forms.ModelChoiceField(label=_("Perangkat daerah"), queryset=Organisasi.objects.all())
    tahun = forms.IntegerField(label=_("Tahun Renja"), min_value=2000, max_value=2100)
    # A file becomes a draft; Final and Perubahan are decided by the kepala dinas on the page.
    tahap = forms.ChoiceField(
        label=_("Tahap"),
        choices=[(t.value, t.label) for t in (Tahap.RANCANGAN_AWAL, Tahap.RANCANGAN)],
        initial=Tahap.RANCANGAN_AWAL,
    )
    skema = forms.ModelChoiceField(
        label=_("Skema kode"),
        queryset=SkemaKode.objects.all(),
        required=False,
        empty_label=_("Dikenali dari kode dalam berkas"),
    )
    berkas = forms.FileField(
        label=_("Berkas XLSX atau CSV (tabel T-C.33)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class NomenklaturImporForm(BootstrapMixin, forms.Form):
    kode = forms.CharField(
        label=_("Kode versi"), max_length=40, help_text=_("mis. kepmendagri-900.1-861-2026")
    )
    nama = forms.CharField(label=_("Nama versi"), max_length=200)
    skema = forms.ModelChoiceField(label=_("Skema kode"), queryset=SkemaKode.objects.all())
    sumber = forms.CharField(label=_("Sumber"), required=False, max_length=500)
    berkas = forms.FileField(
        label=_("Tabel kode dan nama (XLSX atau CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
