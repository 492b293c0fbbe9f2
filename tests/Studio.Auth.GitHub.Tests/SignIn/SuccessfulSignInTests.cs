using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Testing;

namespace Studio.Auth.GitHub.Tests.SignIn;

public class SuccessfulSignInTests
{
    [Test]
    public async Task Full_sign_in_stores_the_user_by_numeric_id_and_issues_a_token()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var octocat = h.GitHub.AddUser("octocat", id: 583231, name: "The Octocat").WithEmail("octocat@example.com");

        var result = await h.SignInAsync("/teams");

        Assert.That(result.Succeeded, Is.True, result.FailureReason + " " + result.FailureDescription + "\n" + h.Logs.Text);
        Assert.That(result.ReturnPath, Is.EqualTo("/teams"));
        Assert.That(result.User!.Id, Is.EqualTo("583231"));
        Assert.That(result.User.Name, Is.EqualTo("The Octocat"));
        Assert.That(result.User.Email, Is.EqualTo("octocat@example.com"));
        Assert.That(result.User.AvatarUrl, Is.EqualTo(octocat.AvatarUrl));
        Assert.That(result.User.Provider, Is.EqualTo("github"));
        Assert.That(result.User.Roles, Is.EqualTo(new[] { "user" }));
        var stored = await h.FindUserAsync(583231);
        Assert.That(stored, Is.Not.Null);
        var validated = h.Tokens.Validate(result.Token!.Token);
        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);
        Assert.That(validated.User!.Id, Is.EqualTo("583231"));
    }
}
