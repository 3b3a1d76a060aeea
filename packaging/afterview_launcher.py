"""The bundle's entry point: the same ``afterview`` command as the venv's."""

import sys

from afterview.cli import main

if __name__ == "__main__":
    sys.exit(main())
