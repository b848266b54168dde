from rest_framework.permissions import SAFE_METHODS, BasePermission

from kesos.akun.access import PEMBACA_DATA_PRIBADI, PEMBACA_RENCANA, PENYUSUN_RENCANA


class BacaSemuaTulisPerencana(BasePermission):
    """Reading needs a plan-reading role; writing needs perencana (or admin)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return user.punya_peran(*PEMBACA_RENCANA)
        return user.punya_peran(*PENYUSUN_RENCANA)


class DataPribadi(BasePermission):
    """Personal records: admin, kepala dinas and operators (the queryset limits operators to their area)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and request.method in SAFE_METHODS
            and user.punya_peran(*PEMBACA_DATA_PRIBADI)
        )
