using System.Diagnostics;
using Studio.Auth.Configuration;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>Paths that are not plain files, and text YamlDotNet rejects with exceptions other than YamlException.</summary>
public class UnusualFileTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string MakeFifo()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "mkfifo is Unix only");
        var path = Path.Combine(_dir.Path, "auth.fifo");
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assume.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo failed");
        return path;
    }

    [Test]
    [CancelAfter(30_000)]
    public void A_FIFO_without_a_writer_is_refused_instead_of_hanging_start_up()
    {
        var path = MakeFifo();
        var document = YamlConfigReader.ReadFile(path, _ => null, TimeSpan.FromMilliseconds(300));
        Assert.That(document.Root, Is.Null);
        Assert.That(document.Problems.Single().Message, Does.StartWith("file cannot be read: nothing to read within"));
        Assert.That(document.Problems.Single().Source, Is.EqualTo(path));
    }

    [Test]
    [CancelAfter(30_000)]
    public void A_FIFO_with_a_writer_is_read_like_a_file()
    {
        // --auth-config <(sops -d auth.yaml) hands the host a pipe.
        var path = MakeFifo();
        var writer = Task.Run(() => File.WriteAllText(path, "type: none\n"));
        var document = YamlConfigReader.ReadFile(path, _ => null, TimeSpan.FromSeconds(20));
        writer.Wait();
        Assert.That(document.Problems, Is.Empty);
        Assert.That(document.Root!.TryGet("type", out _, out _), Is.True);
    }

    [Test]
    public void A_path_the_file_system_refuses_is_an_AuthConfigException()
    {
        using var services = Config.FromYamlFile(Path.Combine(_dir.Path, "a\0b.yaml"));
        var ex = services.Refused();
        Assert.That(ex.Problems.Single().Message, Does.StartWith("file cannot be read: ArgumentException"));
    }

    [TestCase(@"\uD800\u0041")]
    [TestCase(@"\UFFFFFFFF")]
    public void An_escape_that_is_not_a_Unicode_character_is_a_syntax_error_with_its_line(string escape)
    {
        // YamlDotNet throws ArgumentOutOfRangeException here, not YamlException.
        using var services = Config.FromYamlFile(_dir.Write("type: none\nissuer: \"a" + escape + "b\"\n"));
        var ex = services.Refused();
        ex.HasProblem(string.Empty, 2, "YAML syntax error: a quoted value has an invalid escape");
    }
}
