"""Header of a document, as one import for the stages that use it (extract, signature, tests).

The work is done in modules with one job each:
- ``header_vocab``: rows of header_markers.csv and the code lists, the lookup key ``bare_key``;
- ``header_layout``: lines and "|" cells of the text;
- ``header_locate``: the header block wherever it starts (after a press lead, portal or comment
  lines) and line breaks put back into a one-line PDF flattening;
- ``header_fields``: number, date, place, type title, and the named line patterns;
- ``header_organs``: bodies named in the header or the text, with their locality;
- ``header_parse``: the header block of an original -> ``Header``;
- ``header_press``: facts named in running text (organ speaking, reported document);
- ``header_lists``: the Kính gửi and Nơi nhận lists.
"""
from __future__ import annotations

from loaders import refdata  # noqa: F401  (extract.py reaches refdata through this module)
from loaders.header_fields import (  # noqa: F401
    DATE, DATE_LINE, DATE_RE, NUMBER_LINE, SYMBOL, capacity_re, clean_place, date_from_parts, date_of_match,
    central_symbol, default_type, letter_subject, line_patterns, normalize_number, set_date, title_type,
    type_from_number,
)
from loaders.header_layout import UPPER, Cell, cells, is_blank, is_upper, title_case  # noqa: F401
from loaders.header_lists import find_list, read_list  # noqa: F401
from loaders.header_locate import break_flattened, header_start  # noqa: F401
from loaders.header_organs import (  # noqa: F401
    Organ, body_in_text, fix_ocr, lookup_district, lookup_province, make_organ, on_date, split_organs, unit_re,
    with_locality,
)
from loaders.header_parse import Header, copy_marker, parse_header  # noqa: F401
from loaders.header_press import Acting, closing_author, committee_of_department, attributed_author, find_acting, find_enacting_line, find_issuing_verb, find_role_acting, formal_title, outline_title, portal_fields, title_line, title_rest, title_subject, title_type, told_at_meeting, type_line_subject  # noqa: F401
from loaders.header_vocab import bare_key, code_label, code_list, markers, spellings, table  # noqa: F401
from loaders.text import SourceText, clean  # noqa: F401
