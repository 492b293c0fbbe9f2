using Microsoft.AspNetCore.Http;

namespace Studio.Auth.Testing.Internal;

/// <summary>
/// The REST calls a sign-in makes, under <c>/api/v3</c> (GitHub Enterprise Server's layout): the user, the e-mail
/// list, organization and team membership. Tokens are checked like GitHub does (<c>Bearer</c> or <c>token</c>), and
/// scopes matter: <c>/user/emails</c> needs <c>user:email</c> (or <c>user</c>), memberships need <c>read:org</c>.
/// </summary>
internal sealed class FakeRestEndpoints(FakeGitHubServerOptions options, FakeGitHubState state, string baseUrl)
{
    public const string Prefix = "/api/v3";

    public async Task HandleAsync(HttpContext context, FakeGitHubEndpoint endpoint, string[] segments)
    {
        FakeAnswers.AddRateLimitHeaders(context, options.TimeProvider.GetUtcNow());
        if (!HttpMethods.IsGet(context.Request.Method) || endpoint == FakeGitHubEndpoint.Other)
        {
            await FakeAnswers.WriteMessageAsync(context, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        var grant = state.FindToken(BearerToken(context.Request));
        if (grant is null)
        {
            var message = context.Request.Headers.Authorization.Count == 0 ? "Requires authentication" : "Bad credentials";
            await FakeAnswers.WriteMessageAsync(context, 401, message).ConfigureAwait(false);
            return;
        }

        context.Response.Headers["x-oauth-scopes"] = string.Join(", ", grant.Scopes);
        var user = grant.User;
        switch (endpoint)
        {
            case FakeGitHubEndpoint.User:
                await FakeAnswers.WriteJsonAsync(context, UserJson(user)).ConfigureAwait(false);
                break;

            case FakeGitHubEndpoint.UserEmails when !grant.Has("user:email", "user"):
                await FakeAnswers.WriteMessageAsync(context, 404, "Not Found").ConfigureAwait(false);
                break;

            case FakeGitHubEndpoint.UserEmails:
                await FakeAnswers.WriteJsonAsync(context, user.Emails.Select(e => new
                {
                    e.Email,
                    e.Primary,
                    e.Verified,
                    Visibility = e.Primary ? "private" : null,
                })).ConfigureAwait(false);
                break;

            case FakeGitHubEndpoint.OrganizationMembership or FakeGitHubEndpoint.TeamMembership when !grant.Has("read:org", "write:org", "admin:org"):
                await FakeAnswers.WriteMessageAsync(context, 403, "You need at least read:org scope or user scope to list your organization memberships.").ConfigureAwait(false);
                break;

            case FakeGitHubEndpoint.OrganizationMembership:
                await OrganizationAsync(context, user, segments).ConfigureAwait(false);
                break;

            case FakeGitHubEndpoint.TeamMembership:
                await TeamAsync(context, user, segments).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Which endpoint a path below <c>/api/v3</c> is (segments exclude the prefix).</summary>
    public static FakeGitHubEndpoint Classify(string[] s) => s switch
    {
        ["user"] => FakeGitHubEndpoint.User,
        ["user", "emails"] => FakeGitHubEndpoint.UserEmails,
        ["user", "memberships", "orgs", _] or ["user", "orgs"] or ["orgs", _, "members", _] => FakeGitHubEndpoint.OrganizationMembership,
        ["orgs", _, "teams", _, "memberships", _] => FakeGitHubEndpoint.TeamMembership,
        _ => FakeGitHubEndpoint.Other,
    };

    private Task OrganizationAsync(HttpContext context, FakeGitHubUser user, string[] segments)
    {
        switch (segments)
        {
            case ["user", "orgs"]:
                return FakeAnswers.WriteJsonAsync(context, user.Organizations.Where(o => o.State == "active").Select(o => OrganizationJson(o.Name)));

            case ["orgs", var org, "members", var login]:
                var member = string.Equals(login, user.Login, StringComparison.OrdinalIgnoreCase) && user.Organization(org) is { State: "active" };
                context.Response.StatusCode = member ? 204 : 404;
                return Task.CompletedTask;

            default: // user/memberships/orgs/{org}
                var membership = user.Organization(segments[3]);
                return membership is null
                    ? FakeAnswers.WriteMessageAsync(context, 404, "Not Found")
                    : FakeAnswers.WriteJsonAsync(context, new
                    {
                        Url = $"{baseUrl}{Prefix}/orgs/{membership.Name}/memberships/{user.Login}",
                        membership.State,
                        membership.Role,
                        OrganizationUrl = $"{baseUrl}{Prefix}/orgs/{membership.Name}",
                        Organization = OrganizationJson(membership.Name),
                        User = new { user.Login, user.Id },
                    });
        }
    }

    private Task TeamAsync(HttpContext context, FakeGitHubUser user, string[] segments)
    {
        var (org, slug, login) = (segments[1], segments[3], segments[5]);
        var membership = string.Equals(login, user.Login, StringComparison.OrdinalIgnoreCase) ? user.Team(org, slug) : null;
        return membership is null
            ? FakeAnswers.WriteMessageAsync(context, 404, "Not Found")
            : FakeAnswers.WriteJsonAsync(context, new
            {
                Url = $"{baseUrl}{Prefix}/orgs/{org}/teams/{slug}/memberships/{user.Login}",
                membership.Role,
                membership.State,
            });
    }

    private object UserJson(FakeGitHubUser user) => new
    {
        user.Login,
        user.Id,
        NodeId = "U_fake" + user.Id,
        user.AvatarUrl,
        GravatarId = string.Empty,
        Url = $"{baseUrl}{Prefix}/users/{user.Login}",
        user.HtmlUrl,
        Type = "User",
        SiteAdmin = false,
        user.Name,
        Company = (string?)null,
        Blog = string.Empty,
        Email = user.PublicEmail,
        PublicRepos = 0,
        Followers = 0,
        Following = 0,
        CreatedAt = "2020-01-01T00:00:00Z",
        UpdatedAt = "2020-01-01T00:00:00Z",
    };

    private object OrganizationJson(string login) => new
    {
        Login = login,
        Id = login.ToUpperInvariant().Aggregate(17L, (hash, c) => ((hash * 31) + c) % 1_000_000_007), // stable per name
        Url = $"{baseUrl}{Prefix}/orgs/{login}",
        AvatarUrl = $"{baseUrl}/avatars/o/{login}",
    };

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = header[..space];
        return scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase)
            ? header[(space + 1)..].Trim()
            : null;
    }
}
