using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Login;
using Studio.Auth.PostgreSql;
using Studio.Auth.Stores.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Stores.Tests.PostgreSql;

/// <summary>
/// Several instances on one PostgreSQL schema, with their background services running on the real
/// clock: notifications, reconnects, concurrent start-up.
/// </summary>
[TestFixture]
public sealed class PostgreSqlInstancesTests
{
    private readonly List<StoreHost> _hosts = [];
    private LoopbackProxy _proxy = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public void StartProxy()
    {
        PostgreSqlTestDatabase.RequireServer();
        _proxy = PostgreSqlTestDatabase.NewProxy();
    }

    [OneTimeTearDown]
    public async Task StopProxyAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [SetUp]
    public void NewSchema() => _schema = PostgreSqlTestDatabase.NewSchema();

    [TearDown]
    public async Task DisposeAsync()
    {
        _proxy.Restore();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        await PostgreSqlTestDatabase.DropSchemaAsync(_schema);
    }

    [Test]
    public async Task Sign_out_on_one_instance_reaches_a_listening_instance_by_notification()
    {
        var a = await NewHost(direct: true).StartAsync();
        var b = await NewHost(direct: true).StartAsync();
        var token = (await a.SignInAsync()).Token!.Token;
        Assert.That((await b.Tokens.ValidateAsync(token)).IsValid, Is.True);

        await a.Tokens.RevokeAsync(await a.Tokens.ValidateAsync(token));

        // The catch-up read runs every 10 minutes here, so only the notification can be this fast.
        var took = await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(token)).Rejection == TokenRejection.Revoked,
            TimeSpan.FromSeconds(10),
            "instance B refuses the token signed out on A");
        TestContext.Out.WriteLine($"B refused the token {took.TotalMilliseconds:F0} ms after A's sign-out");
    }

    [Test]
    public async Task Disabling_a_user_on_one_instance_reaches_a_listening_instance()
    {
        var a = await NewHost(direct: true).StartAsync();
        var b = await NewHost(direct: true).StartAsync();
        var signedIn = await a.SignInAsync();

        await a.Manager.DisableAsync("none", signedIn.User!.Id);

        await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(signedIn.Token!.Token)).Rejection == TokenRejection.Revoked,
            TimeSpan.FromSeconds(10),
            "instance B refuses the disabled user's token");
    }

    [Test]
    public async Task Listener_that_lost_its_connection_catches_up_after_reconnecting()
    {
        var a = await NewHost(direct: true).StartAsync();
        var b = await NewHost(direct: false).StartAsync();
        var token = (await a.SignInAsync()).Token!.Token;
        Assert.That((await b.Tokens.ValidateAsync(token)).IsValid, Is.True);

        _proxy.Cut();
        await a.Tokens.RevokeAsync(await a.Tokens.ValidateAsync(token));
        Assert.That((await b.Tokens.ValidateAsync(token)).IsValid, Is.True, "B cannot know yet: its connection is down");
        _proxy.Restore();

        await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(token)).Rejection == TokenRejection.Revoked,
            TimeSpan.FromSeconds(20),
            "B reconnects, catches up and refuses the token");
    }

    [Test]
    public async Task After_a_long_outage_a_listener_reconnects_within_a_poll_interval_rather_than_after_the_whole_back_off()
    {
        var a = await NewHost(direct: true).StartAsync();
        var b = await NewHost(direct: false, o =>
        {
            o.RevocationPollInterval = TimeSpan.FromMilliseconds(500);
            o.MaxReconnectDelay = TimeSpan.FromHours(1);
        }).StartAsync();
        var token = (await a.SignInAsync()).Token!.Token;
        Assert.That((await b.Tokens.ValidateAsync(token)).IsValid, Is.True);

        // Doubling from 0.25 s, B's attempts would fall at about 0.25, 0.75, 1.75, 3.75, 7.75 and then 15.75 s:
        // after 8 s down, a sign-out made once the database is back would reach B only ~8 s later.
        _proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(8));
        _proxy.Restore();
        await a.Tokens.RevokeAsync(await a.Tokens.ValidateAsync(token));

        var took = await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(token)).Rejection == TokenRejection.Revoked,
            TimeSpan.FromSeconds(5),
            "B retries at least once per poll interval, reconnects and refuses the token");
        TestContext.Out.WriteLine($"B refused the token {took.TotalMilliseconds:F0} ms after the sign-out that followed the outage");
    }

    [Test]
    public async Task Instance_started_while_the_database_is_down_refuses_tokens_until_it_can_read_revocations()
    {
        var a = await NewHost(direct: true).StartAsync();
        var token = (await a.SignInAsync()).Token!.Token;

        _proxy.Cut();
        var b = await NewHost(direct: false).StartAsync();
        Assert.That((await b.Tokens.ValidateAsync(token)).Rejection, Is.EqualTo(TokenRejection.Revoked), "fail closed: revocations unknown");
        Assert.That((await b.Flow.BeginAsync("/")).FailureReason, Is.EqualTo(SignInFailures.StoreUnavailable));
        _proxy.Restore();

        await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(token)).IsValid,
            TimeSpan.FromSeconds(20),
            "B loads the revocation index once the database is reachable");
    }

    [Test]
    public async Task Instances_starting_together_migrate_the_schema_once()
    {
        var hosts = Enumerable.Range(0, 4).Select(_ => NewHost(direct: true)).ToList();

        await Task.WhenAll(hosts.Select(h => Task.Run(h.StartAsync)));

        var versions = await PostgreSqlTestDatabase.ScalarAsync($"SELECT array_agg(version) FROM \"{_schema}\".schema_version;");
        Assert.That(versions, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Parallel_first_sign_ins_on_two_instances_create_exactly_one_user()
    {
        var a = NewHost(direct: true);
        var b = NewHost(direct: true);
        var user = TestUsers.Octocat();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).Users.UpsertAsync(user, DateTimeOffset.UtcNow))));

        Assert.That(await PostgreSqlTestDatabase.ScalarAsync($"SELECT COUNT(*) FROM \"{_schema}\".users;"), Is.EqualTo(1L));
    }

    [Test]
    public async Task One_hundred_parallel_completions_on_two_instances_give_exactly_one_token()
    {
        var a = NewHost(direct: true);
        var b = NewHost(direct: true);
        var callback = StoreHost.CallbackFor(await a.Flow.BeginAsync("/"));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).Flow.CompleteAsync(callback))));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
    }

    private StoreHost NewHost(bool direct, Action<PostgreSqlStoreOptions>? configure = null)
    {
        var connectionString = direct ? PostgreSqlTestDatabase.Direct : PostgreSqlTestDatabase.Through(_proxy);
        var host = StoreHost.Create(
            b => b.UsePostgreSqlStores(connectionString, o =>
            {
                o.Schema = _schema;
                o.RevocationPollInterval = TimeSpan.FromMinutes(10);
                o.MaxReconnectDelay = TimeSpan.FromMilliseconds(200);
                configure?.Invoke(o);
            }),
            TimeProvider.System);
        _hosts.Add(host);
        return host;
    }
}
