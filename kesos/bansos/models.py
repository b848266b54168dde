"""Assistance programmes: who is eligible (a rule as data), who is enrolled in which period,
what each recipient received in which cycle, KUBE groups, RTLH houses and complaints.

Every row that belongs to a place carries the desa code (``desa_kode``) of its recipient, so
that the area scope of operators is one equality filter (``akun.access.dalam_wilayah``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JenisManfaat(models.TextChoices):
    TUNAI = "tunai", _("uang tunai")
    BARANG = "barang", _("barang")
    JASA = "jasa", _("layanan")
    HIBAH_KELOMPOK = "hibah_kelompok", _("hibah kelompok")
    REHAB_RUMAH = "rehab_rumah", _("rehabilitasi rumah")


class Satuan(models.TextChoices):
    ORANG = "orang", _("orang")
    KELUARGA = "keluarga", _("keluarga")
    KELOMPOK = "kelompok", _("kelompok")


class SyaratVerval(models.TextChoices):
    SEMUA = "semua", _("tidak disyaratkan")
    VALID = "valid", _("valid pada verval terakhir")
    TIDAK_DITOLAK = "tidak_ditolak", _("tidak dinyatakan tidak valid")


class Program(models.Model):
    """A programme with its eligibility rule as data: categories (any of them), age bounds on
    the period's first day, sex, verval status, area, and the programmes it may not be
    combined with in overlapping periods."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis_manfaat = models.CharField(_("jenis manfaat"), max_length=20, choices=JenisManfaat.choices)
    satuan = models.CharField(_("satuan penerima"), max_length=10, choices=Satuan.choices)
    sumber_dana = models.ForeignKey(
        "perencanaan.SumberDana", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kegiatan = models.ForeignKey(
        "perencanaan.BarisRenja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_bansos",
        help_text=_("Kegiatan atau sub-kegiatan Renja yang membiayai program ini."),
    )
    nilai_manfaat = models.BigIntegerField(_("nilai manfaat per penyaluran (Rp)"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    # The rule.
    kategori_kode = models.JSONField(_("kategori PMKS"), default=list, blank=True)
    usia_min = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    usia_max = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, blank=True)
    verval = models.CharField(
        _("syarat verval"), max_length=15, choices=SyaratVerval.choices, default=SyaratVerval.SEMUA
    )
    wilayah_kode = models.CharField(_("wilayah sasaran"), max_length=20, blank=True)
    tidak_bersama = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("tidak boleh bersamaan dengan"),
    )
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("program bantuan")
        verbose_name_plural = _("program bantuan")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_manfaat__gte=0) | Q(nilai_manfaat__isnull=True),
                name="program_nilai_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(usia_min__isnull=True)
                | Q(usia_max__isnull=True)
                | Q(usia_min__lte=models.F("usia_max")),
                name="program_usia_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Periode(models.Model):
    """An enrolment period of a programme (a year, a phase): one enrolment per recipient."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="periode")
    nama = models.CharField(_("nama"), max_length=60)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    kegiatan = models.ForeignKey(
        "perencanaan.BarisRenja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bila kosong, kegiatan program."),
    )

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["program", "-mulai"]
        constraints = [
            models.UniqueConstraint(fields=["program", "nama"], name="periode_nama_unik"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.program.kode} {self.nama}"


class Siklus(models.Model):
    """A distribution cycle of a period (tahap); closed with its totals, then locked."""

    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="siklus")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    nama = models.CharField(_("nama"), max_length=60)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total_penerima = models.PositiveIntegerField(_("jumlah penerima"), null=True, blank=True)
    total_rupiah = models.BigIntegerField(_("jumlah rupiah"), null=True, blank=True)

    class Meta:
        verbose_name = _("siklus penyaluran")
        verbose_name_plural = _("siklus penyaluran")
        ordering = ["periode", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "nomor"], name="siklus_nomor_unik"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="siklus_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.periode} {self.nama}"

    @property
    def terbuka(self) -> bool:
        return self.ditutup_pada is None


class Kelompok(models.Model):
    """A joint business group (KUBE) of one desa, with its members and business."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kelompok")
    nama = models.CharField(_("nama"), max_length=120)
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    jenis_usaha = models.CharField(_("jenis usaha"), max_length=120)
    dibentuk = models.DateField(_("tanggal dibentuk"))
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("kelompok (KUBE)")
        verbose_name_plural = _("kelompok (KUBE)")
        ordering = ["program", "desa_kode", "nama"]
        constraints = [models.UniqueConstraint(fields=["program", "desa_kode", "nama"], name="kelompok_unik")]
        indexes = [models.Index(fields=["desa_kode"], name="kelompok_desa_idx")]

    def __str__(self) -> str:
        return self.nama


