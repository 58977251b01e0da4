"""Read statistics/*.md (literate files: quotes of the source, then ```toml blocks) into Datasets.

A file holds one [dataset] table and then any number of [grid] tables (a printed table: row labels
and cells under named columns), [[record]] tables (one printed row each) and [[cross-check]] tables
(two selections of figures that the source states twice and that must agree).

One file of the folder (without a [dataset]) declares where its figures come from: a [statistics]
table names the source document (a [document] of the provision files, whose symbol labels the
figures) and the jurisdiction whose offences they count; [[link]] tables tie the names the
source's tables give offences to the knowledge base's offences, and [[offence]] tables list those
offences, with their statute, for `lexkb table enforcement`.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import LexkbError
from ..literate import Block, read_blocks
from .cells import Cell, parse_cell
from .components import ATTRIBUTE, COMPONENTS, DIMENSION, MEASURE
from .model import CrossCheck, Dataset, Declared, Link, Observation

_DATASET_KEYS = {"slug", "title", "paragraph", "measure", "dimensions", "attributes", "notes", "record-measure"}
_GRID_KEYS = {"title", "paragraph", "fixed", "rows-by", "columns-by", "columns", "rows"}
_BLOCK_KEYS = {"dataset", "grid", "record", "cross-check"}
_DECLARATION_KEYS = {"statistics", "link", "offence"}
_STATISTICS_KEYS = {"document", "jurisdiction"}
_LINK_KEYS = {"name", "offence", "related", "note"}
_OFFENCE_KEYS = {"id", "statute"}


class StatsError(LexkbError):
    """A malformed statistics file or a bad argument: one line, exit status 2."""


def _fail(where: str, message: str) -> StatsError:
    return StatsError(f"{where}: {message}")


def _cell(raw: object, where: str) -> Cell:
    try:
        return parse_cell(raw)
    except ValueError as exc:
        raise _fail(where, str(exc)) from None


def _str(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise _fail(where, f"'{key}' must be a non-empty string")
    return value


def _check_keys(table: dict, allowed: set[str], where: str, what: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _fail(where, f"unknown key '{unknown[0]}' in {what} (allowed: {', '.join(sorted(allowed))})")


def _dataset(table: dict, where: str) -> Dataset:
    _check_keys(table, _DATASET_KEYS, where, "[dataset]")
    for key in ("slug", "title", "paragraph", "measure"):
        _str(table.get(key), where, key)
    dims, attrs = table.get("dimensions", []), table.get("attributes", [])
    for key, role, names in (("measure", MEASURE, [table["measure"]]), ("dimensions", DIMENSION, dims), ("attributes", ATTRIBUTE, attrs)):
        for name in names:
            comp = COMPONENTS.get(name)
            if comp is None or comp.role != role:
                known = ", ".join(k for k, c in COMPONENTS.items() if c.role == role)
                raise _fail(where, f"'{key}' names unknown {role} '{name}' (known: {known})")
    if not dims:
        raise _fail(where, "'dimensions' must name at least one dimension")
    ds = Dataset(table["slug"], table["title"], table["paragraph"], table["measure"], list(dims),
                 list(attrs), list(table.get("notes", [])), where)
    if "record-measure" in table:
        ds.record_measure = _cell(table["record-measure"], where)
    return ds


def _grid(ds: Dataset, grid: dict, where: str) -> None:
    _check_keys(grid, _GRID_KEYS, where, "[grid]")
    rows_by, col_dim = grid.get("rows-by"), grid.get("columns-by")
    fixed = grid.get("fixed", {})
    columns, rows = grid.get("columns"), grid.get("rows")
    if not isinstance(rows_by, list) or not isinstance(columns, list) or not isinstance(rows, list):
        raise _fail(where, "[grid] needs 'rows-by', 'columns' and 'rows' as arrays")
    named = list(rows_by) + [col_dim] + list(fixed)
    if sorted(named) != sorted(ds.dimensions):
        raise _fail(where, f"[grid] must place every dimension of '{ds.slug}' exactly once "
                           f"(rows-by + columns-by + fixed = {', '.join(map(str, named))}; dimensions = {', '.join(ds.dimensions)})")
    title = _str(grid.get("title"), where, "title")
    paragraph = grid.get("paragraph", ds.paragraph)
    for n, row in enumerate(rows, 1):
        row_where = f"{where} (rows[{n}])"
        if not isinstance(row, list) or len(row) != len(columns) + 1:
            raise _fail(row_where, f"a row must be [label, {len(columns)} cells]")
        labels = row[0] if isinstance(row[0], list) else [row[0]]
        if len(labels) != len(rows_by) or not all(isinstance(x, str) for x in labels):
            raise _fail(row_where, f"the row label must name {len(rows_by)} value(s) for {', '.join(rows_by)}")
        for column, raw in zip(columns, row[1:]):
            coords = {d: Cell(str(v)) for d, v in fixed.items()}
            coords.update({d: Cell(v) for d, v in zip(rows_by, labels)})
            coords[col_dim] = Cell(column)
            cell = _cell(raw, row_where)
            label = f"{title}: row '{' / '.join(labels)}', column '{column}'"
            ds.observations.append(Observation(ds.slug, coords, cell, {"printed": cell} if "printed" in ds.attributes else {},
                                               str(paragraph), label, row_where))


def _record(ds: Dataset, record: dict, where: str, n: int) -> None:
    rec_where = f"{where} (record {n})"
    allowed = set(ds.dimensions) | set(ds.attributes) | {"paragraph", ds.measure}
    _check_keys(record, allowed, rec_where, "[[record]]")
    missing = [d for d in ds.dimensions + ds.attributes if d not in record]
    if missing:
        raise _fail(rec_where, f"missing '{missing[0]}'")
    if ds.from_records:
        if ds.measure in record:
            raise _fail(rec_where, f"'{ds.measure}' is derived (record-measure) and must not be given")
        measure = ds.record_measure
    elif ds.measure in record:
        measure = _cell(record[ds.measure], rec_where)
    else:
        raise _fail(rec_where, f"missing '{ds.measure}'")
    coords = {d: _cell(record[d], rec_where) for d in ds.dimensions}
    attrs = {a: _cell(record[a], rec_where) for a in ds.attributes}
    label = ", ".join(f"{COMPONENTS[d].label} {coords[d].printed}" for d in ds.dimensions)
    ds.observations.append(Observation(ds.slug, coords, measure, attrs, str(record.get("paragraph", ds.paragraph)),
                                       label, rec_where))


def _cross(ds: Dataset, item: dict, where: str) -> None:
    for key in ("label", "left", "right", "over"):
        if key not in item:
            raise _fail(where, f"[[cross-check]] is missing '{key}'")
    ds.cross_checks.append(CrossCheck(item["label"], item["left"], item["right"], item["over"], where))


def _is_declaration(blocks: list[Block]) -> bool:
    return bool(blocks) and set(blocks[0].data) <= _DECLARATION_KEYS


def read_file(path: Path, display: str | None = None) -> Dataset | None:
    """The dataset of one statistics file, or None for a file without a [dataset] table (a README,
    the folder's declaration)."""
    blocks: list[Block] = read_blocks(path, display)
    if _is_declaration(blocks):
        return None
    ds: Dataset | None = None
    records = 0
    for block in blocks:
        where = block.where()
        _check_keys(block.data, _BLOCK_KEYS, where, "a statistics block")
        if "dataset" in block.data:
            if ds is not None:
                raise _fail(where, "a file holds one [dataset]")
            ds = _dataset(block.data["dataset"], where)
        if ds is None:
            raise _fail(where, "the [dataset] table must come first")
        if "grid" in block.data:
            _grid(ds, block.data["grid"], where)
        for record in block.data.get("record", []):
            records += 1
            _record(ds, record, where, records)
        for item in block.data.get("cross-check", []):
            _cross(ds, item, where)
    if ds is not None and not ds.observations:
        raise _fail(ds.origin, f"dataset '{ds.slug}' has no observations")
    return ds


def document_symbol(document: str, where: str, provisions_dir: Path | None = None) -> str:
    """The symbol of a [document] declared in the provision files (provisions/instruments/sources.md
    declares the shipped ones): read from its declaration, which the build checks."""
    from .. import paths

    root = provisions_dir or paths.PROVISIONS
    if not Path(root).is_dir():  # an installed wheel ships the built graph, not the provision files
        return _built_symbol(document, where, paths.GENERATED / paths.KB_TURTLE)
    for path in sorted(Path(root).rglob("*.md")):
        if document not in path.read_text(encoding="utf-8"):
            continue
        for block in read_blocks(path, str(path)):
            table = block.data.get("document")
            if isinstance(table, dict) and table.get("id") == document:
                return _str(table.get("symbol"), block.where(), "symbol")
    raise _fail(where, f"document '{document}' is not declared in {root} (a [document] table with id = \"{document}\")")


def _built_symbol(document: str, where: str, turtle: Path) -> str:
    """The document's symbol (dcterms:identifier) in the built graph."""
    import pyoxigraph as ox

    from ..namespaces import source_iri

    store = ox.Store()
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    for quad in store.quads_for_pattern(ox.NamedNode(source_iri(document)),
                                        ox.NamedNode("http://purl.org/dc/terms/identifier"), None):
        return quad.object.value
    raise _fail(where, f"document '{document}' is not in {turtle}")


def _declaration(blocks: list[Block], provisions_dir: Path | None) -> Declared:
    from ..jurisdiction import ID, check_code
    from ..errors import LexkbError

    declared: Declared | None = None
    links: list[tuple[dict, str]] = []
    offences: list[tuple[dict, str]] = []
    for block in blocks:
        where = block.where()
        _check_keys(block.data, _DECLARATION_KEYS, where, "a statistics declaration")
        if "statistics" in block.data:
            if declared is not None:
                raise _fail(where, f"[statistics] is already declared at {declared.origin}")
            table = block.data["statistics"]
            _check_keys(table, _STATISTICS_KEYS, where, "[statistics]")
            document = _str(table.get("document"), where, "document")
            code = _str(table.get("jurisdiction"), where, "jurisdiction")
            try:
                check_code(code)
            except LexkbError as exc:
                raise _fail(where, f"'jurisdiction' {code!r} is not a jurisdiction code ({exc})") from None
            declared = Declared(document, document_symbol(document, where, provisions_dir), code, origin=where)
        links += [(t, where) for t in block.data.get("link", [])]
        offences += [(t, where) for t in block.data.get("offence", [])]
    if declared is None:
        raise _fail(blocks[0].where(), "a statistics declaration needs a [statistics] table (document, jurisdiction)")

    def iri(slug: object, where: str, key: str) -> str | None:
        return None if slug is None else f"{ID}{declared.jurisdiction}/offence/{_str(slug, where, key)}"

    for table, where in links:
        _check_keys(table, _LINK_KEYS, where, "[[link]]")
        name = _str(table.get("name"), where, "name")
        if name in declared.links:
            raise _fail(where, f"[[link]] '{name}' is declared twice")
        declared.links[name] = Link(name, iri(table.get("offence"), where, "offence"),
                                    iri(table.get("related"), where, "related"), _str(table.get("note"), where, "note"))
    for table, where in offences:
        _check_keys(table, _OFFENCE_KEYS, where, "[[offence]]")
        statute = table.get("statute")
        declared.offences.append((iri(table.get("id"), where, "id") or "",
                                  None if statute is None else _str(statute, where, "statute")))
        if not table.get("id"):
            raise _fail(where, "[[offence]] needs 'id'")
    return declared


def read_declaration(statistics_dir: Path, provisions_dir: Path | None = None) -> Declared:
    """The folder's declaration (see the module's docstring): exactly one file holds it."""
    found: list[tuple[Path, list[Block]]] = []
    for path in sorted(statistics_dir.glob("*.md")):
        blocks = read_blocks(path, str(path))
        if _is_declaration(blocks):
            found.append((path, blocks))
    if not found:
        raise StatsError(f"{statistics_dir}: no file declares where the statistics come from "
                         "(a [statistics] table: document, jurisdiction)")
    if len(found) > 1:
        raise StatsError(f"{found[1][0]}: {found[0][0]} already declares where the statistics come from")
    return _declaration(found[0][1], provisions_dir)


def read_statistics(statistics_dir: Path) -> dict[str, Dataset]:
    """All datasets of a statistics folder, by slug, in file-name order, each with the folder's
    declaration (Dataset.declared)."""
    if not statistics_dir.is_dir():
        raise StatsError(f"{statistics_dir}: statistics folder not found")
    datasets: dict[str, Dataset] = {}
    for path in sorted(statistics_dir.glob("*.md")):
        ds = read_file(path, str(path))
        if ds is None:
            continue
        if ds.slug in datasets:
            raise _fail(ds.origin, f"dataset '{ds.slug}' is already defined in {datasets[ds.slug].origin}")
        datasets[ds.slug] = ds
    if not datasets:
        raise StatsError(f"{statistics_dir}: no statistics files (*.md with a [dataset] table)")
    declared = read_declaration(statistics_dir)
    for ds in datasets.values():
        ds.declared = declared
    return datasets
