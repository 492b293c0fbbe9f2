using Microsoft.Extensions.Options;

namespace Studio.Auth.Configuration;

/// <summary>
/// The configuration is invalid; the host must not start. The message lists every problem found,
/// each with the file, the key and the line. Derives from <see cref="OptionsValidationException"/>
/// so hosts that already handle options validation failures handle this one too.
/// </summary>
public sealed class AuthConfigException : OptionsValidationException
{
    /// <summary>Creates the exception for one or more problems.</summary>
    public AuthConfigException(IReadOnlyList<AuthConfigProblem> problems)
        : base(Options.DefaultName, typeof(StudioAuthOptions), problems.Select(p => p.ToString()))
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<AuthConfigProblem> Problems { get; }

    /// <inheritdoc/>
    public override string Message
    {
        get
        {
            var source = Problems[0].Source;
            var header = Problems.Count == 1
                ? $"Studio.Auth configuration is invalid ({source}):"
                : $"Studio.Auth configuration is invalid ({source}, {Problems.Count} problems):";
            return header + Environment.NewLine + string.Join(Environment.NewLine, Problems.Select(p => "  " + p));
        }
    }
}
