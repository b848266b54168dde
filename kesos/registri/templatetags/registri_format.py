from django import template

from kesos.registri.nik import samarkan as _samarkan

register = template.Library()


@register.filter
def samarkan(nomor: str) -> str:
    return _samarkan(nomor)


@register.filter
def get_item(kamus: dict, kunci):
    return kamus.get(kunci, kunci)
