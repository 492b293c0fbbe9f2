using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

public class RegistrationTests
{
    [Test]
    public async Task UseStudioAuth_without_AddAspNetCore_says_how_to_fix_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddStudioAuth(o => o.JwtSecret = TestAppOptions.Secret);
        await using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.UseStudioAuth());
        Assert.That(error!.Message, Does.Contain("AddStudioAuth(args).AddAspNetCore()"));
    }

    [Test]
    public async Task AddAspNetCore_twice_registers_once_and_makes_StudioAuth_the_default_scheme()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddStudioAuth(o => o.JwtSecret = TestAppOptions.Secret).AddAspNetCore().AddAspNetCore();
        await using var app = builder.Build();
        var schemes = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.That(schemes.Select(s => s.Name), Is.EqualTo(new[] { StudioAuthDefaults.AuthenticationScheme }));
        Assert.That(app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme, Is.EqualTo(StudioAuthDefaults.AuthenticationScheme));
    }

    [Test]
    public async Task A_default_scheme_chosen_by_the_host_is_kept()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddAuthentication("Cookies").AddCookie("Cookies");
        builder.Services.AddStudioAuth(o => o.JwtSecret = TestAppOptions.Secret).AddAspNetCore();
        await using var app = builder.Build();
        Assert.That(app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme, Is.EqualTo("Cookies"));
    }
}
