using Studio.Auth.Login;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Login;

/// <summary>Only local paths survive; everything a browser could read as another origin becomes "/".</summary>
public class ReturnPathTests
{
    [TestCase("/")]
    [TestCase("/teams")]
    [TestCase("/teams/7?tab=agents#top")]
    [TestCase("/a%20b")]
    [TestCase("/path/with%2Fencoded-slash-inside")]
    [TestCase("/..//evil", Description = "dot segments resolve within the path; the origin is already fixed")]
    public void Local_paths_are_kept(string path) => Assert.That(ReturnPaths.Sanitize(path), Is.EqualTo(path));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("teams")]
    [TestCase("//evil.example")]
    [TestCase("//evil.example/path")]
    [TestCase("///evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("\\\\evil.example")]
    [TestCase("/\\/evil.example")]
    [TestCase("https:evil.example")]
    [TestCase("https://evil.example")]
    [TestCase("http:/evil.example")]
    [TestCase("javascript:alert(1)")]
    [TestCase("JavaScript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("/%2F/evil.example")]
    [TestCase("/%2f%2fevil.example")]
    [TestCase("%2F%2Fevil.example")]
    [TestCase("/%5Cevil.example")]
    [TestCase("/%5cevil.example")]
    [TestCase("/%252F%252Fevil.example")]
    [TestCase("/%25252F/evil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("/\n/evil.example")]
    [TestCase("/\r\n/evil.example")]
    [TestCase("/%09/evil.example")]
    [TestCase("/%0A/evil.example")]
    [TestCase("/%0d%0aSet-Cookie:x=1")]
    [TestCase("/ /evil.example")]
    [TestCase("/teams\u0000")]
    [TestCase("/caf\u00e9")]
    [TestCase("/\u3002evil.example")]
    public void Open_redirect_payloads_fall_back_to_root(string? path)
    {
        Assert.That(ReturnPaths.Sanitize(path), Is.EqualTo("/"));
        Assert.That(ReturnPaths.IsLocal(path), Is.False);
    }

    [Test]
    public void Very_long_paths_fall_back_to_root() => Assert.That(ReturnPaths.Sanitize("/" + new string('a', 4096)), Is.EqualTo("/"));

    [Test]
    public async Task The_flow_sanitizes_the_return_path_before_storing_it()
    {
        using var login = new LoginHarness();
        var result = await login.SignInAsync("person-7", "//evil.example");
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.ReturnPath, Is.EqualTo("/"));
    }
}
