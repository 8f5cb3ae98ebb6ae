using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Chooses an alert's short id: the shortest tail of its id's hex digits, at least
/// <see cref="MinLength"/>, that no open alert uses. The tail, not the head: a version-7 GUID starts
/// with a timestamp, so alerts raised in the same minute share their first digits.
/// </summary>
internal static class AlertShortIds
{
    public const int MinLength = 4;

    /// <summary>Returns the short id for <paramref name="id"/>.</summary>
    /// <param name="id">The new alert's id.</param>
    /// <param name="isOpen">Whether an open alert already has a short id.</param>
    public static string Choose(Guid id, Func<string, bool> isOpen)
    {
        var hex = id.ToString("N", CultureInfo.InvariantCulture);
        for (var length = MinLength; length < hex.Length; length++)
        {
            var candidate = hex[^length..];
            if (!isOpen(candidate))
            {
                return candidate;
            }
        }

        return hex;
    }
}
