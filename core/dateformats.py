"""Dates and times in the reader's language. Templates write `{{ value|when:"j F Y" }}` for
a date or a moment and `{{ value|at:"g:i A" }}` for a time of day: the format is a message,
so each language gives its own order and words ("4 January 2027" is "4 de enero de 2027";
"9:00 AM" is "9:00"). Registered as a template builtin (config/settings.py).

Every format a template uses is listed in FORMATS, where makemessages finds it; a test
checks that the templates use no other. Machine formats ("Ymd", for comparing days) stay
with Django's `date`."""

from __future__ import annotations

from django import template
from django.template import defaultfilters
from django.utils.translation import gettext, gettext_noop

register = template.Library()

FORMATS = frozenset(
    [
        gettext_noop("D j M Y, g:i A"),
        gettext_noop("F Y"),
        gettext_noop("M"),
        gettext_noop("M Y"),
        gettext_noop("g:i A"),
        gettext_noop("j F"),
        gettext_noop("j F Y"),
        gettext_noop("j F Y, H:i"),
        gettext_noop("j F Y, g:i A"),
        gettext_noop("j F, g:i A"),
        gettext_noop("j M"),
        gettext_noop("j M Y"),
        gettext_noop("j M Y, H:i"),
        gettext_noop("j M Y, g A"),
        gettext_noop("j M Y, g:i A"),
        gettext_noop("l j F"),
        gettext_noop("l j F Y"),
        gettext_noop("l j F Y, H:i"),
        gettext_noop("l j F Y, g:i A"),
        gettext_noop("l j F, g:i A"),
    ]
)


@register.filter(expects_localtime=True, is_safe=False)
def when(value: object, format_string: str) -> str:
    """`date` with the format in the reader's language."""
    return defaultfilters.date(value, gettext(format_string))


@register.filter(expects_localtime=True, is_safe=False)
def at(value: object, format_string: str) -> str:
    """`time` with the format in the reader's language."""
    return defaultfilters.time(value, gettext(format_string))
