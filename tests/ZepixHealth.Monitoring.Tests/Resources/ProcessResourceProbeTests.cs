using System.Diagnostics;

namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class ProcessResourceProbeTests
{
    private const double BytesPerMb = 1024 * 1024;

    [Test]
    public async Task Sample_ChildAllocates200MB_ResidentMemoryRisesBy200MBWithin10Percent()
    {
        const int Megabytes = 200;
        using var child = await HelperChild.StartAsync();
        var probe = new ProcessResourceProbe(child.ProcessId, TimeProvider.System);
        var before = probe.Sample().Resources!.MemoryUsageMb!.Value;

        await child.AllocateAsync(Megabytes);
        var after = probe.Sample().Resources!.MemoryUsageMb!.Value;

        (after - before).Should().BeApproximately(Megabytes, Megabytes * 0.10);
    }

    [Test]
    public async Task Sample_ChildBurns400MsOfCpuInOneFakeSecond_CpuIsProcessorTimeOverWallTime()
    {
        // Wall time comes from the TimeProvider: exactly one second here, whatever the real clock did.
        var time = new FakeTimeProvider();
        using var child = await HelperChild.StartAsync();
        var probe = new ProcessResourceProbe(child.ProcessId, time);

        await child.BurnAsync(TimeSpan.FromMilliseconds(400));
        time.Advance(TimeSpan.FromSeconds(1));
        var cpu = probe.Sample().Resources!.CpuUsagePct;

        // 400 ms of one core in 1 s is 40 %; the child's idle threads add a little, /proc counts in 10 ms steps.
        cpu.Should().BeApproximately(40, 40 * 0.15);
    }

    [Test]
    public async Task Sample_ChildExits_NotRunningWithAReason()
    {
        using var child = await HelperChild.StartAsync();
        var probe = new ProcessResourceProbe(child.ProcessId, TimeProvider.System);
        probe.Sample().IsRunning.Should().BeTrue();

        await child.ExitAsync(3);
        var result = probe.Sample();

        result.IsRunning.Should().BeFalse();
        result.Resources.Should().BeNull();
        result.ExitReason.Should().Be($"Process {child.ProcessId} is not running: it has exited.");
    }

    [Test]
    public void Sample_ProcessThatNeverExisted_NotRunningWithAReason()
    {
        const int NoSuchProcess = 0x3FFF_FFF0;
        var result = new ProcessResourceProbe(NoSuchProcess, TimeProvider.System).Sample();

        result.IsRunning.Should().BeFalse();
        result.ExitReason.Should().Be($"Process {NoSuchProcess} is not running: it has exited or never existed.");
    }

    [Test]
    public void Sample_CurrentProcess_ReportsEveryFigure()
    {
        var time = new FakeTimeProvider();
        var probe = ProcessResourceProbe.ForCurrentProcess(time, memoryLimitMb: null);
        time.Advance(TimeSpan.FromSeconds(30));

        var resources = probe.Sample().Resources!;

        using var self = Process.GetCurrentProcess();
        resources.MemoryUsageMb.Should().BeApproximately(self.WorkingSet64 / BytesPerMb, 0.1 * self.WorkingSet64 / BytesPerMb);
        resources.ManagedHeapMb.Should().BePositive().And.BeLessThan(resources.MemoryUsageMb!.Value);
        resources.MemoryLimitMb.Should().Be(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / BytesPerMb);
        resources.CpuUsagePct.Should().NotBeNull().And.BeGreaterThanOrEqualTo(0);
        resources.Threads.Should().BeGreaterThan(1);
        resources.OpenFileHandles.Should().BePositive();
        resources.AllocatedBytes.Should().BeNull();
    }

    [Test]
    public void Sample_ConfiguredMemoryLimit_IsReported()
    {
        var resources = ProcessResourceProbe.ForCurrentProcess(TimeProvider.System, memoryLimitMb: 1536).Sample().Resources!;

        resources.MemoryLimitMb.Should().Be(1536);
    }

    [Test]
    public void Sample_ClockDidNotMove_CpuUnknownRatherThanADivisionByZero()
    {
        var probe = ProcessResourceProbe.ForCurrentProcess(new FakeTimeProvider(), memoryLimitMb: null);

        probe.Sample().Resources!.CpuUsagePct.Should().BeNull();
    }

    [Test]
    public void Sample_TestOpensTenFiles_OpenFileHandlesRiseByTen()
    {
        var folder = Directory.CreateTempSubdirectory("zepix-handles-");
        var files = new List<FileStream>();
        try
        {
            var probe = ProcessResourceProbe.ForCurrentProcess(TimeProvider.System, memoryLimitMb: null);
            var before = probe.Sample().Resources!.OpenFileHandles!.Value;

            for (var i = 0; i < 10; i++)
            {
                files.Add(new FileStream(Path.Combine(folder.FullName, $"{i}.tmp"), FileMode.Create, FileAccess.ReadWrite, FileShare.None));
            }

            var after = probe.Sample().Resources!.OpenFileHandles!.Value;

            after.Should().Be(before + 10);
        }
        finally
        {
            files.ForEach(f => f.Dispose());
            folder.Delete(recursive: true);
        }
    }
}
