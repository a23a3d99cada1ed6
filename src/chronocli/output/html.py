"""Render the packaged HTML templates with Jinja2, autoescaping every value from the inputs."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FileSystemLoader, select_autoescape


@lru_cache(maxsize=1)
def _environment() -> Environment:
    folder = str(resources.files("chronocli.templates"))
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_template(name: str, **context: object) -> str:
    return _environment().get_template(name).render(**context)
