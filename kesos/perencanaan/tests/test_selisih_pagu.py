"""The Renja against its RKPD ceiling, in the office's words: room left or the excess as a
positive amount, both with the amount written in words (as a letter writes it)."""

from django.urls import reverse

from kesos.inti.formats import terbilang
from kesos.perencanaan import queries, services
from kesos.perencanaan.models import BarisRenja

PAGU_RKPD_2021 = 6_588_429_650  # the document's pagu indikatif for Belanja Langsung
TOTAL_2021 = 5_694_430_455  # Lampiran II, TOTAL of the 2021 column
TOTAL_MAJU_2022 = 6_611_182_965  # Lampiran II, TOTAL of the forward (2022) column


def test_words_for_the_issue_figure():
    assert terbilang(6_000_805) == "enam juta delapan ratus lima rupiah"
    assert (
        terbilang(22_753_315)
        == "dua puluh dua juta tujuh ratus lima puluh tiga ribu tiga ratus lima belas rupiah"
    )
    assert terbilang(0) == "nol rupiah"
    assert terbilang(None) == ""
    assert terbilang(1_000, "en") == "one thousand rupiah"


def test_the_demo_2021_renja_is_under_its_ceiling(renja_demo):
    """The figures of the brief: 6.611.182.965 is the forward estimate for 2022, not the 2021
    total; set against the 2021 ceiling it would be over by 22.753.315, but the 2021 total is
    5.694.430.455, which leaves 893.999.195 of the ceiling."""
    r = queries.renja_ringkasan(renja_demo)
    assert (r.pohon.total, r.pohon.total_maju, r.pagu_rkpd) == (TOTAL_2021, TOTAL_MAJU_2022, PAGU_RKPD_2021)
    assert TOTAL_MAJU_2022 - PAGU_RKPD_2021 == 22_753_315
    assert not r.melebihi_rkpd and r.besar_selisih_rkpd == PAGU_RKPD_2021 - TOTAL_2021 == 893_999_195


def test_renja_page_says_room_left_in_figures_and_words(login, renja_demo):
    html = login("kadis").get(reverse("perencanaan:renja", args=[renja_demo.pk])).content.decode()
    assert (
        "sisa pagu Rp 893.999.195 (delapan ratus sembilan puluh tiga juta sembilan ratus sembilan "
        "puluh sembilan ribu seratus sembilan puluh lima rupiah)"
    ) in html
    assert "-Rp" not in html


def test_over_the_ceiling_is_a_positive_amount_with_words(login, persona, renja_demo):
    # 900.000.000 more on one sub-kegiatan: 893.999.195 of room, then 6.000.805 over.
    baris = BarisRenja.objects.filter(renja=renja_demo, pagu__isnull=False, anak__isnull=True).first()
    services.baris_ubah(
        baris=baris, versi=baris.versi, pagu=baris.pagu + 900_000_000, pengguna=persona("perencana")
    )
    r = queries.renja_ringkasan(renja_demo)
    assert r.melebihi_rkpd and r.besar_selisih_rkpd == 6_000_805
    html = login("kadis").get(reverse("perencanaan:renja", args=[renja_demo.pk])).content.decode()
    assert "melebihi pagu sebesar Rp 6.000.805 (enam juta delapan ratus lima rupiah)" in html
    assert "-Rp" not in html and "sisa pagu" not in html
