using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Providers;

namespace Studio.Auth.Tests.Support;

/// <summary>
/// The github block as AutoGen Studio documents it. The real provider lives in Studio.Auth.GitHub;
/// this stand-in lets the core's loader be tested against AutoGen Studio's file on its own.
/// </summary>
internal sealed class GitHubStandInOptions : IValidatableAuthOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? CallbackUrl { get; set; }

    public IList<string> Scopes { get; set; } = ["user:email"];

    public void Validate(AuthConfigProblems problems)
    {
        problems.Require("client_id", ClientId);
        problems.Require("client_secret", ClientSecret);
        problems.RequireWebUrl("callback_url", CallbackUrl);
    }
}

internal sealed class GitHubStandInProvider(IOptions<GitHubStandInOptions> options) : AuthProviderBase
{
    public GitHubStandInOptions Options => options.Value;

    protected internal override Uri BuildSignInUrl(SignInUrlContext context) =>
        new("https://github.com/login/oauth/authorize?client_id=" + Uri.EscapeDataString(options.Value.ClientId!) + "&state=" + context.State);

    protected internal override Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ExternalIdentityResult.Failure("not_implemented_in_stand_in"));
}

internal static class GitHubStandInExtensions
{
    public static StudioAuthBuilder AddGitHubStandIn(this StudioAuthBuilder builder) =>
        builder.AddProvider<GitHubStandInProvider, GitHubStandInOptions>("github");
}
