namespace Studio.Auth.HttpBenchmarks;

/// <summary>How the benchmark host authenticates <c>/api</c>.</summary>
internal enum HostMode
{
    /// <summary>No authentication at all: the baseline.</summary>
    None,

    /// <summary>Studio.Auth: <c>AddStudioAuth(...).AddGitHub().AddAspNetCore()</c> and <c>UseStudioAuth()</c>.</summary>
    Studio,

    /// <summary>ASP.NET Core's JwtBearer validating the same token, <c>RequireAuthorization()</c> on the endpoints.</summary>
    JwtBearer,

    /// <summary>
    /// A reference, not a contender: <c>UseAuthentication()</c> and <c>UseAuthorization()</c> with a scheme that
    /// authenticates every request for free (<see cref="FreeAuthenticationHandler"/>): what ASP.NET Core's own
    /// authentication and authorization middleware cost before a scheme does any work.
    /// </summary>
    Floor,
}

internal static class HostModes
{
    public static HostMode Parse(string value) => value switch
    {
        "none" => HostMode.None,
        "studio" => HostMode.Studio,
        "jwtbearer" => HostMode.JwtBearer,
        "floor" => HostMode.Floor,
        _ => throw new ArgumentException($"Unknown mode '{value}': none, studio, jwtbearer or floor."),
    };
}
