using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Studio.Auth;
using Studio.Auth.Login;
using Studio.Auth.Providers;

namespace ThirdParty.Acme;

/// <summary>
/// Sign-in with Acme, an OAuth 2.0 server with PKCE. Studio.Auth runs the flow (state, PKCE verifier,
/// browser binding, user store, roles, token); this class only builds the sign-in URL and turns a
/// code into an <see cref="ExternalIdentity"/>. Expected failures are results, not exceptions.
/// </summary>
public sealed class AcmeAuthProvider(IOptions<AcmeOptions> options, IHttpClientFactory httpClients) : AuthProviderBase
{
    /// <inheritdoc/>
    public override Uri? CallbackUrl => Uri.TryCreate(options.Value.CallbackUrl, UriKind.Absolute, out var url) ? url : null;

    /// <inheritdoc/>
    protected override Uri BuildSignInUrl(SignInUrlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", settings.ClientId!),
            new("redirect_uri", settings.CallbackUrl!),
            new("scope", string.Join(' ', settings.Scopes)),
            new("state", context.State),
        };
        if (context.CodeChallenge is { } challenge)
        {
            query.Add(new("code_challenge", challenge));
            query.Add(new("code_challenge_method", Pkce.ChallengeMethod));
        }

        var encoded = string.Join('&', query.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        return new UriBuilder(Endpoint(AcmeDefaults.AuthorizePath)) { Query = encoded }.Uri;
    }

    /// <inheritdoc/>
    protected override async Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var http = httpClients.CreateClient(AcmeDefaults.HttpClientName);
        try
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = context.Code,
                ["redirect_uri"] = settings.CallbackUrl!,
                ["client_id"] = settings.ClientId!,
                ["client_secret"] = settings.ClientSecret!,
            };
            if (context.CodeVerifier is { } verifier)
            {
                form["code_verifier"] = verifier;
            }

            using var tokenResponse = await http.PostAsync(Endpoint(AcmeDefaults.TokenPath), new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
            if (tokenResponse.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                return ExternalIdentityResult.Failure("acme_bad_code", SignInFailureKind.Denied, "Acme did not accept the code.");
            }

            if (!tokenResponse.IsSuccessStatusCode)
            {
                return ExternalIdentityResult.Failure("acme_unavailable", SignInFailureKind.Unavailable, $"Acme answered {(int)tokenResponse.StatusCode}.");
            }

            using var token = await ReadJsonAsync(tokenResponse, cancellationToken).ConfigureAwait(false);
            if (!token.RootElement.TryGetProperty("access_token", out var accessToken) || accessToken.GetString() is not { Length: > 0 } bearer)
            {
                return ExternalIdentityResult.Failure("acme_bad_response", SignInFailureKind.Unavailable, "Acme returned no access token.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(AcmeDefaults.UserInfoPath));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var userResponse = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!userResponse.IsSuccessStatusCode)
            {
                return ExternalIdentityResult.Failure("acme_unavailable", SignInFailureKind.Unavailable, $"Acme answered {(int)userResponse.StatusCode} for the profile.");
            }

            using var profile = await ReadJsonAsync(userResponse, cancellationToken).ConfigureAwait(false);
            return ToIdentity(profile.RootElement);
        }
        catch (HttpRequestException)
        {
            return ExternalIdentityResult.Failure("acme_unavailable", SignInFailureKind.Unavailable, "Acme could not be reached.");
        }
        catch (JsonException)
        {
            return ExternalIdentityResult.Failure("acme_bad_response", SignInFailureKind.Unavailable, "Acme returned malformed JSON.");
        }
    }

    // The durable id is "sub"; the e-mail counts only when Acme says it is verified.
    private static ExternalIdentityResult ToIdentity(JsonElement profile)
    {
        if (profile.ValueKind != JsonValueKind.Object || Text(profile, "sub") is not { } subject)
        {
            return ExternalIdentityResult.Failure("acme_bad_response", SignInFailureKind.Unavailable, "Acme's profile has no subject.");
        }

        var verified = profile.TryGetProperty("email_verified", out var flag) && flag.ValueKind == JsonValueKind.True;
        var userName = Text(profile, "preferred_username");
        return ExternalIdentityResult.Success(new ExternalIdentity
        {
            Id = subject,
            Name = Text(profile, "name") ?? userName ?? subject,
            Email = verified ? Text(profile, "email") : null,
            AvatarUrl = Text(profile, "picture"),
            UserName = userName,
        });
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private Uri Endpoint(string path) => new(new Uri(options.Value.Authority!.TrimEnd('/') + "/"), path);
}