class PeranAnggota(models.TextChoices):
    KETUA = "ketua", _("ketua")
    SEKRETARIS = "sekretaris", _("sekretaris")
    BENDAHARA = "bendahara", _("bendahara")
    ANGGOTA = "anggota", _("anggota")


class AnggotaKelompok(models.Model):
    kelompok = models.ForeignKey(Kelompok, on_delete=models.CASCADE, related_name="anggota")
    orang = models.ForeignKey("registri.Orang", on_delete=models.PROTECT, related_name="+")
    peran = models.CharField(
        _("peran"), max_length=12, choices=PeranAnggota.choices, default=PeranAnggota.ANGGOTA
    )

    class Meta:
        verbose_name = _("anggota kelompok")
        verbose_name_plural = _("anggota kelompok")
        constraints = [models.UniqueConstraint(fields=["kelompok", "orang"], name="anggota_kelompok_unik")]

    def __str__(self) -> str:
        return f"{self.kelompok_id}/{self.orang_id}"


class StatusKepesertaan(models.TextChoices):
    DRAF = "draf", _("draf")
    TERDAFTAR = "terdaftar", _("terdaftar")
    JEDA = "jeda", _("dijeda")
    KELUAR = "keluar", _("keluar")
    TIDAK_LAYAK = "tidak_layak", _("tidak layak")
    DUPLIKAT = "duplikat", _("duplikat")


# Records of a refused attempt: kept with their reason, outside the one-enrolment rule.
STATUS_PENOLAKAN = (StatusKepesertaan.TIDAK_LAYAK, StatusKepesertaan.DUPLIKAT)
STATUS_AKTIF = (StatusKepesertaan.TERDAFTAR, StatusKepesertaan.JEDA)
# Which status may follow which.
TRANSISI = {
    StatusKepesertaan.DRAF: {StatusKepesertaan.TERDAFTAR, StatusKepesertaan.KELUAR},
    StatusKepesertaan.TERDAFTAR: {StatusKepesertaan.JEDA, StatusKepesertaan.KELUAR},
    StatusKepesertaan.JEDA: {StatusKepesertaan.TERDAFTAR, StatusKepesertaan.KELUAR},
    StatusKepesertaan.KELUAR: set(),
    StatusKepesertaan.TIDAK_LAYAK: set(),
    StatusKepesertaan.DUPLIKAT: set(),
}


