using System.Globalization;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>Reads durations as operators type them: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>, or <c>01:30:00</c>.</summary>
internal static class TelegramDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var number = 0L;
        var digits = 0;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 6)
                {
                    return false;
                }

                number = (number * 10) + (c - '0');
                continue;
            }

            if (digits == 0)
            {
                return false;
            }

            duration += c switch
            {
                'w' => TimeSpan.FromDays(7 * number),
                'd' => TimeSpan.FromDays(number),
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => TimeSpan.MinValue,
            };
            if (duration < TimeSpan.Zero)
            {
                return false;
            }

            number = 0;
            digits = 0;
        }

        return digits == 0 && duration > TimeSpan.Zero;
    }
}
