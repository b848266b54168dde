from django import template

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
