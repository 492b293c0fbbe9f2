using System.Text;
using Studio.Auth.Gate;

namespace Studio.Auth.Tests.Gate;

/// <summary>
/// <see cref="RequestPath.Normalize"/> returns a path that is already in normal form as it is, without
/// allocating; these tests prove the shortcut never changes a decision: for every path it accepts, the
/// full normalisation gives exactly the same string.
/// </summary>
public class PathNormalFormTests
{
    // Letters of both cases, a digit, the punctuation the shortcut allows, and what it must turn away.
    private const string Alphabet = "/aZ1.-_~%\\ \u00e9\t";

    [Test]
    public void Every_path_the_shortcut_accepts_normalises_to_itself()
    {
        var accepted = 0;
        foreach (var path in AllStrings(Alphabet, maxLength: 5))
        {
            if (RequestPath.IsNormal(path))
            {
                accepted++;
                if (RequestPath.NormalizeFully(path) != path)
                {
                    Assert.Fail($"'{path}' is taken as normal but normalises to '{RequestPath.NormalizeFully(path)}'");
                }
            }
        }

        Assert.That(accepted, Is.GreaterThan(1000), "the shortcut covers ordinary paths");
    }

    [Test]
    public void Every_path_normalises_the_same_with_and_without_the_shortcut()
    {
        foreach (var path in AllStrings(Alphabet, maxLength: 5))
        {
            if (RequestPath.Normalize(path) != RequestPath.NormalizeFully(path))
            {
                Assert.Fail($"'{path}': '{RequestPath.Normalize(path)}' with the shortcut, '{RequestPath.NormalizeFully(path)}' without");
            }
        }
    }

    [TestCase("/")]
    [TestCase("/api/ping")]
    [TestCase("/api/auth/callback-handler")]
    [TestCase("/api/files/v1.2/report_~draft")]
    [TestCase("/api/..x/.y/z..")]
    public void An_ordinary_path_comes_back_as_the_same_string(string path) =>
        Assert.That(RequestPath.Normalize(path), Is.SameAs(path));

    [TestCase("/API/ping")]
    [TestCase("/api/ping/")]
    [TestCase("/api//ping")]
    [TestCase("/api/./ping")]
    [TestCase("/api/x/../ping")]
    [TestCase("/api/%70ing")]
    [TestCase("/api\\ping")]
    [TestCase("api/ping")]
    [TestCase("/api/p\u00e9")]
    public void A_path_with_anything_to_normalise_takes_the_full_route(string path) =>
        Assert.That(RequestPath.IsNormal(path), Is.False);

    [Test]
    public void Normalising_an_ordinary_path_allocates_nothing()
    {
        const string path = "/api/notes/42";
        RequestPath.Normalize(path);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            RequestPath.Normalize(path);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static IEnumerable<string> AllStrings(string alphabet, int maxLength)
    {
        var builder = new StringBuilder();
        for (var length = 1; length <= maxLength; length++)
        {
            var indexes = new int[length];
            while (true)
            {
                builder.Clear();
                foreach (var i in indexes)
                {
                    builder.Append(alphabet[i]);
                }

                yield return builder.ToString();
                var position = length - 1;
                while (position >= 0 && ++indexes[position] == alphabet.Length)
                {
                    indexes[position--] = 0;
                }

                if (position < 0)
                {
                    break;
                }
            }
        }
    }
}
