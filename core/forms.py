"""Form helpers every app's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def apply_errors(form: object, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where it can (a message for
    a field the form doesn't show goes to the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in field_errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)