class Kepesertaan(models.Model):
    """A recipient (person, household or group) in one period of a programme.

    One per recipient and period: the partial unique constraints refuse a second one in the
    database too, whatever the code that tries; refused attempts are kept with their reason
    as ``tidak_layak`` or ``duplikat``, outside those constraints."""

    # Indexes are chosen, not taken by default: each is a write for every bulk-enrolled row.
    # The period is the first column of the constraints and of (periode, desa_kode); nothing
    # asks by programme or creator alone.
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+", db_index=False)
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="kepesertaan", db_index=False)
    orang = models.ForeignKey(
        "registri.Orang", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keluarga = models.ForeignKey(
        "registri.Keluarga", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kelompok = models.ForeignKey(Kelompok, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    status = models.CharField(_("status"), max_length=12, choices=StatusKepesertaan.choices)
    alasan = models.CharField(_("alasan"), max_length=255, blank=True)
    sumber = models.CharField(_("sumber"), max_length=20, default="manual")
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"))
    diubah_pada = models.DateTimeField(_("diubah pada"))
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("kepesertaan")
        verbose_name_plural = _("kepesertaan")
        ordering = ["periode", "desa_kode", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(orang__isnull=False, keluarga__isnull=True, kelompok__isnull=True)
                    | Q(orang__isnull=True, keluarga__isnull=False, kelompok__isnull=True)
                    | Q(orang__isnull=True, keluarga__isnull=True, kelompok__isnull=False)
                ),
                name="kepesertaan_satu_penerima",
            ),
            models.UniqueConstraint(
                fields=["periode", "orang"],
                condition=Q(orang__isnull=False) & ~Q(status__in=STATUS_PENOLAKAN),
                name="kepesertaan_orang_unik",
            ),
            models.UniqueConstraint(
                fields=["periode", "keluarga"],
                condition=Q(keluarga__isnull=False) & ~Q(status__in=STATUS_PENOLAKAN),
                name="kepesertaan_keluarga_unik",
            ),
            models.UniqueConstraint(
                fields=["periode", "kelompok"],
                condition=Q(kelompok__isnull=False) & ~Q(status__in=STATUS_PENOLAKAN),
                name="kepesertaan_kelompok_unik",
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "desa_kode"], name="kepesertaan_periode_desa_idx"),
            models.Index(fields=["orang"], condition=Q(orang__isnull=False), name="kepesertaan_orang_idx"),
            models.Index(
                fields=["keluarga"], condition=Q(keluarga__isnull=False), name="kepesertaan_keluarga_idx"
            ),
            models.Index(
                fields=["kelompok"], condition=Q(kelompok__isnull=False), name="kepesertaan_kelompok_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode} #{self.pk} ({self.status})"


class Penyaluran(models.Model):
    """One delivery to one recipient in one cycle: when, what, how much, by whom."""

    # The cycle leads the unique (siklus, kepesertaan): no index of its own (one write less per row).
    siklus = models.ForeignKey(Siklus, on_delete=models.PROTECT, related_name="penyaluran", db_index=False)
    kepesertaan = models.ForeignKey(Kepesertaan, on_delete=models.PROTECT, related_name="penyaluran")
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    tanggal = models.DateField(_("tanggal"))
    uraian = models.CharField(_("yang disalurkan"), max_length=200)
    rupiah = models.BigIntegerField(_("nilai (Rp)"), default=0)
    jumlah_barang = models.DecimalField(
        _("jumlah barang"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    satuan_barang = models.CharField(_("satuan barang"), max_length=30, blank=True)
    petugas = models.CharField(_("disalurkan oleh"), max_length=120)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"))

    class Meta:
        verbose_name = _("penyaluran")
        verbose_name_plural = _("penyaluran")
        ordering = ["siklus", "tanggal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "kepesertaan"], name="penyaluran_sekali_per_siklus"),
            models.CheckConstraint(condition=Q(rupiah__gte=0), name="penyaluran_rupiah_tidak_negatif"),
            models.CheckConstraint(
                condition=Q(jumlah_barang__gte=0) | Q(jumlah_barang__isnull=True),
                name="penyaluran_barang_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.siklus} → {self.kepesertaan_id}"


class KondisiRumah(models.TextChoices):
    RUSAK_BERAT = "rusak_berat", _("rusak berat")
    RUSAK_SEDANG = "rusak_sedang", _("rusak sedang")
    RUSAK_RINGAN = "rusak_ringan", _("rusak ringan")
    LAYAK = "layak", _("layak huni")


class Rumah(models.Model):
    """An uninhabitable house (RTLH) of a household and its repair."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="rumah")
    keluarga = models.ForeignKey("registri.Keluarga", on_delete=models.PROTECT, related_name="+")
    kepesertaan = models.ForeignKey(
        Kepesertaan, null=True, blank=True, on_delete=models.SET_NULL, related_name="rumah"
    )
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    kondisi_sebelum = models.CharField(_("kondisi sebelum"), max_length=15, choices=KondisiRumah.choices)
    catatan_sebelum = models.CharField(_("catatan kondisi sebelum"), max_length=500, blank=True)
    kondisi_sesudah = models.CharField(
        _("kondisi sesudah"), max_length=15, choices=KondisiRumah.choices, blank=True
    )
    catatan_sesudah = models.CharField(_("catatan kondisi sesudah"), max_length=500, blank=True)
    biaya = models.BigIntegerField(_("biaya (Rp)"), default=0)
    foto_sebelum = models.CharField(_("rujukan foto sebelum"), max_length=255, blank=True)
    foto_sesudah = models.CharField(_("rujukan foto sesudah"), max_length=255, blank=True)
    kemajuan = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    mulai = models.DateField(_("mulai"), null=True, blank=True)
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("rumah tidak layak huni")
        verbose_name_plural = _("rumah tidak layak huni")
        ordering = ["program", "desa_kode", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(biaya__gte=0), name="rumah_biaya_tidak_negatif"),
            models.CheckConstraint(condition=Q(kemajuan__lte=100), name="rumah_kemajuan_sampai_100"),
            models.CheckConstraint(
                condition=Q(mulai__isnull=True) | Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="rumah_tanggal_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"RTLH #{self.pk}"


class JenisPengaduan(models.TextChoices):
    SASARAN = "sasaran", _("salah sasaran")
    PENYALURAN = "penyaluran", _("penyaluran")
    LAINNYA = "lainnya", _("lainnya")


class StatusPengaduan(models.TextChoices):
    DITERIMA = "diterima", _("diterima")
    DITINDAKLANJUTI = "ditindaklanjuti", _("ditindaklanjuti")
    SELESAI = "selesai", _("selesai")


class Pengaduan(models.Model):
    """A complaint about targeting or delivery, with its follow-up and response time."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="pengaduan")
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPengaduan.choices)
    uraian = models.TextField(_("uraian"))
    pelapor = models.CharField(_("pelapor"), max_length=120, blank=True)
    kontak = models.CharField(_("kontak pelapor"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StatusPengaduan.choices, default=StatusPengaduan.DITERIMA
    )
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    diterima_pada = models.DateTimeField(_("diterima pada"))
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-diterima_pada", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ditutup_pada__isnull=True) | Q(ditutup_pada__gte=models.F("diterima_pada")),
                name="pengaduan_tanggal_urut",
            )
        ]

    def __str__(self) -> str:
        return f"Pengaduan #{self.pk}"
