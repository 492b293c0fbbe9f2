using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Stores.Tests.Contract;

/// <summary>
/// What a store that keeps data in a database must do on top of the contract: survive restarts,
/// share state between instances, migrate its schema, purge, and fail safely when the database is
/// out of reach. Runs unchanged against SQLite and PostgreSQL.
/// </summary>
public abstract class DurableStoreContractTests : StoreContractTests
{
    /// <summary>The purge interval the fixtures configure.</summary>
    protected static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Users_sign_ins_and_revocations_survive_a_restart()
    {
        var now = Time.GetUtcNow();
        await Host.Users.UpsertAsync(TestUsers.Octocat(), now);
        await Host.States.SaveAsync(TestUsers.State("pending", now.AddMinutes(10)));
        await Host.Revocations.RevokeTokenAsync("jti-1", now.AddHours(1));
        await Host.Revocations.RevokeUserAsync("github", "42", now, now.AddHours(1));
        await Host.DisposeAsync();

        var restarted = await NewHost().StartAsync();

        Assert.That((await restarted.Users.FindAsync("github", "583231"))?.User, Is.EqualTo(TestUsers.Octocat()));
        Assert.That(await restarted.States.TakeAsync("pending"), Is.EqualTo(TestUsers.State("pending", now.AddMinutes(10))));
        Assert.That(await restarted.Revocations.IsRevokedAsync(Check("jti-1", now)), Is.True);
        Assert.That(await restarted.Revocations.IsRevokedAsync(new RevocationCheck("x", "github", "42", now)), Is.True);
        Assert.That(await restarted.Revocations.IsRevokedAsync(Check("jti-2", now)), Is.False);
    }

    [Test]
    public async Task Sign_in_begun_on_one_instance_completes_on_another_whose_token_works_on_the_first()
    {
        var other = NewHost();

        var start = await Host.Flow.BeginAsync("/teams");
        var result = await other.Flow.CompleteAsync(StoreHost.CallbackFor(start));

        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(result.ReturnPath, Is.EqualTo("/teams"));
        Assert.That((await Host.Tokens.ValidateAsync(result.Token!.Token)).IsValid, Is.True);
        Assert.That(await Host.Users.FindAsync("none", result.User!.Id), Is.Not.Null);
    }

