using System.Text;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>Inputs built to exhaust a YAML loader are refused with a clear error, never expanded.</summary>
public class HostileYamlTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private Studio.Auth.Configuration.AuthConfigException Refuse(string yaml)
    {
        using var services = Config.FromYamlFile(_dir.Write(yaml));
        return services.Refused();
    }

    [Test]
    public void Billion_laughs_alias_bomb_is_refused_at_its_first_anchor()
    {
        var yaml = new StringBuilder("type: none\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        var previous = 'a';
        foreach (var name in "bcdefghi")
        {
            yaml.Append(name).Append(": &").Append(name).Append(" [")
                .AppendJoin(',', Enumerable.Repeat("*" + previous, 9)).Append("]\n");
            previous = name;
        }

        var ex = Refuse(yaml.ToString());
        Assert.That(ex.Problems[0].Message, Does.StartWith("anchors (&name) are not allowed"));
        Assert.That(ex.Problems[0].Line, Is.EqualTo(2));
        Assert.That(ex.Problems[0].Key, Is.EqualTo("a"));
        Assert.That(ex.Problems.All(p => p.Message.Contains("are not allowed", StringComparison.Ordinal)), Is.True);
        Assert.That(ex.Problems, Has.Count.LessThanOrEqualTo(50), "reading stops after 50 problems; nothing is expanded");
    }

    [Test]
    public void Ten_thousand_deep_flow_nesting_is_refused()
    {
        var ex = Refuse("type: none\ndeep: " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
        Assert.That(ex.Problems[0].Message, Does.StartWith("nesting is deeper than 32 levels"));
        Assert.That(ex.Problems[0].Line, Is.EqualTo(2));
    }

    [Test]
    public void Ten_thousand_deep_block_nesting_is_refused()
    {
        // "- - - x" nests block sequences on one line, so 10,000 levels fit in 20 KB.
        var ex = Refuse("type: none\ndeep:\n  " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n");
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
        Assert.That(ex.Problems[0].Message, Does.StartWith("nesting is deeper than 32 levels"));
        Assert.That(ex.Problems[0].Key, Does.StartWith("deep.0.0.0."));
    }

    [Test]
    public void Ten_thousand_deep_mapping_nesting_is_refused()
    {
        var ex = Refuse("type: none\ndeep: " + string.Concat(Enumerable.Repeat("{k: ", 10_000)) + "x" + new string('}', 10_000) + "\n");
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
        Assert.That(ex.Problems[0].Message, Does.StartWith("nesting is deeper than 32 levels"));
        Assert.That(ex.Problems[0].Key, Does.StartWith("deep.k.k."));
    }

    [Test]
    public void A_5_MB_file_is_refused_before_it_is_parsed()
    {
        var path = Path.Combine(_dir.Path, "auth.yaml");
        using (var file = File.Create(path))
        {
            var line = Encoding.UTF8.GetBytes("# " + new string('x', 1021) + "\n");
            for (var i = 0; i < 5 * 1024; i++)
            {
                file.Write(line);
            }
        }

        using var services = Config.FromYamlFile(path);
        var ex = services.Refused();
        ex.HasProblem(string.Empty, null, "file is larger than 1 MiB");
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_huge_single_scalar_is_refused_by_size_too()
    {
        var ex = Refuse("type: none\njwt_secret: " + new string('k', 2 * 1024 * 1024) + "\n");
        Assert.That(ex.Problems.Single().Message, Does.Contain("file is larger than 1 MiB"));
    }

    [Test]
    public void Complex_keys_are_refused() =>
        Refuse("type: none\n? [a, b]\n: value\n").HasProblem(string.Empty, 2, "keys must be plain names");
}
