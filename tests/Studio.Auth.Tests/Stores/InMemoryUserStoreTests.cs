using Studio.Auth.Stores;

namespace Studio.Auth.Tests.Stores;

public class InMemoryUserStoreTests
{
    private static readonly DateTimeOffset First = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static StudioUser User(string provider, string id, string name = "Ada", params string[] roles) =>
        new(id, name, id + "@example.com", null, provider, roles.Length == 0 ? ["user"] : roles);

    [Test]
    public async Task Users_are_keyed_by_provider_and_durable_id()
    {
        var store = new InMemoryUserStore();
        await store.UpsertAsync(User("github", "583231"), First);
        await store.UpsertAsync(User("acme", "583231"), First);
        Assert.That(store.Count, Is.EqualTo(2), "the same id at two providers is two people");
        Assert.That((await store.FindAsync("github", "583231"))!.User.Provider, Is.EqualTo("github"));
        Assert.That(await store.FindAsync("github", "583232"), Is.Null);
    }

    [Test]
    public async Task An_upsert_updates_the_profile_and_keeps_creation_time()
    {
        var store = new InMemoryUserStore();
        await store.UpsertAsync(User("github", "1", "Ada"), First);
        var updated = await store.UpsertAsync(User("github", "1", "Ada Lovelace", "user", "admin"), First.AddDays(1));
        Assert.That(updated.User.Name, Is.EqualTo("Ada Lovelace"));
        Assert.That(updated.User.Roles, Is.EqualTo(new[] { "user", "admin" }));
        Assert.That(updated.CreatedAt, Is.EqualTo(First));
        Assert.That(updated.LastSignInAt, Is.EqualTo(First.AddDays(1)));
    }

    [Test]
    public async Task A_disabled_user_stays_disabled_when_signing_in_again()
    {
        var store = new InMemoryUserStore();
        await store.UpsertAsync(User("github", "1"), First);
        Assert.That(await store.SetDisabledAsync("github", "1", disabled: true), Is.True);
        Assert.That((await store.UpsertAsync(User("github", "1"), First.AddHours(1))).IsDisabled, Is.True);
        Assert.That(await store.SetDisabledAsync("github", "1", disabled: false), Is.True);
        Assert.That((await store.FindAsync("github", "1"))!.IsDisabled, Is.False);
    }

    [Test]
    public async Task Parallel_first_sign_ins_of_one_identity_create_one_user()
    {
        var store = new InMemoryUserStore();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => store.UpsertAsync(User("github", "1", "Name " + i), First.AddSeconds(i)))));
        Assert.That(store.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Operations_on_an_unknown_user_say_so()
    {
        var store = new InMemoryUserStore();
        Assert.That(await store.SetDisabledAsync("github", "1", disabled: true), Is.False);
        Assert.That(await store.DeleteAsync("github", "1"), Is.False);
        await store.UpsertAsync(User("github", "1"), First);
        Assert.That(await store.DeleteAsync("github", "1"), Is.True);
        Assert.That(await store.FindAsync("github", "1"), Is.Null);
    }
}
