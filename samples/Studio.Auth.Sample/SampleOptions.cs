namespace Studio.Auth.Sample;

/// <summary>
/// The sample's own command line: <c>--demo</c> (sign in against a fake GitHub, offline). Everything
/// else — <c>--auth-config PATH</c>, <c>--urls</c>, any ASP.NET Core setting — goes to the host unchanged.
/// </summary>
public sealed record SampleOptions(bool Demo, string[] HostArgs)
{
    /// <summary>The switch that starts the offline demo.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>Where the sample listens unless <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>Splits the sample's switches from the host's arguments.</summary>
    public static SampleOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        return new SampleOptions(demo, args.Where(a => a != DemoSwitch).ToArray());
    }
}
