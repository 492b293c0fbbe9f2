using System.Globalization;
using System.Text.RegularExpressions;
using Studio.Auth.Configuration;

namespace Studio.Auth.GitHub.Internal;

/// <summary>The start-up rules for the <c>github:</c> block; every problem is reported, not just the first.</summary>
internal static partial class GitHubOptionsRules
{
    private static readonly string[] OrgScopes =
    [
        GitHubAuthenticationConstants.Scopes.ReadOrg,
        GitHubAuthenticationConstants.Scopes.WriteOrg,
        GitHubAuthenticationConstants.Scopes.AdminOrg,
    ];

    public static void Validate(GitHubAuthOptions options, AuthConfigProblems problems)
    {
        problems.Require("client_id", options.ClientId);
        problems.Require("client_secret", options.ClientSecret);
        ValidateCallbackUrl(options.CallbackUrl, problems);
        ValidateScopes(options, problems);
        ValidateRoot("base_url", options.BaseUrl, problems, allowPath: false);
        if (options.ApiUrl is not null)
        {
            ValidateRoot("api_url", options.ApiUrl, problems, allowPath: true);
        }

        if (options.TimeoutSeconds is < 1 or > GitHubAuthenticationDefaults.MaxTimeoutSeconds)
        {
            problems.Add("timeout_seconds", $"must be between 1 and {GitHubAuthenticationDefaults.MaxTimeoutSeconds}");
        }

        ValidateNames("allowed_users", options.AllowedUsers, "a GitHub login or numeric account id", problems);
        ValidateNames("admin_users", options.AdminUsers, "a GitHub login or numeric account id", problems);
        ValidateNames("allowed_organizations", options.AllowedOrganizations, "an organization login", problems);
        ValidateNames("admin_organizations", options.AdminOrganizations, "an organization login", problems);
        ValidateTeams("allowed_teams", options.AllowedTeams, problems);
        ValidateTeams("admin_teams", options.AdminTeams, problems);

        var checks = options.AllowedOrganizations.Count + options.AllowedTeams.Count + options.AdminOrganizations.Count + options.AdminTeams.Count;
        if (checks > GitHubAuthenticationDefaults.MaxMembershipChecks)
        {
            problems.Add("allowed_organizations", $"organizations and teams may list at most {GitHubAuthenticationDefaults.MaxMembershipChecks} entries in total"
                + $" (there are {checks}; each is one GitHub call per sign-in)");
        }
    }

    private static void ValidateCallbackUrl(string? value, AuthConfigProblems problems)
    {
        if (problems.RequireWebUrl("callback_url", value) is not { } uri)
        {
            return;
        }

        if (uri.Fragment.Length > 0)
        {
            problems.Add("callback_url", "must not have a #fragment");
        }
        else if (uri.ToString() != value)
        {
            // Octokit sends the parsed Uri, and GitHub compares redirect_uri character by character.
            problems.Add("callback_url", $"would be sent to GitHub as '{uri}'; write it exactly like that (GitHub compares callback URLs character by character)");
        }
    }

    private static void ValidateScopes(GitHubAuthOptions options, AuthConfigProblems problems)
    {
        var scopes = problems.For("scopes");
        for (var i = 0; i < options.Scopes.Count; i++)
        {
            var scope = options.Scopes[i];
            if (string.IsNullOrWhiteSpace(scope) || !ScopePattern().IsMatch(scope))
            {
                scopes.Add(Index(i), "must be one OAuth scope, like user:email or read:org");
            }
        }

        if (options.ChecksMemberships && !options.Scopes.Any(s => OrgScopes.Contains(s, StringComparer.Ordinal)))
        {
            var lists = new[]
            {
                ("allowed_organizations", options.AllowedOrganizations.Count), ("allowed_teams", options.AllowedTeams.Count),
                ("admin_organizations", options.AdminOrganizations.Count), ("admin_teams", options.AdminTeams.Count),
            }.Where(l => l.Item2 > 0).Select(l => l.Item1);
            problems.Add("scopes", $"must include read:org because {string.Join(", ", lists)} is set (membership is checked through the GitHub API)");
        }
    }

    private static void ValidateRoot(string key, string? value, AuthConfigProblems problems, bool allowPath)
    {
        if (problems.RequireWebUrl(key, value) is not { } uri)
        {
            return;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add(key, "must not have a query or #fragment");
        }
        else if (!allowPath && uri.AbsolutePath != "/")
        {
            problems.Add(key, "must be the web root of GitHub without a path, like https://github.com or https://github.example.com");
        }
    }

    private static void ValidateNames(string key, IList<string> names, string what, AuthConfigProblems problems)
    {
        var list = problems.For(key);
        for (var i = 0; i < names.Count; i++)
        {
            if (!IsLogin(names[i]))
            {
                list.Add(Index(i), "must be " + what);
            }
        }
    }

    private static void ValidateTeams(string key, IList<string> teams, AuthConfigProblems problems)
    {
        var list = problems.For(key);
        for (var i = 0; i < teams.Count; i++)
        {
            if (!TryParseTeam(teams[i], out _, out _))
            {
                list.Add(Index(i), "must be written org/team-slug, like octo-org/platform");
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> looks like a GitHub login or a numeric id (both fit the same pattern).</summary>
    public static bool IsLogin(string? value) => value is not null && LoginPattern().IsMatch(value);

    /// <summary>Splits <c>org/team-slug</c>.</summary>
    public static bool TryParseTeam(string? value, out string organization, out string slug)
    {
        organization = slug = string.Empty;
        var slash = value?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || !IsLogin(value![..slash]) || !SlugPattern().IsMatch(value[(slash + 1)..]))
        {
            return false;
        }

        organization = value[..slash];
        slug = value[(slash + 1)..];
        return true;
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    // GitHub logins: letters, digits and hyphens, at most 39 (Enterprise Server also allows '_' from LDAP/SAML).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z][a-z0-9_:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}
