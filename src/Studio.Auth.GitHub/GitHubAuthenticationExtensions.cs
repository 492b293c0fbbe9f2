using Studio.Auth.GitHub;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GitHub sign-in with Studio.Auth.</summary>
public static class GitHubAuthenticationExtensions
{
    /// <summary>
    /// Adds the <c>github</c> provider: <c>type: github</c> selects it and the <c>github:</c> block of <c>auth.yaml</c>
    /// configures it. Uses the same door as any third-party provider
    /// (<see cref="StudioAuthBuilder.AddProvider{TProvider, TOptions}(string, Action{TOptions}?)"/>). Idempotent.
    /// </summary>
    public static StudioAuthBuilder AddGitHub(this StudioAuthBuilder builder) => builder.AddGitHub(configure: null);

    /// <summary>
    /// Adds the <c>github</c> provider and adjusts its options in code after the <c>github:</c> block is applied
    /// (for example to set <see cref="GitHubAuthOptions.Events"/>). Validation still runs on the result.
    /// </summary>
    public static StudioAuthBuilder AddGitHub(this StudioAuthBuilder builder, Action<GitHubAuthOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProvider<GitHubAuthProvider, GitHubAuthOptions>(GitHubAuthenticationDefaults.ProviderType, configure);
    }
}
