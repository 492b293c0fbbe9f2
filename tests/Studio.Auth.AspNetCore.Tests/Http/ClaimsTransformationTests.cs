using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

/// <summary>
/// The gate authenticates every request under /api before ASP.NET Core's authentication runs; the
/// StudioAuth scheme then hands ASP.NET Core that same user, so a host's <see cref="IClaimsTransformation"/>
/// still applies there (and outside /api), every request, on a principal of its own.
/// </summary>
public class ClaimsTransformationTests
{
    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await TestApp.StartAsync(o =>
    {
        o.Builder = builder => builder.Services.AddSingleton<IClaimsTransformation, EditorRoleFromTheHost>();
        o.BeforeAuth = app =>
        {
            app.MapGet("/api/editor", EditorClaims).RequireAuthorization(p => p.RequireRole("editor"));
            app.MapGet("/editor", EditorClaims).RequireAuthorization(p => p.RequireRole("editor"));
        };
    });

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [TestCase("/api/editor")]
    [TestCase("/editor")]
    public async Task A_role_added_by_the_hosts_claims_transformation_is_authorized(string path)
    {
        var signedIn = await SignIn.AsAsync(_app, "ada");
        for (var i = 0; i < 3; i++)
        {
            using var request = signedIn.Request(HttpMethod.Get, path);
            using var response = await signedIn.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("1"), "one editor claim: the principal is new on every request");
        }
    }

    private static string EditorClaims(HttpContext context) =>
        context.User.FindAll(c => c.Type == StudioClaimTypes.Role && c.Value == "editor").Count().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class EditorRoleFromTheHost : IClaimsTransformation
    {
        // Mutates the principal it is given, as many hosts do: only safe because each request has its own.
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.Identity is ClaimsIdentity { IsAuthenticated: true } identity)
            {
                identity.AddClaim(new Claim(identity.RoleClaimType, "editor"));
            }

            return Task.FromResult(principal);
        }
    }
}
