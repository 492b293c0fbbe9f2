using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Studio.Auth.Configuration;
using Studio.Auth.Login;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.Stores.Tests.Support;

/// <summary>
/// One "instance" of an app using Studio.Auth: a service provider with the stores under test, the
/// real login flow and token service, and (when started) the stores' hosted services.
/// </summary>
public sealed class StoreHost : IAsyncDisposable
{
    public const string Secret = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";

    private readonly ServiceProvider _provider;
    private List<IHostedService>? _started;

    private StoreHost(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    public IUserStore Users => _provider.GetRequiredService<IUserStore>();

    public ILoginStateStore States => _provider.GetRequiredService<ILoginStateStore>();

    public IRevocationStore Revocations => _provider.GetRequiredService<IRevocationStore>();

    public LoginFlow Flow => _provider.GetRequiredService<LoginFlow>();

    public ITokenService Tokens => _provider.GetRequiredService<ITokenService>();

    public StudioUserManager Manager => _provider.GetRequiredService<StudioUserManager>();

    public static StoreHost Create(Action<StudioAuthBuilder> useStores, TimeProvider time, Action<StudioAuthOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new TestContextLoggerProvider()));
        services.AddSingleton(time);
        var builder = services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.JwtSecret = Secret;
            configure?.Invoke(o);
        });
        useStores(builder);
        return new StoreHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    /// <summary>Starts the hosted services (migrations, index load, listeners, purge), as a host would.</summary>
    public async Task<StoreHost> StartAsync()
    {
        _started = [];
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }

        return this;
    }

    /// <summary>Signs the guest in through the real login flow (begin, then the callback).</summary>
    public async Task<SignInResult> SignInAsync()
    {
        var start = await Flow.BeginAsync("/");
        Assert.That(start.Succeeded, Is.True, start.FailureReason);
        return await Flow.CompleteAsync(CallbackFor(start));
    }

    /// <summary>The callback the provider would send for <paramref name="start"/> (the guest provider's URL carries code and state).</summary>
    public static SignInCallback CallbackFor(SignInStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var query = System.Web.HttpUtility.ParseQueryString(start.LoginUrl!.OriginalString.Split('?')[1]);
        return new SignInCallback(query["code"], query["state"], start.BrowserBinding);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started is not null)
        {
            foreach (var service in Enumerable.Reverse(_started))
            {
                await service.StopAsync(CancellationToken.None);
            }
        }

        await _provider.DisposeAsync();
    }
}
