namespace ZepixHealth.Monitoring;

/// <summary>A call waiting for, or running on, a <see cref="CallWorkerPool"/> worker.</summary>
internal abstract class CallWork
{
    /// <summary>Runs the call's synchronous part on the current worker.</summary>
    /// <returns><see langword="false"/> when the worker was given up on during the call and must end.</returns>
    public abstract bool Run();
}
