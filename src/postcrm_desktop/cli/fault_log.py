"""Where the command line writes the details of an unexpected error.

Only the exception's type and the code locations (frames) are written, never its
message or local values: those may hold names or phone numbers. The file is the user's
own (0600 in a 0700 folder).
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.store.file_modes import create_private_file, make_private_dir

LOG_NAME = "postcrm-cli.log"


def log_dir() -> Path:
    override = os.environ.get("POSTCRM_LOG_DIR")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "PostCRM" / "logs"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "postcrm"


def write(exc: BaseException, clock: Clock | None = None) -> Path | None:
    """Append the error's type and frames to the log; None when even that fails (a full
    disk): the one-line message on the screen is then all there is."""
    path = log_dir() / LOG_NAME
    frames = "".join(traceback.format_tb(exc.__traceback__))
    when = (clock or Clock()).now().isoformat(timespec="seconds")
    try:
        make_private_dir(path.parent)
        create_private_file(path)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{when} {type(exc).__module__}.{type(exc).__name__}\n{frames}\n")
    except OSError:
        return None
    return path
