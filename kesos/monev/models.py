from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CapaianTahunan(models.Model):
    """The target and realisation of a Renstra indicator for one year, as recorded.

    For years before kesos these come from documents (Lampiran I); ``sampai_dengan``
    marks a realisation that is already the total up to and including ``tahun``.
    """

    indikator = models.ForeignKey(
        "perencanaan.RenstraIndikator", on_delete=models.CASCADE, related_name="capaian_tahunan"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    sampai_dengan = models.BooleanField(_("s/d tahun ini"), default=False)
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    realisasi = models.DecimalField(_("realisasi"), max_digits=20, decimal_places=4, null=True, blank=True)
    sumber = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("capaian tahunan")
        verbose_name_plural = _("capaian tahunan")
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "sampai_dengan"], name="capaian_tahunan_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.target} / {self.realisasi}"


class NilaiTertulis(models.Model):
    """A computed figure as a document stated it (e.g. Lampiran I column 8), kept to compare."""

    indikator = models.ForeignKey(
        "perencanaan.RenstraIndikator", on_delete=models.CASCADE, related_name="nilai_tertulis"
    )
    tabel = models.CharField(_("tabel"), max_length=10)
    tahun_renja = models.PositiveSmallIntegerField(_("tahun Renja"))
    kolom = models.PositiveSmallIntegerField(_("kolom"))
    nilai = models.CharField(_("nilai tertulis"), max_length=40)

    class Meta:
        verbose_name = _("nilai tertulis")
        verbose_name_plural = _("nilai tertulis")
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tabel", "tahun_renja", "kolom"], name="nilai_tertulis_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tabel} {self.tahun_renja} ({self.kolom}) = {self.nilai}"


class RealisasiTriwulan(models.Model):
    """What a kegiatan realised in one quarter: rupiah, the factors and the follow-up."""

    baris = models.ForeignKey("perencanaan.BarisRenja", on_delete=models.CASCADE, related_name="realisasi")
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=[(i, str(i)) for i in range(1, 5)])
    rupiah = models.BigIntegerField(_("realisasi anggaran (Rp)"), default=0)
    faktor_pendorong = models.TextField(_("faktor pendorong"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    terkunci = models.BooleanField(_("diajukan dan terkunci"), default=False)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("realisasi triwulan")
        verbose_name_plural = _("realisasi triwulan")
        ordering = ["baris", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "triwulan"], name="realisasi_triwulan_unik"),
            models.CheckConstraint(condition=models.Q(rupiah__gte=0), name="realisasi_rupiah_tidak_negatif"),
            models.CheckConstraint(
                condition=models.Q(triwulan__gte=1, triwulan__lte=4), name="triwulan_1_sampai_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.baris.kode} TW {self.triwulan}"


class RealisasiIndikator(models.Model):
    realisasi = models.ForeignKey(RealisasiTriwulan, on_delete=models.CASCADE, related_name="nilai")
    indikator = models.ForeignKey("perencanaan.Indikator", on_delete=models.CASCADE, related_name="+")
    nilai = models.DecimalField(_("realisasi kinerja"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("realisasi indikator")
        verbose_name_plural = _("realisasi indikator")
        constraints = [
            models.UniqueConstraint(fields=["realisasi", "indikator"], name="realisasi_indikator_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}: {self.nilai}"


class RentangPredikat(models.Model):
    """A rating band: an achievement of at least ``batas_bawah`` percent earns ``predikat``."""

    batas_bawah = models.DecimalField(_("batas bawah (%)"), max_digits=6, decimal_places=2, unique=True)
    predikat = models.CharField(_("predikat"), max_length=40)

    class Meta:
        verbose_name = _("rentang predikat")
        verbose_name_plural = _("rentang predikat")
        ordering = ["-batas_bawah"]

    def __str__(self) -> str:
        return f"≥ {self.batas_bawah}: {self.predikat}"


class AnggaranTahunan(models.Model):
    """An office's direct-spending budget and its realisation for one budget year."""

    organisasi = models.ForeignKey("perencanaan.Organisasi", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    pagu = models.BigIntegerField(_("alokasi (Rp)"))
    realisasi = models.BigIntegerField(_("realisasi (Rp)"))
    jumlah_program = models.PositiveSmallIntegerField(_("jumlah program"), null=True, blank=True)
    jumlah_kegiatan = models.PositiveSmallIntegerField(_("jumlah kegiatan"), null=True, blank=True)
    persen_tertulis = models.CharField(_("persentase tertulis"), max_length=20, blank=True)
    sumber = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("anggaran tahunan")
        verbose_name_plural = _("anggaran tahunan")
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="anggaran_tahunan_unik"),
            models.CheckConstraint(
                condition=models.Q(pagu__gte=0, realisasi__gte=0), name="anggaran_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.tahun} {self.organisasi.nama}"


class AnggaranKegiatan(models.Model):
    """A kegiatan of a budget year whose realisation fell short, with the reason."""

    anggaran = models.ForeignKey(AnggaranTahunan, on_delete=models.CASCADE, related_name="kegiatan")
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.CharField(_("kegiatan"), max_length=300)
    pagu = models.BigIntegerField(_("anggaran (Rp)"), null=True, blank=True)
    realisasi = models.BigIntegerField(_("realisasi (Rp)"), null=True, blank=True)
    fisik_persen = models.DecimalField(
        _("realisasi fisik (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    alasan = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("kegiatan di bawah target")
        verbose_name_plural = _("kegiatan di bawah target")
        ordering = ["anggaran", "urutan"]

    def __str__(self) -> str:
        return self.nama
