"""Who watches this database: the one place that tells one watcher (SQLite) from several (PostgreSQL).

`membership` hands the service a `leases.Cluster` on PostgreSQL or a `solo.Solo` on SQLite (the
same interface), and `status` reports either kind for `siv-watcher status`. Why a module of its
own: leases.py is the PostgreSQL cluster only (heartbeat, leases, fencing, alert claims) and
solo.py the SQLite lock only; each knows one side, and these two are what must know both.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel, col, select

from watcher.store.columns import utcnow
from watcher.store.leases import TABLES, Cluster, InstanceRow, LeaseRow, Timing, db_now
from watcher.store.solo import Solo, solo_holder
from watcher.store.tables import AlertRow, FolderStateRow, Store


def is_shared(url: str) -> bool:
    """PostgreSQL: several watchers may share it. Anything else keeps one watcher per database."""
    return make_url(url).get_backend_name() == "postgresql"


def membership(store: Store, mailboxes: Sequence[str], timing: Timing) -> Cluster | Solo:
    if is_shared(store.url):
        return Cluster(store, mailboxes, timing)
    return Solo(store, mailboxes)


def status(store: Store, mailboxes: Sequence[str], timing: Timing) -> dict[str, Any]:
    """Instances, who holds each mailbox and since when, last sync per folder, pending alerts."""
    shared = is_shared(store.url)
    with store.session() as s:
        if shared:
            SQLModel.metadata.create_all(store.engine, tables=TABLES)
            now = s.exec(select(db_now())).one().replace(tzinfo=utcnow().tzinfo)
            instances = list(s.exec(select(InstanceRow).order_by(col(InstanceRow.started_at))))
            leases = {row.mailbox: row for row in s.exec(select(LeaseRow))}
        else:
            now, instances, leases = utcnow(), [], {}
        folders = list(s.exec(select(FolderStateRow).order_by(col(FolderStateRow.mailbox),
                                                              col(FolderStateRow.folder))))
        pending = s.exec(select(func.count()).select_from(AlertRow).where(AlertRow.status == "pending")).one()
        due = s.exec(select(func.count()).select_from(AlertRow).where(
            AlertRow.status == "pending", AlertRow.due_at <= now)).one()

    def age(moment: datetime | None) -> float | None:
        return None if moment is None else round((now - moment).total_seconds(), 1)

    live = {i.id for i in instances if (now - i.heartbeat_at).total_seconds() < timing.lease}
    holder = solo_holder(store.url) if not shared else None
    names = list(dict.fromkeys([*mailboxes, *leases]))
    boxes = []
    for name in names:
        lease = leases.get(name)
        owner = lease.owner if lease and lease.owner in live else None
        boxes.append({
            "mailbox": name,
            "held_by": owner if shared else ("this database's watcher" if holder else None),
            "lease_age_seconds": age(lease.acquired_at) if owner and lease else None,
            "in_config": name in mailboxes,
            "folders": [{"folder": f.folder, "last_sync": f.synced_at.isoformat() if f.synced_at else None,
                         "last_sync_age_seconds": age(f.synced_at)} for f in folders if f.mailbox == name],
        })
    return {
        "database": "postgresql" if shared else "sqlite",
        "mode": "shared: mailboxes split by leases" if shared else "single watcher",
        "watcher": holder,
        "instances": [{
            "id": i.id, "host": i.host, "pid": i.pid, "kind": i.kind, "live": i.id in live,
            "started_at": i.started_at.isoformat(), "heartbeat_age_seconds": age(i.heartbeat_at),
            "mailboxes": sorted(b["mailbox"] for b in boxes if b["held_by"] == i.id),
        } for i in instances],
        "mailboxes": boxes,
        "pending_alerts": pending,
        "due_alerts": due,
    }


__all__ = ["is_shared", "membership", "status"]
