using System.Globalization;
using Microsoft.Extensions.Logging;
using Octokit;
using Studio.Auth.Providers;
using static Studio.Auth.GitHub.GitHubAuthenticationConstants;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Who may sign in and who is an administrator. With no <c>allowed_*</c> list every account may sign in; otherwise
/// the account must be listed in <c>allowed_users</c> (login or id), be an active member of an
/// <c>allowed_organizations</c> organization or <c>allowed_teams</c> team, or be an administrator. Administrators
/// (<c>admin_users</c>, <c>admin_organizations</c>, <c>admin_teams</c>) get the <c>admin</c> role. Membership is
/// read through the API as the user (<c>read:org</c>); each organization or team costs at most one call per sign-in.
/// </summary>
internal sealed class GitHubAccessPolicy(GitHubAuthOptions options, GitHubCaller caller, ILogger logger)
{
    private const string Step = "membership check";

    public async Task<(IReadOnlyList<string>? Roles, ExternalIdentityResult? Failure)> DecideAsync(IGitHubClient client, GitHubUser user, CancellationToken cancellationToken)
    {
        var checker = new MembershipChecker(client, user, caller, logger, cancellationToken);

        var isAdmin = IsListed(options.AdminUsers, user);
        if (!isAdmin)
        {
            var (adminMember, adminFailure) = await checker.InAnyAsync(options.AdminOrganizations, options.AdminTeams).ConfigureAwait(false);
            if (adminFailure is not null)
            {
                return (null, adminFailure);
            }

            isAdmin = adminMember;
        }

        var allowed = !options.HasAllowList || isAdmin || IsListed(options.AllowedUsers, user);
        if (!allowed)
        {
            var (member, failure) = await checker.InAnyAsync(options.AllowedOrganizations, options.AllowedTeams).ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, failure);
            }

            allowed = member;
        }

        if (!allowed)
        {
            GitHubLog.NotAllowed(logger, user.Id);
            return (null, ExternalIdentityResult.Failure(Failures.NotAllowed, SignInFailureKind.Denied,
                "This GitHub account is not allowed to sign in here."));
        }

        return (isAdmin ? [StudioUser.AdminRole] : [], null);
    }

    private static bool IsListed(IList<string> entries, GitHubUser user)
    {
        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        return entries.Any(e => e == id || string.Equals(e, user.Login, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Membership calls for one sign-in, each organization or team asked at most once.</summary>
    private sealed class MembershipChecker(IGitHubClient client, GitHubUser user, GitHubCaller caller, ILogger logger, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, bool> _known = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether the user is an active member of any of the organizations or teams; stops at the first match or failure.</summary>
        public async Task<(bool Member, ExternalIdentityResult? Failure)> InAnyAsync(IList<string> organizations, IList<string> teams)
        {
            foreach (var organization in organizations)
            {
                var result = await InOrganizationAsync(organization).ConfigureAwait(false);
                if (result.Member || result.Failure is not null)
                {
                    return result;
                }
            }

            foreach (var team in teams)
            {
                var result = await InTeamAsync(team).ConfigureAwait(false);
                if (result.Member || result.Failure is not null)
                {
                    return result;
                }
            }

            return (false, null);
        }

        // GET /user/memberships/orgs/{org}: the user's own membership, private ones included (read:org).
        public Task<(bool Member, ExternalIdentityResult? Failure)> InOrganizationAsync(string organization) =>
            CheckAsync(organization, new Uri("user/memberships/orgs/" + Uri.EscapeDataString(organization), UriKind.Relative),
                async (uri, ct) => (await client.Connection.Get<OrganizationMembership>(uri, null, null, ct).ConfigureAwait(false)).Body?.State.StringValue);

        // GET /orgs/{org}/teams/{team_slug}/memberships/{username} (read:org).
        public Task<(bool Member, ExternalIdentityResult? Failure)> InTeamAsync(string team)
        {
            if (!GitHubOptionsRules.TryParseTeam(team, out var organization, out var slug))
            {
                return Task.FromResult<(bool, ExternalIdentityResult?)>((false, null)); // refused by validation; never a match
            }

            var path = $"orgs/{Uri.EscapeDataString(organization)}/teams/{Uri.EscapeDataString(slug)}/memberships/{Uri.EscapeDataString(user.Login)}";
            return CheckAsync(team, new Uri(path, UriKind.Relative),
                async (uri, ct) => (await client.Connection.Get<TeamMembershipDetails>(uri, null, null, ct).ConfigureAwait(false)).Body?.State.StringValue);
        }

        private async Task<(bool Member, ExternalIdentityResult? Failure)> CheckAsync(string target, Uri uri, Func<Uri, CancellationToken, Task<string?>> readState)
        {
            if (_known.TryGetValue(target, out var known))
            {
                return (known, null);
            }

            var answer = await caller.SendAsync(ct => readState(uri, ct), cancellationToken).ConfigureAwait(false);
            bool member;
            switch (answer.Error)
            {
                case null:
                    member = string.Equals(answer.Value, "active", StringComparison.OrdinalIgnoreCase);
                    break;
                case { Kind: GitHubErrorKind.NotFound }:
                    member = false;
                    break;
                case { Kind: GitHubErrorKind.Forbidden } forbidden:
                    // Missing read:org, or the organization restricts OAuth Apps it has not approved.
                    GitHubLog.MembershipForbidden(logger, target, user.Id, forbidden.Status ?? 0);
                    member = false;
                    break;
                default:
                    var failure = answer.Error.ToFailure(Step);
                    GitHubLog.Failed(logger, Step, failure.FailureReason!, answer.Error);
                    return (false, failure);
            }

            _known[target] = member;
            return (member, null);
        }
    }
}
