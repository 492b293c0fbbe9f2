using System.Text.RegularExpressions;
using Studio.Auth.Login;

namespace Studio.Auth.Tests.Login;

/// <summary>PKCE S256 as RFC 7636 defines it.</summary>
public partial class PkceTests
{
    [GeneratedRegex("- (code_verifier|code_challenge): `([^`]+)`")]
    private static partial Regex VectorLine();

    private static Dictionary<string, string> Rfc7636AppendixB()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Vectors", "rfc-examples.md"));
        var section = text[text.IndexOf("RFC 7636 Appendix B", StringComparison.Ordinal)..];
        return VectorLine().Matches(section).Take(2).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Test]
    public void The_challenge_matches_RFC_7636_appendix_B()
    {
        var vector = Rfc7636AppendixB();
        Assert.That(vector["code_verifier"], Is.EqualTo("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "read from Vectors/rfc-examples.md");
        Assert.That(Pkce.ChallengeOf(vector["code_verifier"]), Is.EqualTo(vector["code_challenge"]));
    }

    [Test]
    public void The_method_is_S256() => Assert.That(Pkce.ChallengeMethod, Is.EqualTo("S256"));

    [Test]
    public void Verifiers_are_43_unreserved_characters_and_unique()
    {
        var verifiers = Enumerable.Range(0, 1000).Select(_ => Pkce.CreateVerifier()).ToList();
        Assert.That(verifiers, Has.All.Match("^[A-Za-z0-9._~-]{43}$"), "RFC 7636 §4.1");
        Assert.That(verifiers, Is.Unique);
    }

    [Test]
    public void An_empty_verifier_is_a_programming_error() => Assert.Throws<ArgumentException>(() => Pkce.ChallengeOf(""));
}
