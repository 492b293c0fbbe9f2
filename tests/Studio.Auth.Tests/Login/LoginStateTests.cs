using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;
using Moq;
using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Login;

/// <summary>
/// Begin saves a single-use, expiring, browser-bound state; Complete refuses unknown, expired, reused
/// and other-browser states before the provider is called.
/// </summary>
public class LoginStateTests
{
    private LoginHarness _login = null!;

    [SetUp]
    public void SetUp() => _login = new LoginHarness();

    [TearDown]
    public void TearDown() => _login.Dispose();

    private static void AssertRefused(SignInResult result, string reason)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo(reason));
        Assert.That(result.Token, Is.Null);
    }

    [Test]
    public async Task Begin_gives_a_256_bit_state_a_separate_browser_binding_and_a_pkce_challenge()
    {
        var (start, state) = await _login.BeginAsync();
        Assert.That(state, Does.Match("^[A-Za-z0-9_-]{43}$"), "32 random bytes, base64url");
        Assert.That(start.BrowserBinding, Does.Match("^[A-Za-z0-9_-]{43}$"));
        Assert.That(start.BrowserBinding, Is.Not.EqualTo(state));
        Assert.That(start.LoginUrl!.AbsoluteUri, Does.Not.Contain(start.BrowserBinding!));
        Assert.That(_login.Provider.LastChallenge, Does.Match("^[A-Za-z0-9_-]{43}$"));
        Assert.That(start.ExpiresAt, Is.EqualTo(LoginHarness.Start.AddMinutes(10)));

        var (_, second) = await _login.BeginAsync();
        Assert.That(second, Is.Not.EqualTo(state));
    }

    [Test]
    public async Task Only_hashes_of_the_state_and_binding_are_stored()
    {
        var (start, state) = await _login.BeginAsync("/notes");
        var store = _login.Get<ILoginStateStore>();
        Assert.That(await store.TakeAsync(state), Is.Null, "the raw state is not a key");
        var saved = await store.TakeAsync(Pkce.Hash(state));
        Assert.That(saved, Is.Not.Null);
        Assert.That(saved!.BrowserBindingHash, Is.EqualTo(Pkce.Hash(start.BrowserBinding!)));
        Assert.That(saved.Provider, Is.EqualTo("counting"));
        Assert.That(saved.ReturnPath, Is.EqualTo("/notes"));
        Assert.That(Pkce.ChallengeOf(saved.CodeVerifier!), Is.EqualTo(_login.Provider.LastChallenge));
    }

    [Test]
    public async Task Complete_hands_the_provider_the_verifier_of_the_challenge_it_sent()
    {
        var result = await _login.SignInAsync();
        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(Pkce.ChallengeOf(_login.Provider.LastVerifier!), Is.EqualTo(_login.Provider.LastChallenge));
    }

    [Test]
    public async Task Unknown_state_is_refused_before_the_provider_is_called()
    {
        var (start, _) = await _login.BeginAsync();
        var forged = Pkce.CreateVerifier(); // well-formed, never issued
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback("person-7", forged, start.BrowserBinding)), SignInFailures.InvalidState);
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [TestCase("short")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/A")]
    public async Task Malformed_state_is_refused_before_the_provider_is_called(string state)
    {
        var (start, _) = await _login.BeginAsync();
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding)), SignInFailures.InvalidState);
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task Missing_state_is_refused_before_the_provider_is_called()
    {
        var (start, _) = await _login.BeginAsync();
        var result = await _login.Flow.CompleteAsync(new SignInCallback("person-7", null, start.BrowserBinding));
        AssertRefused(result, SignInFailures.MissingState);
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.BadRequest));
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task Expired_state_is_refused_before_the_provider_is_called()
    {
        var (start, state) = await _login.BeginAsync("/later");
        _login.Time.Advance(TimeSpan.FromMinutes(10));
        var result = await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding));
        AssertRefused(result, SignInFailures.StateExpired);
        Assert.That(result.ReturnPath, Is.EqualTo("/later"), "so the host can offer to start again where the user was");
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task State_just_before_expiry_is_accepted()
    {
        var (start, state) = await _login.BeginAsync();
        _login.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var result = await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding));
        Assert.That(result.Succeeded, Is.True, result.FailureReason);
    }

    [Test]
    public async Task Login_state_minutes_sets_the_expiry()
    {
        using var login = new LoginHarness(o => o.LoginStateMinutes = 2);
        var (start, state) = await login.BeginAsync();
        Assert.That(start.ExpiresAt, Is.EqualTo(LoginHarness.Start.AddMinutes(2)));
        login.Time.Advance(TimeSpan.FromMinutes(2));
        AssertRefused(await login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding)), SignInFailures.StateExpired);
    }

    [Test]
    public async Task Reused_state_is_refused_before_the_provider_is_called()
    {
        var (start, state) = await _login.BeginAsync();
        var callback = new SignInCallback("person-7", state, start.BrowserBinding);
        Assert.That((await _login.Flow.CompleteAsync(callback)).Succeeded, Is.True);
        AssertRefused(await _login.Flow.CompleteAsync(callback), SignInFailures.InvalidState);
        Assert.That(_login.Provider.Exchanges, Is.EqualTo(1));
    }

    [Test]
    public async Task State_from_another_browser_is_refused_before_the_provider_is_called()
    {
        var (_, state) = await _login.BeginAsync();
        var (otherBrowser, _) = await _login.BeginAsync();
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, otherBrowser.BrowserBinding)), SignInFailures.BrowserMismatch);
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task State_without_the_browser_cookie_is_refused_and_spent()
    {
        var (start, state) = await _login.BeginAsync();
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, null)), SignInFailures.BrowserMismatch);
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding)), SignInFailures.InvalidState);
        Assert.That(_login.Provider.Exchanges, Is.Zero, "a state seen with the wrong browser is burnt: the callback URL leaked");
    }

    [Test]
    public async Task Provider_error_parameter_is_refused_without_a_code_exchange()
    {
        var (start, state) = await _login.BeginAsync();
        var result = await _login.Flow.CompleteAsync(new SignInCallback(null, state, start.BrowserBinding, "access_denied"));
        AssertRefused(result, "access_denied");
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Denied));
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task Provider_error_text_that_is_not_a_code_is_not_echoed()
    {
        var (start, state) = await _login.BeginAsync();
        var result = await _login.Flow.CompleteAsync(new SignInCallback(null, state, start.BrowserBinding, "<script>alert(1)</script>"));
        AssertRefused(result, SignInFailures.ProviderError);
    }

    [Test]
    public async Task Missing_code_is_refused_without_a_code_exchange()
    {
        var (start, state) = await _login.BeginAsync();
        AssertRefused(await _login.Flow.CompleteAsync(new SignInCallback(null, state, start.BrowserBinding)), SignInFailures.MissingCode);
        Assert.That(_login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task One_hundred_parallel_completions_of_one_state_give_exactly_one_success()
    {
        var (start, state) = await _login.BeginAsync();
        var callback = new SignInCallback("person-7", state, start.BrowserBinding);
        // All 100 wait on one signal (without blocking pool threads), then race on the thread pool.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 100).Select(async _ =>
        {
            await go.Task;
            return await _login.Flow.CompleteAsync(callback);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(racing);

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.FailureReason).Distinct(), Is.EqualTo(new[] { SignInFailures.InvalidState }));
        Assert.That(_login.Provider.Exchanges, Is.EqualTo(1), "the code was exchanged once");
    }

    [Test]
    public async Task A_state_store_that_is_down_gives_store_unavailable_not_an_exception()
    {
        var store = new Mock<ILoginStateStore>();
        store.Setup(s => s.SaveAsync(It.IsAny<LoginState>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException());
        store.Setup(s => s.TakeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException());
        using var login = new LoginHarness(services: s => s.AddSingleton(store.Object));

        var start = await login.Flow.BeginAsync("/");
        Assert.That(start.Succeeded, Is.False);
        Assert.That(start.FailureReason, Is.EqualTo(SignInFailures.StoreUnavailable));

        var result = await login.Flow.CompleteAsync(new SignInCallback("person-7", Pkce.CreateVerifier(), "binding"));
        AssertRefused(result, SignInFailures.StoreUnavailable);
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Unavailable));
        Assert.That(login.Provider.Exchanges, Is.Zero);
    }

    [Test]
    public async Task Nothing_secret_reaches_the_logs()
    {
        var (start, state) = await _login.BeginAsync();
        var result = await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding));
        await _login.Flow.CompleteAsync(new SignInCallback("person-7", state, start.BrowserBinding));
        var logs = _login.Logs.AllText;
        Assert.That(logs, Does.Contain("Signed in counting user 7"));
        Assert.That(logs, Does.Contain("Sign-in failed: invalid_state"));
        Assert.That(logs, Does.Not.Contain(state).And.Not.Contain(start.BrowserBinding!).And.Not.Contain(result.Token!.Token).And.Not.Contain(_login.Provider.LastVerifier!));
        Assert.That(new SignInCallback("code", state, "binding").ToString(), Does.Not.Contain(state));
    }

    [Test]
    public void The_state_in_the_sign_in_url_is_url_safe() =>
        Assert.That(QueryHelpers.ParseQuery("?state=" + Pkce.CreateVerifier())["state"].ToString(), Has.Length.EqualTo(43));
}
