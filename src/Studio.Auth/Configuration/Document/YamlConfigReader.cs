using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Studio.Auth.Configuration;

/// <summary>
/// Reads <c>auth.yaml</c> into a <see cref="ConfigNode"/> tree, strictly: one document, a mapping at
/// the top, no anchors or aliases (no alias bombs), no tags, no duplicate keys, bounded size and depth.
/// Works on YamlDotNet's event stream, so nothing is expanded or materialised before it is checked.
/// </summary>
internal static class YamlConfigReader
{
    /// <summary>Files larger than this are refused before parsing.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Deeper nesting is refused (auth.yaml needs three levels).</summary>
    public const int MaxDepth = 32;

    private const int MaxProblems = 50;

    /// <summary>How long opening and reading the file may take before it is refused.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    public static AuthConfigDocument ReadFile(string path, Func<string, string?> environment, TimeSpan? timeout = null)
    {
        var source = path;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return AuthConfigDocument.Failed(source, new(source, string.Empty, Directory.Exists(path)
                    ? "is a directory, not a file"
                    : "file not found (working directory: " + Environment.CurrentDirectory + ")"));
            }

            if (info.Length > MaxFileBytes)
            {
                return AuthConfigDocument.Failed(source, new(source, string.Empty, $"file is larger than {MaxFileBytes / 1024 / 1024} MiB"));
            }

            var limit = timeout ?? ReadTimeout;
            if (ReadWithin(path, limit) is not { } read)
            {
                return AuthConfigDocument.Failed(source, new(source, string.Empty,
                    $"file cannot be read: nothing to read within {limit.TotalSeconds:0.#} seconds (a FIFO without a writer, or a device?)"));
            }

