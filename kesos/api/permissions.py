"""The API asks the same policies as the pages: each view names its policy and actions.

A view that names none is refused to everyone (``IzinKebijakan`` is the default permission
class), so a new endpoint without a rule cannot leak; the access-matrix test lists each one.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class IzinKebijakan(BasePermission):
    """``view.kebijakan`` (an ``akun.access.Kebijakan``) must allow ``view.aksi_baca`` for
    reading and ``view.aksi_tulis`` for writing; objects are checked again in the view."""

    def has_permission(self, request, view) -> bool:
        kebijakan = getattr(view, "kebijakan", None)
        if kebijakan is None:
            return False
        aksi = getattr(view, "aksi_baca" if request.method in SAFE_METHODS else "aksi_tulis", None)
        return bool(aksi) and kebijakan.boleh_peran(request.user, aksi)


class Masuk(BasePermission):
    """Any signed-in user (the schema and its documentation page)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)
