namespace Studio.Auth.Tests.Support;

/// <summary>Random-looking secrets that pass the jwt_secret rules (never used outside tests).</summary>
internal static class TestSecrets
{
    public const string Current = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";

    public const string Previous = "Vb3nQ7wE1rT5yU9iO2pA6sD0fG4hJ8kL3zXcMv";

    public const string Other = "Hq2Wn8Ex4Rc6Tv0Yb1Um3Ik5Ol7Pa9Sd2Fg4Hj";
}
