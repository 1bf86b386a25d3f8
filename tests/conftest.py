"""Shared test set-up: pytester for driving the plugin, a hypothesis profile for CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeded(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester project holding a copy of the real seeds/ and a pyproject.toml. Source
    arithmetic checks are off, so that tests count only claim items; tests of the arithmetic
    items turn them on."""
    shutil.copytree(SEEDS, pytester.path / "seeds")
    pytester.makefile(".toml", pyproject='[tool.claimcheck]\nsources = ["seeds/*.txt"]\narithmetic = false\n')
    return pytester
