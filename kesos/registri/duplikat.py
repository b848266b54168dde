"""Likely duplicates found with Splink (Fellegi-Sunter record linkage) on DuckDB.

The same model runs on Spark for a province or the national registry (Splink's SparkAPI);
here DuckDB does it in-process. Pairs go to a queue; an operator merges them or keeps them
apart. Nothing is merged without a person deciding.
"""

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.inti.errors import KesosError

from .access import DUPLIKAT
from .models import KandidatDuplikat, Klasifikasi, Orang, Status
from .services import orang_ubah_status

AMBANG = 0.9
# DuckDB's memory during the search; beyond it, it works through files in a temporary folder.
# Unbounded, 1.000.000 persons took 11 GiB.
MEMORI_DUCKDB = os.environ.get("KESOS_DUCKDB_MEMORI", "2GB")


@contextmanager
def _duckdb() -> Iterator:
    import duckdb

    with tempfile.TemporaryDirectory(prefix="kesos-duckdb-") as folder, duckdb.connect() as con:
        con.execute(f"SET memory_limit = '{MEMORI_DUCKDB}'")
        con.execute(f"SET temp_directory = '{folder}'")
        yield con


def pasangan_mungkin_sama(lingkup: str = "", ambang: float = AMBANG) -> list[tuple[int, int, float]]:
    """(id, id, probability) of living records that are probably the same person."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    qs = Orang.data_pribadi.filter(status=Status.HIDUP)
    if lingkup:
        qs = qs.filter(desa_kode__startswith=lingkup)
    data = pd.DataFrame.from_records(
        qs.values_list("id", "nama", "jenis_kelamin", "tanggal_lahir", "desa_kode", "keluarga_id"),
        columns=["unique_id", "nama", "jenis_kelamin", "tanggal_lahir", "desa_kode", "keluarga_id"],
    )
    if len(data) < 2:
        return []
    data["nama"] = data["nama"].str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    data["tanggal_lahir"] = data["tanggal_lahir"].astype(str)
    data["nama_depan"] = data["nama"].str.split(" ").str[0]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("nama", [0.95, 0.88]),
            cl.ExactMatch("tanggal_lahir"),
            cl.ExactMatch("desa_kode"),
            cl.ExactMatch("jenis_kelamin"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("tanggal_lahir"),
            block_on("desa_kode", "nama_depan"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    with _duckdb() as con:
        linker = Linker(data, settings, db_api=DuckDBAPI(connection=con))
        linker.training.estimate_probability_two_random_records_match(
            [block_on("nama", "tanggal_lahir")], recall=0.8
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e5, seed=1)
        for aturan in (block_on("tanggal_lahir"), block_on("desa_kode", "nama_depan")):
            linker.training.estimate_parameters_using_expectation_maximisation(aturan)
        hasil = linker.inference.predict(threshold_match_probability=ambang).as_pandas_dataframe()
    return [(int(r.unique_id_l), int(r.unique_id_r), float(r.match_probability)) for r in hasil.itertuples()]


@transaction.atomic
def antrekan(pasangan: list[tuple[int, int, float]]) -> int:
    """Queue new pairs; a pair already decided is not asked again."""
    desa = dict(Orang.data_pribadi.filter(id__in={a for a, _, _ in pasangan}).values_list("id", "desa_kode"))
    baru = [
        KandidatDuplikat(
            orang_a_id=min(a, b), orang_b_id=max(a, b), probabilitas=p, desa_kode=desa.get(a, "")
        )
        for a, b, p in pasangan
    ]
    sebelum = KandidatDuplikat.objects.count()
    KandidatDuplikat.objects.bulk_create(baru, ignore_conflicts=True)
    return KandidatDuplikat.objects.count() - sebelum


@transaction.atomic
def putuskan(*, kandidat: KandidatDuplikat, gabung: bool, pengguna: AbstractBaseUser) -> KandidatDuplikat:
    """Merge (b into a: classifications move, b is kept with status 'digabung') or keep apart."""
    k = KandidatDuplikat.objects.select_for_update().select_related("orang_a", "orang_b").get(pk=kandidat.pk)
    if k.keputusan != KandidatDuplikat.Keputusan.ANTRE:
        raise KesosError(_("Pasangan ini sudah diputuskan."))
    DUPLIKAT.pastikan(pengguna, "putuskan", k)
    if gabung:
        for kl in Klasifikasi.objects.filter(orang=k.orang_b):
            Klasifikasi.objects.get_or_create(
                orang=k.orang_a,
                kategori=kl.kategori,
                defaults={
                    "tanggal": kl.tanggal,
                    "bukti": kl.bukti,
                    "oleh": kl.oleh,
                    "desa_kode": k.orang_a.desa_kode,
                    "hidup": k.orang_a.status == Status.HIDUP,
                },
            )
        orang_ubah_status(
            orang=k.orang_b,
            status=Status.DIGABUNG,
            keterangan=f"duplikat digabung ke #{k.orang_a_id}",
            pengguna=pengguna,
        )
    k.keputusan = KandidatDuplikat.Keputusan.GABUNG if gabung else KandidatDuplikat.Keputusan.PISAH
    k.diputuskan_oleh, k.diputuskan_pada = pengguna_db(pengguna), timezone.now()
    k.save()
    return k
