"""CSL-JSON, as Zotero and Better BibTeX export it, to source records and back.

Import keeps every CSL variable under its CSL name (the Source model has them all), reads date
objects into sourcecrit's written dates, and makes the id from the citekey. Export writes each
source's CSL variables, dates as ``date-parts`` where the written date is ISO and as ``raw``
otherwise, so that importing an export changes nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from sourcecrit.export import json_list_chunks
from sourcecrit.importing import ImportFailed, Record
from sourcecrit.models import CSL_DATES, ID_PATTERN, Name, Source, id_of_citekey, written_date

# The fields of a source that are not CSL variables: the historian's criticism of the source.
CRITICISM = ("id", "citekey", "kind", "perspective", "written", "text", "cites", "contained_in", "reliability", "authors",
             "numbers", "date_order", "period")
_NAME_FIELDS = {field.alias or name for name, field in Name.model_fields.items()}
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def csl_variables() -> list[str]:
    """Every CSL variable a source takes, by its CSL name, in the model's order."""
    return [field.alias or name for name, field in Source.model_fields.items()
            if (field.alias or name) not in CRITICISM and name != "note"] + ["note"]


def _name_variables() -> set[str]:
    return {field.alias or name for name, field in Source.model_fields.items() if "Name" in str(field.annotation)}


def read_csl_json(text: str) -> list[Record]:
    """The source records of a CSL-JSON document: a list of items (or one item)."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"line {error.lineno}: not valid JSON ({error.msg})") from None
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFailed("CSL-JSON is a list of items, each an object of CSL variables")
    return [source_of_item(item, number) for number, item in enumerate(items, 1)]


def source_of_item(item: dict[str, Any], number: int = 1) -> Record:
    """One CSL-JSON item as a source record: id from its citekey, CSL variables as given, dates written."""
    key = str(item.get("citation-key") or item.get("id") or "").strip()
    source_id = key if re.match(ID_PATTERN, key) and key == key.lower() else id_of_citekey(key)
    if not source_id:
        raise ImportFailed(f"item {number} ({item.get('title', 'no title')!r}) has no id or citation-key; give it one")
    record: Record = {"id": source_id}
    if key != source_id:
        record["citekey"] = key
    names, known = _name_variables(), set(csl_variables())
    for variable, value in item.items():
        if variable in ("id", "citation-key") or value in (None, "", [], {}):
            continue
        if variable == "custom" and isinstance(value, dict) and isinstance(value.get("sourcecrit"), dict):
            record.update({k: _text(v) for k, v in value["sourcecrit"].items() if k in CRITICISM and k != "id"})
            continue
        if variable not in known:
            continue  # not a CSL variable (a Zotero-only field): nowhere to keep it
        if variable in names and isinstance(value, list):
            record[variable] = [{k: _text(v) for k, v in n.items() if k in _NAME_FIELDS and v not in (None, "")}
                                for n in value if isinstance(n, dict)]
        elif variable in CSL_DATES:
            try:
                record[variable] = written_date(value)
            except ValueError as error:
                raise ImportFailed(f"item {number} ({key}): {variable}: {error}") from None
        else:
            record[variable] = _text(value)
    return record


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _text(v) for k, v in value.items()}
    return str(value)


# export -------------------------------------------------------------------------------------
def item_of_source(source: Source) -> dict[str, Any]:
    """A source as a CSL-JSON item: its CSL variables, dates as CSL date objects, and its
    criticism fields under ``custom.sourcecrit`` so that an import into another ledger keeps them."""
    data = source.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    item: dict[str, Any] = {"id": source.id}
    if source.citekey:
        item["citation-key"] = source.citekey
    for variable in csl_variables():
        if variable in data:
            item[variable] = csl_date(data[variable]) if variable in CSL_DATES else data[variable]
    criticism = {k: data[k] for k in CRITICISM if k in data and k not in ("id", "citekey")}
    if criticism:
        item.setdefault("custom", {})["sourcecrit"] = criticism
    return item


def csl_date(written: str) -> dict[str, Any]:
    """A written date as a CSL date object: date-parts when it is ISO (1962-12-20, 2007-05, 1920/1922), else raw."""
    ends = written.split("/")
    matches = [_ISO.match(end) for end in ends]
    if len(ends) <= 2 and all(matches):
        return {"date-parts": [[int(part) for part in m.groups() if part] for m in matches if m]}
    return {"raw": written}


def csl_json_chunks(sources: Iterable[Source]) -> Iterator[str]:
    """The sources as one CSL-JSON document (``json.dumps`` of the list, indent 2, and a line end),
    written one source at a time."""
    yield from json_list_chunks(item_of_source(source) for source in sources)
    yield "\n"
