"""Likely duplicates found with Splink (Fellegi-Sunter record linkage) on DuckDB.

The same model runs on Spark for a province or the national registry (Splink's SparkAPI);
here DuckDB does it in-process. Pairs go to a queue; an operator merges them or keeps them
apart. Nothing is merged without a person deciding.
"""

import logging
import os
import tempfile
from collections.abc import Callable, Iterator
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

# One spelling for sounds written in several ways (old and new spelling, what the clerk heard),
# applied in this order to the lower-cased name; then doubled letters are written once.
EJAAN = (
    (
        r"\b(muhammad|muhamad|mohammad|mohamad|mohammed|muhammed|mochammad|mochamad|moh|muh|mhd|md|m)\b",
        "muhamad",
    ),
    (r"dj", "j"),
    (r"tj", "c"),
    (r"sj", "sy"),
    (r"oe", "u"),
    (r"ch", "kh"),
    (r"kh", "h"),
    (r"y", "i"),
    (r"z", "s"),
    (r"q", "k"),
    (r"f", "p"),
    (r"v", "p"),
    (r"(.)\1", r"\1"),
)


def nama_fonetik(nama: "pd.Series") -> "pd.Series":  # noqa: F821
    """Names lower-cased, without punctuation, in one spelling per sound (see ``EJAAN``)."""
    s = nama.str.lower().str.replace(r"[^a-z ]+", " ", regex=True)
    s = s.str.replace(r"\s+", " ", regex=True).str.strip()
    for pola, ganti in EJAAN:
        s = s.str.replace(pola, ganti, regex=True)
    return s


@contextmanager
def _duckdb() -> Iterator:
    import duckdb

    with tempfile.TemporaryDirectory(prefix="kesos-duckdb-") as folder, duckdb.connect() as con:
        con.execute(f"SET memory_limit = '{MEMORI_DUCKDB}'")
        con.execute(f"SET temp_directory = '{folder}'")
        yield con


def _tanpa_kemajuan(persen: int, pesan: str) -> None:
    return None


def data_orang(lingkup: str = "") -> "pd.DataFrame":  # noqa: F821
    """Living persons (of ``lingkup``) as the search compares them."""
    import pandas as pd

    qs = Orang.data_pribadi.filter(status=Status.HIDUP)
    if lingkup:
        qs = qs.filter(desa_kode__startswith=lingkup)
    kolom = ["unique_id", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "desa_kode", "keluarga_id"]
    data = pd.DataFrame.from_records(
        qs.values_list("id", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "desa_kode", "keluarga_id"),
        columns=kolom,
    )
    data["nama"] = nama_fonetik(data["nama"].astype(str))
    data["nama_depan"] = data["nama"].str.split(" ").str[0]
    data["tanggal_lahir"] = data["tanggal_lahir"].astype(str)
    data["tahun_lahir"] = data["tanggal_lahir"].str[:4]
    data["kecamatan"] = data["desa_kode"].str[:8]
    data["keluarga_id"] = data["keluarga_id"].astype("Int64")
    return data