            bytes = read;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            return AuthConfigDocument.Failed(source, new(source, string.Empty, "file cannot be read: " + ex.GetType().Name));
        }

        if (bytes.Length > MaxFileBytes)
        {
            return AuthConfigDocument.Failed(source, new(source, string.Empty, $"file is larger than {MaxFileBytes / 1024 / 1024} MiB"));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return AuthConfigDocument.Failed(source, new(source, string.Empty, "file is not valid UTF-8"));
        }

        return Read(text.TrimStart('\uFEFF'), source, environment);
    }

    public static AuthConfigDocument Read(string text, string source, Func<string, string?> environment)
    {
        if (text.Length > MaxFileBytes)
        {
            return AuthConfigDocument.Failed(source, new(source, string.Empty, $"file is larger than {MaxFileBytes / 1024 / 1024} MiB"));
        }

        var problems = new List<AuthConfigProblem>();
        var root = Parse(text, source, problems, out var complete);
        if (complete && problems.Count == 0)
        {
            if (root is null || root is ConfigScalar { Value: null })
            {
                problems.Add(new(source, string.Empty, "file is empty: set at least 'type' (none, github, ...)", 1, 1));
                complete = false;
            }
            else if (root is not ConfigMapping)
            {
                problems.Add(new(source, string.Empty, "the top level must be a mapping of keys (type:, jwt_secret:, ...)", root.Location?.Line, root.Location?.Column));
                complete = false;
            }
        }

        // Problems tied to one key (a duplicate, an alias, an unset variable) leave the rest of the
        // file usable, so validation can still report every other problem at once.
        var mapping = complete ? root as ConfigMapping : null;
        var expanded = mapping is null ? [] : EnvironmentVariableExpander.Expand(mapping, source, environment, problems);
        return AuthConfigDocument.Create(source, mapping, problems, hasLines: true, expanded);
    }

    // Returns the top-level node; complete is false when parsing stopped early (syntax error, too deep, too many problems).
    private static ConfigNode? Parse(string text, string source, List<AuthConfigProblem> problems, out bool complete)
    {
        var stack = new Stack<Frame>();
        ConfigNode? root = null;
        var documents = 0;
        var parser = new Parser(new StringReader(text));
        complete = true;

        void Problem(Mark mark, string key, string message) =>
            problems.Add(new(source, key, message, (int)mark.Line, (int)mark.Column));

        try
        {
            while (parser.MoveNext())
            {
                if (problems.Count >= MaxProblems)
                {
                    complete = false;
                    break;
                }

                var current = parser.Current!;
                if (current is DocumentStart start && ++documents > 1)
                {
                    Problem(start.Start, string.Empty, "only one YAML document is allowed (remove the extra '---')");
                    complete = false;
                    break;
                }

                if (current is MappingEnd or SequenceEnd)
                {
                    stack.Pop();
                    continue;
                }

                if (current is not (NodeEvent or AnchorAlias))
                {
                    continue;
                }

                var path = stack.Count == 0 ? string.Empty : stack.Peek().PathOfNext(current);
                if (current is NodeEvent { Anchor.IsEmpty: false })
                {
                    Problem(current.Start, path, "anchors (&name) are not allowed in auth.yaml; write the value out");
                }

                if (current is NodeEvent { Tag: { IsEmpty: false, IsNonSpecific: false } })
                {
                    Problem(current.Start, path, "tags (!name) are not allowed in auth.yaml; quote the value instead");
                }

                ConfigNode created = current switch
                {
                    AnchorAlias alias => Alias(alias, path),
                    Scalar scalar => new ConfigScalar(IsNull(scalar) ? null : scalar.Value, At(scalar.Start)),
                    MappingStart => new ConfigMapping(At(current.Start)),
                    _ => new ConfigSequence(At(current.Start)),
                };

                if (stack.Count == 0)
                {
                    root ??= created;
                }
                else
                {
                    Attach(stack.Peek(), created, path, source, problems);
                }

                if (created is ConfigMapping or ConfigSequence)
                {
                    if (stack.Count >= MaxDepth)
                    {
                        Problem(current.Start, path, $"nesting is deeper than {MaxDepth} levels (auth.yaml needs three)");
                        complete = false;
                        break;
                    }

                    stack.Push(new Frame(created, path));
                }
            }
        }
        catch (YamlException ex)
        {
            problems.Add(new(source, string.Empty, "YAML syntax error: " + StripLocation(ex.Message), (int)ex.Start.Line, (int)ex.Start.Column));
            complete = false;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these, not a YamlException, for escapes it cannot decode ("\uD800" alone);
            // the scanner's position is lost, so the problem is placed after the last value read.
            var at = parser.Current?.End ?? Mark.Empty;
            problems.Add(new(source, string.Empty, "YAML syntax error: a quoted value has an invalid escape (\\u or \\U that is not a Unicode character)",
                (int)at.Line, (int)at.Column));
            complete = false;
        }

        return root;

        ConfigNode Alias(AnchorAlias alias, string path)
        {
            Problem(alias.Start, path, "aliases (*name) are not allowed in auth.yaml; write the value out");
            return new ConfigScalar(null, At(alias.Start));
        }
    }

    private static void Attach(Frame parent, ConfigNode node, string path, string source, List<AuthConfigProblem> problems)
    {
        if (parent.Node is ConfigSequence sequence)
        {
            sequence.Items.Add(node);
            return;
        }

        var mapping = (ConfigMapping)parent.Node;
        if (parent.PendingKey is null)
        {
            if (node is ConfigScalar { Value: not null } key)
            {
                parent.PendingKey = key;
            }
            else
            {
                problems.Add(new(source, parent.Path, "keys must be plain names", node.Location?.Line, node.Location?.Column));
                parent.PendingKey = new ConfigScalar("?", node.Location);
            }

            return;
        }

        var name = parent.PendingKey.Value!;
        foreach (var existing in mapping.Entries)
        {
            if (KeyNames.Normalize(existing.Key.Value!) == KeyNames.Normalize(name))
            {
                problems.Add(new(source, path, $"duplicate key (first defined on line {existing.Key.Location?.Line}); keep one",
                    parent.PendingKey.Location?.Line, parent.PendingKey.Location?.Column));
                break;
            }
        }

        mapping.Entries.Add(new(parent.PendingKey, node));
        parent.PendingKey = null;
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static ConfigLocation At(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static string StripLocation(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; we print our own location.
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }

    // Opening a FIFO blocks until a writer appears, and a pipe or device may never end, so the file is
    // read on its own background thread: start-up fails after the timeout instead of hanging forever.
    // (A pipe that delivers a file, as in --auth-config <(sops -d auth.yaml), still works.)
    private static byte[]? ReadWithin(string path, TimeSpan timeout)
    {
        byte[]? bytes = null;
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                bytes = ReadAtMost(stream, MaxFileBytes + 1);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { IsBackground = true, Name = "Studio.Auth config reader" };
        reader.Start();
        if (!reader.Join(timeout))
        {
            return null;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return bytes;
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        var buffer = new byte[Math.Min(limit, 64 * 1024)];
        using var output = new MemoryStream();
        int read;
        while (output.Length < limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - output.Length))) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private sealed class Frame(ConfigNode node, string path)
    {
        public ConfigNode Node { get; } = node;

        /// <summary>The dotted key path of this mapping or sequence (empty for the top level).</summary>
        public string Path { get; } = path;

        public ConfigScalar? PendingKey { get; set; }

        /// <summary>The dotted path the next node read inside this one will have (a key names itself).</summary>
        public string PathOfNext(ParsingEvent next)
        {
            string part;
            if (Node is ConfigSequence sequence)
            {
                part = sequence.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (PendingKey is { } key)
            {
                part = key.Value ?? "?";
            }
            else
            {
                part = next is Scalar { Value: var name } ? name : "?";
            }

            return Path.Length == 0 ? part : Path + "." + part;
        }
    }
}
