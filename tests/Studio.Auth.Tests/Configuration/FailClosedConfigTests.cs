using System.Text;
using Studio.Auth.Configuration;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>Every item of issue 2's fail-closed list stops start-up with one exception naming file, key and line.</summary>
public class FailClosedConfigTests
{
    private const string Valid = "type: github\njwt_secret: " + TestSecrets.Current + "\ngithub:\n  client_id: abc\n  client_secret: def\n  callback_url: http://localhost:8081/api/auth/callback\n";

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private AuthConfigException Refuse(string yaml)
    {
        var path = _dir.Write(yaml);
        using var services = Config.FromYamlFile(path);
        var ex = services.Refused();
        Assert.That(ex.Problems.Select(p => p.Source).Distinct(), Is.EqualTo(new[] { path }), "every problem names the file");
        Assert.That(ex.Message, Does.StartWith($"Studio.Auth configuration is invalid ({path}"));
        return ex;
    }

    [Test]
    public void The_valid_baseline_loads()
    {
        using var services = Config.FromYamlFile(_dir.Write(Valid));
        Assert.That(services.Options().Type, Is.EqualTo("github"));
    }

    [Test]
    public void Missing_file_is_refused_naming_the_path()
    {
        var path = Path.Combine(_dir.Path, "nope", "auth.yaml");
        using var services = Config.FromYamlFile(path);
        var ex = services.Refused();
        ex.HasProblem(string.Empty, null, "file not found");
        Assert.That(ex.Message, Does.Contain(path));
    }

    [Test]
    public void A_directory_instead_of_a_file_is_refused()
    {
        using var services = Config.FromYamlFile(_dir.Path);
        services.Refused().HasProblem(string.Empty, null, "is a directory, not a file");
    }

