using Studio.Auth.Gate;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Gate;

/// <summary>
/// A token the token service already validated is looked up by its characters inside the Authorization
/// header, so a repeat request does not copy it out; the clock and the revocation check still run.
/// </summary>
public class HeaderTokenCacheTests
{
    private GateHarness _gate = null!;

    [SetUp]
    public void SetUp() => _gate = new GateHarness();

    [TearDown]
    public void TearDown() => _gate.Dispose();

    [Test]
    public async Task A_known_token_in_the_Authorization_header_is_not_copied()
    {
        var header = $"Bearer {_gate.Token}";
        Assert.That((await _gate.SendAsync("/api/teams", header)).Allowed, Is.True, "the first request validates and caches it");

        const int requests = 100;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < requests; i++)
        {
            var pending = _gate.SendAsync("/api/teams", header);
            if (!pending.IsCompletedSuccessfully || !pending.Result.Allowed)
            {
                Assert.Fail("a cached token passes synchronously");
            }
        }

        var perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / requests;
        Assert.That(perRequest, Is.LessThan(_gate.Token.Length), "only the decision is allocated, never a copy of the token");
    }

    [Test]
    public async Task A_header_token_revoked_after_it_was_cached_is_refused_on_the_next_request()
    {
        var header = $"bearer  {_gate.Token} ";
        var first = await _gate.SendAsync("/api/teams", header);
        Assert.That(first.Allowed, Is.True);

        await _gate.Tokens.RevokeAsync(first.Token!);
        var again = await _gate.SendAsync("/api/teams", header);
        Assert.That(again.Allowed, Is.False);
        Assert.That(again.FailureReason, Is.EqualTo("revoked"));
    }

    [Test]
    public async Task A_tampered_copy_of_a_cached_token_is_validated_in_full_and_refused()
    {
        Assert.That((await _gate.SendAsync("/api/teams", $"Bearer {_gate.Token}")).Allowed, Is.True);
        var tampered = _gate.Token[..^1] + (_gate.Token[^1] == 'A' ? 'B' : 'A');
        var result = await _gate.SendAsync("/api/teams", $"Bearer {tampered}");
        Assert.That(result.Allowed, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo("bad_signature").Or.EqualTo("malformed"));
    }
}
