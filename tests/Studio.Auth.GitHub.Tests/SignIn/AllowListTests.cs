using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Providers;
using Studio.Auth.Testing;
using static Studio.Auth.GitHub.Tests.Support.SignInAssert;

namespace Studio.Auth.GitHub.Tests.SignIn;

/// <summary>allowed_users / allowed_organizations / allowed_teams, and the admin role mapping.</summary>
public class AllowListTests
{
    private static readonly string[] OrgScopes = ["user:email", "read:org"];

    [TestCase("OctoCat")]
    [TestCase("42")]
    public async Task Listed_user_by_login_or_id_signs_in(string entry)
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.AllowedUsers = [entry]);
        h.GitHub.AddUser("octocat", id: 42);

        Succeeded(h, await h.SignInAsync());
    }

    [Test]
    public async Task Unlisted_user_is_refused_as_not_allowed_without_a_user_row()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.AllowedUsers = ["someone-else", "99"]);
        var user = h.GitHub.AddUser("octocat", id: 42);

        await RefusedAsync(h, await h.SignInAsync(), "not_allowed", user, SignInFailureKind.Denied);
    }

    [Test]
    public async Task Active_member_of_an_allowed_organization_signs_in()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
        });
        h.GitHub.AddUser("octocat").InOrganization("ACME");

        Succeeded(h, await h.SignInAsync());
    }

    [TestCase(null)]
    [TestCase("pending")]
    public async Task Non_member_or_pending_member_of_the_allowed_organization_is_not_allowed(string? state)
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
        });
        var user = h.GitHub.AddUser("octocat").InOrganization("other-org");
        if (state is not null)
        {
            user.InOrganization("acme", state: state);
        }

        await RefusedAsync(h, await h.SignInAsync(), "not_allowed", user);
    }

    [Test]
    public async Task Membership_that_cannot_be_read_is_treated_as_not_a_member_and_logged()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
        });
        var user = h.GitHub.AddUser("octocat").InOrganization("acme");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.OrganizationMembership, FakeGitHubFailure.Status(403, "Although you appear to have the correct authorization credentials, the `acme` organization has enabled OAuth App access restrictions."));

        await RefusedAsync(h, await h.SignInAsync(), "not_allowed", user);
        Assert.That(h.Logs.Text, Does.Contain("acme").And.Contain("OAuth App access policy"));
    }

    [Test]
    public async Task Membership_check_outage_fails_as_unavailable_not_as_not_allowed()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
        });
        var user = h.GitHub.AddUser("octocat").InOrganization("acme");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.OrganizationMembership, FakeGitHubFailure.ServerError());

        await RefusedAsync(h, await h.SignInAsync(), "github_unavailable", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Member_of_an_allowed_team_signs_in_and_of_another_team_does_not()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedTeams = ["acme/platform"];
        });
        var member = h.GitHub.AddUser("member").InTeam("acme", "platform");
        var outsider = h.GitHub.AddUser("outsider").InTeam("acme", "marketing");

        h.GitHub.SignedInUser = member;
        Succeeded(h, await h.SignInAsync());
        h.GitHub.SignedInUser = outsider;
        await RefusedAsync(h, await h.SignInAsync(), "not_allowed", outsider);
    }

    [Test]
    public async Task Admin_users_get_the_admin_role_and_others_do_not()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.AdminUsers = ["boss"]);
        var boss = h.GitHub.AddUser("boss");
        var worker = h.GitHub.AddUser("worker");

        var bossResult = await h.SignInAsync();
        h.GitHub.SignedInUser = worker;
        var workerResult = await h.SignInAsync();

        Succeeded(h, bossResult);
        Assert.That(bossResult.User!.Roles, Is.EquivalentTo(new[] { "user", "admin" }));
        Assert.That(h.Tokens.Validate(bossResult.Token!.Token).User!.IsInRole("admin"), Is.True);
        Succeeded(h, workerResult);
        Assert.That(workerResult.User!.Roles, Is.EqualTo(new[] { "user" }));
        Assert.That(boss.Id, Is.Not.EqualTo(worker.Id));
    }

    [Test]
    public async Task Admin_organization_and_admin_team_members_get_the_admin_role()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AdminOrganizations = ["acme-admins"];
            o.AdminTeams = ["acme/ops"];
        });
        h.GitHub.AddUser("org-admin").InOrganization("acme-admins");
        var teamAdmin = h.GitHub.AddUser("team-admin").InTeam("acme", "ops");

        var first = await h.SignInAsync();
        h.GitHub.SignedInUser = teamAdmin;
        var second = await h.SignInAsync();

        Assert.That(first.User!.Roles, Does.Contain("admin"));
        Assert.That(second.User!.Roles, Does.Contain("admin"));
    }

    [Test]
    public async Task Admins_may_sign_in_even_when_not_on_the_allow_list()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.AllowedUsers = ["someone-else"];
            o.AdminUsers = ["boss"];
        });
        h.GitHub.AddUser("boss");

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(result.User!.Roles, Does.Contain("admin"));
    }

    [Test]
    public async Task Organization_in_both_lists_is_asked_once_per_sign_in()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
            o.AdminOrganizations = ["acme"];
        });
        h.GitHub.AddUser("octocat").InOrganization("other");

        var result = await h.SignInAsync();

        Assert.That(result.FailureReason, Is.EqualTo("not_allowed"));
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.OrganizationMembership), Is.EqualTo(1));
    }

    [Test]
    public async Task Losing_organization_membership_refuses_the_next_sign_in()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o =>
        {
            o.Scopes = OrgScopes;
            o.AllowedOrganizations = ["acme"];
        });
        var user = h.GitHub.AddUser("octocat").InOrganization("acme");
        Succeeded(h, await h.SignInAsync());

        user.LeaveOrganization("acme");
        var result = await h.SignInAsync();

        Assert.That(result.FailureReason, Is.EqualTo("not_allowed"));
        Assert.That(result.Token, Is.Null);
    }
}
