"""Public pages, no sign-in: an organization's group finder and each group's page. They carry
the quick exit like every page, load nothing from anyone else, are never cached, and show a
404 for anything an organization hasn't published."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from groups import feed, finder
from groups.forms import FinderFilterForm


def public(view):
    """A public page: never stored by the browser or a proxy, never framed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@public
def finder_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The groups an organization publishes, narrowed by what matters to the person looking."""
    organization, settings = finder.published_finder(slug)
    models, areas = finder.finder_choices(organization)
    form = FinderFilterForm(request.GET or None, models=models, areas=areas)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    groups = list(finder.filtered(finder.finder_groups(organization), data))
    query = urlencode(
        [(k, v) for k, values in request.GET.lists() for v in values if k in form.fields and v]
    )
    context = {
        "organization": organization,
        "finder": settings,
        "form": form,
        "groups": groups,
        "query": query,
        "filtered": bool(data and any(data.values())),
    }
    return render(request, "groups/public/finder.html", context)


@public
def finder_group_view(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    organization, settings = finder.published_finder(slug)
    page = finder.public_group(organization, code)
    context = {
        "organization": organization,
        "finder": settings,
        "group": page.group,
        "agreement": page.agreement,
    }
    return render(request, "groups/public/group.html", context)


def feed_view(request: HttpRequest, slug: str) -> JsonResponse:
    """The finder's groups with a public address or link, in the Meeting Guide format."""
    organization, _settings = finder.published_finder(slug)
    response = JsonResponse(feed.feed(organization), safe=False)
    response["Access-Control-Allow-Origin"] = "*"  # meeting-finder apps read it from anywhere
    response["Cache-Control"] = "public, max-age=3600"  # nothing personal: apps may cache it
    return response
