"""Blueprint: reconcile (to be filled by its owner)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reconcile", __name__)
