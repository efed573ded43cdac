"""One template, prepared once, filled for many documents (a unit form for each of thousands of units).

`render_docx` opens the template, renders it with docxtpl and applies the profile: right for one
document, slow for thousands, since each one re-reads the package, recompiles its Jinja templates
and re-applies the profile. A `PreparedTemplate` does that fixed work once:

- the profile's page, header widths and styles go on the template itself (they never depend on the
  data), and the rule styles are looked up;
- the body, headers, footers and footnotes are patched as docxtpl patches them and, with the
  document properties, compiled once in the same Jinja environment (autoescape, StrictUndefined);
- every other part, and every part whose Jinja uses nothing from the data (the unit form's
  page-number header, its properties), is packed once.

Each document then takes what docxtpl's `render` does after Jinja (line breaks and tabs, table
grids, drawing ids), the profile's rules (their length follows the rendered line above), and the
packed parts with its own added. Its parts are byte for byte those `render_docx` writes;
only their order inside the zip differs. Images are not supported: use `render_docx` for those.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.oxml.ns import nsmap
from docxtpl import DocxTemplate
from jinja2 import meta

from dvk.atomic import save_atomically
from dvk.documents import layout
from dvk.documents.profiles import FormatProfile
from dvk.documents.render import apply_page_and_styles, clean, jinja_env, template_errors, template_path

# The core properties docxtpl renders (the ones python-docx can write as text).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FIRST_DRAWING_ID = 1001  # docxtpl numbers every drawing again from here
_LISTING = re.compile("[\t\n\a\f]")

Filler = Callable[[dict], bytes]  # the data in, a part's contents out


class PreparedTemplate:
    """Template `name` with `profile` applied and its Jinja compiled: `render(context, path)` per document.

    Renders share one python-docx document (its body is swapped in for each render), so a
    prepared template belongs to one thread at a time."""

    def __init__(self, name: str, profile: FormatProfile) -> None:
        self.path = template_path(name)
        self._profile = profile
        self._env = jinja_env()
        self._docxtpl = DocxTemplate(self.path)
        document = self._docxtpl.get_docx()
        apply_page_and_styles(document, profile)
        self._rules = layout.rule_styles(document, profile)
        self._part = document.part
        with template_errors(self.path):
            self._body, _ = self._compile(self._docxtpl.get_xml())
            fillers = {
                **self._header_footer_fillers(),
                **self._footnote_fillers(),
                **self._properties_filler(),
            }
            # A part whose Jinja uses nothing from the data is the same in every document: filled once.
            fixed = {member: fill({}) for member, (fill, uses_data) in fillers.items() if not uses_data}
        self._fillers = {member: fill for member, (fill, uses_data) in fillers.items() if uses_data}
        self._packed = _packed(document, fixed, without={self._part.partname.membername, *self._fillers})

    def render(self, context: dict, out_path: Path) -> Path:
        """Fill the template with `context` into `out_path` (written whole or not at all)."""
        data = clean(context)
        with template_errors(self.path):
            body = self._fill(self._body, data)
            members = {member: fill(data) for member, fill in self._fillers.items()}
        members[self._part.partname.membername] = self._document_xml(body)
        return save_atomically(
            Path(out_path), lambda temporary: temporary.write_bytes(self._package(members))
        )

    def _compile(self, xml: str) -> tuple[jinja2.Template, bool]:
        """docxtpl's preparation of a part's XML (`patch_xml`, a line per paragraph), compiled; and
        whether it uses any value from the data."""
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._docxtpl.patch_xml(xml))
        return self._env.from_string(source), self._uses_data(source)

    def _uses_data(self, source: str) -> bool:
        return bool(meta.find_undeclared_variables(self._env.parse(source)))

    def _fill(self, template: jinja2.Template, data: dict) -> str:
        """What docxtpl's `render_xml_part` does with a part once Jinja has rendered it."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(data))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # resolve_listing turns these characters in text into Word's tabs, breaks and pages, and
        # changes nothing else: a part without any is left as it is.
        return self._docxtpl.resolve_listing(xml) if _LISTING.search(xml) else xml

    def _document_xml(self, body: str) -> bytes:
        """The rendered body in the document part, with the profile's rules drawn under their lines."""
        self._swap_in_body(body)
        layout.draw_rules(self._part.document, self._profile, self._rules)
        return self._part.blob

    def _swap_in_body(self, body: str) -> None:
        """Tables and drawing ids fixed as docxtpl does, then the body replaced. The parsed tree is
        plain lxml: only once this function has let go of it does python-docx see its own classes."""
        tree = self._docxtpl.fix_tables(body)
        for number, drawing in enumerate(tree.xpath("//wp:docPr", namespaces=nsmap), start=_FIRST_DRAWING_ID):
            drawing.attrib["id"] = str(number)
        root = self._part.element
        root.replace(root.body, tree)

    def _header_footer_fillers(self) -> dict[str, tuple[Filler, bool]]:
        """Headers and footers, filled as docxtpl fills them (re-read as XML parts)."""
        fillers = {}
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _, part in self._docxtpl.get_headers_footers(uri):
                xml = self._docxtpl.get_part_xml(part)
                template, uses_data = self._compile(xml)
                encoding = self._docxtpl.get_headers_footers_encoding(xml)

                def fill(data: dict, template=template, encoding=encoding) -> bytes:
                    return serialize_part_xml(parse_xml(self._fill(template, data).encode(encoding)))

                fillers[part.partname.membername] = (fill, uses_data)
        return fillers

    def _footnote_fillers(self) -> dict[str, tuple[Filler, bool]]:
        fillers = {}
        for part in self._part.package.iter_parts():
            if part.content_type == CT.WML_FOOTNOTES:
                template, uses_data = self._compile(part.blob.decode("utf-8"))
                fillers[part.partname.membername] = (
                    lambda data, template=template: self._fill(template, data).encode("utf-8"),
                    uses_data,
                )
        return fillers

    def _properties_filler(self) -> dict[str, tuple[Filler, bool]]:
        """The core properties docxtpl renders as templates (title, author, …), set and written."""
        properties = self._part.core_properties
        part = self._part.package.part_related_by(RT.CORE_PROPERTIES)
        sources = {name: getattr(properties, name) for name in PROPERTIES}
        templates = {name: self._env.from_string(source) for name, source in sources.items()}

        def fill(data: dict) -> bytes:
            for name, template in templates.items():
                setattr(properties, name, template.render(data))
            return part.blob

        return {part.partname.membername: (fill, any(map(self._uses_data, sources.values())))}

    def _package(self, members: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO(self._packed)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in members.items():
                archive.writestr(name, blob)
        return buffer.getvalue()


def _packed(document, fixed: dict[str, bytes], without: set[str]) -> bytes:
    """The document's package as python-docx saves it, with the `fixed` members' contents and
    without the members each document fills."""
    saved, packed = io.BytesIO(), io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in without:
                contents = fixed[item.filename] if item.filename in fixed else source.read(item.filename)
                target.writestr(item, contents)
    return packed.getvalue()
