using Studio.Auth.Configuration;
using Studio.Auth.GitHub.Internal;

namespace Studio.Auth.GitHub;

/// <summary>
/// The <c>github:</c> block of <c>auth.yaml</c> (keys are snake_case there: <see cref="ClientId"/> is
/// <c>client_id</c>). Bound by the core when <c>AddGitHub()</c> is registered, adjustable in code through
/// <c>AddGitHub(o =&gt; ...)</c>, and validated at start-up: an invalid block stops the host with the file,
/// key and line of every problem. See docs/github.md for the full table.
/// </summary>
public sealed class GitHubAuthOptions : IValidatableAuthOptions
{
    /// <summary><c>client_id</c>: the OAuth App's client ID. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>client_secret</c>: the OAuth App's client secret (use <c>${GITHUB_CLIENT_SECRET}</c>). Required; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// <c>callback_url</c>: the app's callback (for example <c>https://studio.example.com/api/auth/callback</c>),
    /// sent to GitHub as <c>redirect_uri</c> exactly as written. Required; https, or http on loopback only.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary><c>scopes</c>: the OAuth scopes requested. Default <c>["user:email"]</c>; add <c>read:org</c> for organization and team lists.</summary>
    public IList<string> Scopes { get; set; } = [.. GitHubAuthenticationDefaults.Scopes];

    /// <summary><c>allow_signup</c>: whether GitHub offers to create an account on the sign-in page. Default <see langword="true"/>.</summary>
    public bool AllowSignup { get; set; } = true;

    /// <summary>
    /// <c>base_url</c>: the web root of GitHub, where the sign-in page and the code exchange live.
    /// Default <c>https://github.com</c>; for GitHub Enterprise Server its root, like <c>https://github.example.com</c>.
    /// </summary>
    public string BaseUrl { get; set; } = GitHubAuthenticationDefaults.BaseUrl;

    /// <summary>
    /// <c>api_url</c>: the REST API root. Default <c>https://api.github.com</c> for github.com, and
    /// <see cref="BaseUrl"/> + <c>/api/v3</c> for any other <c>base_url</c> (GitHub Enterprise Server).
    /// </summary>
    public string? ApiUrl { get; set; }

    /// <summary><c>timeout_seconds</c>: how long each call to GitHub may take, 1 to 120. Default 10.</summary>
    public int TimeoutSeconds { get; set; } = GitHubAuthenticationDefaults.TimeoutSeconds;

    /// <summary>
    /// <c>allowed_users</c>: GitHub logins (case-insensitive) or numeric account ids that may sign in.
    /// Ids are safer: a login can be renamed and then claimed by someone else.
    /// When this and the other <c>allowed_*</c> lists are all empty, every GitHub account may sign in.
    /// </summary>
    public IList<string> AllowedUsers { get; set; } = [];

    /// <summary><c>allowed_organizations</c>: organizations whose (active) members may sign in. Needs <c>read:org</c> in <see cref="Scopes"/>.</summary>
    public IList<string> AllowedOrganizations { get; set; } = [];

    /// <summary><c>allowed_teams</c>: teams, written <c>org/team-slug</c>, whose (active) members may sign in. Needs <c>read:org</c>.</summary>
    public IList<string> AllowedTeams { get; set; } = [];

    /// <summary><c>admin_users</c>: logins or ids that get the <c>admin</c> role (and may always sign in).</summary>
    public IList<string> AdminUsers { get; set; } = [];

    /// <summary><c>admin_organizations</c>: organizations whose members get the <c>admin</c> role (and may always sign in). Needs <c>read:org</c>.</summary>
    public IList<string> AdminOrganizations { get; set; } = [];

    /// <summary><c>admin_teams</c>: teams (<c>org/team-slug</c>) whose members get the <c>admin</c> role (and may always sign in). Needs <c>read:org</c>.</summary>
    public IList<string> AdminTeams { get; set; } = [];

    /// <summary>
    /// Hooks for the host, set in code only (not bound from YAML). <see cref="GitHubAuthEvents.OnSigningIn"/> is the
    /// one place the GitHub access token is handed out; without it the token is dropped after the sign-in.
    /// </summary>
    public GitHubAuthEvents Events { get; } = new();

    /// <summary>Whether any organization or team list is set (and so <c>read:org</c> is needed).</summary>
    internal bool ChecksMemberships =>
        AllowedOrganizations.Count + AllowedTeams.Count + AdminOrganizations.Count + AdminTeams.Count > 0;

    /// <summary>Whether any <c>allowed_*</c> list is set; when none is, every account may sign in.</summary>
    internal bool HasAllowList => AllowedUsers.Count + AllowedOrganizations.Count + AllowedTeams.Count > 0;

    /// <inheritdoc/>
    public void Validate(AuthConfigProblems problems) => GitHubOptionsRules.Validate(this, problems);
}
