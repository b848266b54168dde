from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kesos.inti.formats import angka
from kesos.monev.capaian import TIDAK_DAPAT_DIHITUNG, bulat

register = template.Library()


@register.filter
def kolom(nilai: dict, n: int):
    return nilai.get(int(n))


@register.filter
def angka_d(nilai: Decimal | None) -> str:
    """A count as the office writes it: 1.000 or 12,5."""
    if nilai is None:
        return ""
    return angka(nilai, 0 if nilai == nilai.to_integral_value() else 2)


@register.filter
def persen(nilai: Decimal | None) -> str:
    return _(TIDAK_DAPAT_DIHITUNG) if nilai is None else f"{angka(bulat(nilai), 2)} %"


@register.simple_tag
def tampil_tertulis(baris, n: int, selisih: dict) -> str:
    s = selisih.get((baris.baris.kode, baris.baris.nama, n))
    if s is None:
        return ""
    return format_html(
        ' <del class="text-danger small" title="{}">{}</del>', _("tertulis di dokumen"), s.tertulis
    )


@register.simple_tag
def tampil_persen(baris, n: int, selisih: dict) -> str:
    masukan = {8: (6, 7), 11: (4, 10)}[n]
    nilai = baris.kolom.get(n)
    if nilai is None and any(baris.kolom.get(m) is None for m in masukan):
        teks = ""
    else:
        teks = persen(nilai)
    return format_html("{}{}", teks, tampil_tertulis(baris, n, selisih))


@register.filter
def persen_dari(pembilang: int | None, penyebut: int | None) -> str:
    from kesos.monev.capaian import persen as hitung

    return persen(hitung(pembilang, penyebut))


@register.filter
def item(daftar: list, i: int):
    return daftar[int(i)]


@register.filter
def split_spasi(teks: str) -> list[str]:
    return teks.split()
