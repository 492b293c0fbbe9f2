namespace Studio.Auth.Configuration;

/// <summary>
/// Implemented by a provider's options type to take part in start-up validation. Report every
/// problem (not just the first) with a key relative to the provider's block; the loader adds the
/// block name, the file and the line.
/// </summary>
public interface IValidatableAuthOptions
{
    /// <summary>Adds a problem to <paramref name="problems"/> for every invalid setting.</summary>
    void Validate(AuthConfigProblems problems);
}
