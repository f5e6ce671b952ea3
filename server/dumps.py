"""Blueprint: dumps (to be filled by its owner)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dumps", __name__)
