namespace Studio.Auth.Configuration;

/// <summary>One thing wrong with the configuration, located as precisely as the source allows.</summary>
/// <param name="Source">The file path or configuration section the problem was found in.</param>
/// <param name="Key">The dotted key path (<c>github.callback_url</c>); empty for the whole file.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it. Never contains a secret value.</param>
/// <param name="Line">1-based line in the file, when the source is a file.</param>
/// <param name="Column">1-based column in the file, when the source is a file.</param>
public sealed record AuthConfigProblem(string Source, string Key, string Message, int? Line = null, int? Column = null)
{
    /// <summary>Formats the problem as <c>file:line:column: key: message</c>.</summary>
    public override string ToString()
    {
        var where = Line is { } line ? $"{Source}:{line}:{Column ?? 1}" : Source;
        return Key.Length == 0 ? $"{where}: {Message}" : $"{where}: {Key}: {Message}";
    }
}
