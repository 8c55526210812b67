"""SVG images through an allow-list: a drawing, nothing that runs or fetches.

An SVG opened on its own (``/images/logo.svg``) is a document of the site: its
scripts run with the site's address, and static hosts such as GitHub Pages send no
Content-Security-Policy for it. An SVG of ``content/`` may hold only the elements of
a still drawing (shapes, text, gradients, filters, ``<use>`` of its own parts), the
metadata drawing programs write (Inkscape, Sodipodi, RDF, Dublin Core), and styles
that name nothing outside the file. Refused, with the line: scripts and event
handlers, animations (they can rewrite a link), embedded HTML, processing
instructions (XSLT), DOCTYPEs with declarations (entities), references to other
files or sites, and any ``javascript:``.
"""

from __future__ import annotations

import re

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing programs add: kept, never rendered.
METADATA = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/xap/1.0/",
}
ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "image", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
# Styles may name only the file's own parts (url(#id)) or embedded images; a CSS
# escape (\75 rl) could spell anything, so none is accepted.
STYLE_OUTSIDE = re.compile(
    r"@import|image-set\(|\\|url\(\s*(?![\"']?\s*(?:#|data:image/))", re.I)
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text)", re.I)


def problems(path) -> list[tuple[int, str, dict]]:
    """``[(line, message code, values)]`` of what the allow-list refuses in ``path``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=False)
    try:
        tree = etree.parse(path, parser)
    except etree.XMLSyntaxError as error:
        return [(error.lineno or 1, "svg_unreadable", {})]
    found = []
    if tree.docinfo.internalDTD is not None:
        found.append((1, "svg_declaration", {}))
    root = tree.getroot()
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        if isinstance(sibling, etree._ProcessingInstruction):
            found.append((sibling.sourceline or 1, "svg_processing_instruction",
                          {"target": sibling.target}))
    for element in root.iter():
        line = element.sourceline or 1
        if isinstance(element, etree._ProcessingInstruction):
            found.append((line, "svg_processing_instruction", {"target": element.target}))
            continue
        if isinstance(element, etree._Entity):
            found.append((line, "svg_declaration", {}))
            continue
        if not isinstance(element.tag, str):
            continue  # a comment
        name = etree.QName(element)
        if name.namespace in METADATA:
            continue
        if name.namespace != SVG or name.localname not in ELEMENTS:
            found.append((line, "svg_code_element", {"element": name.localname}))
            continue
        # A style is one text: a comment inside would split what is checked.
        if name.localname == "style" and (len(element) or STYLE_OUTSIDE.search(
                element.text or "")):
            found.append((line, "svg_external_style", {}))
        for attribute, value in element.attrib.items():
            found.extend((line, code, values) for code, values in _attribute(attribute, value))
    return found


def _attribute(attribute, value):
    name = etree.QName(attribute)
    local = name.localname
    if name.namespace not in (None, XLINK, XML) and name.namespace not in METADATA:
        yield "svg_code_attribute", {"attribute": local}
    elif local.lower().startswith("on"):
        yield "svg_code_attribute", {"attribute": local}
    elif local == "href" and not value.strip().startswith(("#", "data:image/")):
        yield "svg_external_reference", {"reference": value.strip()[:60]}
    elif SCRIPT_URL.match(value):
        yield "svg_code_attribute", {"attribute": local}
    elif STYLE_OUTSIDE.search(value):  # any attribute may hold CSS (fill, filter, cursor…)
        yield "svg_external_style", {}
