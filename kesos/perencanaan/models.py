from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SumberDana(models.Model):
    """A funding source from the managed list (DAU, DAK, DBH, PAD, ...)."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=120, unique=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Organisasi(models.Model):
    """A perangkat daerah, with its code as the office writes it (1.6.1.1)."""

    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    urusan_kode = models.CharField(_("kode urusan"), max_length=20, blank=True)
    urusan_nama = models.CharField(_("nama urusan"), max_length=200, blank=True)
    bidang_kode = models.CharField(_("kode bidang urusan"), max_length=20, blank=True)
    bidang_nama = models.CharField(_("nama bidang urusan"), max_length=200, blank=True)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kepala_nama = models.CharField(_("nama kepala"), max_length=120, blank=True)
    kepala_jabatan = models.CharField(_("pangkat/jabatan kepala"), max_length=120, blank=True)
    kepala_nip = models.CharField(_("NIP kepala"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class PaguRKPD(models.Model):
    """The RKPD's indicative ceiling (pagu indikatif) for one office and year."""

    organisasi = models.ForeignKey(Organisasi, on_delete=models.CASCADE, related_name="pagu_rkpd")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pagu = models.BigIntegerField(_("pagu indikatif"))

    class Meta:
        verbose_name = _("pagu indikatif RKPD")
        verbose_name_plural = _("pagu indikatif RKPD")
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="pagu_rkpd_unik"),
            models.CheckConstraint(condition=models.Q(pagu__gte=0), name="pagu_rkpd_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"Pagu RKPD {self.tahun}: {self.pagu}"


class Level(models.TextChoices):
    URUSAN = "urusan", _("Urusan")
    BIDANG = "bidang", _("Bidang urusan")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub-kegiatan")


# Levels above program head the table and carry only the sums of the rows under them.
LEVEL_KEPALA = (Level.URUSAN, Level.BIDANG)


class SkemaKode(models.Model):
    """A way of writing plan codes: its levels, each with the widths of the code segments it
    adds (national: 1 · 06 · 02 · 2.01 · 0001; the 2021 document's own: 1 · 6 · 1.1.15 · 4).
    A Renja is written in one scheme; a row's level is read from its code under that scheme."""

    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    pemisah = models.CharField(_("pemisah segmen"), max_length=1, default=".")
    kode_memuat_organisasi = models.BooleanField(
        _("kode program memuat kode perangkat daerah"),
        default=False,
        help_text=_("Seperti 1.6.1.1.15: kode program diawali kode perangkat daerah 1.6.1.1."),
    )
    prioritas = models.PositiveSmallIntegerField(
        _("prioritas"),
        default=0,
        help_text=_("Bila berkas cocok dengan beberapa skema, yang tertinggi dipilih."),
    )
    keterangan = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("skema kode")
        verbose_name_plural = _("skema kode")
        ordering = ["-prioritas", "kode"]

    def __str__(self) -> str:
        return self.nama


class TingkatKode(models.Model):
    """One level of a scheme and the widths of the segments its code adds to its parent's:
    '2' one segment of two digits, '1,2' two segments (2.01), '1-3' one of one to three."""

    skema = models.ForeignKey(SkemaKode, on_delete=models.CASCADE, related_name="tingkat")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    nama = models.CharField(_("nama tingkat"), max_length=60)
    segmen = models.CharField(
        _("lebar segmen"), max_length=40, help_text=_("Lebar tiap segmen, dipisah koma: 2 · 1,2 · 1-3")
    )

    class Meta:
        verbose_name = _("tingkat kode")
        verbose_name_plural = _("tingkat kode")
        ordering = ["skema", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skema", "level"], name="tingkat_level_unik"),
            models.UniqueConstraint(fields=["skema", "urutan"], name="tingkat_urutan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.skema.kode}: {self.nama} ({self.segmen})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .skema import lebar_segmen

        try:
            lebar_segmen(self.segmen)
        except ValueError as e:
            raise ValidationError({"segmen": str(e)}) from e


class NomenklaturVersi(models.Model):
    """One published version of the national nomenclature; never edited in place."""

    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    sumber = models.TextField(_("sumber"), blank=True)
    skema = models.ForeignKey(
        SkemaKode, null=True, blank=True, on_delete=models.PROTECT, related_name="nomenklatur"
    )
    dimuat_pada = models.DateTimeField(_("dimuat pada"), auto_now_add=True, null=True)

    class Meta:
        verbose_name = _("versi nomenklatur")
        verbose_name_plural = _("versi nomenklatur")

    def __str__(self) -> str:
        return self.nama


class NomenklaturItem(models.Model):
    versi = models.ForeignKey(NomenklaturVersi, on_delete=models.PROTECT, related_name="item")
    level = models.CharField(_("level"), max_length=20)
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=300)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        ordering = ["versi", "kode"]
        constraints = [models.UniqueConstraint(fields=["versi", "kode"], name="nomenklatur_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class PemetaanKode(models.Model):
    """An office's own code (in a local scheme) mapped to a national nomenclature item. Kept for
    the office, not for one Renja version: every later mapping and the national Renja of the next
    year start from it. An empty item records the decision that the row has no national twin."""

    organisasi = models.ForeignKey(Organisasi, on_delete=models.CASCADE, related_name="pemetaan")
    skema_asal = models.ForeignKey(SkemaKode, on_delete=models.PROTECT, related_name="+")
    kode_asal = models.CharField(_("kode asal"), max_length=60)
    nama_asal = models.CharField(_("nama asal"), max_length=500)
    item = models.ForeignKey(
        NomenklaturItem, null=True, blank=True, on_delete=models.PROTECT, related_name="pemetaan"
    )
    skor = models.PositiveSmallIntegerField(_("skor kemiripan"), null=True, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pemetaan kode nasional")
        verbose_name_plural = _("pemetaan kode nasional")
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "skema_asal", "kode_asal"], name="pemetaan_kode_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode_asal} → {self.item.kode if self.item else '-'}"


class Tahap(models.TextChoices):
    RANCANGAN_AWAL = "rancangan_awal", _("Rancangan Awal")
    RANCANGAN = "rancangan", _("Rancangan")
    FINAL = "final", _("Final")
    PERUBAHAN = "perubahan", _("Perubahan")


URUTAN_TAHAP = [Tahap.RANCANGAN_AWAL, Tahap.RANCANGAN, Tahap.FINAL, Tahap.PERUBAHAN]


class Renja(models.Model):
    """One version (tahap) of an office's Renja for a year."""

    organisasi = models.ForeignKey(Organisasi, on_delete=models.PROTECT, related_name="renja")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tahap = models.CharField(_("tahap"), max_length=20, choices=Tahap.choices)
    skema = models.ForeignKey(SkemaKode, on_delete=models.PROTECT, related_name="renja")
    nomenklatur = models.ForeignKey(
        NomenklaturVersi,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renja",
        help_text=_("Versi nomenklatur nasional yang menjadi acuan pemeriksaan kode dan nama."),
    )
    dibuat_dari = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="turunan"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    terkunci = models.BooleanField(
        _("terkunci"), default=False, help_text=_("Versi final atau versi yang sudah diteruskan.")
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total_tertulis = models.BigIntegerField(_("total tertulis"), null=True, blank=True)
    total_maju_tertulis = models.BigIntegerField(_("total prakiraan maju tertulis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["organisasi", "-tahun", "-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun", "tahap"], name="renja_tahap_unik")
        ]

    def __str__(self) -> str:
        return f"Renja {self.tahun} {self.organisasi.nama} ({self.get_tahap_display()})"

    @property
    def urutan_tahap(self) -> int:
        return URUTAN_TAHAP.index(self.tahap)


class BarisRenja(models.Model):
    """A program, kegiatan or sub-kegiatan row of a Renja.

    Only a row without children carries a typed pagu; a parent's pagu is derived from its
    children. ``pagu_tertulis`` keeps a parent's total as a source document stated it, so
    that the check can compare it with the computed one.
    """

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="baris")
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    kode = models.CharField(_("kode"), max_length=60)
    nama = models.CharField(_("nama"), max_length=500)
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True)
    pagu = models.BigIntegerField(_("pagu indikatif"), null=True, blank=True)
    pagu_maju = models.BigIntegerField(_("pagu prakiraan maju"), null=True, blank=True)
    pagu_tertulis = models.BigIntegerField(_("pagu tertulis"), null=True, blank=True)
    pagu_maju_tertulis = models.BigIntegerField(_("pagu maju tertulis"), null=True, blank=True)
    sumber_dana = models.ForeignKey(
        SumberDana, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catatan = models.TextField(_("catatan penting"), blank=True)
    kode_nasional = models.ForeignKey(
        NomenklaturItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    versi = models.PositiveIntegerField(_("versi"), default=1)
    renstra_baris = models.ForeignKey(
        "RenstraBaris", null=True, blank=True, on_delete=models.SET_NULL, related_name="baris_renja"
    )

    class Meta:
        verbose_name = _("baris Renja")
        verbose_name_plural = _("baris Renja")
        ordering = ["renja", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["renja", "kode"], name="baris_kode_unik"),
            models.CheckConstraint(
                condition=models.Q(pagu__gte=0) | models.Q(pagu__isnull=True),
                name="pagu_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=models.Q(pagu_maju__gte=0) | models.Q(pagu_maju__isnull=True),
                name="pagu_maju_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Indikator(models.Model):
    """An indicator of a row and its target, kept as number, unit and text as written.

    A row of a source document may list more targets than indicators; such extra targets
    are kept as indicators with an empty ``uraian`` so that nothing written is lost.
    """

    baris = models.ForeignKey(BarisRenja, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uraian = models.TextField(_("indikator"), blank=True)
    target_teks = models.CharField(_("target"), max_length=200, blank=True)
    target_angka = models.DecimalField(
        _("angka target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_satuan = models.CharField(_("satuan target"), max_length=60, blank=True)
    maju_teks = models.CharField(_("target prakiraan maju"), max_length=200, blank=True)
    maju_angka = models.DecimalField(
        _("angka target maju"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    maju_satuan = models.CharField(_("satuan target maju"), max_length=60, blank=True)
    renstra_indikator = models.ForeignKey(
        "RenstraIndikator", null=True, blank=True, on_delete=models.SET_NULL, related_name="indikator_renja"
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["baris", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.uraian} ({self.target_teks})"


class Renstra(models.Model):
    """An office's five-year strategic plan (Renstra Perangkat Daerah)."""

    organisasi = models.ForeignKey(Organisasi, on_delete=models.PROTECT, related_name="renstra")
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_akhir = models.PositiveSmallIntegerField(_("tahun akhir"))
    nama = models.CharField(_("nama"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun_mulai"], name="renstra_unik"),
            models.CheckConstraint(
                condition=models.Q(tahun_akhir__gte=models.F("tahun_mulai")), name="renstra_periode_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.organisasi.nama} {self.tahun_mulai}–{self.tahun_akhir}"


class RenstraBaris(models.Model):
    """A program or kegiatan of a Renstra, its code kept exactly as the document writes it."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="baris")
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    kode = models.CharField(_("kode"), max_length=60, blank=True)
    nama = models.CharField(_("nama"), max_length=500)

    class Meta:
        verbose_name = _("baris Renstra")
        verbose_name_plural = _("baris Renstra")
        ordering = ["renstra", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()


class JenisIndikator(models.TextChoices):
    NAIK = "naik", _("Naik (realisasi ÷ target)")
    TURUN = "turun", _("Turun (target ÷ realisasi)")
    PERSEN = "persen", _("Persentase")
    TERAKHIR = "terakhir", _("Nilai terakhir")


class RenstraIndikator(models.Model):
    baris = models.ForeignKey(RenstraBaris, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uraian = models.TextField(_("indikator"))
    satuan = models.CharField(_("satuan"), max_length=60, blank=True)
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=JenisIndikator.choices, default=JenisIndikator.NAIK
    )
    kumulatif = models.BooleanField(
        _("kumulatif"),
        default=True,
        help_text=_("Realisasi Renstra dijumlah antar tahun; bila tidak, nilai terakhir."),
    )
    target_akhir = models.DecimalField(
        _("target akhir periode"), max_digits=20, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indikator Renstra")
        verbose_name_plural = _("indikator Renstra")
        ordering = ["baris", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(jenis__in=["persen", "terakhir"], kumulatif=True),
                name="persen_terakhir_tidak_kumulatif",
            )
        ]

    def __str__(self) -> str:
        return self.uraian
