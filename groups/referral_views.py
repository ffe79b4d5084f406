"""Referral pages for staff: narrow the groups by what the person said matters, see why each
fits, and make a card (PDF or text to copy or email). Nothing about the person is stored."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groups import referrals
from groups.forms import FinderFilterForm
from groups.models import GroupModel, Venue
from workforce import access


def _filter_form(request: HttpRequest, data) -> FinderFilterForm:
    groups = referrals.referable(request.user)
    models = GroupModel.objects.filter(pk__in=groups.values("model_id")).exclude(key="")
    areas = sorted(
        set(Venue.objects.filter(pk__in=groups.values("venue_id")).values_list("area", flat=True))
    )
    return FinderFilterForm(data, models=models.order_by("name"), areas=areas)


@login_required
@never_cache
def refer_view(request: HttpRequest) -> HttpResponse:
    """Everyone on the staff refers people: the groups listed for referrals, narrowed."""
    access.require_profile(request.user)
    form = _filter_form(request, request.GET or None)
    wanted = form.cleaned_data if form.is_bound and form.is_valid() else {}
    context = {"form": form, "fits": referrals.fits(request.user, wanted)}
    return render(request, "groups/refer.html", context)


@login_required
@require_POST
@never_cache
def referral_card_view(request: HttpRequest) -> HttpResponse:
    """The card for the groups ticked: a PDF, or text to copy or send from one's own email."""
    from groups import pdf

    ids = [int(v) for v in request.POST.getlist("groups")[:10] if v.isascii() and v.isdigit()]
    ids = [pk for pk in ids if pk < 2**63]
    try:
        groups = referrals.referral_make(actor=request.user, group_ids=ids)
    except ValidationError as error:
        context = {
            "form": _filter_form(request, None),
            "fits": referrals.fits(request.user, {}),
            "error": error.messages[0],
        }
        return render(request, "groups/refer.html", context, status=400)
    if request.POST.get("as") == "pdf":
        data = pdf.referral_card_pdf(groups=groups, language=get_language() or "en")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="peer-support-groups.pdf"'
        response["Cache-Control"] = "no-store, private"
        return response
    text = referrals.card_text(groups)
    subject = _("Peer support groups you might like")
    mailto = f"mailto:?subject={quote(subject)}&body={quote(text)}"
    return render(request, "groups/referral_card.html", {"text": text, "mailto": mailto})
