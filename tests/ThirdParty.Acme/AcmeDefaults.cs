namespace ThirdParty.Acme;

/// <summary>Names and endpoint paths of the Acme sign-in provider.</summary>
public static class AcmeDefaults
{
    /// <summary>The provider type: the value of <c>type:</c> and the name of the YAML block.</summary>
    public const string Type = "acme";

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> the provider uses.</summary>
    public const string HttpClientName = "Studio.Auth.Acme";

    /// <summary>Where the browser is sent to sign in, relative to <see cref="AcmeOptions.Authority"/>.</summary>
    public const string AuthorizePath = "authorize";

    /// <summary>Where the code is exchanged for an access token, relative to <see cref="AcmeOptions.Authority"/>.</summary>
    public const string TokenPath = "token";

    /// <summary>Where the signed-in person's profile is read, relative to <see cref="AcmeOptions.Authority"/>.</summary>
    public const string UserInfoPath = "userinfo";
}
