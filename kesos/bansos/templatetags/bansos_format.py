from datetime import timedelta

from django import template

from kesos.inti.formats import angka

register = template.Library()


@register.filter
def durasi(nilai: timedelta | None) -> str:
    """A response time as the office reads it: '4 jam', '2 hari 3 jam'."""
    if nilai is None:
        return "—"
    jam = nilai.total_seconds() / 3600
    if jam < 24:
        return f"{angka(jam, 1 if jam < 10 and jam != int(jam) else 0)} jam"
    hari, sisa = divmod(int(round(jam)), 24)
    return f"{hari} hari" + (f" {sisa} jam" if sisa else "")
