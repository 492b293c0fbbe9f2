namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Keeps every request on the configured GitHub origins (<c>base_url</c> and <c>api_url</c>: scheme, host and port).
/// Octokit's adapter follows redirects itself: it re-sends the code exchange's form (client secret, code, PKCE
/// verifier) to wherever a redirect points, and keeps the user's access token when only the port or scheme changes.
/// A redirect to another origin is therefore refused here, before anything is sent to it; redirects within
/// GitHub's own origins (a renamed organization, for example) still work.
/// </summary>
internal sealed class GitHubOriginGuard : DelegatingHandler
{
    private readonly HashSet<string> _origins;

    public GitHubOriginGuard(GitHubEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { OriginOf(endpoints.Web), OriginOf(endpoints.Api) };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !_origins.Contains(OriginOf(uri)))
        {
            throw new GitHubOriginRefusedException();
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static string OriginOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}

/// <summary>A request (a redirect, in practice) to a host that is neither <c>base_url</c> nor <c>api_url</c> was refused.</summary>
internal sealed class GitHubOriginRefusedException : HttpRequestException
{
    public GitHubOriginRefusedException()
        : base("GitHub redirected to another origin; the request was not sent.")
    {
    }
}
