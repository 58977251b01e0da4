"""The promise every hostile test checks: one `lexkb: error:` line on stderr, the documented exit
code, nothing (or only what is said) on stdout, never a traceback."""
from __future__ import annotations


def one_error(result, code: int, *fragments: str, stdout: str | None = "") -> str:
    exit_code, out, err = result
    assert exit_code == code, (exit_code, err)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    errors = [l for l in lines if l.startswith("lexkb: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], err
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])
    if stdout is not None:
        assert out == stdout, out[:300]
    return errors[0]
