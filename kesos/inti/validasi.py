"""What every write service checks before it stores a row: lengths, ranges and characters.

SQLite does not enforce ``max_length`` and stores a number of any size; PostgreSQL refuses
both with a database error (a 500) and cannot store a NUL byte at all. So the services check
it themselves, here, and refuse with a ``ValidationError`` that names the field.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .formats import angka

# Ceilings that keep sums and ratios computable in 64-bit integers and DECIMAL(20, 4).
PAGU_MAKS = 10**15  # rupiah: a thousand trillion, far above any regency's budget
ANGKA_MAKS = Decimal(10**12)  # a target or a realisation in units (persons, percent, letters…)
PERSEN_MAKS = Decimal(1000)  # a percentage typed by a user (physical realisation, …)
TEKS_PANJANG_MAKS = 10_000  # a free text field (catatan, indikator) that has no length of its own

# C0 control characters and DEL, except tab, line feed and carriage return.
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def karakter_kendali(teks: str) -> bool:
    return bool(_KENDALI.search(teks))


def periksa_teks(teks: str, *, label: object, panjang_maks: int | None = None) -> list[str]:
    """What is wrong with a text value, as messages (empty when nothing is)."""
    salah = []
    if _KENDALI.search(teks):
        salah.append(
            _("%(label)s berisi karakter kendali (mis. NUL) yang tidak boleh disimpan.") % {"label": label}
        )
    if panjang_maks is not None and len(teks) > panjang_maks:
        salah.append(
            _("%(label)s paling banyak %(maks)d karakter (tertulis %(n)d).")
            % {"label": label, "maks": panjang_maks, "n": len(teks)}
        )
    return salah


def periksa_angka(
    nilai: int | Decimal | None, *, label: object, minimum: int | Decimal | None = 0, maksimum: int | Decimal
) -> list[str]:
    if nilai is None:
        return []
    if isinstance(nilai, Decimal) and not nilai.is_finite():
        return [_("%(label)s bukan angka.") % {"label": label}]
    if minimum is not None and nilai < minimum:
        return [_("%(label)s tidak boleh kurang dari %(min)s.") % {"label": label, "min": angka(minimum)}]
    if nilai > maksimum:
        return [
            _("%(label)s terlalu besar (paling banyak %(maks)s).") % {"label": label, "maks": angka(maksimum)}
        ]
    return []


def pastikan_sah(
    obj: models.Model,
    *,
    kecuali: tuple[str, ...] = (),
    batas: dict[str, tuple[int | Decimal | None, int | Decimal]] | None = None,
) -> None:
    """Validate a model instance before it is saved: every field's own validators (length,
    digits, integer range, choices, required), no control characters in any text, and the
    ranges in ``batas`` (field -> (minimum, maximum)). Raises ``ValidationError`` naming
    each field that is wrong; foreign keys and uniqueness are left to the caller."""
    galat: dict[str, list[str]] = {}
    lewati = set(kecuali)
    for f in obj._meta.concrete_fields:
        if f.name in lewati or isinstance(f, models.ForeignKey) or f.primary_key:
            continue
        nilai = getattr(obj, f.attname)
        # The lazy label is translated only when a message needs it: a bulk import validates
        # thousands of rows, and a translation per field per row cost more than the checks.
        label = f.verbose_name
        if isinstance(nilai, str) and _KENDALI.search(nilai):
            galat.setdefault(f.name, []).extend(periksa_teks(nilai, label=label))
            continue
        if isinstance(nilai, Decimal) and not nilai.is_finite():
            galat.setdefault(f.name, []).append(_("%(label)s bukan angka.") % {"label": label})
            continue
        if isinstance(f, models.TextField) and isinstance(nilai, str) and not f.max_length:
            if salah := periksa_teks(nilai, label=label, panjang_maks=TEKS_PANJANG_MAKS):
                galat.setdefault(f.name, []).extend(salah)
                continue
        try:
            f.clean(nilai, obj)
        except ValidationError as e:
            galat.setdefault(f.name, []).extend(e.messages)
    for nama, (minimum, maksimum) in (batas or {}).items():
        if nama in galat:
            continue
        f = obj._meta.get_field(nama)
        salah = periksa_angka(
            getattr(obj, f.attname), label=f.verbose_name, minimum=minimum, maksimum=maksimum
        )
        if salah:
            galat[nama] = salah
    if galat:
        raise ValidationError(galat)


def gabung(*galat: ValidationError) -> ValidationError:
    """Several ValidationErrors as one, keyed by field."""
    hasil: dict[str, list[str]] = {}
    for g in galat:
        for k, v in (g.message_dict if hasattr(g, "error_dict") else {"__all__": g.messages}).items():
            hasil.setdefault(k, []).extend(v)
    return ValidationError(hasil)
