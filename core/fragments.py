"""`{% kept figure %}…{% endkept %}`: a piece of a page rendered once and kept with the figures it
shows (core.versions.Kept), for each language and time zone it is read in. The big tables of
the pages that compute over a whole organization are rendered this way: 50 rows of a dozen
cells took longer to render than the rest of the page (bench/load.py). Registered as a template
builtin (config/settings.py)."""

from __future__ import annotations

from django import template
from django.utils import timezone, translation

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, figure: template.base.FilterExpression):
        self.nodelist = nodelist
        self.figure = figure

    def render(self, context: template.Context) -> str:
        figure = self.figure.resolve(context)
        if not figure:  # nothing to keep it with: rendered every time
            return self.nodelist.render(context)
        reader = f"{translation.get_language()}:{timezone.get_current_timezone_name()}"
        # A SafeString, as rendered (and as pickled): kept escaped, never escaped twice.
        return figure.part(reader).get(lambda: self.nodelist.render(context))


@register.tag
def kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    """{% kept figure %}…{% endkept %}, `figure` a core.versions.Kept (or None)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept %} takes one figure.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]))
