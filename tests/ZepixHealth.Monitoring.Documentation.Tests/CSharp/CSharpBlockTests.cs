using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.CSharp;

/// <summary>Every C# block, compiled as written: a file's "csharp program" blocks together as one program, fragments inside the context their check names.</summary>
[TestFixture]
public sealed class CSharpBlockTests
{
    /// <summary>A fragment of a host's Program.cs, before <c>builder.Build()</c>.</summary>
    private const string HostTemplate = """
        public static class DocumentedBlock
        {
            public static void Run(WebApplicationBuilder builder)
            {
                /*block*/
            }
        }
        """;

    /// <summary>A fragment of a plugin's method, in a plugin with a <c>DbConnection _connection</c> field.</summary>
    private const string PluginTemplate = """
        public sealed class DocumentedPlugin() : HealthCheckablePluginBase("documented-plugin")
        {
            private System.Data.Common.DbConnection _connection = null!;

            public System.Data.Common.DbConnection Run()
            {
                /*block*/
                return _connection;
            }
        }
        """;

    public static IEnumerable<TestCaseData> Programs() =>
        BlockCatalog.Claimed("csharp program").GroupBy(c => c.Block.File)
            .Select(g => new TestCaseData(g.Key).SetName($"Program_AsWritten_Compiles({g.Key})"));

    public static IEnumerable<TestCaseData> Fragments() =>
        new[] { "csharp host", "csharp plugin" }
            .SelectMany(kind => BlockCatalog.Claimed(kind).Select(c => new TestCaseData(kind, c.Block)
                .SetName($"Fragment_AsWritten_Compiles({c.Block.File}:{c.Block.Line}, {kind})")));

    [TestCaseSource(nameof(Programs))]
    public void Program_AsWritten_Compiles(string file)
    {
        var blocks = ProgramBlocks(file);

        var assembly = CSharpBlockCompiler.CompileProgram(blocks);

        assembly.GetTypes().Should().NotBeEmpty();
    }

    [TestCaseSource(nameof(Fragments))]
    public void Fragment_AsWritten_Compiles(string kind, DocumentedBlock block)
    {
        var assembly = CSharpBlockCompiler.CompileFragment(block, kind == "csharp host" ? HostTemplate : PluginTemplate);

        assembly.GetTypes().Should().Contain(t => t.Name == "DocumentedBlock" || t.Name == "DocumentedPlugin");
    }

    /// <summary>A host fragment also runs: its registrations (and any Build and Map calls) on a real WebApplicationBuilder.</summary>
    [TestCaseSource(nameof(HostFragments))]
    public void HostFragment_AsWritten_RunsOnAWebApplicationBuilder(DocumentedBlock block)
    {
        var run = CSharpBlockCompiler.CompileFragment(block, HostTemplate).GetType("DocumentedBlock")!.GetMethod("Run")!;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();

        var act = () => run.Invoke(null, [builder]);

        act.Should().NotThrow($"{block} runs as written");
        builder.Services.Any(d => FromTheLibrary(d.ServiceType) || FromTheLibrary(d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.Method.DeclaringType))
            .Should().BeTrue($"{block} registers the library");
    }

    private static bool FromTheLibrary(Type? type) =>
        type?.Assembly.GetName().Name?.StartsWith("ZepixHealth.Monitoring", StringComparison.Ordinal) == true;

    public static IEnumerable<TestCaseData> HostFragments() =>
        BlockCatalog.Claimed("csharp host").Select(c => new TestCaseData(c.Block).SetName($"HostFragment_AsWritten_RunsOnAWebApplicationBuilder({c.Block.File}:{c.Block.Line})"));

    [Test]
    public void Fragment_ThatDoesNotCompile_IsReportedWithItsFileAndLine()
    {
        var block = new DocumentedBlock("docs/example.md", "Example", "csharp", 7, "builder.Services.AddPluginHealthMonitoring(o => o.NoSuchOption = 1);");

        var compile = () => CSharpBlockCompiler.CompileFragment(block, HostTemplate);

        compile.Should().Throw<InvalidOperationException>().WithMessage("*docs/example.md:7*NoSuchOption*");
    }

    /// <summary>The file's blocks claimed as "csharp program", in order: together they are one program.</summary>
    internal static IReadOnlyList<DocumentedBlock> ProgramBlocks(string file) =>
        BlockCatalog.Claimed("csharp program").Where(c => c.Block.File == file).Select(c => c.Block).ToList();
}
