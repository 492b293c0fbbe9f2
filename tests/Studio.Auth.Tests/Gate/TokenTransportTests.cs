using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Studio.Auth.Gate;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Gate;

/// <summary>Where the token may come from: one Bearer header, or ?token= on a WebSocket upgrade only.</summary>
public class TokenTransportTests
{
    private GateHarness _gate = null!;

    [SetUp]
    public void SetUp() => _gate = new GateHarness();

    [TearDown]
    public void TearDown() => _gate.Dispose();

    private static void AssertRefused(GateResult result, string reason, bool tokenPresented)
    {
        Assert.That(result.Allowed, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo(reason));
        Assert.That(result.TokenPresented, Is.EqualTo(tokenPresented));
        Assert.That(result.User, Is.Null);
    }

    [TestCase("Bearer")]
    [TestCase("bearer")]
    [TestCase("BEARER")]
    [TestCase("bEaReR")]
    public async Task The_bearer_scheme_is_matched_ignoring_case(string scheme)
    {
        var result = await _gate.SendAsync("/api/teams", $"{scheme} {_gate.Token}");
        Assert.That(result.Allowed, Is.True, result.FailureReason);
        Assert.That(result.Access, Is.EqualTo(PathAccess.Guarded));
        Assert.That(result.User!.Id, Is.EqualTo("7"));
        Assert.That(result.Token!.IsValid, Is.True);
    }

    [Test]
    public async Task Extra_spaces_around_the_token_are_tolerated() =>
        Assert.That((await _gate.SendAsync("/api/teams", $"Bearer   {_gate.Token}  ")).Allowed, Is.True);

    [Test]
    public async Task No_token_is_refused_as_missing() =>
        AssertRefused(await _gate.SendAsync("/api/teams"), GateFailures.MissingToken, tokenPresented: false);

    [TestCase("Basic dXNlcjpwYXNz")]
    [TestCase("Token abc")]
    [TestCase("Bearer")]
    [TestCase("Bearer ")]
    [TestCase("Bearer    ")]
    [TestCase("Bearer a b")]
    [TestCase("Bearertoken")]
    public async Task Anything_but_one_bearer_token_is_refused(string header) =>
        AssertRefused(await _gate.SendAsync("/api/teams", header), GateFailures.InvalidAuthorizationHeader, tokenPresented: true);

    [Test]
    public async Task Two_authorization_headers_are_refused_even_if_both_are_valid() =>
        AssertRefused(await _gate.SendAsync("/api/teams", new StringValues(["Bearer " + _gate.Token, "Bearer " + _gate.Token])), GateFailures.MultipleTokens, tokenPresented: true);

    [Test]
    public async Task A_token_in_both_header_and_query_is_refused() =>
        AssertRefused(await _gate.SendAsync("/api/ws/runs/1", "Bearer " + _gate.Token, _gate.Token, webSocket: true), GateFailures.AmbiguousToken, tokenPresented: true);

    [Test]
    public async Task A_query_token_is_accepted_on_a_websocket_upgrade()
    {
        var result = await _gate.SendAsync("/api/ws/runs/1", queryToken: _gate.Token, webSocket: true);
        Assert.That(result.Allowed, Is.True, result.FailureReason);
        Assert.That(result.User!.Id, Is.EqualTo("7"));
    }

    [Test]
    public async Task A_query_token_is_refused_on_a_plain_request() =>
        AssertRefused(await _gate.SendAsync("/api/teams", queryToken: _gate.Token), GateFailures.QueryTokenNotAllowed, tokenPresented: true);

    [Test]
    public async Task Two_query_tokens_are_refused() =>
        AssertRefused(await _gate.SendAsync("/api/ws", queryToken: new StringValues([_gate.Token, _gate.Token]), webSocket: true), GateFailures.MultipleTokens, tokenPresented: true);

    [Test]
    public async Task An_empty_query_token_on_a_websocket_is_missing() =>
        AssertRefused(await _gate.SendAsync("/api/ws", queryToken: "", webSocket: true), GateFailures.MissingToken, tokenPresented: false);

    [Test]
    public async Task A_websocket_upgrade_without_a_token_is_refused() =>
        AssertRefused(await _gate.SendAsync("/api/ws", webSocket: true), GateFailures.MissingToken, tokenPresented: false);

    [Test]
    public async Task An_invalid_token_is_refused_with_the_token_reason() =>
        AssertRefused(await _gate.SendAsync("/api/teams", "Bearer not.a.jwt"), "malformed", tokenPresented: true);

    [Test]
    public async Task A_revoked_token_is_refused()
    {
        await _gate.Tokens.RevokeAsync(_gate.Tokens.Validate(_gate.Token));
        AssertRefused(await _gate.SendAsync("/api/teams", "Bearer " + _gate.Token), "revoked", tokenPresented: true);
    }

    [Test]
    public async Task A_token_signed_with_another_secret_is_refused()
    {
        var foreign = Jwt.Sign("""{"alg":"HS256","typ":"JWT"}""", Jwt.PayloadJson(_gate.Token), TestSecrets.Other);
        AssertRefused(await _gate.SendAsync("/api/teams", "Bearer " + foreign), "bad_signature", tokenPresented: true);
    }
}
