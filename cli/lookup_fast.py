"""`lexkb penalty` and `lexkb show` without typer: the commands' bodies, and the fast path that runs
them straight from sys.argv when the command line is a plain lookup on the embedded index.

A lookup is the command people type most, and typer (with click) costs more to import than the
lookup itself. So `lexkb.cli.entry.run` first asks `fast_argv` whether argv is a plain lookup (known
options only, each with its value, one QUERY, no --endpoint/--store, no --help, no shell completion);
if so it runs the same body as the typer command below, with the same one-line errors and exit codes.
Anything else (help, usage errors, remote stores, unusual spellings) goes to the typer CLI, which
remains the one definition of the grammar; tests/test_cold_lookup.py checks both give the same bytes.
Stdlib only at import time."""
from __future__ import annotations

import os
import sys

# The options each lookup takes, as the typer commands in lexkb.cli.lookup declare them:
# option -> (destination, repeatable). Any other option sends the command line to typer.
_OPTIONS = {
    "penalty": {"--with": ("with_", True), "-w": ("with_", True), "--on": ("on", False),
                "--format": ("format", False), "-f": ("format", False),
                "--jurisdiction": ("jurisdiction", False), "-j": ("jurisdiction", False)},
    "show": {"--format": ("format", False), "-f": ("format", False),
             "--jurisdiction": ("jurisdiction", False), "-j": ("jurisdiction", False)},
}
# Environment variables that make a read command use another store: those go through typer.
_REMOTE_ENV = ("LEXKB_ENDPOINT", "LEXKB_STORE")
TEXT_ALIASES = ("table",)  # the human format's old name, still accepted


def fast_argv(argv: list[str]) -> tuple[str, dict] | None:
    """(command, keyword arguments) when argv[1:] is a plain lookup, else None."""
    if len(argv) < 3 or argv[1] not in _OPTIONS or "_LEXKB_COMPLETE" in os.environ:
        return None
    if any(os.environ.get(name) for name in _REMOTE_ENV):
        return None
    command, options = argv[1], _OPTIONS[argv[1]]
    kwargs: dict = {"with_": [], "on": None, "format": "text", "jurisdiction": None}
    positional: list[str] = []
    args = argv[2:]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-") and arg != "-":
            name, eq, value = arg.partition("=")
            if not eq and name not in options and name[:2] in options and not name.startswith("--"):
                name, value, eq = name[:2], name[2:], "="  # -fjson, -wviolence
            if name not in options:
                return None
            if not eq:
                if i + 1 >= len(args) or args[i + 1].startswith("-"):
                    return None
                i += 1
                value = args[i]
            dest, repeat = options[name]
            if repeat:
                kwargs[dest].append(value)
            else:
                kwargs[dest] = value
        else:
            positional.append(arg)
        i += 1
    if len(positional) != 1:
        return None
    if kwargs["jurisdiction"] is None:
        kwargs["jurisdiction"] = os.environ.get("LEXKB_JURISDICTION") or None
    if command == "show":
        del kwargs["with_"], kwargs["on"]
    return command, dict(kwargs, query=positional[0])


def _index(store, query: str, command: str, jurisdiction: str | None) -> tuple[dict, object]:
    """(index, the query resolved on it or None). From the compiled index: for `penalty` the part that
    QUERY needs (lexkb.kbfile.load_lookup_index), for `show` the whole. With a store (an endpoint or a
    persistent store), the part of the same index that QUERY needs, built by targeted SPARQL
    (lexkb.remote_lookup), from which the output is the same."""
    if store is None:
        from lexkb.jurisdiction import check_code, restrict_index
        from lexkb.kbfile import load_index, load_lookup_index

        if command == "penalty":
            return load_lookup_index(query, check_code(jurisdiction))
        return restrict_index(load_index(), check_code(jurisdiction)), None
    from lexkb.remote_lookup import lookup_index, show_index

    return (lookup_index if command == "penalty" else show_index)(store, query, jurisdiction), None


def _echo_err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def penalty(query: str, with_: list[str], on: str | None, format: str, jurisdiction: str | None,
            store=None) -> None:
    from lexkb.errors import LexkbError
    from lexkb.penalty import answer, no_result_message
    from lexkb.penalty_format import FORMATS

    format = "text" if format in TEXT_ALIASES else format
    if format not in FORMATS:
        raise LexkbError(f"--format {format!r}: use one of {', '.join(FORMATS)}")
    if not query.strip():
        raise LexkbError("QUERY is empty: give an article number or an offence name")
    index, match = _index(store, query, "penalty", jurisdiction)
    result, match = answer(query, index, list(with_ or []), on, match)
    if not match.offences:
        if format == "json":
            sys.stdout.write(FORMATS["json"](result))
            sys.stdout.flush()
        for c in result.get("candidates", []):
            _echo_err(f"  {c['id']:<32} {c['offence']} ({', '.join(dict.fromkeys(c['defined_in'] + c['penalised_in']))})")
        raise LexkbError(no_result_message(query, result), exit_code=1)
    sys.stdout.write(FORMATS[format](result))


def show(query: str, format: str, jurisdiction: str | None, store=None) -> None:
    import json

    from lexkb.errors import LexkbError
    from lexkb.provision_view import describe, render

    format = "text" if format in TEXT_ALIASES else format
    if format not in ("text", "json"):
        raise LexkbError(f"--format {format!r}: use text or json")
    data = describe(query, _index(store, query, "show", jurisdiction)[0])
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if format == "json" else render(data))


def run_fast(command: str, kwargs: dict) -> int:
    """Run a lookup as lexkb.cli.main.handles_errors would: one `lexkb: error:` line and its exit code."""
    import errno

    from lexkb.errors import LexkbError, shown

    try:
        (penalty if command == "penalty" else show)(**kwargs)
        sys.stdout.flush()
    except LexkbError as exc:
        _echo_err(f"lexkb: error: {shown(str(exc))}")
        return exc.exit_code
    except OSError as exc:  # a reader gone (EPIPE: silent, exit 0) or a full device (one line, exit 2)
        if errno.errorcode.get(exc.errno) not in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") and \
                not isinstance(exc, BrokenPipeError):
            raise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        if isinstance(exc, BrokenPipeError):
            sys.stderr.close()
            return 0
        _echo_err(f"lexkb: error: cannot write to standard output: {exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        _echo_err("lexkb: error: interrupted")
        return 130
    return 0
