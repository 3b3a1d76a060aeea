"""Settings for the slow hypothesis properties (the profiles are in tests/conftest.py)."""

from __future__ import annotations

from hypothesis import Phase, settings

#: For properties that run the real store or the command line: the explain phase re-runs a
#: failing example in every variation it can think of and takes minutes there; the minimal
#: failing example is enough. Read from the profile tests/conftest.py loaded, so under the
#: mutation profile these properties still skip shrinking.
NO_EXPLAIN = tuple(phase for phase in settings.default.phases if phase is not Phase.explain)


def examples(wanted: int) -> int:
    """``wanted`` examples under the default profile (100 examples), scaled with the loaded
    profile's ``max_examples`` otherwise: the mutation profile runs about a tenth."""
    return max(1, wanted * settings.default.max_examples // 100)
