"""A piece of work that runs in the background (an import, the duplicate search): who started
it, how far it is, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusTugas(models.TextChoices):
    ANTRE = "antre", _("menunggu")
    BERJALAN = "berjalan", _("berjalan")
    SELESAI = "selesai", _("selesai")
    GAGAL = "gagal", _("gagal")


class Tugas(models.Model):
    jenis = models.CharField(_("jenis"), max_length=40)
    dimulai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusTugas.choices, default=StatusTugas.ANTRE
    )
    persen = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    pesan = models.CharField(_("pesan"), max_length=255, blank=True)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    hasil = models.JSONField(_("hasil"), default=dict, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        indexes = [models.Index(fields=["jenis", "status"], name="tugas_jenis_status_idx")]

    def __str__(self) -> str:
        return f"Tugas #{self.pk} {self.jenis}"

    @property
    def berakhir(self) -> bool:
        return self.status in (StatusTugas.SELESAI, StatusTugas.GAGAL)