    [Test]
    public async Task Sign_out_on_one_instance_is_refused_by_another_once_it_catches_up()
    {
        var other = NewHost();
        var result = await Host.SignInAsync();
        Assert.That((await other.Tokens.ValidateAsync(result.Token!.Token)).IsValid, Is.True);

        await Host.Tokens.RevokeAsync(await Host.Tokens.ValidateAsync(result.Token.Token));
        await CatchUpAsync(other);

        Assert.That((await other.Tokens.ValidateAsync(result.Token.Token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task Migrations_are_recorded_once_per_version_across_restarts()
    {
        await Host.StartAsync();
        await NewHost().StartAsync();

        Assert.That(await SchemaVersionsAsync(), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Rerunning_every_migration_step_changes_nothing()
    {
        await Host.Users.UpsertAsync(TestUsers.Octocat(), Time.GetUtcNow());

        await RerunMigrationsAsync();

        Assert.That(await SchemaVersionsAsync(), Is.EqualTo(new[] { 1 }));
        Assert.That((await NewHost().Users.FindAsync("github", "583231"))?.User, Is.EqualTo(TestUsers.Octocat()));
    }

    [Test]
    public async Task A_schema_newer_than_the_package_stops_start_up()
    {
        await Host.StartAsync();
        await RecordSchemaVersionAsync(999);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => NewHost().StartAsync());

        Assert.That(ex!.Message, Does.Contain("schema version 999").And.Contain("newer"));
    }

    [Test]
    public async Task Start_up_loads_the_revocation_index_so_checks_never_wait_on_the_database()
    {
        var now = Time.GetUtcNow();
        await Host.Revocations.RevokeTokenAsync("jti-1", now.AddHours(1));
        var started = await NewHost().StartAsync();

        await MakeUnavailableAsync();
        try
        {
            var check = started.Revocations.IsRevokedAsync(Check("jti-1", now));
            var other = started.Revocations.IsRevokedAsync(Check("jti-2", now));

            Assert.That(check.IsCompletedSuccessfully && other.IsCompletedSuccessfully, Is.True, "answered synchronously from memory");
            Assert.That(await check, Is.True);
            Assert.That(await other, Is.False);
        }
        finally
        {
            await MakeAvailableAsync();
        }
    }

    [Test]
    public async Task Unreachable_database_fails_sign_in_with_store_unavailable_and_loses_nothing()
    {
        await Host.StartAsync();
        var signedIn = await Host.SignInAsync();
        var pending = await Host.Flow.BeginAsync("/later");

        await MakeUnavailableAsync();
        try
        {
            var begin = await Host.Flow.BeginAsync("/");
            var complete = await Host.Flow.CompleteAsync(StoreHost.CallbackFor(pending));
            var validated = await Host.Tokens.ValidateAsync(signedIn.Token!.Token);

            Assert.That(begin.FailureReason, Is.EqualTo(SignInFailures.StoreUnavailable));
            Assert.That(complete.FailureReason, Is.EqualTo(SignInFailures.StoreUnavailable));
            Assert.That(complete.FailureKind, Is.EqualTo(SignInFailureKind.Unavailable));
            Assert.That(validated.IsValid, Is.True, "tokens already issued keep validating");
        }
        finally
        {
            await MakeAvailableAsync();
        }

        var resumed = await RetryWhileUnavailableAsync(() => Host.Flow.CompleteAsync(StoreHost.CallbackFor(pending)));
        Assert.That(resumed.Succeeded, Is.True, resumed.FailureReason);
        Assert.That(resumed.ReturnPath, Is.EqualTo("/later"));
        Assert.That(await CountUsersAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Sign_out_during_an_outage_applies_at_once_and_is_written_when_the_database_is_back()
    {
        await Host.StartAsync();
        var signedIn = await Host.SignInAsync();
        var token = await Host.Tokens.ValidateAsync(signedIn.Token!.Token);

        await MakeUnavailableAsync();
        try
        {
            await Host.Tokens.RevokeAsync(token);
            Assert.That((await Host.Tokens.ValidateAsync(signedIn.Token.Token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        }
        finally
        {
            await MakeAvailableAsync();
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await CatchUpAsync(Host);
                    return true;
                }
                catch (StoreUnavailableException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "the queued revocation is written");
        var restarted = await NewHost().StartAsync();
        Assert.That((await restarted.Tokens.ValidateAsync(signedIn.Token.Token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task The_purge_service_deletes_expired_sign_ins_and_revocations_every_interval()
    {
        await Host.StartAsync();
        var now = Time.GetUtcNow();
        await Host.States.SaveAsync(TestUsers.State("expiring", now.AddSeconds(30)));
        await Host.Revocations.RevokeTokenAsync("expiring", now.AddSeconds(30));
        await Host.Revocations.RevokeTokenAsync("staying", now.AddHours(1));

        Time.Advance(PurgeInterval);

        await Eventually.HoldsAsync(
            async () => await CountRowsAsync("login_states") == 0 && await CountRowsAsync("revocations") == 1,
            TimeSpan.FromSeconds(30),
            "expired rows are purged");
        Assert.That(await Host.Revocations.IsRevokedAsync(Check("staying", now)), Is.True);
    }

    protected override Task<long> CountUsersAsync() => CountRowsAsync("users");

    /// <summary>Counts the rows of a table, straight from the database.</summary>
    protected abstract Task<long> CountRowsAsync(string table);

    /// <summary>The versions recorded in <c>schema_version</c>, in order.</summary>
    protected abstract Task<int[]> SchemaVersionsAsync();

    /// <summary>Records a schema version as a newer package would.</summary>
    protected abstract Task RecordSchemaVersionAsync(int version);

    /// <summary>Runs every migration step's SQL again on the migrated database.</summary>
    protected abstract Task RerunMigrationsAsync();

    /// <summary>Cuts the stores off from the database (as an outage would).</summary>
    protected abstract Task MakeUnavailableAsync();

    /// <summary>Ends the outage.</summary>
    protected abstract Task MakeAvailableAsync();

    /// <summary>Lets <paramref name="host"/>'s revocation index catch up (what its background loop does).</summary>
    protected abstract Task CatchUpAsync(StoreHost host);

    // Right after an outage a pooled connection may still fail once; the next attempt succeeds.
    private static async Task<SignInResult> RetryWhileUnavailableAsync(Func<Task<SignInResult>> attempt)
    {
        for (var i = 0; ; i++)
        {
            var result = await attempt();
            if (result.FailureReason != SignInFailures.StoreUnavailable || i == 20)
            {
                return result;
            }

            await Task.Delay(100);
        }
    }
}
