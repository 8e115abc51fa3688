"""Roster commands: import and export learners."""

from __future__ import annotations
