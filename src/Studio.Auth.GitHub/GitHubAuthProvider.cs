using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.GitHub.Internal;
using Studio.Auth.Providers;
using static Studio.Auth.GitHub.GitHubAuthenticationConstants;

namespace Studio.Auth.GitHub;

/// <summary>
/// Sign-in with a GitHub OAuth App, on Octokit. The core flow supplies state and PKCE; this class builds the sign-in
/// URL and turns the callback's code into an identity: code exchange (strict about GitHub's 200-with-error answers),
/// <c>GET /user</c> (the numeric id is the key), the verified primary e-mail, the allow-lists and the <c>admin</c>
/// mapping, then <see cref="GitHubAuthEvents.OnSigningIn"/>. Every call is bounded by <c>timeout_seconds</c>; every
/// failure is a result with a reason code. The GitHub access token is dropped afterwards unless the host keeps it
/// through the event — it is never logged and never put in the session token.
/// </summary>
/// <remarks>Registered by <c>AddGitHub()</c>; selected with <c>type: github</c>.</remarks>
public sealed class GitHubAuthProvider : AuthProviderBase, IDisposable
{
    private readonly GitHubAuthOptions _options;
    private readonly ILogger _logger;
    private readonly GitHubBackchannel _backchannel;
    private readonly GitHubCodeExchange _exchange;
    private readonly GitHubProfileReader _profiles;
    private readonly GitHubAccessPolicy _policy;

    /// <summary>Created by dependency injection.</summary>
    public GitHubAuthProvider(IOptions<GitHubAuthOptions> options, TimeProvider time, ILogger<GitHubAuthProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        var timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        var caller = new GitHubCaller(time, timeout);
        _backchannel = new GitHubBackchannel(GitHubEndpoints.From(_options), timeout);
        _exchange = new GitHubCodeExchange(_options, _backchannel, caller, logger);
        _profiles = new GitHubProfileReader(caller, logger);
        _policy = new GitHubAccessPolicy(_options, caller, logger);
    }

    /// <summary>The configured <c>callback_url</c> (GitHub's <c>redirect_uri</c>); hosts trust its origin by default.</summary>
    public override Uri? CallbackUrl => Uri.TryCreate(_options.CallbackUrl, UriKind.Absolute, out var url) ? url : null;

    /// <inheritdoc/>
    protected override Uri BuildSignInUrl(SignInUrlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GitHubSignInUrl.Build(_backchannel.OAuth, _options, context);
    }

    /// <inheritdoc/>
    protected override async Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (grant, refused) = await _exchange.ExchangeAsync(context.Code, context.CodeVerifier, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var client = _backchannel.AsUser(grant!.AccessToken);
        var (user, unreadable) = await _profiles.ReadAsync(client, ReadsEmails(grant.Scopes), cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var (roles, denied) = await _policy.DecideAsync(client, user!, cancellationToken).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        var signingIn = new GitHubSigningInContext(user!, grant.AccessToken, grant.Scopes, client, roles!.ToList(), cancellationToken);
        await _options.Events.SigningInAsync(signingIn).ConfigureAwait(false);
        if (signingIn.DeniedReason is { } reason)
        {
            GitHubLog.DeniedByHost(_logger, user!.Id, reason);
            return ExternalIdentityResult.Failure(reason, SignInFailureKind.Denied, signingIn.DeniedDescription ?? "The sign-in was refused.");
        }

        return ExternalIdentityResult.Success(new ExternalIdentity
        {
            Id = user!.Id.ToString(CultureInfo.InvariantCulture),
            Name = user.Name ?? user.Login,
            Email = user.Email,
            AvatarUrl = user.AvatarUrl,
            UserName = user.Login,
            Roles = signingIn.Roles.ToArray(),
        });
    }

    /// <summary>Releases the HTTP connections to GitHub.</summary>
    public void Dispose() => _backchannel.Dispose();

    // The e-mail list needs user:email (or user). GitHub reports the granted scopes; without that, trust the request.
    private bool ReadsEmails(IReadOnlyList<string> granted)
    {
        IEnumerable<string> scopes = granted.Count > 0 ? granted : _options.Scopes;
        return scopes.Any(s => s is Scopes.UserEmail or Scopes.User);
    }
}
