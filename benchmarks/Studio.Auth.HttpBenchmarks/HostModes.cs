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
}

internal static class HostModes
{
    public static HostMode Parse(string value) => value switch
    {
        "none" => HostMode.None,
        "studio" => HostMode.Studio,
        "jwtbearer" => HostMode.JwtBearer,
        _ => throw new ArgumentException($"Unknown mode '{value}': none, studio or jwtbearer."),
    };
}
