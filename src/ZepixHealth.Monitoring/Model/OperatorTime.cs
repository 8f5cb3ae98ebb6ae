using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Times as an operator reads them in a notification at 3 a.m.: ages ("for 5 min", "2 h 10 min") and
/// clock times ("since 14:02 UTC"), never raw ISO stamps, and never "0 s" for something just begun.
/// </summary>
internal static class OperatorTime
{
    /// <summary>A length of time, rounded to what matters: "45 s", "5 min", "2 h 10 min", "3 d 4 h".</summary>
    /// <param name="duration">The length; negative counts as zero.</param>
    /// <returns>The wording; below one second, "less than 1 s".</returns>
    public static string Age(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return "less than 1 s";
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return Invariant($"{(int)duration.TotalSeconds} s");
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return Invariant($"{(int)duration.TotalMinutes} min");
        }

        if (duration < TimeSpan.FromDays(1))
        {
            return duration.Minutes == 0 ? Invariant($"{(int)duration.TotalHours} h") : Invariant($"{(int)duration.TotalHours} h {duration.Minutes} min");
        }

        return duration.Hours == 0 ? Invariant($"{(int)duration.TotalDays} d") : Invariant($"{(int)duration.TotalDays} d {duration.Hours} h");
    }

    /// <summary>A clock time in UTC: "14:02 UTC" on the day of <paramref name="now"/>, "29 Nov 14:02 UTC" before it.</summary>
    /// <param name="at">The instant.</param>
    /// <param name="now">The reader's present, which decides whether the date is needed.</param>
    /// <returns>The wording.</returns>
    public static string ClockTime(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        return utc.Date == now.ToUniversalTime().Date
            ? utc.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : utc.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
