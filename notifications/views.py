"""The in-app notification list: the signed-in person's own notifications only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import selectors, services


@login_required
def notification_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link."""
    item = selectors.notifications_for(user=request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    services.notifications_mark_read(user=request.user, ids=[item.pk])
    if item.link and url_has_allowed_host_and_scheme(item.link, allowed_hosts=None):
        return redirect(item.link)
    return redirect("notifications")


@login_required
@require_POST
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    messages.success(request, _("All caught up."))
    return redirect("notifications")