    [Test]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var path = Path.Combine(_dir.Path, "auth.yaml");
        File.WriteAllBytes(path, [.. "type: none\nname: "u8.ToArray(), 0xC3, 0x28, (byte)'\n']);
        using var services = Config.FromYamlFile(path);
        services.Refused().HasProblem(string.Empty, null, "not valid UTF-8");
    }

    [Test]
    public void Yaml_syntax_error_is_refused_with_its_line()
    {
        var ex = Refuse("type: github\njwt_secret: " + TestSecrets.Current + "\ngithub: {client_id: abc\n");
        var problem = ex.Problems.Single();
        Assert.That(problem.Message, Does.StartWith("YAML syntax error: "));
        Assert.That(problem.Line, Is.EqualTo(4), "YamlDotNet reports where it stopped: the end of the unclosed mapping");
    }

    [TestCase("", TestName = "Empty_file_is_refused")]
    [TestCase("# only a comment\n\n", TestName = "File_with_only_comments_is_refused")]
    [TestCase("---\n", TestName = "File_with_only_a_document_marker_is_refused")]
    public void Empty_file_is_refused(string yaml) =>
        Refuse(yaml).HasProblem(string.Empty, 1, "file is empty");

    [Test]
    public void A_top_level_list_is_refused() =>
        Refuse("- type: none\n").HasProblem(string.Empty, 1, "the top level must be a mapping");

    [Test]
    public void A_file_without_type_is_refused_instead_of_meaning_none()
    {
        var ex = Refuse("jwt_secret: " + TestSecrets.Current + "\ntoken_expiry_minutes: 30\n");
        ex.HasProblem("type", 1, "is required: one of github, none");
    }

    [Test]
    public void An_empty_type_is_refused() =>
        Refuse("type:\njwt_secret: " + TestSecrets.Current + "\n").HasProblem("type", 1, "is required");

    [Test]
    public void Unknown_type_is_refused_listing_the_registered_types()
    {
        var ex = Refuse("type: okta\njwt_secret: " + TestSecrets.Current + "\n");
        var problem = ex.HasProblem("type", 1, "unknown type 'okta'");
        Assert.That(problem.Message, Does.Contain("registered types: github, none"));
    }

    [TestCase("msal")]
    [TestCase("firebase")]
    public void AutoGen_Studio_types_without_a_registered_provider_are_refused(string type) =>
        Refuse($"type: {type}\njwt_secret: {TestSecrets.Current}\n{type}:\n  client_id: x\n").HasProblem("type", 1, $"unknown type '{type}'");

    [Test]
    public void Github_without_jwt_secret_is_refused() =>
        Refuse(Valid.Replace("jwt_secret: " + TestSecrets.Current + "\n", string.Empty, StringComparison.Ordinal))
            .HasProblem("jwt_secret", 1, "is required when type is 'github'");

    [Test]
    public void Jwt_secret_under_32_bytes_is_refused()
    {
        var problem = Refuse(Valid.Replace(TestSecrets.Current, "Zx81kQ0pW2nR7sT5vY3uBc6", StringComparison.Ordinal))
            .HasProblem("jwt_secret", 2, "must be at least 32 bytes (it has 23)");
        Assert.That(problem.Message, Does.Not.Contain("Zx81kQ0pW2nR7sT5vY3uBc6"), "the secret is never echoed");
    }

    [TestCase("your-secret-key")]
    [TestCase("secret")]
    [TestCase("your-256-bit-secret")]
    [TestCase("YOUR-SECRET-KEY")]
    [TestCase("a-string-secret-at-least-256-bits-long")]
    [TestCase("your-super-secret-key-change-in-production")]
    public void Well_known_sample_secrets_are_refused(string secret)
    {
        var ex = Refuse(Valid.Replace(TestSecrets.Current, $"\"{secret}\"", StringComparison.Ordinal));
        var problem = ex.HasProblem("jwt_secret", 2, "well-known sample secret");
        // "secret" is also a word of the message itself, so short samples are checked as values only.
        var echoed = secret.Length > 12 ? secret : ": " + secret;
        Assert.That(ex.Message, Does.Not.Contain(echoed).IgnoreCase, "the secret is never echoed");
        Assert.That(problem.Message, Does.Contain("openssl rand"), "the message says how to fix it");
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("10081")]
    [TestCase("99999")]
    public void Token_expiry_outside_1_to_10080_is_refused(string minutes) =>
        Refuse(Valid + "token_expiry_minutes: " + minutes + "\n").HasProblem("token_expiry_minutes", 7, "must be between 1 and 10080");

    [TestCase("abc")]
    [TestCase("60.5")]
    [TestCase("1e3")]
    [TestCase("[60]")]
    public void Token_expiry_that_is_not_an_integer_is_refused(string minutes) =>
        Refuse(Valid + "token_expiry_minutes: " + minutes + "\n").HasProblem("token_expiry_minutes", 7, "must be");

    [TestCase("060")]
    [TestCase("0060")]
    [TestCase("+060")]
    [TestCase("\"060\"")]
    public void Token_expiry_with_a_leading_zero_is_refused_because_AutoGen_Studio_reads_it_as_octal(string minutes) =>
        Refuse(Valid + "token_expiry_minutes: " + minutes + "\n").HasProblem("token_expiry_minutes", 7, "without leading zeros");

    [TestCase("1")]
    [TestCase("10080")]
    public void Token_expiry_at_the_bounds_is_accepted(string minutes)
    {
        using var services = Config.FromYamlFile(_dir.Write(Valid + "token_expiry_minutes: " + minutes + "\n"));
        Assert.That(services.Options().TokenExpiryMinutes, Is.EqualTo(int.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Github_without_the_github_block_is_refused()
    {
        var ex = Refuse("type: github\njwt_secret: " + TestSecrets.Current + "\n");
        ex.HasProblem("github", 1, "block is missing; it is required when type is 'github'");
        ex.HasProblem("github.client_id", 1, "is required");
    }

    [TestCase("client_id")]
    [TestCase("client_secret")]
    [TestCase("callback_url")]
    public void Github_without_a_required_key_is_refused(string key)
    {
        var yaml = string.Join('\n', Valid.Split('\n').Where(l => !l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)));
        Refuse(yaml).HasProblem("github." + key, 3, "is required");
    }

    [TestCase("/api/auth/callback", "must be an absolute http(s) URL")]
    [TestCase("ftp://localhost/cb", "must be an absolute http(s) URL")]
    [TestCase("localhost:8081/api/auth/callback", "must be an absolute http(s) URL")]
    [TestCase("https://user:pw@studio.example.com/cb", "must be an absolute http(s) URL")]
    [TestCase("http://studio.example.com/api/auth/callback", "must use https")]
    [TestCase("http://10.0.0.5:8081/api/auth/callback", "must use https")]
    [TestCase("http://localhost.evil.com/cb", "must use https")]
    public void Callback_url_that_is_not_https_or_loopback_http_is_refused(string url, string fragment) =>
        Refuse(Valid.Replace("http://localhost:8081/api/auth/callback", url, StringComparison.Ordinal))
            .HasProblem("github.callback_url", 6, fragment);

    [TestCase("http://localhost:8081/api/auth/callback")]
    [TestCase("http://127.0.0.1:8081/api/auth/callback")]
    [TestCase("http://127.8.9.10/cb")]
    [TestCase("http://[::1]:8081/cb")]
    [TestCase("http://studio.localhost/cb")]
    [TestCase("https://studio.example.com/api/auth/callback")]
    public void Callback_url_over_https_or_loopback_http_is_accepted(string url)
    {
        using var services = Config.FromYamlFile(_dir.Write(Valid.Replace("http://localhost:8081/api/auth/callback", url, StringComparison.Ordinal)));
        Assert.That(services.Options().Type, Is.EqualTo("github"));
    }

    [Test]
    public void Duplicate_top_level_key_is_refused_naming_both_lines()
    {
        var ex = Refuse(Valid + "type: none\n");
        ex.HasProblem("type", 7, "duplicate key (first defined on line 1)");
    }

    [Test]
    public void Duplicate_nested_key_is_refused_with_its_full_path() =>
        Refuse(Valid + "  client_id: again\n").HasProblem("github.client_id", 7, "duplicate key (first defined on line 4)");

    [Test]
    public void Keys_differing_only_in_spelling_style_are_duplicates() =>
        Refuse(Valid + "JwtSecret: " + TestSecrets.Other + "\n").HasProblem("JwtSecret", 7, "duplicate key (first defined on line 2)");

    [Test]
    public void Anchors_and_aliases_are_refused()
    {
        var ex = Refuse("type: github\njwt_secret: &s " + TestSecrets.Current + "\ngithub:\n  client_id: abc\n  client_secret: *s\n  callback_url: http://localhost:8081/api/auth/callback\n");
        ex.HasProblem("jwt_secret", 2, "anchors (&name) are not allowed");
        ex.HasProblem("github.client_secret", 5, "aliases (*name) are not allowed");
        Assert.That(ex.Problems, Has.Count.EqualTo(2), "the alias's missing value is not reported again as 'is required'");
    }

    [Test]
    public void Merge_keys_are_refused_as_aliases() =>
        Refuse("base: &b {client_id: x}\ntype: none\ngithub:\n  <<: *b\n").HasProblem("github.<<", 4, "aliases (*name) are not allowed");

    [Test]
    public void Tags_are_refused() =>
        Refuse("type: !!str none\n").HasProblem("type", 1, "tags (!name) are not allowed");

    [Test]
    public void Several_documents_are_refused() =>
        Refuse("type: none\n---\ntype: github\n").HasProblem(string.Empty, 2, "only one YAML document");

    [Test]
    public void File_over_1_MiB_is_refused()
    {
        var yaml = new StringBuilder("type: none\n");
        while (yaml.Length <= 1024 * 1024)
        {
            yaml.Append("# padding padding padding padding padding padding padding padding padding\n");
        }

        Refuse(yaml.ToString()).HasProblem(string.Empty, null, "file is larger than 1 MiB");
    }

    [TestCase("jwt_secert", "jwt_secret")]
    [TestCase("token_expiry_minute", "token_expiry_minutes")]
    [TestCase("exclude_path", "exclude_paths")]
    [TestCase("admin", "admins")]
    [TestCase("githbu", "github")]
    public void Unknown_key_is_refused_with_did_you_mean(string typo, string meant) =>
        Refuse(Valid + typo + ": x\n").HasProblem(typo, 7, $"unknown key; did you mean '{meant}'?");

    [Test]
    public void Unknown_key_in_a_provider_block_is_refused_with_did_you_mean() =>
        Refuse(Valid + "  scope: [\"user:email\"]\n").HasProblem("github.scope", 7, "unknown key; did you mean 'scopes'?");

    [Test]
    public void Unknown_key_unlike_any_other_gets_no_suggestion() =>
        Refuse(Valid + "completely_unrelated: x\n").HasProblem("completely_unrelated", 7, "unknown key");

    [Test]
    public void Every_problem_is_listed_at_once_in_file_order()
    {
        var ex = Refuse(
            "type: github\n" +                                   // 1
            "jwt_secret: short\n" +                              // 2
            "token_expiry_minutes: 0\n" +                        // 3
            "clock_skew_seconds: 600\n" +                        // 4
            "exclude_paths: [\"api/x\", \"/*\"]\n" +             // 5
            "github:\n" +                                        // 6
            "  client_id: abc\n" +                               // 7
            "  callbak_url: http://example.com/cb\n" +           // 8
            "  client_secret: ${STUDIO_AUTH_TEST_SURELY_UNSET_1}\n" + // 9
            "tpye: none\n");                                     // 10

        ex.HasProblem("jwt_secret", 2, "at least 32 bytes");
        ex.HasProblem("token_expiry_minutes", 3, "between 1 and 10080");
        ex.HasProblem("clock_skew_seconds", 4, "between 0 and 60");
        ex.HasProblem("exclude_paths.0", 5, "must be a path starting with '/'");
        ex.HasProblem("exclude_paths.1", 5, "would exempt the whole API");
        ex.HasProblem("github.callbak_url", 8, "did you mean 'callback_url'?");
        ex.HasProblem("github.callback_url", 6, "is required");
        ex.HasProblem("github.client_secret", 9, "environment variable 'STUDIO_AUTH_TEST_SURELY_UNSET_1' is not set");
        ex.HasProblem("tpye", 10, "did you mean 'type'?");
        Assert.That(ex.Problems, Has.Count.EqualTo(9));
        Assert.That(ex.Message, Does.StartWith($"Studio.Auth configuration is invalid ({ex.Problems[0].Source}, 9 problems):"));
        Assert.That(ex.Problems.Select(p => p.Line), Is.Ordered, "problems are listed in file order");
    }
}
