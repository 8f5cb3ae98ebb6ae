namespace ZepixHealth.Monitoring;

/// <summary>
/// The one back-off used for every retry in the library (store writes, alert writes, deliveries):
/// <see cref="First"/> after the first failure, doubling after each further one, never more than
/// <see cref="Max"/>.
/// </summary>
/// <param name="First">The wait after the first failure; greater than zero.</param>
/// <param name="Max">The longest wait; at least <paramref name="First"/>.</param>
internal readonly record struct ExponentialBackoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>Gets the wait before the next attempt, after <paramref name="failures"/> failures in a row.</summary>
    /// <param name="failures">How many attempts have failed in a row; 1 or more (less counts as 1).</param>
    /// <returns>The wait, from <see cref="First"/> up to <see cref="Max"/>.</returns>
    public TimeSpan DelayAfter(int failures)
    {
        // 2^30 × any positive First is already far past any sensible Max; the cap also keeps the shift in range.
        var doublings = Math.Clamp(failures, 1, 31) - 1;
        var ticks = First.Ticks > Max.Ticks >> doublings ? Max.Ticks : First.Ticks << doublings;
        return TimeSpan.FromTicks(Math.Min(ticks, Max.Ticks));
    }
}
