using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Octokit;
using Studio.Auth.Providers;
using static Studio.Auth.GitHub.GitHubAuthenticationConstants;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Turns a callback's code (and the PKCE verifier) into an access token. Strict: GitHub reports errors with HTTP 200
/// and an <c>error</c> field, so every answer is checked — an error (JSON or form-encoded), a non-2xx status, a missing
/// <c>access_token</c> or a <c>token_type</c> other than <c>bearer</c> is a failure carrying GitHub's code, and the
/// sign-in stops before any user call.
/// </summary>
internal sealed partial class GitHubCodeExchange(GitHubAuthOptions options, GitHubBackchannel backchannel, GitHubCaller caller, ILogger logger)
{
    private const string Step = "code exchange";

    public async Task<(GitHubAccessGrant? Grant, ExternalIdentityResult? Failure)> ExchangeAsync(string code, string? codeVerifier, CancellationToken cancellationToken)
    {
        var request = new PkceOauthTokenRequest(options.ClientId!, options.ClientSecret!, code)
        {
            RedirectUri = new Uri(options.CallbackUrl!),
            CodeVerifier = codeVerifier,
        };
        var connection = backchannel.Anonymous();

        // Not OauthClient.CreateAccessToken: it returns only the deserialised body, which is null for a form-encoded
        // answer, so GitHub's error code would be lost. The same POST through the connection keeps the raw response.
        var answer = await caller.SendAsync(
            async ct =>
            {
                using var body = new FormUrlEncodedContent(request.ToParametersDictionary());
                return await connection.Post<OauthToken>(ApiUrls.OauthAccessToken(), body, "application/json", null, backchannel.Endpoints.Web, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (answer.Error is { } error)
        {
            return (null, FromErrorStatus(error));
        }

        var response = answer.Value!;
        var fields = response.Body is { } token ? GitHubTokenAnswer.From(token) : GitHubTokenAnswer.Parse(response.HttpResponse);
        return fields is null
            ? (null, Failed(new GitHubCallError(GitHubErrorKind.BadResponse, (int)response.HttpResponse.StatusCode)))
            : Read(fields);
    }

    private (GitHubAccessGrant?, ExternalIdentityResult?) Read(GitHubTokenAnswer answer)
    {
        if (!string.IsNullOrEmpty(answer.Error))
        {
            return (null, Refused(answer.Error));
        }

        if (string.IsNullOrEmpty(answer.AccessToken))
        {
            GitHubLog.CallFailed(logger, Step, Failures.MissingAccessToken, 200);
            return (null, ExternalIdentityResult.Failure(Failures.MissingAccessToken, SignInFailureKind.Unavailable,
                "GitHub answered the code exchange without an access token."));
        }

        if (!string.Equals(answer.TokenType, "bearer", StringComparison.OrdinalIgnoreCase))
        {
            GitHubLog.CallFailed(logger, Step, Failures.UnsupportedTokenType, 200);
            return (null, ExternalIdentityResult.Failure(Failures.UnsupportedTokenType, SignInFailureKind.Unavailable,
                "GitHub answered the code exchange with a token type other than bearer."));
        }

        return (new GitHubAccessGrant(answer.AccessToken, answer.Scopes), null);
    }

    // A 4xx can still carry GitHub's error code in its body; 5xx, rate limits and timeouts are classified as such.
    private ExternalIdentityResult FromErrorStatus(GitHubCallError error)
    {
        if (error.Kind is GitHubErrorKind.BadResponse or GitHubErrorKind.Unauthorized or GitHubErrorKind.Forbidden or GitHubErrorKind.NotFound
            && error.Response is { } response
            && GitHubTokenAnswer.Parse(response) is { Error: { Length: > 0 } code })
        {
            return Refused(code);
        }

        return Failed(error);
    }

    private ExternalIdentityResult Failed(GitHubCallError error)
    {
        var failure = error.ToFailure(Step);
        GitHubLog.Failed(logger, Step, failure.FailureReason!, error);
        return failure;
    }

    private ExternalIdentityResult Refused(string error)
    {
        var code = ErrorCode().IsMatch(error) ? error : Failures.Error;
        switch (code)
        {
            case Failures.IncorrectClientCredentials or Failures.RedirectUriMismatch:
                GitHubLog.Misconfigured(logger, code);
                return ExternalIdentityResult.Failure(code, SignInFailureKind.Unavailable,
                    "GitHub refused this server's OAuth App settings (" + code + "); an administrator must check client_id, client_secret and callback_url.");
            case Failures.BadVerificationCode:
                GitHubLog.Refused(logger, code);
                return ExternalIdentityResult.Failure(code, SignInFailureKind.Denied, "The sign-in code is wrong, expired or already used; sign in again.");
            case Failures.UnverifiedUserEmail:
                GitHubLog.Refused(logger, code);
                return ExternalIdentityResult.Failure(code, SignInFailureKind.Denied, "GitHub requires a verified primary e-mail address on the account; verify it and sign in again.");
            default:
                GitHubLog.Refused(logger, code);
                return ExternalIdentityResult.Failure(code, SignInFailureKind.Denied, "GitHub refused the sign-in (" + code + ").");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCode();
}
