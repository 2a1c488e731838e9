"""Private files: uploads and generated files, kept in no served folder under names nobody can guess.

Every FileField stores into `PrivateStorage` (the default storage, settings.STORAGES), rooted at
settings.PRIVATE_ROOT. A stored file has no URL of its own (`.url` raises): it is read only through a view of the
record it belongs to (core.file_serving), which applies the record's grants and logs the read.
"""

import posixpath
import re
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core import checks
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import migrations, transaction
from django.db.models import Model
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

# An extension kept on a stored name: letters and digits only (.jpg, .csv, .xlsx), lower case.
PLAIN_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def random_name(name: str) -> str:
    """A name nobody can guess in the folder of `name`, with its extension when it is a plain one."""
    folder, base = posixpath.split(name)
    suffix = PurePosixPath(base).suffix.lower()
    return posixpath.join(folder, secrets.token_urlsafe(24) + (suffix if PLAIN_SUFFIX.fullmatch(suffix) else ""))


@deconstructible(path="repatria.core.private_files.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_ROOT, each saved under a random name (192 bits), with no URL."""

    @cached_property
    def base_location(self) -> str:
        return self._value_or_setting(self._location, settings.PRIVATE_ROOT)

    def _clear_cached_properties(self, setting: str, **kwargs) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return super().get_available_name(random_name(name), max_length=max_length)

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no URL: link to the view that serves its record's file.")


def check_private_root(app_configs=None, **kwargs) -> list[checks.Error]:
    """PRIVATE_ROOT must lie in no folder that is served by its path: the static files' (registered by CoreConfig)."""
    private = Path(settings.PRIVATE_ROOT).resolve()
    folders = [settings.STATIC_ROOT, *(f[1] if isinstance(f, list | tuple) else f for f in settings.STATICFILES_DIRS)]
    return [
        checks.Error(
            f"PRIVATE_ROOT ({private}) lies in {folder}, whose files are served to anyone as static files.",
            hint="Set PRIVATE_ROOT to a folder that no web server serves.",
            id="repatria.E001",
        )
        for folder in folders
        if folder and private.is_relative_to(Path(folder).resolve())
    ]


def adopt_legacy_files(model: type[Model], fields: Iterable[str], folders: Iterable[str]) -> None:
    """Move an installation's files out of the folder that used to be served (settings.LEGACY_MEDIA_ROOT).

    The files the records name are copied into the private storage under new random names, and the records changed
    to them; anything else in `folders` (a replaced photo, a running bulk job's work files) is copied to the same
    place under the private root. The old copies are removed once the transaction commits, so a migration that
    fails leaves the files and the records as they were.
    """
    legacy = Path(settings.LEGACY_MEDIA_ROOT)
    moved: set[Path] = set()
    for name in fields:
        storage = model._meta.get_field(name).storage
        for pk, stored in model._base_manager.exclude(**{name: ""}).values_list("pk", name):
            old = legacy / stored
            if not old.is_file():
                continue
            with open(old, "rb") as f:
                new = storage.save(stored, File(f))
            model._base_manager.filter(pk=pk).update(**{name: new})
            moved.add(old)
    private = Path(settings.PRIVATE_ROOT)
    for folder in folders:
        for old in sorted((legacy / folder).rglob("*")):
            target = private / old.relative_to(legacy)
            if old.is_file() and old not in moved and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(old, target)
                moved.add(old)
    transaction.on_commit(lambda: _remove(moved, legacy))


def legacy_files_mover(label: str, fields: list[str], folders: list[str]) -> migrations.RunPython:
    """The migration operation that moves a record type's files out of the old media folder (adopt_legacy_files).

    Unapplied, it leaves them private: putting them back would serve them again.
    """

    def move(apps, schema_editor) -> None:
        adopt_legacy_files(apps.get_model(label), fields, folders)

    return migrations.RunPython(move, migrations.RunPython.noop)


def _remove(files: set[Path], legacy: Path) -> None:
    """Delete the moved files, then the folders they leave empty, up to the old root itself."""
    for path in files:
        path.unlink(missing_ok=True)
    for directory in sorted({p for path in files for p in path.parents if legacy in p.parents}, reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    if legacy.is_dir() and not any(legacy.iterdir()):
        legacy.rmdir()
