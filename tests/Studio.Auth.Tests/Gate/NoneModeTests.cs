using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Gate;

namespace Studio.Auth.Tests.Gate;

/// <summary>With type none every request passes as the guest.</summary>
public class NoneModeTests
{
    private static RequestGate Gate(ServiceProvider services) => services.GetRequiredService<RequestGate>();

    [Test]
    public async Task Every_guarded_request_passes_as_the_guest()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.Type = "none");
        using var host = services.BuildServiceProvider();
        var gate = Gate(host);
        Assert.That(gate.IsEnabled, Is.False);

        foreach (var request in new[]
        {
            new GateRequest("GET", "/api/teams", default, default, false),
            new GateRequest("POST", "/api/sessions", "Bearer garbage", default, false),
            new GateRequest("GET", "/api/ws/runs/1", default, "garbage", true),
            new GateRequest("DELETE", "/API/auth/type/../../teams", default, default, false),
        })
        {
            var result = await gate.AuthenticateAsync(request);
            Assert.That(result.Allowed, Is.True, request.Path);
            Assert.That(result.User, Is.EqualTo(new StudioUser("guestuser@gmail.com", "Default User", "guestuser@gmail.com", null, "none", ["user"])));
        }
    }

    [Test]
    public async Task The_guest_is_the_configured_default_user()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.DefaultUser.Id = "me@example.com");
        using var host = services.BuildServiceProvider();
        var result = await Gate(host).AuthenticateAsync(new GateRequest("GET", "/api/teams", default, default, false));
        Assert.That(result.User!.Id, Is.EqualTo("me@example.com"));
    }

    [Test]
    public async Task Exempt_paths_pass_without_a_user_in_none_mode_too()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(_ => { });
        using var host = services.BuildServiceProvider();
        var result = await Gate(host).AuthenticateAsync(new GateRequest("GET", "/api/auth/type", default, default, false));
        Assert.That(result.Allowed, Is.True);
        Assert.That(result.Access, Is.EqualTo(PathAccess.Exempt));
    }
}
