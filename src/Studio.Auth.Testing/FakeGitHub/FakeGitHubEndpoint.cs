namespace Studio.Auth.Testing;

/// <summary>The endpoints of a <see cref="FakeGitHubServer"/>, for scripting failures and reading the request record.</summary>
public enum FakeGitHubEndpoint
{
    /// <summary><c>GET|POST /login/oauth/authorize</c>: the sign-in page.</summary>
    Authorize,

    /// <summary><c>POST /login/oauth/access_token</c>: the code exchange.</summary>
    AccessToken,

    /// <summary><c>GET /api/v3/user</c>.</summary>
    User,

    /// <summary><c>GET /api/v3/user/emails</c>.</summary>
    UserEmails,

    /// <summary><c>GET /api/v3/user/memberships/orgs/{org}</c>, <c>GET /api/v3/user/orgs</c>, <c>GET /api/v3/orgs/{org}/members/{user}</c>.</summary>
    OrganizationMembership,

    /// <summary><c>GET /api/v3/orgs/{org}/teams/{team_slug}/memberships/{user}</c>.</summary>
    TeamMembership,

    /// <summary>Any other path (answered 404).</summary>
    Other,
}
