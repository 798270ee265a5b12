"""`python -m postcrm_desktop`: open the app (or run a CLI command if one is given)."""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        from postcrm_desktop.cli import main as cli_main

        return cli_main()
    from postcrm_desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
