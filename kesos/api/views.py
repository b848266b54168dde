from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from kesos.akun.access import dalam_wilayah
from kesos.bansos import queries as bansos_queries
from kesos.bansos.models import Periode, Program
from kesos.monev import queries as monev_queries
from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja, Organisasi, Renja
from kesos.registri.models import Keluarga, Orang
from kesos.spm import queries as spm_queries

from . import serializers as s
from .permissions import DataPribadi


class OrganisasiViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organisasi.objects.all()
    serializer_class = s.OrganisasiSerializer


@extend_schema(
    parameters=[
        OpenApiParameter("tahun", int, description="Tahun Renja"),
        OpenApiParameter("organisasi", str, description="Kode perangkat daerah"),
    ]
)
class RenjaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RenjaSerializer

    def get_queryset(self):
        qs = Renja.objects.select_related("organisasi").order_by("organisasi__kode", "tahun", "id")
        if tahun := self.request.query_params.get("tahun"):
            qs = qs.filter(tahun=tahun) if tahun.isdigit() else qs.none()
        if kode := self.request.query_params.get("organisasi"):
            qs = qs.filter(organisasi__kode=kode)
        return qs

    @extend_schema(responses=s.RenjaDetailSerializer)
    def retrieve(self, request, pk=None):
        renja = self.get_object()
        data = s.RenjaDetailSerializer(renja, context={"ringkasan": queries.renja_ringkasan(renja)}).data
        return Response(data)

    @extend_schema(responses=s.BarisSerializer(many=True))
    @action(detail=True)
    def baris(self, request, pk=None):
        renja = self.get_object()
        return Response(s.BarisSerializer(queries.renja_ringkasan(renja).pohon.urut, many=True).data)

    @extend_schema(responses=s.TemuanSerializer(many=True))
    @action(detail=True)
    def temuan(self, request, pk=None):
        return Response(s.TemuanSerializer(queries.renja_temuan(self.get_object()), many=True).data)

    @extend_schema(responses=s.E81BarisSerializer(many=True))
    @action(detail=True)
    def e81(self, request, pk=None):
        """Tabel E.81: realisation per quarter and achievement of this Renja."""
        return Response(s.E81BarisSerializer(monev_queries.e81(self.get_object()).baris, many=True).data)


class TC29View(APIView):
    """Tabel T-C.29 (Lampiran I) of an office for a Renja year, computed from recorded figures."""

    @extend_schema(
        parameters=[
            OpenApiParameter("organisasi", str, required=True, description="Kode perangkat daerah"),
            OpenApiParameter("tahun", int, required=True, description="Tahun Renja"),
        ],
        responses=s.TC29BarisSerializer(many=True),
    )
    def get(self, request):
        org = get_object_or_404(Organisasi, kode=request.query_params.get("organisasi", ""))
        tahun = request.query_params.get("tahun", "")
        if not tahun.isdigit():
            return Response({"detail": "Parameter tahun wajib berupa angka."}, status=400)
        tabel = monev_queries.tc29(organisasi=org, tahun=int(tahun))
        return Response(s.TC29BarisSerializer(tabel.baris, many=True).data)


class BarisViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Change one row; ``versi`` must be the version read, or the save is refused (409)."""

    queryset = BarisRenja.objects.all()
    serializer_class = s.BarisUbahSerializer
    http_method_names = ["patch"]

    @extend_schema(request=s.BarisUbahSerializer, responses=s.BarisSerializer)
    def partial_update(self, request, pk=None):
        baris = get_object_or_404(BarisRenja, pk=pk)
        ser = s.BarisUbahSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        versi = data.pop("versi")
        indikator = data.pop("indikator", None)
        if indikator is not None:
            indikator = [services.IndikatorInput(**i) for i in indikator]
        services.baris_ubah(baris=baris, versi=versi, pengguna=request.user, indikator=indikator, **data)
        hasil = next(b for b in queries.renja_ringkasan(baris.renja).pohon.urut if b.id == baris.pk)
        return Response(s.BarisSerializer(hasil).data)


class OrangViewSet(viewsets.ReadOnlyModelViewSet):
    """Persons with their personal data, only within the user's area."""

    serializer_class = s.OrangSerializer
    permission_classes = [DataPribadi]
    queryset = Orang.data_pribadi.none()  # for the schema; get_queryset decides what is exposed

    def get_queryset(self):
        qs = Orang.data_pribadi.prefetch_related("klasifikasi__kategori").order_by("id")
        return dalam_wilayah(qs, self.request.user)


class KeluargaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.KeluargaSerializer
    permission_classes = [DataPribadi]
    queryset = Keluarga.data_pribadi.none()  # for the schema; get_queryset decides what is exposed

    def get_queryset(self):
        qs = Keluarga.data_pribadi.prefetch_related("anggota").order_by("id")
        return dalam_wilayah(qs, self.request.user)


class ProgramBansosViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance programmes with their eligibility rule and periods (no personal data)."""

    serializer_class = s.ProgramBansosSerializer
    queryset = Program.objects.select_related("sumber_dana", "kegiatan").prefetch_related(
        "periode", "tidak_bersama"
    )

    @extend_schema(
        parameters=[
            OpenApiParameter("periode", int, required=True, description="id periode"),
            OpenApiParameter("per", str, description="kecamatan (bawaan) atau desa"),
        ],
        responses=s.CakupanBarisSerializer(many=True),
    )
    @action(detail=True)
    def cakupan(self, request, pk=None):
        """Eligible, enrolled, served and the gap per area, within the user's own area."""
        program = self.get_object()
        periode = get_object_or_404(Periode, pk=request.query_params.get("periode") or 0, program=program)
        per = "desa" if request.query_params.get("per") == "desa" else "kecamatan"
        c = bansos_queries.cakupan(
            program=program, periode=periode, lingkup=request.user.wilayah_kode, per=per
        )
        return Response(s.CakupanBarisSerializer([*c.baris, c.total], many=True).data)


class SpmView(APIView):
    """The SPM table of a year computed from kesos data: numerator, denominator, percent."""

    @extend_schema(
        parameters=[OpenApiParameter("tahun", int, required=True)], responses=s.SpmBarisSerializer(many=True)
    )
    def get(self, request):
        tahun = request.query_params.get("tahun", "")
        if not tahun.isdigit():
            return Response({"detail": "Parameter tahun wajib berupa angka."}, status=400)
        baris = [h for t in spm_queries.hitung(tahun=int(tahun)) for h in t.baris]
        return Response(s.SpmBarisSerializer(baris, many=True).data)
