"""The page template every page of the report shares: language, title, the stylesheet, the site's
navigation and the switch to the same page in the other language.

A page's path is relative to its language's folder (`provisions/SLUG.html`); the site puts
each language in a folder of its own (`en/`, `es/`) and the assets beside them (`assets/`)."""
from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from .i18n import LANGS, pick


@dataclass(frozen=True)
class Page:
    title: str
    body: str  # the HTML inside <main>


def href(from_path: str, to_path: str) -> str:
    """The relative link from one page of a language's folder to another (paths as in Page keys)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def up(path: str) -> str:
    """From a page to its language's folder: '' or '../' per level."""
    return "../" * path.count("/")


def nav(path: str, lang: str) -> str:
    root = up(path)
    other = next(x for x in LANGS if x != lang)
    name = {"en": "English", "es": "Español"}[other]
    return (f'<header><nav aria-label="{pick("Site", "Sitio", lang)}">'
            f'<a href="{root}index.html">{html.escape(pick("Report index", "Índice del informe", lang))}</a> '
            f'<a href="{root}../{other}/{path}" hreflang="{other}" lang="{other}">{name}</a>'
            f"</nav></header>\n")


def render(path: str, page: Page, lang: str, base: str | None = None) -> str:
    """The whole HTML document; base: a folder every relative link resolves against (the site's root
    index.html is its language's landing page read from the root, <base href="en/">)."""
    root = up(path)
    base_tag = f'<base href="{html.escape(base)}">\n' if base else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="lexkb">\n{base_tag}'
            f"<title>{html.escape(page.title)}</title>\n"
            f'<link rel="stylesheet" href="{root}../assets/report.css">\n</head>\n<body>\n'
            f"{nav(path, lang)}<main>\n{page.body}</main>\n</body>\n</html>\n")
