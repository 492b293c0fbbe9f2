using Studio.Auth.Gate;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Gate;

/// <summary>
/// Everything under /api needs a token except AutoGen Studio's auth endpoints, health, version and
/// exclude_paths; paths are compared after normalising case, trailing slash, percent-encoding and
/// dot segments, and a hidden separator is never exempt.
/// </summary>
public class PathRuleTests
{
    private GateHarness _gate = null!;

    [SetUp]
    public void SetUp() => _gate = new GateHarness(o => o.ExcludePaths = ["/api/public", "/api/files/*"]);

    [TearDown]
    public void TearDown() => _gate.Dispose();

    [TestCase("/api/auth/login-url")]
    [TestCase("/api/auth/callback")]
    [TestCase("/api/auth/callback-handler")]
    [TestCase("/api/auth/type")]
    [TestCase("/api/health")]
    [TestCase("/api/version")]
    public void AutoGen_Studios_auth_endpoints_health_and_version_are_exempt(string path) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(PathAccess.Exempt));

    [TestCase("/API/AUTH/TYPE", TestName = "Case_is_normalised_before_exempting")]
    [TestCase("/api/auth/type/", TestName = "A_trailing_slash_is_normalised_before_exempting")]
    [TestCase("/api/auth/%74ype", TestName = "Percent_encoded_letters_are_decoded_before_exempting")]
    [TestCase("/api/./auth/type", TestName = "Single_dot_segments_are_removed_before_exempting")]
    [TestCase("/api/teams/../auth/type", TestName = "Double_dot_segments_are_resolved_before_exempting")]
    [TestCase("/api//auth//type", TestName = "Repeated_slashes_are_collapsed_before_exempting")]
    public void Normalised_forms_of_an_exempt_path_are_exempt(string path) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(PathAccess.Exempt));

    [TestCase("/api")]
    [TestCase("/api/")]
    [TestCase("/api/teams")]
    [TestCase("/API/Teams")]
    [TestCase("/api/auth/me")]
    [TestCase("/api/auth/logout")]
    [TestCase("/api/auth/typo")]
    [TestCase("/api/auth/type/extra")]
    [TestCase("/api/auth/types")]
    [TestCase("/api/healthz")]
    [TestCase("/api/health/details")]
    public void Other_api_paths_are_guarded(string path) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(PathAccess.Guarded));

    [TestCase("/API/auth/type/../../teams", TestName = "Dot_segments_out_of_an_exempt_path_are_guarded")]
    [TestCase("/api/auth/type/%2e%2e/%2e%2e/teams", TestName = "Encoded_dot_segments_out_of_an_exempt_path_are_guarded")]
    [TestCase("/api/auth/type%2F..%2F..%2Fteams", TestName = "Encoded_slashes_out_of_an_exempt_path_are_guarded")]
    [TestCase("/api/auth/type\\..\\..\\teams", TestName = "Backslash_segments_out_of_an_exempt_path_are_guarded")]
    [TestCase("/api/auth%2Ftype", TestName = "An_exempt_path_spelled_with_2F_is_never_exempt")]
    [TestCase("/api/auth%2ftype", TestName = "An_exempt_path_spelled_with_lower_case_2f_is_never_exempt")]
    [TestCase("/api%2Fauth%2Ftype", TestName = "An_exempt_path_spelled_entirely_with_2F_is_never_exempt")]
    [TestCase("/api/auth/type%2F", TestName = "An_exempt_path_with_a_trailing_2F_is_never_exempt")]
    [TestCase("/api/auth/%2e/type", TestName = "An_exempt_path_with_an_encoded_dot_segment_is_never_exempt")]
    [TestCase("/api/auth%5Ctype", TestName = "An_exempt_path_spelled_with_5C_is_never_exempt")]
    [TestCase("/api/auth/type%252F", TestName = "A_double_encoded_exempt_path_is_never_exempt")]
    [TestCase("/api/auth/type%00", TestName = "A_NUL_byte_is_guarded")]
    [TestCase("/api/auth/type%", TestName = "A_truncated_escape_is_guarded")]
    [TestCase("/api/auth/type%zz", TestName = "An_invalid_escape_is_guarded")]
    [TestCase("/api/auth/type%C3%28", TestName = "Invalid_UTF8_is_guarded")]
    [TestCase("/api/teams/%2e%2e/%2e%2e/static", TestName = "A_path_that_only_normalises_out_of_the_api_is_still_guarded")]
    [TestCase("/api/../static/app.js", TestName = "A_raw_api_path_with_dot_segments_is_guarded")]
    public void Tricky_spellings_are_guarded(string path) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(PathAccess.Guarded));

    [TestCase("/")]
    [TestCase("/index.html")]
    [TestCase("/static/app.js")]
    [TestCase("/apix")]
    [TestCase("/apiary/teams")]
    [TestCase("/auth/type")]
    public void Paths_outside_the_api_prefix_are_not_the_gates_business(string path) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(PathAccess.Unguarded));

    [TestCase("/api/public", PathAccess.Exempt)]
    [TestCase("/API/Public/", PathAccess.Exempt)]
    [TestCase("/api/public/more", PathAccess.Guarded)]
    [TestCase("/api/publicity", PathAccess.Guarded)]
    public void An_exact_exclude_path_exempts_only_itself(string path, PathAccess expected) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(expected));

    [TestCase("/api/files", PathAccess.Exempt)]
    [TestCase("/api/files/", PathAccess.Exempt)]
    [TestCase("/api/files/a.txt", PathAccess.Exempt)]
    [TestCase("/api/FILES/a/b/c", PathAccess.Exempt)]
    [TestCase("/api/filesystem", PathAccess.Guarded)]
    [TestCase("/api/files/../teams", PathAccess.Guarded)]
    [TestCase("/api/files%2Fa.txt", PathAccess.Guarded)]
    [TestCase("/api/files/%2e%2e/teams", PathAccess.Guarded)]
    public void A_prefix_exclude_path_exempts_what_is_below_it(string path, PathAccess expected) =>
        Assert.That(_gate.Gate.Classify(path), Is.EqualTo(expected));

    [Test]
    public void The_api_prefix_is_configurable()
    {
        using var gate = new GateHarness(o => o.ApiPrefix = "/studio/api");
        Assert.That(gate.Gate.Classify("/studio/api/teams"), Is.EqualTo(PathAccess.Guarded));
        Assert.That(gate.Gate.Classify("/Studio/API/auth/type"), Is.EqualTo(PathAccess.Exempt));
        Assert.That(gate.Gate.Classify("/api/teams"), Is.EqualTo(PathAccess.Unguarded));
    }

    [Test]
    public async Task An_exempt_path_passes_without_a_token_and_without_a_user()
    {
        var result = await _gate.SendAsync("/api/auth/type");
        Assert.That(result.Allowed, Is.True);
        Assert.That(result.Access, Is.EqualTo(PathAccess.Exempt));
        Assert.That(result.User, Is.Null);
    }

    [Test]
    public async Task An_exempt_path_ignores_a_bad_token()
    {
        var result = await _gate.SendAsync("/api/health", "Bearer garbage");
        Assert.That(result.Allowed, Is.True);
    }

    [Test]
    public async Task An_unguarded_path_passes()
    {
        var result = await _gate.SendAsync("/index.html");
        Assert.That(result.Allowed, Is.True);
        Assert.That(result.Access, Is.EqualTo(PathAccess.Unguarded));
    }
}
