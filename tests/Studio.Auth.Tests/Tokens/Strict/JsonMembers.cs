using System.Text;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// A JSON object kept as raw member text, so a test can write exactly the bytes an attacker would:
/// duplicates, escaped names, wrong types, odd spacing.
/// </summary>
public sealed class JsonMembers
{
    private readonly List<(string Name, string Value)> _members = [];

    /// <summary>Replaces the value of <paramref name="name"/> (raw JSON), or appends the member.</summary>
    public JsonMembers Set(string name, string rawValue)
    {
        var index = _members.FindIndex(m => m.Name == name);
        if (index >= 0)
        {
            _members[index] = (name, rawValue);
        }
        else
        {
            _members.Add((name, rawValue));
        }

        return this;
    }

    /// <summary>Appends a member even if the name is already there (a duplicate).</summary>
    public JsonMembers Add(string rawName, string rawValue)
    {
        _members.Add((rawName, rawValue));
        return this;
    }

    public JsonMembers Remove(string name)
    {
        _members.RemoveAll(m => m.Name == name);
        return this;
    }

    /// <summary>The object; names are written between quotes as given (so they may contain escapes).</summary>
    public string ToJson()
    {
        var builder = new StringBuilder("{");
        for (var i = 0; i < _members.Count; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append('"').Append(_members[i].Name).Append("\":").Append(_members[i].Value);
        }

        return builder.Append('}').ToString();
    }
}