def _pengaturan():
    """The model: what is compared, at which levels, with the chance of each level among true
    pairs (m, set from the labelled benchmark in docs/benchmarks.md). The chance among
    random pairs (u) is measured on the data each run."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    def m(level, nilai: float):
        return level.configure(m_probability=nilai, fix_m_probability=True)

    nama = cl.CustomComparison(
        output_column_name="nama",
        comparison_levels=[
            cll.NullLevel("nama"),
            # A common name agreeing says less than a rare one (term frequency).
            m(cll.ExactMatchLevel("nama", term_frequency_adjustments=True), 0.55),
            m(cll.DamerauLevenshteinLevel("nama", 1), 0.25),
            # Two letters apart only when the first names are alike: twins are often named
            # Umi and Sri, Danu and Nani, with the family name after.
            m(cll.And(cll.DamerauLevenshteinLevel("nama", 2), cll.JaroWinklerLevel("nama_depan", 0.8)), 0.15),
            # Further apart only when the first names are near (twins share the family name)
            # and at most three letters differ: Jaro-Winkler alone rewards the shared first
            # name, and Rudi Kurniawan would pass for Rudi Anggraini.
            m(
                cll.And(
                    cll.JaroWinklerLevel("nama", 0.9),
                    cll.DamerauLevenshteinLevel("nama_depan", 1),
                    cll.DamerauLevenshteinLevel("nama", 3),
                ),
                0.045,
            ),
            m(cll.ElseLevel(), 0.005),
        ],
    )
    tanggal = cl.CustomComparison(
        output_column_name="tanggal_lahir",
        comparison_levels=[
            cll.NullLevel("tanggal_lahir"),
            m(cll.ExactMatchLevel("tanggal_lahir"), 0.85),
            m(
                cll.CustomLevel(
                    "substr(tanggal_lahir_l, 1, 4) = substr(tanggal_lahir_r, 1, 4) "
                    "AND substr(tanggal_lahir_l, 6, 2) = substr(tanggal_lahir_r, 9, 2) "
                    "AND substr(tanggal_lahir_l, 9, 2) = substr(tanggal_lahir_r, 6, 2)",
                    label_for_charts="hari dan bulan tertukar",
                ),
                0.1,
            ),
            m(cll.DamerauLevenshteinLevel("tanggal_lahir", 1), 0.03),
            # A father and the son named after him share name and household, not birth date.
            m(cll.ElseLevel(), 0.005),
        ],
    )
    tempat = cl.CustomComparison(
        output_column_name="tempat",
        comparison_levels=[
            # u set, not measured: measured over random pairs it falls as the registry grows
            # (1 in 500.000 pairs at a million persons), and a shared household then outweighed
            # a birth date 30 years apart.
            cll.ExactMatchLevel("keluarga_id").configure(
                m_probability=0.4, fix_m_probability=True, u_probability=1e-4, fix_u_probability=True
            ),
            m(cll.ExactMatchLevel("desa_kode"), 0.35),
            m(cll.ExactMatchLevel("kecamatan"), 0.1),
            m(cll.ElseLevel(), 0.15),
        ],
    )
    nik = cl.CustomComparison(
        output_column_name="nik",
        comparison_levels=[
            cll.NullLevel("nik"),
            # Among pairs compared (same birth date, most in one kecamatan) NIKs differ in the
            # serial only, and serials are handed out in order: one digit apart is common
            # among different people too. Its u is set, not measured over random pairs.
            cll.DamerauLevenshteinLevel("nik", 1).configure(
                m_probability=0.2, fix_m_probability=True, u_probability=0.05, fix_u_probability=True
            ),
            cll.ElseLevel().configure(
                m_probability=0.8, fix_m_probability=True, u_probability=0.95, fix_u_probability=True
            ),
        ],
    )
    kelamin = cl.CustomComparison(
        output_column_name="jenis_kelamin",
        comparison_levels=[
            cll.NullLevel("jenis_kelamin"),
            m(cll.ExactMatchLevel("jenis_kelamin"), 0.98),
            m(cll.ElseLevel(), 0.02),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[nama, tanggal, tempat, nik, kelamin],
        blocking_rules_to_generate_predictions=blokir(),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def blokir() -> list:
    """Which pairs are compared at all: same birth date and sex; same name and birth year
    (a swapped or mistyped day or month); same household; same desa, first name and birth
    year (a mistyped name and date). A name alone would compare every two Sri of the
    regency: 47 million pairs in a million persons."""
    from splink import block_on

    return [
        block_on("tanggal_lahir", "jenis_kelamin"),
        block_on("nama", "tahun_lahir"),
        block_on("keluarga_id"),
        block_on("desa_kode", "nama_depan", "tahun_lahir"),
    ]


def pasangan_mungkin_sama(
    lingkup: str = "",
    ambang: float = AMBANG,
    kemajuan: Callable[[int, str], None] | None = None,
    rincian: dict | None = None,
) -> list[tuple[int, int, float]]:
    """(id, id, probability) of living records that are probably the same person.
    ``kemajuan(persen, pesan)`` is told how far the search is; ``rincian``, when given, gets
    the model's parameters as trained on this data (for the benchmark)."""
    from splink import DuckDBAPI, Linker, block_on

    lapor = kemajuan or _tanpa_kemajuan
    logging.getLogger("splink").setLevel(logging.WARNING)
    lapor(2, "Membaca data orang")
    data = data_orang(lingkup)
    if len(data) < 2:
        return []
    with _duckdb() as con:
        lapor(15, "Menyiapkan model")
        linker = Linker(data, _pengaturan(), db_api=DuckDBAPI(connection=con))
        linker.training.estimate_probability_two_random_records_match(
            [block_on("nama", "tanggal_lahir")], recall=0.6
        )
        lapor(25, "Mengukur kemiripan pasangan acak")
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
        lapor(40, "Membandingkan pasangan calon")
        hasil = linker.inference.predict(threshold_match_probability=ambang).as_pandas_dataframe()
        if rincian is not None:
            rincian.update(linker.misc.save_model_to_json())
    lapor(95, "Menyusun hasil")
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
