"""Minimum service standards (SPM) as versioned reference data: indicator sets whose
indicators name the measures (``spm.ukuran``) that give their numerator and denominator;
values entered by hand beside the computed ones; and the tables a document stated, kept as
written so that their contradictions can be found."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SetIndikator(models.Model):
    """A set of SPM indicators in one version, valid over a span of years."""

    kode = models.CharField(_("kode"), max_length=40)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    nama = models.CharField(_("nama"), max_length=200)
    dasar_hukum = models.TextField(_("dasar hukum"), blank=True)
    berlaku_mulai = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    berlaku_sampai = models.PositiveSmallIntegerField(_("berlaku sampai tahun"), null=True, blank=True)

    class Meta:
        verbose_name = _("set indikator SPM")
        verbose_name_plural = _("set indikator SPM")
        ordering = ["berlaku_mulai", "kode", "versi"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "versi"], name="set_spm_versi_unik"),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=models.F("berlaku_mulai")),
                name="set_spm_tahun_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (versi {self.versi})"

    def berlaku(self, tahun: int) -> bool:
        return self.berlaku_mulai <= tahun and (self.berlaku_sampai is None or tahun <= self.berlaku_sampai)


class IndikatorSPM(models.Model):
    """An indicator: numerator ÷ denominator × 100, each a named measure over kesos data."""

    set = models.ForeignKey(SetIndikator, on_delete=models.CASCADE, related_name="indikator")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    kode = models.CharField(_("kode"), max_length=40)
    jenis_layanan = models.CharField(_("jenis pelayanan dasar"), max_length=300)
    uraian = models.CharField(_("indikator"), max_length=400)
    pembilang = models.CharField(_("ukuran pembilang"), max_length=80)
    penyebut = models.CharField(_("ukuran penyebut"), max_length=80)
    target_nasional = models.DecimalField(
        _("target nasional (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indikator SPM")
        verbose_name_plural = _("indikator SPM")
        ordering = ["set", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["set", "nomor"], name="indikator_spm_nomor_unik"),
            models.UniqueConstraint(fields=["set", "kode"], name="indikator_spm_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.uraian}"


class NilaiManual(models.Model):
    """A numerator and denominator an office entered by hand for a year, kept beside the
    computed ones (never instead of them)."""

    indikator = models.ForeignKey(IndikatorSPM, on_delete=models.CASCADE, related_name="nilai_manual")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pembilang = models.DecimalField(_("pembilang"), max_digits=16, decimal_places=2)
    penyebut = models.DecimalField(_("penyebut"), max_digits=16, decimal_places=2)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        verbose_name = _("nilai SPM isian")
        verbose_name_plural = _("nilai SPM isian")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="nilai_manual_unik"),
            models.CheckConstraint(
                condition=Q(pembilang__gte=0, penyebut__gte=0), name="nilai_manual_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.tahun}: {self.pembilang}/{self.penyebut}"


class JenisTabel(models.TextChoices):
    RINGKASAN = "ringkasan", _("ringkasan realisasi")
    NASIONAL = "nasional", _("nilai dan batas waktu nasional")
    TARGET_DAERAH = "target_daerah", _("target pencapaian daerah")
    REALISASI = "realisasi", _("realisasi dengan pembilang dan penyebut")


class TabelTertulis(models.Model):
    """An SPM table as a document stated it for a year."""

    sumber = models.CharField(_("sumber"), max_length=200)
    kode = models.CharField(_("kode"), max_length=40)
    judul = models.CharField(_("judul"), max_length=300)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisTabel.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    set = models.ForeignKey(SetIndikator, on_delete=models.PROTECT, related_name="tabel_tertulis")

    class Meta:
        verbose_name = _("tabel SPM tertulis")
        verbose_name_plural = _("tabel SPM tertulis")
        ordering = ["tahun", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sumber", "kode", "tahun"], name="tabel_tertulis_unik")
        ]

    def __str__(self) -> str:
        return self.judul


class BarisTertulis(models.Model):
    """A row of a stated table, every cell as written; ``indikator`` links it to the set."""

    tabel = models.ForeignKey(TabelTertulis, on_delete=models.CASCADE, related_name="baris")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nomor = models.CharField(_("nomor tertulis"), max_length=10, blank=True)
    uraian = models.TextField(_("indikator tertulis"))
    indikator = models.ForeignKey(
        IndikatorSPM, null=True, blank=True, on_delete=models.PROTECT, related_name="baris_tertulis"
    )
    target_nasional = models.CharField(_("target nasional tertulis"), max_length=200, blank=True)
    target_daerah = models.CharField(_("target daerah tertulis"), max_length=200, blank=True)
    realisasi = models.CharField(_("realisasi tertulis"), max_length=200, blank=True)
    batas_waktu = models.CharField(_("batas waktu / tahun tertulis"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("baris SPM tertulis")
        verbose_name_plural = _("baris SPM tertulis")
        ordering = ["tabel", "urutan"]

    def __str__(self) -> str:
        return f"{self.nomor} {self.uraian[:60]}"
