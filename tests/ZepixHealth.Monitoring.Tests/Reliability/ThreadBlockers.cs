using System.Diagnostics;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Three ways untrusted code blocks its thread until the test ends (a sleep loop, a lock wait, a
/// <c>.Result</c> on a task that never completes) and, on dispose, the release that lets each return,
/// so that the workers they held end.
/// </summary>
internal sealed class ThreadBlockers : IDisposable
{
    private readonly TaskCompletionSource<bool> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _neverSignalled = new(0);

    /// <summary>Gets the event set when the test ends.</summary>
    public ManualResetEventSlim Release { get; } = new();

    public static int ProcessThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    public void Sleep()
    {
        while (!Release.IsSet)
        {
            Thread.Sleep(50);
        }
    }

    public void Lock() => _neverSignalled.Wait();

    public void Result() => _ = _never.Task.Result;

    public void Dispose()
    {
        Release.Set();
        _never.TrySetResult(true);
        _neverSignalled.Release(1000);
        Release.Dispose();
        _neverSignalled.Dispose();
    }
}
