using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Providers;

namespace Studio.Auth.Configuration;

/// <summary>
/// Validates the whole configuration at once — the file's shape, the core keys and the selected
/// provider's block — and throws one <see cref="AuthConfigException"/> that lists every problem
/// with its file, key and line. Runs at start-up (<c>ValidateOnStart</c>) and before any options
/// value is handed out, so an invalid configuration can never be used.
/// </summary>
internal sealed partial class StudioAuthOptionsValidator(
    AuthConfigDocument document,
    IEnumerable<AuthProviderRegistration> registrations,
    IServiceProvider services,
    ILogger<StudioAuthOptionsValidator> logger) : IValidateOptions<StudioAuthOptions>
{
    // Provider blocks AutoGen Studio's auth.yaml knows; accepted (and ignored with a warning) even
    // when no provider for them is registered, so its files load unchanged.
    private static readonly string[] AutoGenStudioBlocks = ["github", "msal", "firebase"];

    public ValidateOptionsResult Validate(string? name, StudioAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (document.Root is null && document.Problems.Count > 0)
        {
            // The source could not be read at all (missing file, syntax error, ...): nothing else to check.
            throw new AuthConfigException(document.Problems);
        }

        var sink = new List<AuthConfigProblem>();
        var problems = new AuthConfigProblems(document, string.Empty, sink);
        var providers = registrations.ToDictionary(r => r.Type, StringComparer.OrdinalIgnoreCase);
        var types = providers.Keys.Order(StringComparer.Ordinal).ToArray();

        CheckShape(providers, types, problems);
        CoreOptionsRules.Validate(options, types, problems);

        if (providers.TryGetValue(options.Type ?? string.Empty, out var active) && active.GetOptions(services) is { } providerOptions)
        {
            var before = sink.Count;
            (providerOptions as IValidatableAuthOptions)?.Validate(problems.For(active.Type));
            if (sink.Count > before && document.Root is { } root && !root.TryGet(active.Type, out _, out _))
            {
                problems.Add(active.Type, $"block is missing; it is required when type is '{active.Type}'");
            }
        }

        var all = Merge(document.Problems, sink);
        if (all.Count > 0)
        {
            throw new AuthConfigException(all);
        }

        WarnAboutUnusedBlocks(options.Type ?? string.Empty, providers);
        return ValidateOptionsResult.Success;
    }

    // The reader's problems and validation's, in file order. A key the reader already reported (an
    // unset variable, an alias, a duplicate) is not reported again as, say, "is required".
    private static List<AuthConfigProblem> Merge(IReadOnlyList<AuthConfigProblem> read, List<AuthConfigProblem> validated)
    {
        var all = new List<AuthConfigProblem>(read);
        all.AddRange(validated.Where(v => !read.Any(r => r.Key.Length > 0
            && (v.Key == r.Key || v.Key.StartsWith(r.Key + ".", StringComparison.Ordinal)))));
        return all.OrderBy(p => p.Line ?? int.MaxValue).ToList();
    }

    // Unknown keys and wrongly shaped values, found by binding the document onto fresh objects.
    private void CheckShape(Dictionary<string, AuthProviderRegistration> providers, string[] types, AuthConfigProblems problems)
    {
        if (document.Root is not { } root)
        {
            return;
        }

        // A file (or section) must say which type it wants: a missing type never means "auth off".
        if (!root.TryGet("type", out _, out var type) || type is ConfigScalar { Value: null })
        {
            problems.Add("type", $"is required: one of {string.Join(", ", types)} ('none' turns authentication off)");
        }

        var blocks = providers.Keys.Where(t => t != StudioAuthOptions.NoneType).Concat(AutoGenStudioBlocks).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        OptionsBinder.Bind(root, new StudioAuthOptions(), problems, blocks);
        foreach (var provider in providers.Values)
        {
            if (provider.OptionsType is { } optionsType && root.TryGet(provider.Type, out _, out var block))
            {
                if (block is ConfigMapping mapping)
                {
                    OptionsBinder.Bind(mapping, Activator.CreateInstance(optionsType)!, problems.For(provider.Type));
                }
                else if (block is not ConfigScalar { Value: null })
                {
                    problems.Add(provider.Type, "must be a mapping of keys");
                }
            }
        }
    }

    private void WarnAboutUnusedBlocks(string type, Dictionary<string, AuthProviderRegistration> providers)
    {
        if (document.Root is not { } root)
        {
            return;
        }

        foreach (var (key, _) in root.Entries)
        {
            var block = key.Value ?? string.Empty;
            var isBlock = AutoGenStudioBlocks.Contains(block, StringComparer.OrdinalIgnoreCase)
                || (providers.ContainsKey(block) && !string.Equals(block, StudioAuthOptions.NoneType, StringComparison.OrdinalIgnoreCase));
            if (isBlock && !string.Equals(block, type, StringComparison.OrdinalIgnoreCase))
            {
                // An IConfiguration section has no lines; "source:0" would point nowhere.
                var where = key.Location is { } location ? $"{document.Source}:{location.Line}" : document.Source;
                LogUnusedBlock(logger, where, block, type);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "{Where}: the '{Block}' block is ignored because type is '{Type}'")]
    private static partial void LogUnusedBlock(ILogger logger, string where, string block, string type);
}
