using System.Reflection;
using System.Text;

namespace Studio.Auth.PublicApi.Tests;

/// <summary>
/// Writes an assembly's public surface (types a consumer can see and their public and protected
/// members) as sorted text, one line per member, so a change to the API shows up as a diff.
/// </summary>
internal static class PublicApiWriter
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Write(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add(Describe(type));
            lines.AddRange(Members(type).Select(m => Name(type) + " :: " + m));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines) + '\n';
    }

    private static string Describe(Type type)
    {
        var kind = type.IsInterface ? "interface"
            : type.IsEnum ? "enum"
            : type.IsValueType ? (IsRecord(type) ? "record struct" : "struct")
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
            : IsRecord(type) ? "record"
            : "class";
        var modifiers = type is { IsAbstract: true, IsSealed: true } ? "static "
            : type.IsAbstract && !type.IsInterface ? "abstract "
            : type.IsSealed && !type.IsValueType && !type.IsEnum && kind != "delegate" ? "sealed "
            : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum)
            && baseType != typeof(MulticastDelegate))
        {
            bases.Add(Name(baseType));
        }

        if (!type.IsEnum)
        {
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        }
        return $"{modifiers}{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static IEnumerable<string> Members(Type type)
    {
        foreach (var member in type.GetMembers(Declared))
        {
            var text = member switch
            {
                ConstructorInfo c when Visible(c) => $"{Access(c)}ctor({Parameters(c)})",
                MethodInfo m when Visible(m) && !m.IsSpecialName && !IsCompilerGenerated(m) =>
                    $"{Access(m)}{Static(m)}{Virtual(m)}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m)})",
                PropertyInfo p when Accessors(p).Any(Visible) =>
                    $"{Name(p.PropertyType)} {p.Name} {{ {string.Join(' ', Accessors(p).Where(Visible).Select(AccessorName))} }}",
                FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName =>
                    $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}"
                    + (f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : string.Empty),
                EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };
            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo p) => new[] { p.GetMethod, p.SetMethod }.OfType<MethodInfo>();

    private static string AccessorName(MethodInfo accessor) =>
        accessor.Name.StartsWith("get_", StringComparison.Ordinal) ? Access(accessor) + "get;"
        : accessor.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? Access(accessor) + "init;"
        : Access(accessor) + "set;";

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Access(MethodBase m) => m.IsPublic ? string.Empty : "protected ";

    private static string Static(MethodInfo m) => m.IsStatic ? "static " : string.Empty;

    private static string Virtual(MethodInfo m) =>
        m.IsAbstract ? "abstract "
        : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m && !m.DeclaringType!.IsInterface ? "virtual "
        : m.IsVirtual && m.GetBaseDefinition() != m ? "override "
        : string.Empty;

    private static bool IsCompilerGenerated(MethodInfo m) => m.Name is "<Clone>$" || m.Name.Contains('<', StringComparison.Ordinal);

    // Records have a compiler-generated PrintMembers (record structs have no <Clone>$ or EqualityContract).
    private static bool IsRecord(Type type) => type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Public) is not null;

    private static string Generic(MethodInfo m) => m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase m) =>
        string.Join(", ", m.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) + " " + p.Name
            + (p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : string.Empty)));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var name = new StringBuilder();
        if (type.IsNested)
        {
            name.Append(Name(type.DeclaringType!)).Append('.');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            name.Append(type.Namespace).Append('.');
        }

        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        name.Append(tick >= 0 ? simple[..tick] : simple);
        if (type.IsGenericType)
        {
            var own = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
            if (own.Length > 0)
            {
                name.Append('<').Append(string.Join(", ", own.Select(Name))).Append('>');
            }
        }

        return name.ToString();
    }
}
