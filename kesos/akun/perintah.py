"""What every command that writes shares: who it acts as (``--pengguna USERNAME`` or the system)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .access import SISTEM
from .models import Pengguna


def tambah_opsi_pengguna(parser) -> None:
    parser.add_argument(
        "--pengguna",
        metavar="USERNAME",
        default="",
        help=(
            "bertindak sebagai pengguna ini: aturan perannya berlaku dan namanya tercatat di jejak audit "
            "(tanpa opsi ini: sistem, dicatat sebagai [sistem])"
        ),
    )


def pelaku(username: str):
    """The user a command acts as: the named active user, or the system when none is named."""
    if not username:
        return SISTEM
    user = Pengguna.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("Pengguna %(username)s tidak ada atau tidak aktif.") % {"username": username})
    return user
