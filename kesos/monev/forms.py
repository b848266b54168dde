from django import forms
from django.utils.translation import gettext_lazy as _

from kesos.perencanaan.forms import BootstrapMixin, RupiahField


class RealisasiForm(BootstrapMixin, forms.Form):
    rupiah = RupiahField(label=_("Realisasi anggaran (Rp)"), required=True)
    faktor_pendorong = forms.CharField(
        label=_("Faktor pendorong"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    faktor_penghambat = forms.CharField(
        label=_("Faktor penghambat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indikator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for i in indikator:
            self.fields[f"ind_{i.id}"] = forms.DecimalField(
                label=_("%(indikator)s (target %(target)s)")
                % {"indikator": i.uraian, "target": i.target_teks or "—"},
                required=False,
                min_value=0,
                max_digits=20,
                decimal_places=4,
                localize=True,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            )

    def nilai(self) -> dict:
        return {i.id: self.cleaned_data.get(f"ind_{i.id}") for i in self.indikator}
