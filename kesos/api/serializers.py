from rest_framework import serializers

from kesos.perencanaan.models import Organisasi, Renja, SumberDana


class OrganisasiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisasi
        fields = ["id", "kode", "nama", "urusan_kode", "bidang_kode"]


class RenjaSerializer(serializers.ModelSerializer):
    organisasi = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    tahap_label = serializers.CharField(source="get_tahap_display", read_only=True)

    class Meta:
        model = Renja
        fields = ["id", "organisasi", "tahun", "tahap", "tahap_label", "terkunci", "dibuat_pada"]


class RingkasanSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="pohon.total", help_text="Jumlah pagu program (rupiah)")
    total_maju = serializers.IntegerField(source="pohon.total_maju")
    pagu_rkpd = serializers.IntegerField(allow_null=True)
    selisih_rkpd = serializers.IntegerField(allow_null=True, help_text="Pagu RKPD dikurangi total")
    jumlah_program = serializers.IntegerField()
    jumlah_kegiatan = serializers.IntegerField()


class RenjaDetailSerializer(RenjaSerializer):
    ringkasan = serializers.SerializerMethodField()

    class Meta(RenjaSerializer.Meta):
        fields = [*RenjaSerializer.Meta.fields, "ringkasan"]

    def get_ringkasan(self, obj) -> dict:
        return RingkasanSerializer(self.context["ringkasan"]).data


class IndikatorSerializer(serializers.Serializer):
    uraian = serializers.CharField(allow_blank=True, required=False, default="")
    target = serializers.CharField(allow_blank=True, required=False, default="")
    maju = serializers.CharField(allow_blank=True, required=False, default="")


class BarisSerializer(serializers.Serializer):
    """A row with its pagu derived from its children (``pagu_hitung``)."""

    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()
    level = serializers.CharField()
    induk_kode = serializers.CharField(allow_null=True)
    lokasi = serializers.CharField()
    pagu = serializers.IntegerField(
        allow_null=True, help_text="Pagu yang diketik (hanya baris tanpa rincian)"
    )
    pagu_hitung = serializers.IntegerField(help_text="Pagu baris ini: diketik, atau jumlah rinciannya")
    pagu_maju_hitung = serializers.IntegerField()
    pagu_tertulis = serializers.IntegerField(allow_null=True)
    sumber_dana = serializers.CharField(allow_null=True)
    catatan = serializers.CharField()
    kode_nasional = serializers.CharField()
    versi = serializers.IntegerField()
    indikator = IndikatorSerializer(many=True)


class TemuanSerializer(serializers.Serializer):
    tingkat = serializers.CharField()
    kode = serializers.CharField()
    kolom = serializers.CharField()
    pesan = serializers.CharField()


class BarisUbahSerializer(serializers.Serializer):
    versi = serializers.IntegerField(help_text="Versi baris yang dibaca; simpan ditolak bila sudah berubah")
    kode = serializers.CharField(required=False)
    nama = serializers.CharField(required=False)
    lokasi = serializers.CharField(required=False, allow_blank=True)
    pagu = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    pagu_maju = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    sumber_dana = serializers.SlugRelatedField(
        slug_field="kode", queryset=SumberDana.objects.all(), required=False, allow_null=True
    )
    catatan = serializers.CharField(required=False, allow_blank=True)
    indikator = IndikatorSerializer(many=True, required=False)
