namespace Studio.Auth.Tokens;

/// <summary>The current signing key first, then the retired keys still accepted for validation.</summary>
internal sealed class SigningKeyRing
{
    public SigningKeyRing(SigningKey current, IEnumerable<SigningKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        All = [current, .. previous];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey Current { get; }

    /// <summary>Every key accepted for validation, current first.</summary>
    public SigningKey[] All { get; }
}
