"""What every import command does with a refusal: list the problems, exit non-zero."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from .errors import ImportDitolak, KesosError


@contextmanager
def laporkan_penolakan(stderr: OutputWrapper, berkas: str) -> Iterator[None]:
    try:
        yield
    except ImportDitolak as e:
        for m in e.masalah:
            stderr.write(str(m))
        raise CommandError(str(e)) from e
    except FileNotFoundError as e:
        raise CommandError(_("Berkas %(berkas)s tidak ada.") % {"berkas": berkas}) from e
    except OSError as e:
        raise CommandError(
            _("Berkas %(berkas)s tidak dapat dibaca: %(sebab)s") % {"berkas": berkas, "sebab": e}
        ) from e
    except KesosError as e:
        raise CommandError(str(e)) from e
    except ValidationError as e:
        pesan = e.message_dict if hasattr(e, "error_dict") else {"": e.messages}
        raise CommandError("; ".join(f"{k}: {p}" if k else p for k, v in pesan.items() for p in v)) from e
