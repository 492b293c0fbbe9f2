using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// ASP.NET Core's JwtBearer set up to accept exactly what Studio.Auth accepts: HS256 only, the same key
/// (and <c>kid</c>), issuer, audience and clock skew, <c>typ</c> JWT, expiry required, claims unmapped.
/// WebSocket handshakes may pass the token as <c>?token=</c>, as with Studio.Auth (the documented
/// <c>OnMessageReceived</c> pattern).
/// </summary>
internal static class JwtBearerSetup
{
    public static void Configure(JwtBearerOptions options, StudioAuthSettings settings)
    {
        var studio = settings.Options;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(studio.JwtSecret!)) { KeyId = settings.Tokens.CurrentKeyId },
            ValidIssuer = studio.Issuer,
            ValidAudience = studio.Audience,
            ValidTypes = ["JWT"],
            ClockSkew = TimeSpan.FromSeconds(studio.ClockSkewSeconds),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            NameClaimType = "name",
            RoleClaimType = "role",
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.HttpContext.WebSockets.IsWebSocketRequest && context.Request.Query.TryGetValue("token", out var token))
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
        };
    }
}
