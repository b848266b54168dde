"""Names of areas for pages that hold codes: one query for a whole list."""

from collections.abc import Iterable

from .models import Wilayah


def nama_wilayah(kode: Iterable[str]) -> dict[str, str]:
    """Code to name for the given codes (a code not in the table is left out)."""
    kode = {k for k in kode if k}
    return dict(Wilayah.objects.filter(kode__in=kode).values_list("kode", "nama")) if kode else {}
