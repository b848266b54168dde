from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kesos.inti.errors import ImportDitolak, KesosError, KonflikEdit


def handler(exc, context):
    """Map kesos' own errors to one JSON shape: {"detail": ..., "fields": {...}}."""
    if isinstance(exc, ImportDitolak):
        # The same problem fields (row, column, value, message) that the CLI and pages show.
        return Response(
            {"detail": str(exc), "masalah": [m.sebagai_dict() for m in exc.masalah]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, KonflikEdit):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, KesosError):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Response({"detail": "Isian tidak valid.", "fields": fields}, status=400)
    return exception_handler(exc, context)
