using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Stores;

namespace Studio.Auth.Tests.Stores;

public class InMemoryLoginStateStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LoginState State(string key, DateTimeOffset expiresAt) => new(key, "github", "verifier", "binding-hash", "/", expiresAt);

    [Test]
    public async Task A_state_is_taken_once()
    {
        var store = new InMemoryLoginStateStore(new FakeTimeProvider(Now));
        await store.SaveAsync(State("k", Now.AddMinutes(10)));
        Assert.That((await store.TakeAsync("k"))!.Key, Is.EqualTo("k"));
        Assert.That(await store.TakeAsync("k"), Is.Null);
        Assert.That(await store.TakeAsync("never-saved"), Is.Null);
    }

    [Test]
    public async Task Parallel_takes_of_one_state_have_exactly_one_winner()
    {
        var store = new InMemoryLoginStateStore(new FakeTimeProvider(Now));
        for (var round = 0; round < 50; round++)
        {
            await store.SaveAsync(State("k" + round, Now.AddMinutes(10)));
            var winners = 0;
            Parallel.For(0, 16, _ =>
            {
                if (store.TakeAsync("k" + round).Result is not null)
                {
                    Interlocked.Increment(ref winners);
                }
            });
            Assert.That(winners, Is.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task Expired_states_are_purged()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryLoginStateStore(time);
        await store.SaveAsync(State("old", Now.AddMinutes(1)));
        await store.SaveAsync(State("new", Now.AddMinutes(10)));
        Assert.That(await store.PurgeExpiredAsync(Now.AddMinutes(1)), Is.EqualTo(1));
        Assert.That(store.Count, Is.EqualTo(1));
        Assert.That(await store.TakeAsync("new"), Is.Not.Null);
    }

    [Test]
    public async Task Saving_purges_expired_states_now_and_then()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryLoginStateStore(time);
        await store.SaveAsync(State("old", Now.AddMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(2));
        await store.SaveAsync(State("new", time.GetUtcNow().AddMinutes(10)));
        Assert.That(store.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Pending_sign_ins_are_capped_so_strangers_cannot_fill_memory()
    {
        var store = new InMemoryLoginStateStore(new FakeTimeProvider(Now));
        for (var i = 0; i < InMemoryLoginStateStore.MaxPending; i++)
        {
            await store.SaveAsync(State(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Now.AddMinutes(10)));
        }

        Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(State("one-more", Now.AddMinutes(10))));
        Assert.That(store.Count, Is.EqualTo(InMemoryLoginStateStore.MaxPending));
    }
}
