from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

from kesos.inti.formats import angka

register = template.Library()


@register.filter
def durasi(nilai: timedelta | None) -> str:
    """A response time as the office reads it: '4 jam', '2 hari 3 jam'."""
    if nilai is None:
        return "—"
    jam = nilai.total_seconds() / 3600
    if jam < 24:
        return _("%(n)s jam") % {"n": angka(jam, 1 if jam < 10 and jam != int(jam) else 0)}
    hari, sisa = divmod(int(round(jam)), 24)
    return _("%(n)s hari") % {"n": hari} + (" " + _("%(n)s jam") % {"n": sisa} if sisa else "")
