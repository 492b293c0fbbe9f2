using System.Globalization;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// Claims, read only after the MAC matched: integer times in range, required claims, exact issuer
/// and audience, a non-empty subject, roles as a string array.
/// </summary>
public class ClaimTests
{
    [TestCase("exp")]
    [TestCase("iat")]
    [TestCase("nbf")]
    public void Time_claims_must_be_json_integers(string claim)
    {
        var bench = TokenBench.Create();
        var now = bench.Now.ToString(CultureInfo.InvariantCulture);
        string[] wrong =
        [
            $"\"{now}\"", "true", "false", "null", $"{now}.0", $"{now}.5", "1.7e9", "17E8", $"[{now}]", $"{{\"v\":{now}}}",
            "-1", "-0", "99999999999999999999", "1e400", "253402300800", "9223372036854775808",
        ];
        foreach (var value in wrong)
        {
            var token = bench.Sign(bench.Header(), bench.Claims().Set(claim, value).ToJson());
            Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.InvalidClaim), $"{claim}: {value}");
        }
    }

    [TestCase("exp")]
    [TestCase("iat")]
    [TestCase("sub")]
    [TestCase("iss")]
    [TestCase("aud")]
    [TestCase("jti")]
    [TestCase("provider")]
    public void A_required_claim_that_is_absent_is_missing(string claim)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Remove(claim).ToJson())), Is.EqualTo(TokenRejection.MissingClaim));
    }

    [TestCase("nbf")]
    [TestCase("name")]
    [TestCase("email")]
    [TestCase("roles")]
    public void An_optional_claim_may_be_absent(string claim)
    {
        var bench = TokenBench.Create();
        var result = bench.Service.Validate(bench.Sign(bench.Header(), bench.Claims().Remove(claim).ToJson()));
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.Multiple(() =>
        {
            Assert.That(result.User!.Name, Is.EqualTo(claim == "name" ? "42" : "Ada Lovelace"), "the name falls back to the subject");
            Assert.That(result.User.Roles, Is.EqualTo(new[] { StudioUser.UserRole }), "roles default to user");
        });
    }

    [TestCase("sub", "\"\"")]
    [TestCase("sub", "42")]
    [TestCase("sub", "null")]
    [TestCase("sub", "[\"42\"]")]
    [TestCase("sub", "{\"id\":\"42\"}")]
    [TestCase("provider", "\"\"")]
    [TestCase("provider", "1")]
    [TestCase("jti", "\"\"")]
    [TestCase("jti", "7")]
    [TestCase("name", "7")]
    [TestCase("email", "false")]
    [TestCase("iss", "1")]
    [TestCase("iss", "null")]
    [TestCase("iss", "[\"studio-auth\"]")]
    [TestCase("aud", "1")]
    [TestCase("aud", "null")]
    [TestCase("aud", "[\"studio-auth\", 1]")]
    [TestCase("aud", "[[\"studio-auth\"]]")]
    [TestCase("roles", "\"admin\"")]
    [TestCase("roles", "[1]")]
    [TestCase("roles", "[\"user\", null]")]
    [TestCase("roles", "[\"\"]")]
    [TestCase("roles", "[[\"admin\"]]")]
    [TestCase("roles", "{\"admin\":true}")]
    public void A_claim_of_the_wrong_type_or_empty_is_invalid(string claim, string value)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set(claim, value).ToJson())), Is.EqualTo(TokenRejection.InvalidClaim));
    }

    [TestCase("sub", "\"admin\\u0000x\"")]
    [TestCase("sub", "\"42\\n\"")]
    [TestCase("sub", "\"42\\u007f\"")]
    [TestCase("sub", "\"42\u0085\"")]
    [TestCase("provider", "\"github\\u0000\"")]
    [TestCase("jti", "\"a\\tb\"")]
    [TestCase("roles", "[\"user\", \"admin\\u0000\"]")]
    public void An_identifier_with_a_control_character_is_invalid(string claim, string value)
    {
        // Found by the external hostile-token review: "admin\u0000x" was accepted as a user id.
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set(claim, value).ToJson())), Is.EqualTo(TokenRejection.InvalidClaim));
    }

    [Test]
    public void Display_claims_may_hold_control_characters()
    {
        var bench = TokenBench.Create();
        var result = bench.Service.Validate(bench.Sign(bench.Header(), bench.Claims().Set("name", "\"Ada\\tLovelace\"").ToJson()));
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.That(result.User!.Name, Is.EqualTo("Ada\tLovelace"));
    }

    [Test]
    public void A_user_whose_id_or_role_has_a_control_character_gets_no_token()
    {
        var bench = TokenBench.Create();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => bench.Service.Issue(TokenBench.Ada with { Id = "42\0" }));
            Assert.Throws<ArgumentException>(() => bench.Service.Issue(TokenBench.Ada with { Roles = ["user", "ad\nmin"] }));
        });
    }

    [Test]
    public void Overlong_strings_and_too_many_roles_are_invalid()
    {
        var bench = TokenBench.Create();
        var longText = $"\"{new string('a', TokenClaimLimits.MaxStringLength + 1)}\"";
        var manyRoles = "[" + string.Join(',', Enumerable.Range(0, TokenClaimLimits.MaxRoles + 1).Select(i => $"\"r{i}\"")) + "]";
        var enoughRoles = "[" + string.Join(',', Enumerable.Range(0, TokenClaimLimits.MaxRoles).Select(i => $"\"r{i}\"")) + "]";
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("sub", longText).ToJson())), Is.EqualTo(TokenRejection.InvalidClaim));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("name", longText).ToJson())), Is.EqualTo(TokenRejection.InvalidClaim));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("roles", manyRoles).ToJson())), Is.EqualTo(TokenRejection.InvalidClaim));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("roles", enoughRoles).ToJson())), Is.EqualTo(TokenRejection.None));
        });
    }

    [TestCase("\"other\"")]
    [TestCase("\"Studio-Auth\"")]
    [TestCase("\"studio-auth \"")]
    [TestCase("\"studio-auth\\u0000\"")]
    [TestCase("\"\"")]
    public void Issuer_must_match_exactly(string iss)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("iss", iss).ToJson())), Is.EqualTo(TokenRejection.WrongIssuer));
    }

    [TestCase("\"other\"")]
    [TestCase("\"STUDIO-AUTH\"")]
    [TestCase("[]")]
    [TestCase("[\"other\"]")]
    [TestCase("[\"studio-auth-x\", \"x-studio-auth\"]")]
    public void Audience_must_be_ours_or_an_array_containing_ours(string aud)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("aud", aud).ToJson())), Is.EqualTo(TokenRejection.WrongAudience));
    }

    [TestCase("[\"studio-auth\"]")]
    [TestCase("[\"other\", \"studio-auth\"]")]
    [TestCase("\"studio\\u002dauth\"")]
    public void Audience_array_containing_ours_is_accepted(string aud)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("aud", aud).ToJson())), Is.EqualTo(TokenRejection.None));
    }

    [Test]
    public void Configured_issuer_and_audience_are_the_ones_required()
    {
        var bench = TokenBench.Create(o =>
        {
            o.Issuer = "https://studio.example";
            o.Audience = "studio-api";
        });
        var issued = bench.Service.Issue(TokenBench.Ada).Token;
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(issued), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(bench.ValidToken()), Is.EqualTo(TokenRejection.WrongIssuer));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("iss", "\"https://studio.example\"").ToJson())), Is.EqualTo(TokenRejection.WrongAudience));
        });
    }

    [Test]
    public void Roles_are_read_as_given()
    {
        var bench = TokenBench.Create();
        var result = bench.Service.Validate(bench.Sign(bench.Header(), bench.Claims().Set("roles", "[\"user\",\"admin\",\"auditor\"]").ToJson()));
        Assert.That(result.User!.Roles, Is.EqualTo(new[] { "user", "admin", "auditor" }));
        Assert.That(result.User.IsInRole(StudioUser.AdminRole), Is.True);
    }

    [TestCase("[\"user\"]")]
    [TestCase("[\"user\",\"admin\"]")]
    [TestCase("[\"auditor\"]")]
    [TestCase(null)]
    public async Task Roles_of_a_validated_token_cannot_be_changed_by_the_host(string? roles)
    {
        // A cached result is shared by every request that presents the token.
        var bench = TokenBench.Create();
        var claims = roles is null ? bench.Claims().Remove("roles") : bench.Claims().Set("roles", roles);
        var result = await bench.Service.ValidateAsync(bench.Sign(bench.Header(), claims.ToJson()));
        Assert.That(result.User!.Roles, Is.Not.InstanceOf<string[]>());
        Assert.That(((ICollection<string>)result.User.Roles).IsReadOnly, Is.True);
    }

    [Test]
    public void Unknown_claims_are_ignored_but_must_still_be_strict_json()
    {
        var bench = TokenBench.Create();
        var result = bench.Service.Validate(bench.Sign(bench.Header(), bench.Claims().Add("http://example.com/is_root", "true").Add("avatar", "{\"u\":[1,2,{\"v\":null}]}").ToJson()));
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.That(result.User!.IsInRole(StudioUser.AdminRole), Is.False, "an unknown claim never grants anything");
    }

    [Test]
    public void An_issued_token_round_trips_every_user_field_the_token_carries()
    {
        var bench = TokenBench.Create();
        var user = new StudioUser("u/1", "Zoë \"Z\" <script>", null, "https://a.example/p.png", "github", [StudioUser.UserRole, StudioUser.AdminRole]);
        var issued = bench.Service.Issue(user);
        var result = bench.Service.Validate(issued.Token);
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.Multiple(() =>
        {
            Assert.That(result.User!.Id, Is.EqualTo(user.Id));
            Assert.That(result.User.Name, Is.EqualTo(user.Name));
            Assert.That(result.User.Email, Is.Null);
            Assert.That(result.User.Roles, Is.EqualTo(user.Roles));
            Assert.That(result.TokenId, Is.EqualTo(issued.TokenId));
            Assert.That(result.ExpiresAt, Is.EqualTo(issued.ExpiresAt));
            Assert.That(result.IssuedAt, Is.EqualTo(issued.IssuedAt));
        });
    }

    [Test]
    public void Issue_refuses_a_user_whose_token_would_not_validate()
    {
        var bench = TokenBench.Create();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => bench.Service.Issue(TokenBench.Ada with { Id = "" }));
            Assert.Throws<ArgumentException>(() => bench.Service.Issue(TokenBench.Ada with { Name = new string('n', 2000) }));
            Assert.Throws<ArgumentException>(() => bench.Service.Issue(TokenBench.Ada with { Roles = ["user", ""] }));
        });
    }
}
