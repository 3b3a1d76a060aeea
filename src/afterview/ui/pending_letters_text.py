"""STAND-IN, to be deleted: helper "letters-text" (issue 14) writes the real
``selling_points_need_rewrite`` in ``afterview/domain/``. Until that is merged, this copy of
its rule lets the profile screens say when the selling points need rewriting. When it is
merged, import it from there (ui/profile_form.py, ui/first_run_dialog.py) and delete this file.
"""

from __future__ import annotations


def selling_points_need_rewrite(text: str) -> bool:
    """Whether the selling points read as an old-style phrase ("eight years of data
    pipelines") rather than whole sentences: they do not end in ".", "!" or "?", or start
    with a lowercase letter. Empty text needs nothing."""
    text = text.strip()
    if not text:
        return False
    return text[-1] not in ".!?" or text[0].islower()
