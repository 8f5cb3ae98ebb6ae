using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.CSharp;

/// <summary>
/// Compiles C# blocks as written into an in-memory assembly against every assembly this test runs with
/// (the five packages, ASP.NET Core, the hosting stack), nullable on, with the implicit usings of a new project.
/// </summary>
internal static partial class CSharpBlockCompiler
{
    /// <summary>The implicit usings of <c>Microsoft.NET.Sdk</c>: what a new console project has without writing them.</summary>
    public static readonly IReadOnlyList<string> ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>The implicit usings of <c>Microsoft.NET.Sdk.Web</c>, plus the README's <c>using ZepixHealth.Monitoring;</c>: what a fragment of a host's Program.cs sees.</summary>
    public static readonly IReadOnlyList<string> HostUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging", "ZepixHealth.Monitoring",
    ];

    /// <summary>What the SDK passes as /nowarn to every build: unification of reference assembly versions.</summary>
    private static readonly Dictionary<string, ReportDiagnostic> SdkSuppressed = new() { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress };

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>Compiles the blocks as one program (each block one file), with only <see cref="ConsoleUsings"/> implicit.</summary>
    /// <param name="blocks">Blocks that are whole files: using lines, then statements and/or types.</param>
    /// <returns>The loaded assembly.</returns>
    public static Assembly CompileProgram(IReadOnlyList<DocumentedBlock> blocks)
    {
        var trees = blocks.Select(b => Parse(b.Text, b.ToString())).ToList();
        var hasStatements = trees.Any(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        return Compile(trees, ConsoleUsings, hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, blocks);
    }

    /// <summary>Compiles one block as the body of a method, inside <paramref name="template"/>.</summary>
    /// <param name="block">A fragment: statements, with any using lines first (those go to the top of the file).</param>
    /// <param name="template">The surrounding class, with <c>/*block*/</c> where the statements go.</param>
    /// <returns>The loaded assembly.</returns>
    public static Assembly CompileFragment(DocumentedBlock block, string template)
    {
        var usings = UsingLine().Matches(block.Text).Select(m => m.Value).ToList();
        var body = UsingLine().Replace(block.Text, "");
        var source = string.Join('\n', usings) + "\n" + template.Replace("/*block*/", "\n#line 1\n" + body + "\n#line default\n", StringComparison.Ordinal);
        return Compile([Parse(source, block.ToString())], HostUsings, OutputKind.DynamicallyLinkedLibrary, [block]);
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path);

    private static Assembly Compile(List<SyntaxTree> trees, IReadOnlyList<string> implicitUsings, OutputKind kind, IReadOnlyList<DocumentedBlock> blocks)
    {
        trees.Add(Parse(string.Join('\n', implicitUsings.Select(u => $"global using global::{u};")), "ImplicitUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "DocumentedBlocks_" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SdkSuppressed));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.WarningLevel <= 4))
            .Select(Describe)
            .ToList();
        if (problems.Count > 0 || !result.Success)
        {
            throw new InvalidOperationException(
                $"The C# of {string.Join(", ", blocks)} does not compile cleanly as written:\n" + string.Join('\n', problems));
        }

        return Assembly.Load(image.ToArray());
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var text = diagnostic.Location.SourceTree?.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
        return $"  line {span.StartLinePosition.Line + 1} of the block: {diagnostic.Id} {diagnostic.GetMessage()}\n      {text}";
    }

    private static List<MetadataReference> LoadReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !p.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

    [GeneratedRegex(@"^using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?\s*;[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
