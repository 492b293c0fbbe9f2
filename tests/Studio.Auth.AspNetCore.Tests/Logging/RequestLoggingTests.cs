using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.AspNetCore.Tests.Infrastructure;
using Studio.Auth.AspNetCore.Tests.WebSockets;

namespace Studio.Auth.AspNetCore.Tests.Logging;

public class RequestLoggingTests
{
    [Test]
    public async Task Request_logs_and_http_logs_never_contain_tokens_codes_states_or_the_binding_cookie()
    {
        var log = new CapturedLog();
        const string code = "code-7f3a9c5e2b1d";
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Log = log;
            o.Builder = b => b.Services.AddHttpLogging(h =>
            {
                h.LoggingFields = HttpLoggingFields.All;
                h.CombineLogs = false;
            });
            o.BeforeAuth = a => a.UseHttpLogging();
        });
        app.Identities.Add(code, new ExternalIdentity { Id = "3001", Name = "Logged Person", UserName = "logged" });

        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        var state = await SignIn.BeginAsync(client, "/after");
        var binding = cookies.GetCookies(app.BaseAddress).Single().Value;
        using var page = await client.GetAsync($"/api/auth/callback?code={code}&state={state}");
        var token = SignIn.PageData(await page.Content.ReadAsStringAsync()).GetProperty("message").GetProperty("token").GetString()!;

        var state2 = await SignIn.BeginAsync(client);
        using var handler = await client.PostAsJsonAsync("/api/auth/callback-handler", new { code, state = state2 });
        var token2 = (await handler.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;

        using (var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me"))
        {
            me.Headers.Authorization = new("Bearer", token);
            (await client.SendAsync(me)).Dispose();
        }

        (await client.GetAsync("/api/notes?token=" + token)).Dispose();
        using (var socket = await WebSocketTests.ConnectAsync(app, "/api/ws/echo?token=" + token))
        {
            await WebSocketTests.EchoAsync(socket, "logged?");
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout"))
        {
            logout.Headers.Authorization = new("Bearer", token2);
            (await client.SendAsync(logout)).Dispose();
        }

        await app.App.StopAsync();
        var text = log.Text;
        Assert.That(text, Does.Contain("Request starting"), "hosting request logs were on");
        Assert.That(text, Does.Contain("Microsoft.AspNetCore.HttpLogging"), "HTTP logging was on");
        Assert.That(text, Does.Contain("/api/ws/echo?token=***"), "the query is logged with its value masked");
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(token), "session token");
            Assert.That(text, Does.Not.Contain(token2), "second session token");
            Assert.That(text, Does.Not.Contain(token.Split('.')[2]), "token signature");
            Assert.That(text, Does.Not.Contain(code), "authorization code");
            Assert.That(text, Does.Not.Contain(state), "state");
            Assert.That(text, Does.Not.Contain(state2), "second state");
            Assert.That(text, Does.Not.Contain(binding), "browser-binding cookie");
        });
    }
}
