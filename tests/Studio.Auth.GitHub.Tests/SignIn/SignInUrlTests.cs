using System.Web;
using Studio.Auth.GitHub.Internal;
using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Login;
using Studio.Auth.Providers;

namespace Studio.Auth.GitHub.Tests.SignIn;

public class SignInUrlTests
{
    [Test]
    public async Task Sign_in_url_carries_every_parameter_GitHub_needs_and_a_S256_challenge()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Scopes = ["user:email", "read:org"]);

        var start = await h.Flow.BeginAsync("/");

        var url = start.LoginUrl!;
        Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo(h.GitHub.BaseUrl + "/login/oauth/authorize"));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.That(query.AllKeys, Is.EquivalentTo(new[] { "client_id", "redirect_uri", "scope", "state", "allow_signup", "code_challenge", "code_challenge_method" }));
        Assert.That(query["client_id"], Is.EqualTo(h.GitHub.ClientId));
        Assert.That(query["redirect_uri"], Is.EqualTo(GitHubSignInHarness.CallbackUrl));
        Assert.That(query["scope"], Is.EqualTo("user:email read:org"));
        Assert.That(query["allow_signup"], Is.EqualTo("true"));
        Assert.That(query["code_challenge_method"], Is.EqualTo("S256"));
        Assert.That(query["code_challenge"], Has.Length.EqualTo(43));
        Assert.That(query["state"], Has.Length.EqualTo(43));
    }

    [Test]
    public void Url_builder_is_a_plain_method_with_the_challenge_of_the_verifier()
    {
        var options = new GitHubAuthOptions { ClientId = "Ov23li", CallbackUrl = "https://studio.example.com/api/auth/callback", AllowSignup = false };
        using var backchannel = new GitHubBackchannel(GitHubEndpoints.From(options), TimeSpan.FromSeconds(10));
        var verifier = Pkce.CreateVerifier();

        var url = GitHubSignInUrl.Build(backchannel.OAuth, options, new SignInUrlContext("state-value", Pkce.ChallengeOf(verifier)));

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo("https://github.com/login/oauth/authorize"));
        Assert.That(query["allow_signup"], Is.EqualTo("false"));
        Assert.That(query["code_challenge"], Is.EqualTo(Pkce.ChallengeOf(verifier)));
        Assert.That(query["redirect_uri"], Is.EqualTo("https://studio.example.com/api/auth/callback"));
        Assert.That(query["scope"], Is.EqualTo("user:email"));
    }

    [Test]
    public void Enterprise_server_base_url_serves_sign_in_and_derives_the_api_url()
    {
        var options = new GitHubAuthOptions { ClientId = "c", CallbackUrl = "https://studio.example.com/cb", BaseUrl = "https://github.example.com" };
        using var backchannel = new GitHubBackchannel(GitHubEndpoints.From(options), TimeSpan.FromSeconds(1));

        var url = GitHubSignInUrl.Build(backchannel.OAuth, options, new SignInUrlContext("s", null));

        Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo("https://github.example.com/login/oauth/authorize"));
        Assert.That(HttpUtility.ParseQueryString(url.Query)["code_challenge"], Is.Null);
        Assert.That(GitHubEndpoints.From(options).Api, Is.EqualTo(new Uri("https://github.example.com/api/v3/")));
        Assert.That(GitHubEndpoints.From(new GitHubAuthOptions()).Api, Is.EqualTo(new Uri("https://api.github.com/")));
        Assert.That(GitHubEndpoints.From(new GitHubAuthOptions { ApiUrl = "https://proxy.example.com/gh" }).Api, Is.EqualTo(new Uri("https://proxy.example.com/gh/")));
        Assert.That(GitHubEndpoints.From(new GitHubAuthOptions { BaseUrl = "https://octocorp.ghe.com" }).Api, Is.EqualTo(new Uri("https://api.octocorp.ghe.com/")));
    }
}
