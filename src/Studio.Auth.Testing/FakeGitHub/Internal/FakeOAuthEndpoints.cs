using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Studio.Auth.Testing.Internal;

/// <summary>
/// <c>/login/oauth/authorize</c> and <c>/login/oauth/access_token</c>, behaving like GitHub's OAuth App endpoints:
/// single-use codes that expire, <c>redirect_uri</c> equality, S256 PKCE, and errors answered with HTTP 200.
/// </summary>
internal sealed class FakeOAuthEndpoints(FakeGitHubServerOptions options, FakeGitHubState state)
{
    private const string BadVerificationCode = "bad_verification_code";

    /// <summary>GET shows the page (or redirects at once); POST is the consent form's answer.</summary>
    public async Task AuthorizeAsync(HttpContext context, FakeGitHubFailure? failure)
    {
        var parameters = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.ToString())
            : context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString());
        string? Get(string key) => parameters.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        if (Get("client_id") != options.ClientId)
        {
            await FakeAnswers.WriteHtmlAsync(context, 404, "Not Found", "<p>No OAuth App has this client_id.</p>").ConfigureAwait(false);
            return;
        }

        var redirectUri = Get("redirect_uri") ?? options.CallbackUrl;
        var stateValue = Get("state");
        if (options.CallbackUrl is { } registered && redirectUri != registered)
        {
            Redirect(context, registered, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.", stateValue);
            return;
        }

        if (redirectUri is null || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var target) || (target.Scheme != "http" && target.Scheme != "https"))
        {
            await FakeAnswers.WriteHtmlAsync(context, 400, "Bad redirect_uri", "<p>redirect_uri must be an absolute http(s) URL.</p>").ConfigureAwait(false);
            return;
        }

        if (failure?.OAuthError is { } scripted)
        {
            Redirect(context, redirectUri, scripted, failure.OAuthErrorDescription, stateValue);
            return;
        }

        var challenge = Get("code_challenge");
        var method = Get("code_challenge_method");
        if ((challenge is null && options.RequirePkce) || (challenge is not null && method != "S256") || (challenge is null && method is not null))
        {
            Redirect(context, redirectUri, "invalid_request", "PKCE requires code_challenge with code_challenge_method=S256.", stateValue);
            return;
        }

        if (state.SignedIn is not { } user)
        {
            await FakeAnswers.WriteHtmlAsync(context, 401, "Sign in to GitHub", "<p>No user is signed in to the fake GitHub (set FakeGitHubServer.SignedInUser).</p>").ConfigureAwait(false);
            return;
        }

        var consented = HttpMethods.IsPost(context.Request.Method);
        if (!consented && options.AuthorizeMode == FakeGitHubAuthorizeMode.ConsentPage)
        {
            await WriteConsentPageAsync(context, parameters, user).ConfigureAwait(false);
            return;
        }

        if (consented && Get("authorize") != "1")
        {
            Redirect(context, redirectUri, "access_denied", "The user has denied your application access.", stateValue);
            return;
        }

        var scopes = SplitScopes(Get("scope"));
        var code = state.IssueCode(new PendingCode(user, options.ClientId, Get("redirect_uri"), scopes, challenge, options.TimeProvider.GetUtcNow() + options.CodeLifetime));
        context.Response.Redirect(FakeAnswers.AppendQuery(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = stateValue }));
    }

    public async Task AccessTokenAsync(HttpContext context, FakeGitHubFailure? failure)
    {
        if (failure?.OAuthError is { } scripted)
        {
            await FakeAnswers.WriteOAuthAsync(context, FakeAnswers.OAuthError(scripted, failure.OAuthErrorDescription), failure.ForceFormEncoded).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await FakeAnswers.WriteMessageAsync(context, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;
        string? Get(string key) => form.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;

        var error = Check(Get("client_id"), Get("client_secret"), Get("code"), Get("redirect_uri"), Get("code_verifier"), out var pending);
        if (error is not null)
        {
            await FakeAnswers.WriteOAuthAsync(context, FakeAnswers.OAuthError(error.Value.Code, error.Value.Description)).ConfigureAwait(false);
            return;
        }

        var token = state.IssueToken(pending!.User, pending.Scopes);
        await FakeAnswers.WriteOAuthAsync(context, new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["scope"] = string.Join(',', pending.Scopes),
        }).ConfigureAwait(false);
    }

    private (string Code, string Description)? Check(string? clientId, string? secret, string? code, string? redirectUri, string? verifier, out PendingCode? pending)
    {
        pending = null;
        if (clientId != options.ClientId || secret is null || !FixedTimeEquals(secret, options.ClientSecret))
        {
            return ("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
        }

        // Taken before any other check: a code is good for one attempt, as on GitHub.
        pending = state.TakeCode(code);
        if (pending is null || pending.ClientId != clientId || pending.ExpiresAt <= options.TimeProvider.GetUtcNow())
        {
            return (BadVerificationCode, "The code passed is incorrect or expired.");
        }

        if ((pending.RedirectUri is not null || redirectUri is not null) && pending.RedirectUri != redirectUri)
        {
            return ("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
        }

        if (pending.CodeChallenge is { } challenge && (verifier is null || !FixedTimeEquals(S256(verifier), challenge)))
        {
            return (BadVerificationCode, "The code_verifier does not match the code_challenge.");
        }

        return null;
    }

    private static void Redirect(HttpContext context, string redirectUri, string error, string? description, string? stateValue) =>
        context.Response.Redirect(FakeAnswers.AppendQuery(redirectUri, new Dictionary<string, string?>
        {
            ["error"] = error,
            ["error_description"] = description,
            ["state"] = stateValue,
        }));

    private static Task WriteConsentPageAsync(HttpContext context, Dictionary<string, string> parameters, FakeGitHubUser user)
    {
        var hidden = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            hidden.Append("<input type=\"hidden\" name=\"").Append(FakeAnswers.Encode(key)).Append("\" value=\"").Append(FakeAnswers.Encode(value)).Append("\">");
        }

        var body = $"<p>Signed in as <strong id=\"login\">{FakeAnswers.Encode(user.Login)}</strong>. Authorize this application to use your account?</p>"
            + $"<form method=\"post\" action=\"/login/oauth/authorize\">{hidden}"
            + "<button type=\"submit\" id=\"authorize\" name=\"authorize\" value=\"1\">Authorize</button> "
            + "<button type=\"submit\" id=\"cancel\" name=\"authorize\" value=\"0\">Cancel</button></form>";
        return FakeAnswers.WriteHtmlAsync(context, 200, "Authorize application", body);
    }

    private static string[] SplitScopes(string? scope) =>
        scope?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray() ?? [];

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
