// Usage: Studio.Auth.Stores.CrashHost <database file>
// Signs users in (new and returning), saves and takes sign-in states and revokes tokens on four
// parallel workers until killed. After each sign-in commits it prints "committed <id>".
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Studio.Auth;
using Studio.Auth.Stores;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Studio.Auth.Stores.CrashHost <database file>");
    return 2;
}

var services = new ServiceCollection().AddLogging();
services.AddStudioAuth(o =>
{
    o.Type = "none";
    o.JwtSecret = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";
}).UseSqliteStores(args[0]);
await using var provider = services.BuildServiceProvider();
foreach (var hosted in provider.GetServices<IHostedService>())
{
    await hosted.StartAsync(CancellationToken.None);
}

var users = provider.GetRequiredService<IUserStore>();
var states = provider.GetRequiredService<ILoginStateStore>();
var revocations = provider.GetRequiredService<IRevocationStore>();
var output = TextWriter.Synchronized(Console.Out);
var next = 0;

output.WriteLine("ready");
output.Flush();
await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
{
    while (true)
    {
        var n = Interlocked.Increment(ref next);
        var id = (n % 3 == 0 ? n / 2 : n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = "User " + id + " " + new string('x', n % 200);
        var now = DateTimeOffset.UtcNow;
        await users.UpsertAsync(new StudioUser(id, name, $"u{id}@example.com", "https://example.com/a.png", "github", ["user", "member"]), now);
        output.WriteLine($"committed {id}");
        output.Flush();
        var key = "state-" + n;
        await states.SaveAsync(new LoginState(key, "github", "verifier", "binding", "/", now.AddMinutes(10)));
        await states.TakeAsync(key);
        await revocations.RevokeTokenAsync("jti-" + n, now.AddHours(1));
    }
})));
return 0;
