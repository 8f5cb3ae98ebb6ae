namespace ZepixHealth.Monitoring;

/// <summary>Rules for plugin identifiers, shared by the registry and the options validator.</summary>
internal static class PluginId
{
    /// <summary>The id of the host process's own row; reserved, so no plugin may use it.</summary>
    public const string HostRowId = "host";

    /// <summary>The longest id accepted: ids appear in Telegram messages, logs and database keys.</summary>
    public const int MaxLength = 128;

    /// <summary>Ids are compared ignoring case, as configuration keys are.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Returns why <paramref name="id"/> is not a valid plugin id, or <see langword="null"/> when it is.</summary>
    public static string? FindProblem(string? id)
    {
        if (id is null)
        {
            return "the id is null";
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return "the id is empty or white space";
        }

        if (id.Length > MaxLength)
        {
            return $"the id is {id.Length} characters long; at most {MaxLength} are allowed";
        }

        if (Comparer.Equals(id, HostRowId))
        {
            return $"the id '{HostRowId}' is reserved for the host process's own row (configure it under PluginHealth:Host)";
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c))
            {
                return $"the id contains the control character U+{(int)c:X4}";
            }

            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Not valid UTF-16: SQLite and UTF-8 logs would silently change it to U+FFFD.
                return $"the id contains a lone surrogate U+{(int)c:X4} at index {i}, so it is not valid UTF-16 text";
            }
        }

        return null;
    }

    /// <summary>Shortens an id for a message, so that a 10,000-character id does not flood the log.</summary>
    /// <remarks>Made one line with no control characters or lone surrogates: the id may be invalid.</remarks>
    public static string ForDisplay(string? id) =>
        id is null ? "(null)" : OperatorText.ToSingleLine(id.Length <= MaxLength ? id : string.Concat(id.AsSpan(0, MaxLength), "…"));
}
