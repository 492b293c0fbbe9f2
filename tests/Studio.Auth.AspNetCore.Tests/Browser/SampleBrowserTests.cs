using Microsoft.Playwright;
using Studio.Auth.AspNetCore.Tests.Sample;
using static Microsoft.Playwright.Assertions;

namespace Studio.Auth.AspNetCore.Tests.Browser;

/// <summary>The sample in a real browser, signing in through the fake GitHub's consent page in a popup.</summary>
[NonParallelizable]
public class SampleBrowserTests
{
    private const string FetchStatus = "async token => (await fetch('/api/notes', { headers: { Authorization: 'Bearer ' + token } })).status";

    private Chromium _chromium = null!;

    [OneTimeSetUp]
    public async Task Launch() => _chromium = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task Close()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Test]
    public async Task A_user_signs_in_in_a_popup_adds_a_note_echoes_over_a_websocket_and_signs_out()
    {
        await using var sample = await RunningSample.StartAsync("--demo");
        await using var context = await _chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(sample.BaseAddress.AbsoluteUri);
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        await SignInThroughPopupAsync(page, sample);
        await Expect(page.Locator("#user-name")).ToHaveTextAsync("The Octocat");
        await Expect(page.Locator("#user-email")).ToHaveTextAsync("octocat@example.com");

        await page.FillAsync("#note-text", "Remember the milk");
        await page.ClickAsync("#note-add");
        await Expect(page.Locator("#notes li")).ToHaveTextAsync(["Remember the milk"]);

        await Expect(page.Locator("#echo-status")).ToHaveTextAsync("open");
        await page.FillAsync("#echo-text", "hello over the socket");
        await page.ClickAsync("#echo-send");
        await Expect(page.Locator("#echo-log li")).ToHaveTextAsync(["hello over the socket"]);

        var token = await page.EvaluateAsync<string>("() => localStorage.getItem('auth_token')");
        Assert.That(await page.EvaluateAsync<int>(FetchStatus, token), Is.EqualTo(200));

        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("() => localStorage.getItem('auth_token')"), Is.Null);
        Assert.That(await page.EvaluateAsync<int>(FetchStatus, token), Is.EqualTo(401), "the signed-out token is refused on the next API call");
    }

    [Test]
    public async Task Two_users_in_two_browsers_never_see_each_others_notes()
    {
        await using var sample = await RunningSample.StartAsync("--demo");
        var octocat = sample.Sample.Demo!.User;
        var hubot = sample.FakeGitHub.AddUser("hubot", id: 9001, name: "Hubot").WithEmail("hubot@example.com");

        await using var first = await _chromium.Browser.NewContextAsync();
        await using var second = await _chromium.Browser.NewContextAsync();
        var octocatPage = await OpenSignedInAsync(first, sample, octocat, "The Octocat");
        var hubotPage = await OpenSignedInAsync(second, sample, hubot, "Hubot");

        await AddNoteAsync(octocatPage, "octocat's plan");
        await AddNoteAsync(hubotPage, "hubot's plan");
        await octocatPage.ReloadAsync();
        await hubotPage.ReloadAsync();

        await Expect(octocatPage.Locator("#notes li")).ToHaveTextAsync(["octocat's plan"]);
        await Expect(hubotPage.Locator("#notes li")).ToHaveTextAsync(["hubot's plan"]);
    }

    [Test]
    public async Task A_github_name_made_of_markup_shows_as_text_and_runs_nothing()
    {
        const string hostile = "O'Brien</script><script>alert(1)</script>";
        await using var sample = await RunningSample.StartAsync("--demo");
        var obrien = sample.FakeGitHub.AddUser("obrien", id: 4242, name: hostile);
        await using var context = await _chromium.Browser.NewContextAsync();
        var dialogs = 0;
        context.Page += (_, opened) => opened.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        };

        var page = await OpenSignedInAsync(context, sample, obrien, hostile);
        Assert.That(await page.Locator("#user-name").TextContentAsync(), Is.EqualTo(hostile));
        Assert.That(dialogs, Is.Zero, "no script from the name ran, in the popup or the page");
    }

    private static async Task<IPage> OpenSignedInAsync(IBrowserContext context, RunningSample sample, Studio.Auth.Testing.FakeGitHubUser user, string name)
    {
        sample.FakeGitHub.SignedInUser = user;
        var page = await context.NewPageAsync();
        await page.GotoAsync(sample.BaseAddress.AbsoluteUri);
        await SignInThroughPopupAsync(page, sample);
        await Expect(page.Locator("#user-name")).ToHaveTextAsync(name);
        return page;
    }

    private static async Task SignInThroughPopupAsync(IPage page, RunningSample sample)
    {
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#sign-in"));
        var closed = new TaskCompletionSource();
        popup.Close += (_, _) => closed.TrySetResult();

        // Wait for the consent button, not for a navigation event: the popup opens at about:blank and is sent to
        // GitHub only after a fetch, and WaitForURLAsync missed that navigation once on a loaded CI machine.
        var authorize = popup.Locator("#authorize");
        try
        {
            await Expect(authorize).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            var error = await page.Locator("#sign-in-error").TextContentAsync();
            throw new AssertionException($"the consent page never showed (popup at '{(popup.IsClosed ? "closed" : popup.Url)}', page error '{error}')", ex);
        }

        Assert.That(popup.Url, Does.StartWith(sample.FakeGitHub.BaseUrl + "/login/oauth/authorize"));
        await authorize.ClickAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static async Task AddNoteAsync(IPage page, string text)
    {
        await page.FillAsync("#note-text", text);
        await page.ClickAsync("#note-add");
        await Expect(page.Locator("#notes li")).ToHaveTextAsync([text]);
    }
}
