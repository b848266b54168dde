"""The history of a Renja row in the office's words: labels, names, rupiah, Indonesian dates."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja, SumberDana


def _baris(renja_demo) -> BarisRenja:
    return (
        BarisRenja.objects.filter(renja=renja_demo, pagu__isnull=False, anak__isnull=True)
        .select_related("induk", "sumber_dana")
        .order_by("urutan")
        .first()
    )


def test_row_history_reads_as_the_office_writes(login, persona, renja_demo):
    perencana = persona("perencana")
    perencana.first_name, perencana.last_name = "Rina", "Perencana"
    perencana.save()
    b = _baris(renja_demo)
    dak = SumberDana.objects.get(kode="DAK")
    sumber_lama = b.sumber_dana
    induk = b.induk
    services.baris_ubah(
        baris=b, versi=b.versi, pagu=1_250_000, sumber_dana=dak, lokasi="Liwa", pengguna=perencana
    )
    html = login("kadis").get(reverse("perencanaan:baris-riwayat", args=[b.pk])).content.decode()
    tabel = html.split("<tbody>")[1]
    # Field labels, not field names.
    assert "<strong>Pagu indikatif</strong>" in tabel and "<strong>Sumber dana</strong>" in tabel
    assert "<strong>Lokasi</strong>" in tabel
    assert "pagu_maju" not in tabel and "sumber_dana" not in tabel
    # Rupiah, the funding source by name, the user by name, the date in Indonesian.
    assert f"Rp {b.pagu:,}".replace(",", ".") in tabel and "Rp 1.250.000" in tabel
    assert "Dana Alokasi Khusus" in tabel and ">DAK<" not in tabel
    if sumber_lama is not None:
        assert sumber_lama.nama in tabel
    assert "Rina Perencana" in tabel
    assert re.search(
        r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) "
        r"\d{4} \d{2}\.\d{2}",
        tabel,
    )
    # A change of parent names the parent row, not just its code.
    entri = queries.riwayat_baris(b)
    assert entri[0].oleh == "Rina Perencana"
    assert {p.label for p in entri[0].perubahan} == {"Pagu indikatif", "Sumber dana", "Lokasi"}
    assert induk is not None


def test_parent_is_named_not_just_coded(persona, renja_demo):
    perencana = persona("perencana")
    b = _baris(renja_demo)
    lama = b.induk
    lain = (
        BarisRenja.objects.filter(renja=renja_demo, level=lama.level, anak__isnull=False)
        .exclude(pk=lama.pk)
        .distinct()
        .first()
    )
    services.baris_ubah(baris=b, versi=b.versi, induk=lain, kode=f"{lain.kode}.99", pengguna=perencana)
    entri = queries.riwayat_baris(b)
    ubah = {p.label: p for p in entri[0].perubahan}
    assert ubah["Baris induk"].lama == f"{lama.kode} {lama.nama}"
    assert ubah["Baris induk"].baru == f"{lain.kode} {lain.nama}"
    assert ubah["Kode"].baru == f"{lain.kode}.99"


def test_history_takes_a_fixed_number_of_queries(persona, renja_demo):
    perencana = persona("perencana")
    b = _baris(renja_demo)
    dak = SumberDana.objects.get(kode="DAK")
    services.baris_ubah(baris=b, versi=b.versi, pagu=1, sumber_dana=dak, pengguna=perencana)
    with CaptureQueriesContext(connection) as satu:
        queries.riwayat_baris(b)
    for i in range(2, 12):
        b.refresh_from_db()
        services.baris_ubah(baris=b, versi=b.versi, pagu=i, pengguna=perencana)
    with CaptureQueriesContext(connection) as banyak:
        assert len(queries.riwayat_baris(b)) == 11
    assert len(banyak.captured_queries) == len(satu.captured_queries)
