from django import template
from django.utils.translation import get_language

from kesos.inti import formats

register = template.Library()


@register.filter
def rupiah(nilai: int | None) -> str:
    return formats.rupiah(nilai)


@register.filter
def angka(nilai, desimal: int = 0) -> str:
    return formats.angka(nilai, int(desimal))


@register.filter
def ambil(kamus: dict, kunci):
    """``kamus|ambil:kunci``: a dict's value in a template, None when absent."""
    return kamus.get(kunci) if isinstance(kamus, dict) else None


@register.filter
def terbilang(nilai: int | None) -> str:
    """An amount of rupiah in words, in the page's language."""
    return formats.terbilang(nilai, get_language() or "id")


@register.filter
def mutlak(nilai):
    """The amount without its sign: an excess is written as a positive amount with its words."""
    return abs(nilai) if nilai is not None else None
