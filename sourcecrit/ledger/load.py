"""Loading a ledger: files to records, records to models, then every cross-check.

Problems are collected, never raised: a broken ledger still loads, with the valid rest
usable and each problem naming its file and line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.readings import Readings
from sourcecrit.ledger.records import BuiltFile, Fingerprint, add_records, build_file, fingerprint_of, records_of_bytes
from sourcecrit.ledger.validate import validate_ledger
from sourcecrit.problems import Problem

LEDGER_FOLDERS = ("sources", "claims", "declarations", "gazetteer", "resolutions")
YAML_SUFFIXES = (".yaml", ".yml")


def is_ledger(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a ledger folder (it holds sources/ and claims/)."""
    root = Path(path)
    return (root / "sources").is_dir() and (root / "claims").is_dir()


MAX_FILE_BYTES = 256 * 1024 * 1024  # a ledger file larger than this is not read (split it)


@dataclass
class FoundFiles:
    """The ledger's YAML files to read, in a stable order, and those passed over with the reason."""

    paths: list[Path]
    skipped: list[tuple[Path, str]]


def ledger_files(root: Path) -> list[Path]:
    """Every YAML file of the ledger that is read, in a stable order."""
    return find_files(root).paths


def find_files(root: Path) -> FoundFiles:
    """Every YAML file under the ledger's folders, following links to folders outside the
    ledger (each folder once); a link to a folder inside it is passed over (its files are
    read where they are).

    Only regular files are read: a FIFO would block the read, a device (a link to
    /dev/zero) never ends; those, and files over MAX_FILE_BYTES, are passed over with the reason."""
    found = FoundFiles([], [])
    inside = os.path.realpath(root)
    visited: set[str] = set()
    for folder in LEDGER_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in visited:  # a folder met again through another link: walked once
                dirnames[:] = []
                continue
            visited.add(real)
            dirnames[:] = [name for name in sorted(dirnames) if not name.startswith(".")
                           and _followed(Path(dirpath) / name, inside, found)]
            for name in sorted(filenames):
                if name.endswith(YAML_SUFFIXES):
                    _sort_file(Path(dirpath) / name, found)
    return found


def _followed(folder: Path, inside: str, found: FoundFiles) -> bool:
    """Whether to walk ``folder``: a plain folder, or a link to one outside the ledger."""
    if not folder.is_symlink():
        return True
    real = os.path.realpath(folder)
    if real == inside or real.startswith(inside + os.sep):
        found.skipped.append((folder, f"a link to {real}, a folder of the ledger itself: not followed "
                                      "(its files are read where they are)"))
        return False
    return True


def _sort_file(path: Path, found: FoundFiles) -> None:
    """Put ``path`` among the files to read, or among those passed over with why."""
    try:
        status = path.stat()
    except OSError:
        found.paths.append(path)  # reading it says what is wrong (a broken link, no permission)
        return
    if not stat.S_ISREG(status.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(status.st_mode) else "a device" if stat.S_ISCHR(status.st_mode) or \
            stat.S_ISBLK(status.st_mode) else "not a regular file"
        found.skipped.append((path, f"{kind}, not a file of records: it is not read"))
    elif status.st_size > MAX_FILE_BYTES:
        found.skipped.append((path, f"{status.st_size / 2**20:,.0f} MB, more than a ledger file may hold "
                                    f"({MAX_FILE_BYTES // 2**20} MB): it is not read; split it"))
    else:
        found.paths.append(path)


@dataclass(frozen=True)
class LedgerFile:
    """One ledger file as read: where it is, how problems name it, its bytes and fingerprint."""

    path: Path
    display: str
    data: bytes
    fingerprint: Fingerprint

    @property
    def key(self) -> str:
        """The file's key in ``Ledger.fingerprints`` and in a load's built files."""
        return str(self.path)


class LoadSteps:
    """How a load reads a ledger, step by step: the plain way.

    The speed wing (``sourcecrit.speed``) passes its own steps to reuse the work of an
    earlier run or share it with a second process; whatever steps are given, the ledger
    loaded is the same.
    """

    def read(self, path: Path) -> bytes:
        """The bytes of one ledger file (OSError if it cannot be read)."""
        return path.read_bytes()

    def build(self, root: Path, files: list[LedgerFile]) -> dict[str, BuiltFile]:
        """Each file parsed and built into models, by its key, in the files' order."""
        return {file.key: build_file(records_of_bytes(file.data, file.display), file.fingerprint) for file in files}

    def known_readings(self, ledger: "Ledger", built: dict[str, BuiltFile]) -> Readings | None:
        """Written values already known to read as something (see validate_ledger): none."""
        return None

    def work_through(self, work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]) -> list[Any]:
        """``work(items)``: how the written values of a load that knows none are read."""
        return work(items)

    def loaded(self, ledger: "Ledger", built: dict[str, BuiltFile], readings: Readings) -> None:
        """Told what the load made, once it is done (a cache may keep it)."""


def load_ledger(path: str | os.PathLike, *, steps: LoadSteps | None = None) -> Ledger:
    """Read, build and validate the ledger at ``path``: files, records, models, checks."""
    steps = steps or LoadSteps()
    root = Path(path)
    ledger = Ledger(root)
    if not _is_a_folder(ledger):
        return ledger
    found = find_files(root)
    files = read_files(ledger, found.paths, steps.read)
    ledger.problems.extend(Problem(display_name(root, path), 0, why, "warning") for path, why in found.skipped)
    built = steps.build(root, files)
    add_records(ledger, built)
    readings = validate_ledger(ledger, steps.known_readings(ledger, built), steps.work_through)
    ledger.problems.sort(key=problem_order)
    steps.loaded(ledger, built, readings)
    return ledger


def _is_a_folder(ledger: Ledger) -> bool:
    """Whether the ledger's path is a folder; a problem says what is wrong with it."""
    root = ledger.root
    if not root.is_dir():
        ledger.problems.append(Problem(str(root), 0, "no such folder; give the path of a ledger folder"))
        return False
    if not is_ledger(root):
        ledger.problems.append(Problem(str(root), 0, "not a ledger: it has no sources/ and claims/ folders"))
    return True


def read_files(ledger: Ledger, paths: list[Path], read: Callable[[Path], bytes]) -> list[LedgerFile]:
    """Each readable file with its fingerprint (noted on ``ledger``); a problem for each other."""
    root = ledger.root
    ledger.files = [display_name(root, path) for path in paths]
    files = []
    for path, display in zip(paths, ledger.files):
        try:
            data = read(path)
        except OSError as error:
            ledger.problems.append(Problem(display, 0, f"cannot read the file: {error.strerror}"))
            continue
        file = LedgerFile(path, display, data, fingerprint_of(data))
        ledger.fingerprints[file.key] = file.fingerprint
        files.append(file)
    return files


def problem_order(problem: Problem) -> tuple:
    return problem.file, problem.line, problem.message


def display_name(root: Path, path: Path) -> str:
    """How problems name a file: the ledger path as the user gave it, then the file."""
    return os.path.join(str(root), relative_name(root, path)) if str(root) != "." else relative_name(root, path)


def relative_name(root: Path, path: Path) -> str:
    """``path`` relative to ``root``: cut from its text when it is ``root`` as spelled, then a
    file (every ledger file is), else worked out (slower, from absolute paths)."""
    text, base = str(path), str(root)
    prefix = "" if base == "." else base + os.sep
    rest = text[len(prefix):]
    if text.startswith(prefix) and rest and not os.path.isabs(rest) and ".." not in rest.split(os.sep):
        return rest
    return os.path.relpath(path, root)
