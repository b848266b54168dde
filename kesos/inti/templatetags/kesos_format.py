from django import template

from kesos.inti import formats

register = template.Library()


@register.filter
def rupiah(nilai: int | None) -> str:
    return formats.rupiah(nilai)


@register.filter
def angka(nilai, desimal: int = 0) -> str:
    return formats.angka(nilai, int(desimal))
