using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Stores;

namespace Studio.Auth.Tests.Stores;

public class InMemoryRevocationStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_revoked_token_is_revoked_until_it_expires_and_is_purged()
    {
        var store = new InMemoryRevocationStore(new FakeTimeProvider(Now));
        await store.RevokeTokenAsync("jti-1", Now.AddMinutes(60));
        var check = new RevocationCheck("jti-1", "github", "1", Now.AddMinutes(-5));
        Assert.That(await store.IsRevokedAsync(check), Is.True);
        Assert.That(await store.IsRevokedAsync(check with { TokenId = "jti-2" }), Is.False);

        Assert.That(await store.PurgeExpiredAsync(Now.AddMinutes(59)), Is.Zero);
        Assert.That(await store.PurgeExpiredAsync(Now.AddMinutes(60)), Is.EqualTo(1));
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public async Task Revoking_a_user_covers_tokens_issued_until_then_and_not_after()
    {
        var store = new InMemoryRevocationStore(new FakeTimeProvider(Now));
        await store.RevokeUserAsync("github", "1", issuedBefore: Now, keepUntil: Now.AddHours(1));
        Assert.That(store.IsRevoked(new RevocationCheck("a", "github", "1", Now.AddMinutes(-30))), Is.True);
        Assert.That(store.IsRevoked(new RevocationCheck("b", "github", "1", Now)), Is.True, "issued in the same second");
        Assert.That(store.IsRevoked(new RevocationCheck("c", "github", "1", Now.AddSeconds(1))), Is.False);
        Assert.That(store.IsRevoked(new RevocationCheck("d", "acme", "1", Now.AddMinutes(-30))), Is.False, "another provider's user 1");
    }

    [Test]
    public async Task Revoking_a_user_again_only_widens_the_revocation()
    {
        var store = new InMemoryRevocationStore(new FakeTimeProvider(Now));
        await store.RevokeUserAsync("github", "1", Now, Now.AddHours(2));
        await store.RevokeUserAsync("github", "1", Now.AddMinutes(-10), Now.AddHours(1));
        Assert.That(store.IsRevoked(new RevocationCheck("a", "github", "1", Now)), Is.True);
        Assert.That(await store.PurgeExpiredAsync(Now.AddHours(1)), Is.Zero);
        Assert.That(await store.PurgeExpiredAsync(Now.AddHours(2)), Is.EqualTo(1));
    }

    [Test]
    public void Revoking_without_an_id_is_a_programming_error()
    {
        var store = new InMemoryRevocationStore(TimeProvider.System);
        Assert.ThrowsAsync<ArgumentException>(async () => await store.RevokeTokenAsync("", Now));
        Assert.ThrowsAsync<ArgumentException>(async () => await store.RevokeUserAsync("github", "", Now, Now));
    }
}
