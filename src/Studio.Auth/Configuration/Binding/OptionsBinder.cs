using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Studio.Auth.Configuration;

/// <summary>
/// Binds a <see cref="ConfigMapping"/> onto an options object by property name (snake_case in the
/// file, case and underscores ignored). Reports every unknown key (with "did you mean") and every
/// value of the wrong shape, never the value itself. A null value leaves the default in place.
/// Supports strings, integers, booleans, enums, lists of strings and nested option objects.
/// </summary>
internal static class OptionsBinder
{
    /// <summary>
    /// Binds <paramref name="mapping"/> onto <paramref name="target"/>. Keys in
    /// <paramref name="otherAllowedKeys"/> are skipped (they belong to someone else, like provider blocks).
    /// </summary>
    public static void Bind(ConfigMapping mapping, object target, AuthConfigProblems problems, IReadOnlyCollection<string>? otherAllowedKeys = null)
    {
        var properties = BindableProperties(target.GetType());
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            var key = keyNode.Value ?? string.Empty;
            if (properties.TryGetValue(KeyNames.Normalize(key), out var property))
            {
                BindProperty(target, property, valueNode, problems.For(key));
                continue;
            }

            if (otherAllowedKeys is not null && otherAllowedKeys.Any(k => KeyNames.Normalize(k) == KeyNames.Normalize(key)))
            {
                continue;
            }

            var candidates = properties.Values.Select(p => KeyNames.ToSnakeCase(p.Name)).Concat(otherAllowedKeys ?? []);
            var suggestion = KeyNames.Suggest(key, candidates);
            problems.Add(key, suggestion is null ? "unknown key" : $"unknown key; did you mean '{suggestion}'?");
        }
    }

    /// <summary>The snake_case key names <paramref name="type"/> accepts.</summary>
    public static IEnumerable<string> KeysOf(Type type) => BindableProperties(type).Values.Select(p => KeyNames.ToSnakeCase(p.Name));

    private static Dictionary<string, PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || IsStringList(p.PropertyType)))
            .ToDictionary(p => KeyNames.Normalize(p.Name));

    private static void BindProperty(object target, PropertyInfo property, ConfigNode node, AuthConfigProblems problems)
    {
        if (node is ConfigScalar { Value: null })
        {
            return;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (IsStringList(type))
        {
            BindList(target, property, node, problems);
        }
        else if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal))
        {
            if (node is not ConfigScalar scalar)
            {
                problems.Add(string.Empty, "must be a single value, not a list or mapping");
            }
            else if (TryConvert(scalar.Value!, type, out var value, out var expected))
            {
                property.SetValue(target, value);
            }
            else
            {
                problems.Add(string.Empty, "must be " + expected);
            }
        }
        else if (type.IsClass)
        {
            if (node is not ConfigMapping child)
            {
                problems.Add(string.Empty, "must be a mapping of keys");
                return;
            }

            var nested = property.GetValue(target);
            if (nested is null)
            {
                nested = Activator.CreateInstance(type)!;
                property.SetValue(target, nested);
            }

            Bind(child, nested, problems);
        }
        else
        {
            problems.Add(string.Empty, $"cannot be bound (unsupported type {type.Name})");
        }
    }

    private static void BindList(object target, PropertyInfo property, ConfigNode node, AuthConfigProblems problems)
    {
        if (node is not ConfigSequence sequence)
        {
            problems.Add(string.Empty, "must be a list, for example [\"a\", \"b\"]");
            return;
        }

        var values = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ConfigScalar { Value: { } value })
            {
                values.Add(value);
            }
            else
            {
                problems.Add(i.ToString(CultureInfo.InvariantCulture), "must be a string");
            }
        }

        if (property.CanWrite)
        {
            property.SetValue(target, property.PropertyType.IsArray ? values.ToArray() : values);
        }
        else if (property.GetValue(target) is IList list)
        {
            list.Clear();
            foreach (var value in values)
            {
                list.Add(value);
            }
        }
    }

    // "060" is 60 here but 48 to PyYAML, so the same file would mean different lifetimes in the two tools.
    private static bool HasLeadingZero(string text)
    {
        var digits = text.AsSpan().Trim().TrimStart("+-");
        return digits.Length > 1 && digits[0] == '0';
    }

    private static bool TryConvert(string text, Type type, out object? value, out string expected)
    {
        value = null;
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            expected = "a string";
            value = text;
            return true;
        }

        if (type == typeof(bool))
        {
            expected = "true or false";
            var ok = bool.TryParse(text, out var b);
            value = b;
            return ok;
        }

        if ((type == typeof(int) || type == typeof(long)) && HasLeadingZero(text))
        {
            expected = "a whole number without leading zeros (YAML 1.1, which AutoGen Studio reads with, takes 060 as octal 48)";
            return false;
        }

        if (type == typeof(int))
        {
            expected = "a whole number";
            var ok = int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var i);
            value = i;
            return ok;
        }

        if (type == typeof(long))
        {
            expected = "a whole number";
            var ok = long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var l);
            value = l;
            return ok;
        }

        if (type == typeof(double))
        {
            expected = "a number";
            var ok = double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d);
            value = d;
            return ok;
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            expected = "one of " + string.Join(", ", names.Select(KeyNames.ToSnakeCase));
            var match = names.FirstOrDefault(n => KeyNames.Normalize(n) == KeyNames.Normalize(text));
            if (match is null)
            {
                return false;
            }

            value = Enum.Parse(type, match);
            return true;
        }

        expected = "a supported value";
        return false;
    }

    private static bool IsStringList(Type type) =>
        type == typeof(string[])
        || (type.IsGenericType && type.GetGenericArguments() is [var element] && element == typeof(string)
            && typeof(IEnumerable<string>).IsAssignableFrom(type)
            && (type.IsInterface || typeof(IList).IsAssignableFrom(type)));
}
