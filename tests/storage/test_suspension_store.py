"""利用停止: a stop made by one process reaches every other process within the cache TTL (< 5 s)."""

from __future__ import annotations

from bot.storage import Database, Scope, SuspensionStore
from bot.storage.suspension import DEFAULT_TTL_S


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_stop_and_resume_each_scope(db: Database) -> None:
    store = SuspensionStore(db)
    assert await store.is_suspended("U1", "C1", "総務課") is None

    result = await store.stop(Scope.DEPARTMENT, "総務課", "個人情報の入力が続いたため", by="UADMIN")
    assert result.created
    hit = await store.is_suspended("U1", "C1", "総務課")
    assert hit is not None and hit.scope is Scope.DEPARTMENT and hit.reason == "個人情報の入力が続いたため"
    assert await store.is_suspended("U2", "C1", "市民課") is None

    await store.stop(Scope.USER, "U2", "確認のため", by="UADMIN")
    assert (await store.is_suspended("U2", "C9", "市民課")).scope is Scope.USER  # type: ignore[union-attr]

    assert await store.resume(Scope.DEPARTMENT, "総務課", by="UADMIN") == 1
    assert await store.is_suspended("U1", "C1", "総務課") is None
    assert await store.resume(Scope.DEPARTMENT, "総務課", by="UADMIN") == 0


async def test_the_whole_city_stop_wins_and_a_repeated_stop_is_not_doubled(db: Database) -> None:
    store = SuspensionStore(db)
    await store.stop(Scope.CHANNEL, "C1", "チャンネル整理", by="UADMIN")
    first = await store.stop(Scope.ALL, "ignored", "利用規約の変更（新座 8）", by="UADMIN")
    again = await store.stop(Scope.ALL, "", "二度目", by="UADMIN2")
    assert first.created and not again.created
    assert again.suspension.reason == "利用規約の変更（新座 8）"
    hit = await store.is_suspended("U1", "C1", None)
    assert hit is not None and hit.scope is Scope.ALL and hit.target == ""
    assert len(await store.active()) == 2


async def test_another_process_sees_a_stop_once_its_cache_expires(database_url: str, db: Database) -> None:
    other_db = Database(database_url)  # a second engine stands for a second bot process
    try:
        clock = FakeClock()
        mine, theirs = SuspensionStore(db), SuspensionStore(other_db, ttl_s=2.0, clock=clock)
        assert await theirs.is_suspended("U1", None, None) is None  # now cached as "not stopped"

        await mine.stop(Scope.USER, "U1", "調査中", by="UADMIN")
        clock.now += 1.0
        assert await theirs.is_suspended("U1", None, None) is None  # still inside the TTL
        clock.now += 1.5
        assert await theirs.is_suspended("U1", None, None) is not None  # 2.5 s later: seen
    finally:
        await other_db.dispose()


def test_the_default_cache_is_well_under_five_seconds() -> None:
    assert DEFAULT_TTL_S <= 3


async def test_a_half_aged_cache_is_refreshed_in_the_background_and_answers_at_once(
    database_url: str, db: Database
) -> None:
    other_db = Database(database_url)  # a second engine stands for a second bot process
    try:
        clock = FakeClock()
        mine, theirs = SuspensionStore(db), SuspensionStore(other_db, ttl_s=2.0, clock=clock)
        assert await theirs.is_suspended("U2", None, None) is None
        await mine.stop(Scope.USER, "U2", "確認中", by="UADMIN")
        clock.now += 1.2  # past half the TTL: answered from the cache, a refresh starts behind it
        assert await theirs.is_suspended("U2", None, None) is None
        refresh = theirs._refreshing
        assert refresh is not None
        await refresh
        assert await theirs.is_suspended("U2", None, None) is not None  # seen before the TTL ran out
    finally:
        await other_db.dispose()
