using System.Text;

namespace Studio.Auth.Configuration;

/// <summary>Rules for <c>jwt_secret</c>: long enough, and not a sample copied from documentation.</summary>
internal static class SecretRules
{
    /// <summary>HS256 keys shorter than the hash output weaken the MAC (RFC 7518 §3.2).</summary>
    public const int MinimumBytes = 32;

    private const int MinimumDistinctCharacters = 10;

    // Secrets published in documentation, tutorials and RFCs. Compared after trimming, ignoring case.
    private static readonly HashSet<string> WellKnown = new(StringComparer.OrdinalIgnoreCase)
    {
        "secret", "changeme", "change-me", "password", "jwt-secret", "jwt_secret", "mysecret", "my-secret", "supersecret",
        "your-secret-key", "your_secret_key", "your-secret", "your-jwt-secret", "your-256-bit-secret", "your-384-bit-secret",
        "your-512-bit-secret", "your-secret-key-here", "my-secret-key", "secret-key", "secretkey", "your-super-secret-jwt-key",
        "a-string-secret-at-least-256-bits-long",
        "your-super-secret-key-change-in-production", "your-secret-key-change-in-production",
        "your-very-secure-secret-key-at-least-32-chars", "your-super-secret-jwt-key-change-this-in-production",
        "super-secret-key-that-is-at-least-32-characters-long", "this-is-a-very-long-secret-key-for-jwt-tokens",
        "thisisaverylongsecretkeyforjwttokens", "supersecretkeythatshouldbechanged",
        // RFC 7515 A.1 / RFC 7519 §3.1 and RFC 7520 §4.4 example keys (base64url text)
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
        "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg",
    };

    // Words that mark a placeholder nobody replaced ("your-secret-here-change-in-production-please").
    private static readonly string[] PlaceholderMarkers = ["changeme", "changethis", "yoursecret", "replaceme", "inproduction", "placeholder", "example"];

    /// <summary>Returns why <paramref name="secret"/> is unacceptable, or null when it is fine. Never echoes the secret.</summary>
    public static string? Check(string secret)
    {
        var bytes = Encoding.UTF8.GetByteCount(secret);
        if (WellKnown.Contains(secret.Trim()))
        {
            return "is a well-known sample secret; generate your own with: openssl rand -base64 48";
        }

        if (bytes < MinimumBytes)
        {
            return $"must be at least {MinimumBytes} bytes (it has {bytes}); generate one with: openssl rand -base64 48";
        }

        var letters = new string(secret.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        if (PlaceholderMarkers.Any(marker => letters.Contains(marker, StringComparison.Ordinal)))
        {
            return "looks like a placeholder from an example; generate your own with: openssl rand -base64 48";
        }

        if (secret.Distinct().Count() < MinimumDistinctCharacters)
        {
            return "has too little variety to be random; generate one with: openssl rand -base64 48";
        }

        return null;
    }
}
