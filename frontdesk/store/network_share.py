"""Is a SQLite store on a network share? Then it is not a way to share a store.

SQLite's own documentation warns that its file locking is unreliable over
network file systems (NFS, SMB/CIFS): two desks writing to one file on a
share can corrupt it. Several desks share one PostgreSQL store instead; a
store on a share gets a warning that says so.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ncpfs", "glusterfs", "ceph",
    "fuse.sshfs", "fuse.davfs2", "davfs", "fuse.rclone",
})
_DRIVE_REMOTE = 4  # GetDriveTypeW


def on_network_share(path: str | os.PathLike[str], *, mounts: str | None = None) -> bool:
    """Whether ``path`` lies on a network file system (a UNC path, a mapped
    network drive on Windows, an NFS/SMB/sshfs mount elsewhere)."""
    typed = os.fspath(path)
    if typed.startswith(("\\\\", "//")):  # \\server\share: a UNC path
        return True
    where = Path(typed).absolute()
    if sys.platform == "win32" and mounts is None:
        return _windows_remote(where)
    return _mount_type(where, mounts) in NETWORK_FILESYSTEMS


def _windows_remote(where: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    root = where.anchor or str(where)
    return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == _DRIVE_REMOTE)  # type: ignore[attr-defined]


def _mount_type(where: Path, mounts: str | None) -> str:
    """The file system type of the mount holding ``where`` (Linux's /proc/mounts)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    best, kind = "", ""
    text = str(where)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind
