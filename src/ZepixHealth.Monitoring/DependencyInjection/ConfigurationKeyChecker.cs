using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Finds configuration keys that no option has (a typo such as <c>CollectionIntervall</c>) and says
/// so in one line per key: its full path, the nearest accepted key, and the keys accepted there.
/// </summary>
/// <remarks>
/// Walks the section against the options type: a property of an options class is a key, a
/// dictionary's children are its entries (any key), a list's children are its items.
/// </remarks>
internal static class ConfigurationKeyChecker
{
    /// <summary>Returns one problem per unknown key below <paramref name="section"/>, bound to <paramref name="optionsType"/>.</summary>
    public static List<string> FindUnknownKeys(IConfiguration section, Type optionsType, string path)
    {
        var problems = new List<string>();
        Check(section, optionsType, path, problems);
        return problems;
    }

    private static void Check(IConfiguration section, Type type, string path, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var childPath = path.Length == 0 ? child.Key : $"{path}:{child.Key}";
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckValue(child, property.PropertyType, childPath, problems);
            }
            else
            {
                problems.Add(Describe(childPath, child.Key, properties.Keys));
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var isGroup = DictionaryValueType(type) is not null || IsOptionsClass(type);
        if (isGroup && section.Value is { Length: > 0 } value)
        {
            problems.Add($"'{path}' is a group of settings, not a value; it was '{value}'.");
            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            foreach (var entry in section.GetChildren())
            {
                CheckValue(entry, valueType, $"{path}:{entry.Key}", problems);
            }
        }
        else if (IsOptionsClass(type))
        {
            Check(section, type, path, problems);
        }
        else if (ListItemType(type) is { } itemType && IsOptionsClass(itemType))
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, itemType, $"{path}:{item.Key}", problems);
            }
        }
    }

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string Describe(string path, string key, IEnumerable<string> accepted)
    {
        var names = accepted.Order(StringComparer.Ordinal).ToList();
        var nearest = names.MinBy(name => Distance(key, name));
        var suggestion = nearest is not null && Distance(key, nearest) <= Math.Max(2, nearest.Length / 2)
            ? $" Did you mean '{nearest}'?"
            : string.Empty;
        return $"'{path}' is not a setting.{suggestion} Accepted here: {string.Join(", ", names)}.";
    }

    /// <summary>Levenshtein distance, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
