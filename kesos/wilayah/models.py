from django.db import models
from django.utils.translation import gettext_lazy as _


class Tingkat(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa/Pekon")
    KELURAHAN = "kelurahan", _("Kelurahan")


# Which level a child of each level may be.
TINGKAT_ANAK = {
    Tingkat.PROVINSI: {Tingkat.KABUPATEN},
    Tingkat.KABUPATEN: {Tingkat.KECAMATAN},
    Tingkat.KECAMATAN: {Tingkat.DESA, Tingkat.KELURAHAN},
    Tingkat.DESA: set(),
    Tingkat.KELURAHAN: set(),
}


class Wilayah(models.Model):
    """A region by its Kemendagri code (not BPS): 18, 18.04, 18.04.04, 18.04.04.2002."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    tingkat = models.CharField(_("tingkat"), max_length=12, choices=Tingkat.choices)
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="anak")

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
