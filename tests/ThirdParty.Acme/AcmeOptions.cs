using Studio.Auth.Configuration;

namespace ThirdParty.Acme;

/// <summary>
/// The <c>acme:</c> block of <c>auth.yaml</c>. Studio.Auth binds it by property name in snake_case
/// (<see cref="ClientId"/> is <c>client_id</c>), reports unknown keys, and calls <see cref="Validate"/>
/// at start-up when <c>type: acme</c>.
/// </summary>
public sealed class AcmeOptions : IValidatableAuthOptions
{
    /// <summary><c>authority</c>: the Acme server's base URL, for example <c>https://login.acme.example/</c>.</summary>
    public string? Authority { get; set; }

    /// <summary><c>client_id</c>: the OAuth client id registered with Acme.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>client_secret</c>: the OAuth client secret; write <c>${ACME_CLIENT_SECRET}</c> to read it from the environment.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>callback_url</c>: where Acme sends the browser back, the host's <c>/api/auth/callback</c>.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary><c>scopes</c>: the scopes to ask for. Default <c>["profile", "email"]</c>.</summary>
    public IList<string> Scopes { get; set; } = ["profile", "email"];

    /// <inheritdoc/>
    public void Validate(AuthConfigProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.RequireWebUrl("authority", Authority);
        problems.Require("client_id", ClientId);
        problems.Require("client_secret", ClientSecret);
        problems.RequireWebUrl("callback_url", CallbackUrl);
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("scopes", "must list at least one scope, none of them empty");
        }
    }
}
