using Studio.Auth.Providers;

namespace Studio.Auth.Tests.Support;

/// <summary>
/// A provider that counts how often the flow reaches it. The code names the person who signed in
/// ("person-7" → id "7"); "deny" is refused, "throw" throws, "slow" waits for the test to release it.
/// </summary>
internal sealed class CountingProvider : AuthProviderBase
{
    private int _exchanges;

    public int Exchanges => Volatile.Read(ref _exchanges);

    public string? LastVerifier { get; private set; }

    public string? LastChallenge { get; private set; }

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Reshapes the identity returned for a code, to imitate a provider's odd answers.</summary>
    public Func<ExternalIdentity, ExternalIdentity>? Shape { get; set; }

    protected internal override Uri BuildSignInUrl(SignInUrlContext context)
    {
        LastChallenge = context.CodeChallenge;
        return new Uri($"https://counting.example/authorize?state={context.State}&code_challenge={context.CodeChallenge}&code_challenge_method=S256");
    }

    protected internal override async Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _exchanges);
        LastVerifier = context.CodeVerifier;
        switch (context.Code)
        {
            case "deny":
                return ExternalIdentityResult.Failure("access_denied_by_counting", SignInFailureKind.Denied, "no");
            case "throw":
                throw new InvalidOperationException("the provider broke");
            case "slow":
                await Gate.Task.WaitAsync(cancellationToken);
                break;
        }

        var id = context.Code.StartsWith("person-", StringComparison.Ordinal) ? context.Code["person-".Length..] : context.Code;
        var identity = new ExternalIdentity
        {
            Id = id,
            Name = "Person " + id,
            Email = id + "@counting.example",
            Roles = Roles,
        };
        return ExternalIdentityResult.Success(Shape?.Invoke(identity) ?? identity);
    }
}
