"""A SQLite store on a network share is told apart (it gets a warning)."""

from __future__ import annotations

from frontdesk.store.network_share import on_network_share

MOUNTS = """\
/dev/vda / ext4 rw 0 0
server:/export /mnt/school nfs4 rw 0 0
//nas/desk /media/nas cifs rw 0 0
/dev/vdb /mnt/school/local ext4 rw 0 0
"""


def test_stores_on_nfs_and_smb_mounts_are_on_a_share():
    assert on_network_share("/mnt/school/frontdesk.sqlite3", mounts=MOUNTS)
    assert on_network_share("/media/nas/前台/frontdesk.sqlite3", mounts=MOUNTS)


def test_a_local_disk_is_not_even_below_a_share():
    assert not on_network_share("/home/desk/frontdesk.sqlite3", mounts=MOUNTS)
    assert not on_network_share("/mnt/school/local/frontdesk.sqlite3", mounts=MOUNTS)
    assert not on_network_share("/mnt/schoolbus/frontdesk.sqlite3", mounts=MOUNTS)


def test_a_windows_share_path_is_a_share():
    assert on_network_share("\\\\NAS\\desk\\frontdesk.sqlite3", mounts=MOUNTS)
