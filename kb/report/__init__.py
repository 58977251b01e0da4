"""`lexkb report -o DIR`: the static site an analyst opens, in English and Spanish.

site.py assembles it (sections, languages, assets, the atomic switch of DIR); page.py is the template
every page shares; i18n.py the report's own words; provision.py a provision's page. Every page is
Markdown rendered by markdown-it-py (raw HTML off) or HTML built with html.escape, from the same
SPARQL results and index as `lexkb table` and `lexkb penalty`."""
from .site import MARKER, build_pages, build_site, write_report

__all__ = ["MARKER", "build_pages", "build_site", "write_report"]
