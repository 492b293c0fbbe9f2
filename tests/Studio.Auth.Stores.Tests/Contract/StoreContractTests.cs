using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Login;
using Studio.Auth.Stores.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Stores.Tests.Contract;

/// <summary>
/// What every store must do, whatever keeps the data. Runs unchanged against the in-memory stores,
/// SQLite (a real file) and PostgreSQL (a real server). Subclasses say only how to register the stores
/// and how to count user rows.
/// </summary>
public abstract class StoreContractTests
{
    private readonly List<StoreHost> _hosts = [];

    protected FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>The instance under test, created for every test (disposed with the others in <see cref="DisposeHostsAsync"/>).</summary>
#pragma warning disable NUnit1032 // Disposed through _hosts.
    protected StoreHost Host { get; private set; } = null!;
#pragma warning restore NUnit1032

    [SetUp]
    public async Task CreateHostAsync()
    {
        Time = new FakeTimeProvider(TestUsers.Start);
        await PrepareStorageAsync();
        Host = NewHost();
    }

    [TearDown]
    public async Task DisposeHostsAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        await DropStorageAsync();
    }

    // ---- users -------------------------------------------------------------------------------

    [Test]
    public async Task First_sign_in_creates_the_user_with_profile_roles_and_times()
    {
        var user = TestUsers.Octocat() with { Roles = ["user", "admin"] };

        var record = await Host.Users.UpsertAsync(user, Time.GetUtcNow());
        var found = await Host.Users.FindAsync("github", "583231");

        Assert.That(record, Is.EqualTo(new UserRecord(user, Time.GetUtcNow(), Time.GetUtcNow(), IsDisabled: false)));
        Assert.That(found, Is.EqualTo(record));
        Assert.That(found!.User.Roles, Is.EqualTo(new[] { "user", "admin" }));
    }

    [Test]
    public async Task Later_sign_in_updates_the_profile_and_keeps_the_creation_time()
    {
        var created = Time.GetUtcNow();
        await Host.Users.UpsertAsync(TestUsers.Octocat(), created);
        Time.Advance(TimeSpan.FromHours(3));
        var renamed = TestUsers.Octocat(name: "Mona Lisa Octocat", email: null) with { AvatarUrl = null, Roles = ["user"] };

        var record = await Host.Users.UpsertAsync(renamed, Time.GetUtcNow());
        var found = await Host.Users.FindAsync("github", "583231");

        Assert.That(record, Is.EqualTo(new UserRecord(renamed, created, Time.GetUtcNow(), IsDisabled: false)));
        Assert.That(found, Is.EqualTo(record));
    }

    [Test]
    public async Task Unknown_user_is_not_found()
    {
        await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow());

        Assert.That(await Host.Users.FindAsync("github", "1"), Is.Null);
        Assert.That(await Host.Users.FindAsync("gitlab", "583231"), Is.Null);
    }

    [Test]
    public async Task Users_are_keyed_by_provider_and_id()
    {
        await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow());
        await Host.Users.UpsertAsync(TestUsers.Octocat() with { Provider = "gitlab", Name = "Someone else" }, Time.GetUtcNow());

        Assert.That((await Host.Users.FindAsync("github", "583231"))!.User.Name, Is.EqualTo("The Octocat"));
        Assert.That((await Host.Users.FindAsync("gitlab", "583231"))!.User.Name, Is.EqualTo("Someone else"));
        Assert.That(await CountUsersAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Disabled_user_stays_disabled_when_signing_in_again_until_enabled()
    {
        await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow());

        Assert.That(await Host.Users.SetDisabledAsync("github", "583231", disabled: true), Is.True);
        var again = await Host.Users.UpsertAsync(TestUsers.Octocat(name: "New name"), Time.GetUtcNow());
        Assert.That(again.IsDisabled, Is.True);
        Assert.That(again.User.Name, Is.EqualTo("New name"));

        Assert.That(await Host.Users.SetDisabledAsync("github", "583231", disabled: false), Is.True);
        Assert.That((await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow())).IsDisabled, Is.False);
    }

    [Test]
    public async Task Deleted_user_is_gone_and_unknown_users_cannot_be_changed()
    {
        await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow());

        Assert.That(await Host.Users.DeleteAsync("github", "583231"), Is.True);
        Assert.That(await Host.Users.FindAsync("github", "583231"), Is.Null);
        Assert.That(await Host.Users.DeleteAsync("github", "583231"), Is.False);
        Assert.That(await Host.Users.SetDisabledAsync("github", "583231", disabled: true), Is.False);
    }

    [Test]
    public async Task Two_hundred_parallel_first_sign_ins_of_one_identity_create_exactly_one_user()
    {
        var signedInAt = Time.GetUtcNow();

        var records = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Host.Users.UpsertAsync(TestUsers.Octocat(name: "Octocat " + i), signedInAt))));

        Assert.That(await CountUsersAsync(), Is.EqualTo(1));
        Assert.That(records.Select(r => r.CreatedAt).Distinct(), Is.EqualTo(new[] { signedInAt }));
        Assert.That(records.Select(r => r.User.Name), Is.Unique);
    }

    // ---- pending sign-ins ----------------------------------------------------------------------

    [Test]
    public async Task Saved_sign_in_is_taken_exactly_once_with_every_field()
    {
        var state = TestUsers.State("k1", Time.GetUtcNow().AddMinutes(10));
        var noPkce = TestUsers.State("k2", Time.GetUtcNow().AddMinutes(10), verifier: null);
        await Host.States.SaveAsync(state);
        await Host.States.SaveAsync(noPkce);

        Assert.That(await Host.States.TakeAsync("k1"), Is.EqualTo(state));
        Assert.That(await Host.States.TakeAsync("k1"), Is.Null);
        Assert.That(await Host.States.TakeAsync("k2"), Is.EqualTo(noPkce));
    }

    [Test]
    public async Task Unknown_sign_in_cannot_be_taken()
    {
        await Host.States.SaveAsync(TestUsers.State("k1", Time.GetUtcNow().AddMinutes(10)));

        Assert.That(await Host.States.TakeAsync("other"), Is.Null);
    }

    [Test]
    public async Task Saving_a_sign_in_again_replaces_it()
    {
        await Host.States.SaveAsync(TestUsers.State("k1", Time.GetUtcNow().AddMinutes(10)));
        var replacement = TestUsers.State("k1", Time.GetUtcNow().AddMinutes(5)) with { ReturnPath = "/other" };
        await Host.States.SaveAsync(replacement);

        Assert.That(await Host.States.TakeAsync("k1"), Is.EqualTo(replacement));
    }

    [Test]
    public async Task Expired_sign_in_is_still_returned_so_the_flow_can_say_it_expired()
    {
        var state = TestUsers.State("k1", Time.GetUtcNow().AddMinutes(10));
        await Host.States.SaveAsync(state);
        Time.Advance(TimeSpan.FromMinutes(11));

        Assert.That(await Host.States.TakeAsync("k1"), Is.EqualTo(state));
    }

    [Test]
    public async Task Purge_deletes_only_expired_sign_ins()
    {
        await Host.States.SaveAsync(TestUsers.State("old", Time.GetUtcNow().AddMinutes(1)));
        await Host.States.SaveAsync(TestUsers.State("new", Time.GetUtcNow().AddMinutes(20)));
        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.That(await Host.States.PurgeExpiredAsync(Time.GetUtcNow()), Is.EqualTo(1));
        Assert.That(await Host.States.TakeAsync("old"), Is.Null);
        Assert.That(await Host.States.TakeAsync("new"), Is.Not.Null);
    }

    [Test]
    public async Task One_hundred_parallel_takes_of_one_sign_in_have_exactly_one_winner()
    {
        await Host.States.SaveAsync(TestUsers.State("contested", Time.GetUtcNow().AddMinutes(10)));

        var taken = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Host.States.TakeAsync("contested"))));

        Assert.That(taken.Count(s => s is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task One_hundred_parallel_completions_of_one_sign_in_give_exactly_one_token()
    {
        var start = await Host.Flow.BeginAsync("/");
        var callback = StoreHost.CallbackFor(start);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Host.Flow.CompleteAsync(callback))));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.FailureReason).Distinct(), Is.EqualTo(new[] { SignInFailures.InvalidState }));
    }

    // ---- revocations ---------------------------------------------------------------------------

    [Test]
    public async Task Revoked_token_is_refused_and_other_tokens_are_not()
    {
        await Host.Revocations.RevokeTokenAsync("jti-1", Time.GetUtcNow().AddHours(1));

        Assert.That(await Host.Revocations.IsRevokedAsync(Check("jti-1", Time.GetUtcNow())), Is.True);
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("jti-2", Time.GetUtcNow())), Is.False);
    }

    [Test]
    public async Task User_revocation_covers_tokens_issued_until_then_and_not_later_ones()
    {
        var revokedAt = Time.GetUtcNow();
        await Host.Revocations.RevokeUserAsync("github", "583231", revokedAt, revokedAt.AddHours(1));

        Assert.That(await Host.Revocations.IsRevokedAsync(Check("a", revokedAt.AddMinutes(-5))), Is.True);
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("b", revokedAt)), Is.True);
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("c", revokedAt.AddSeconds(1))), Is.False);
        Assert.That(await Host.Revocations.IsRevokedAsync(new RevocationCheck("d", "github", "1", revokedAt)), Is.False);
    }

    [Test]
    public async Task Later_user_revocation_widens_the_earlier_one()
    {
        var first = Time.GetUtcNow();
        await Host.Revocations.RevokeUserAsync("github", "583231", first, first.AddHours(1));
        await Host.Revocations.RevokeUserAsync("github", "583231", first.AddMinutes(10), first.AddHours(2));

        Assert.That(await Host.Revocations.IsRevokedAsync(Check("a", first.AddMinutes(5))), Is.True);
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("b", first.AddMinutes(11))), Is.False);
    }

    [Test]
    public async Task Purge_deletes_revocations_past_their_tokens_expiry_only()
    {
        var now = Time.GetUtcNow();
        await Host.Revocations.RevokeTokenAsync("short", now.AddMinutes(1));
        await Host.Revocations.RevokeUserAsync("github", "1", now, now.AddMinutes(1));
        await Host.Revocations.RevokeTokenAsync("long", now.AddHours(2));
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(await Host.Revocations.PurgeExpiredAsync(Time.GetUtcNow()), Is.EqualTo(2));
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("long", now)), Is.True);
        Assert.That(await Host.Revocations.PurgeExpiredAsync(Time.GetUtcNow()), Is.EqualTo(0));
    }

    // ---- through the login flow ------------------------------------------------------------------

    [Test]
    public async Task Sign_in_stores_the_user_and_its_token_validates_until_signed_out()
    {
        var result = await Host.SignInAsync();
        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(await Host.Users.FindAsync("none", result.User!.Id), Is.Not.Null);

        var validated = await Host.Tokens.ValidateAsync(result.Token!.Token);
        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);

        await Host.Tokens.RevokeAsync(validated);
        var after = await Host.Tokens.ValidateAsync(result.Token.Token);
        Assert.That(after.Rejection, Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task Disabled_user_loses_tokens_and_cannot_sign_in()
    {
        var result = await Host.SignInAsync();
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(await Host.Manager.DisableAsync("none", result.User!.Id), Is.True);

        Assert.That((await Host.Tokens.ValidateAsync(result.Token!.Token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        var again = await Host.Flow.CompleteAsync(StoreHost.CallbackFor(await Host.Flow.BeginAsync("/")));
        Assert.That(again.FailureReason, Is.EqualTo(SignInFailures.UserDisabled));
    }

    protected static RevocationCheck Check(string tokenId, DateTimeOffset issuedAt) => new(tokenId, "github", "583231", issuedAt);

    /// <summary>A new instance on the same storage as <see cref="Host"/> (disposed after the test).</summary>
    protected StoreHost NewHost(TimeProvider? time = null)
    {
        var host = StoreHost.Create(UseStores, time ?? Time);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Registers the stores under test.</summary>
    protected abstract void UseStores(StudioAuthBuilder builder);

    /// <summary>The number of user rows (not what the store says, what is really there).</summary>
    protected abstract Task<long> CountUsersAsync();

    /// <summary>Creates fresh storage for one test.</summary>
    protected virtual Task PrepareStorageAsync() => Task.CompletedTask;

    /// <summary>Removes the test's storage.</summary>
    protected virtual Task DropStorageAsync() => Task.CompletedTask;
}
