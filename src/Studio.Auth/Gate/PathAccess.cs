namespace Studio.Auth.Gate;

/// <summary>How the gate treats a path.</summary>
public enum PathAccess
{
    /// <summary>Outside the API prefix: the gate does not apply (the host may still protect it).</summary>
    Unguarded,

    /// <summary>Under the API prefix but exempt (auth endpoints, health, version, <c>exclude_paths</c>).</summary>
    Exempt,

    /// <summary>Under the API prefix: a valid token is required.</summary>
    Guarded,
}
