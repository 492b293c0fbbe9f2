using System.Security.Cryptography;

namespace Studio.Auth.Testing;

/// <summary>How a <see cref="FakeGitHubServer"/> behaves. Every value has a sensible default.</summary>
public sealed class FakeGitHubServerOptions
{
    /// <summary>The OAuth App's client ID. Default <c>fake-github-client</c>.</summary>
    public string ClientId { get; set; } = "fake-github-client";

    /// <summary>The OAuth App's client secret. Default: random per server.</summary>
    public string ClientSecret { get; set; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// The OAuth App's registered callback URL. When set, a sign-in with another <c>redirect_uri</c> is sent back to
    /// this URL with <c>error=redirect_uri_mismatch</c>, as GitHub does. Default <see langword="null"/>: any http(s) URL.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary>How long an authorization code stays valid. Default 10 minutes (GitHub's).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the sign-in page refuses requests without a PKCE <c>code_challenge</c>. Default <see langword="false"/> (as GitHub).</summary>
    public bool RequirePkce { get; set; }

    /// <summary>What the sign-in page does for the signed-in user. Default <see cref="FakeGitHubAuthorizeMode.Redirect"/>.</summary>
    public FakeGitHubAuthorizeMode AuthorizeMode { get; set; } = FakeGitHubAuthorizeMode.Redirect;

    /// <summary>The clock for code expiry. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>How <c>/login/oauth/authorize</c> answers.</summary>
public enum FakeGitHubAuthorizeMode
{
    /// <summary>Approves at once: 302 to the <c>redirect_uri</c> with <c>code</c> and <c>state</c>.</summary>
    Redirect,

    /// <summary>Shows a small HTML page with an <b>Authorize</b> button (<c>#authorize</c>) and a <b>Cancel</b> button (<c>#cancel</c>, which answers <c>error=access_denied</c>).</summary>
    ConsentPage,
}
