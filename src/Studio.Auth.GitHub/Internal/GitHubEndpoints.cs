namespace Studio.Auth.GitHub.Internal;

/// <summary>The two roots the provider talks to, resolved from the options.</summary>
/// <param name="Web">Where the sign-in page and the code exchange live (<c>base_url</c>), ending in <c>/</c>.</param>
/// <param name="Api">The REST root (<c>api_url</c>), ending in <c>/</c> so relative paths append to it.</param>
internal sealed record GitHubEndpoints(Uri Web, Uri Api)
{
    /// <summary>
    /// The REST root for <paramref name="baseUrl"/> when <c>api_url</c> is not set: <c>https://api.github.com</c> for
    /// github.com, otherwise <c>base_url</c> + <c>/api/v3</c> (GitHub Enterprise Server).
    /// </summary>
    public static string DefaultApiUrlFor(string baseUrl)
    {
        var trimmed = baseUrl.TrimEnd('/');
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
            ? GitHubAuthenticationDefaults.ApiUrl
            : trimmed + GitHubAuthenticationDefaults.EnterpriseApiPath;
    }

    /// <summary>Resolves validated options.</summary>
    public static GitHubEndpoints From(GitHubAuthOptions options) => new(
        WithSlash(options.BaseUrl),
        WithSlash(options.ApiUrl ?? DefaultApiUrlFor(options.BaseUrl)));

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
