using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>
/// Plugin, observer and sink calls run on worker threads: a test that moves a fake clock waits for
/// the calls already started to reach their await first, or it would time out a call still running.
/// </summary>
internal static class CallWorkers
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    /// <summary>Completes when no call is queued or running on either pool (calls given up on aside).</summary>
    /// <remarks>
    /// Returns only when quiet is seen on this thread and the thread pool has no queued work: a call that
    /// completed on the fake clock resumes its cycle on the pool, and that cycle may be about to start
    /// its next call. A clock advance right after this returns hits no call that is about to run.
    /// </remarks>
    /// <exception cref="TimeoutException">A call kept running for 10 s: it blocks on something only the test can release.</exception>
    public static async Task SettleAsync()
    {
        do
        {
            try
            {
                await Task.WhenAll(CallWorkerPool.Cycle.WhenQuietAsync(), CallWorkerPool.Background.WhenQuietAsync()).WaitAsync(Guard);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"The call workers did not settle within {Guard.TotalSeconds:0} s: cycle pool {Describe(CallWorkerPool.Cycle)}, background pool {Describe(CallWorkerPool.Background)}.");
            }
        }
        while (!CallWorkerPool.Cycle.IsQuiet || !CallWorkerPool.Background.IsQuiet || await ThreadPoolBusyAsync());
    }

    private static async Task<bool> ThreadPoolBusyAsync()
    {
        if (ThreadPool.PendingWorkItemCount == 0)
        {
            return false;
        }

        await Task.Yield();
        return true;
    }

    private static string Describe(CallWorkerPool pool) =>
        $"{pool.BusyCalls} calls queued or running, {pool.ActiveWorkers} workers, {pool.GivenUpWorkers} given up";
}
