using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Configuration;
using Studio.Auth.Login;

namespace Studio.Auth.Tests.Support;

/// <summary>A container with the counting provider as type "counting", a fake clock and captured logs.</summary>
internal sealed class LoginHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public LoginHarness(Action<StudioAuthOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(Time);
        services?.Invoke(collection);
        collection.AddStudioAuth(o =>
        {
            o.Type = "counting";
            o.JwtSecret = TestSecrets.Current;
            configure?.Invoke(o);
        }).AddProvider<CountingProvider>("counting");
        Services = collection.BuildServiceProvider();
        Flow = Services.GetRequiredService<LoginFlow>();
        Provider = Services.GetRequiredService<CountingProvider>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    public LoginFlow Flow { get; }

    public CountingProvider Provider { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Begins a sign-in and returns it with the state the provider was given.</summary>
    public async Task<(SignInStart Start, string State)> BeginAsync(string? returnPath = "/")
    {
        var start = await Flow.BeginAsync(returnPath);
        Assert.That(start.Succeeded, Is.True, start.FailureReason);
        var state = QueryHelpers.ParseQuery(start.LoginUrl!.Query)["state"].ToString();
        return (start, state);
    }

    /// <summary>Begins and completes a sign-in for the person the code names.</summary>
    public async Task<SignInResult> SignInAsync(string code = "person-7", string? returnPath = "/")
    {
        var (start, state) = await BeginAsync(returnPath);
        return await Flow.CompleteAsync(new SignInCallback(code, state, start.BrowserBinding));
    }

    public void Dispose() => Services.Dispose();
}
